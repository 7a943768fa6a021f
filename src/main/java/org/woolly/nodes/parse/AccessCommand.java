package org.woolly.nodes.parse;

import java.util.List;

/**
 * The statements on schemas, roles, privileges and databases (PostgreSQL's
 * {@code CreateSchemaStmt}, {@code AlterObjectSchemaStmt}, {@code CreateRoleStmt},
 * {@code AlterRoleStmt}, {@code GrantRoleStmt}, {@code GrantStmt}, {@code CreatedbStmt}, ...),
 * carried by {@link Statement.AccessControl} so that they form one family of their own.
 */
public sealed interface AccessCommand {

    /** The command tag PostgreSQL sends for it. */
    String tag();

    /**
     * {@code CREATE SCHEMA [IF NOT EXISTS] name [AUTHORIZATION role] [element ...]}; {@code name} is
     * null with {@code AUTHORIZATION} alone (the schema is named after the role); {@code elements}
     * are the embedded CREATE statements.
     */
    record CreateSchema(String name, RoleSpec authorization, boolean ifNotExists, List<Statement> elements,
                        int location) implements AccessCommand {
        public String tag() {
            return "CREATE SCHEMA";
        }
    }

    /** {@code ALTER SCHEMA name RENAME TO newName} or {@code ... OWNER TO role} (one of the two is set). */
    record AlterSchema(String name, String newName, RoleSpec newOwner, int location) implements AccessCommand {
        public String tag() {
            return "ALTER SCHEMA";
        }
    }

    /**
     * One option of CREATE/ALTER ROLE ({@code CreateOptRoleElem}): {@code name} is the pg_authid
     * attribute or clause ({@code superuser}, {@code createdb}, {@code createrole}, {@code inherit},
     * {@code login}, {@code replication}, {@code bypassrls}, {@code connectionlimit},
     * {@code password}, {@code validuntil}, {@code addroleto} for IN ROLE, {@code rolemembers}
     * for ROLE/USER, {@code adminmembers} for ADMIN, {@code sysid}); {@code value} a Boolean,
     * Integer, String (null for PASSWORD NULL) or a list of {@link RoleSpec}.
     */
    record RoleOption(String name, Object value, int location) {}

    /** {@code CREATE ROLE | USER | GROUP name [WITH] options}; USER implies LOGIN. */
    record CreateRole(String name, String kind, List<RoleOption> options, int location) implements AccessCommand {
        public String tag() {
            return "CREATE ROLE";
        }
    }

    /** {@code ALTER ROLE | USER role [WITH] options}. */
    record AlterRole(RoleSpec role, List<RoleOption> options, int location) implements AccessCommand {
        public String tag() {
            return "ALTER ROLE";
        }
    }

    /** {@code ALTER ROLE name RENAME TO newName}. */
    record RenameRole(String name, String newName, int location) implements AccessCommand {
        public String tag() {
            return "ALTER ROLE";
        }
    }

    /**
     * {@code GRANT role, ... TO grantee, ... [WITH ADMIN OPTION] [GRANTED BY r]} and
     * {@code REVOKE [ADMIN OPTION FOR] role, ... FROM grantee, ... [GRANTED BY r] [CASCADE | RESTRICT]}.
     */
    record GrantRole(List<RoleSpec> roles, List<RoleSpec> grantees, boolean revoke, boolean adminOption,
                     RoleSpec grantedBy, boolean cascade, int location) implements AccessCommand {
        public String tag() {
            return revoke ? "REVOKE ROLE" : "GRANT ROLE";
        }
    }

    /**
     * {@code GRANT privileges ON objects TO grantees [WITH GRANT OPTION]} and {@code REVOKE [GRANT
     * OPTION FOR] privileges ON objects FROM grantees [CASCADE | RESTRICT]} ({@code GrantStmt}):
     * {@code privileges} in lower case ({@code select}, {@code temporary} ...), empty for ALL;
     * {@code objectType} is TABLE, SEQUENCE, SCHEMA, DATABASE or ALL TABLES IN SCHEMA (objects are
     * then the schemas); grantees may be {@link RoleSpec.Kind#PUBLIC}.
     */
    record GrantPrivileges(boolean revoke, List<String> privileges, String objectType, List<QualifiedName> objects,
                           List<RoleSpec> grantees, boolean grantOption, RoleSpec grantedBy, boolean cascade,
                           int location) implements AccessCommand {
        public String tag() {
            return revoke ? "REVOKE" : "GRANT";
        }
    }

    /**
     * One option of CREATE / ALTER DATABASE ({@code createdb_opt_item}): {@code name} in lower
     * case with CONNECTION LIMIT as {@code connection_limit}; {@code value} a String (a word or a
     * string literal), an Integer, or null for DEFAULT.
     */
    record DatabaseOption(String name, Object value, int location) {}

    /** {@code CREATE DATABASE name [WITH] [option [=] value ...]}. */
    record CreateDatabase(String name, List<DatabaseOption> options, int location) implements AccessCommand {
        public String tag() {
            return "CREATE DATABASE";
        }
    }

    /**
     * {@code ALTER DATABASE name RENAME TO newName | OWNER TO role | [WITH] options}: exactly one
     * of {@code newName}, {@code newOwner} or a non-empty {@code options} is given.
     */
    record AlterDatabase(String name, String newName, RoleSpec newOwner, List<DatabaseOption> options, int location)
            implements AccessCommand {
        public String tag() {
            return "ALTER DATABASE";
        }
    }

    /**
     * A stored session default ({@code AlterRoleSetStmt}, {@code AlterDatabaseSetStmt}):
     * {@code ALTER ROLE {role | ALL} [IN DATABASE database] SET ... | RESET ...} and
     * {@code ALTER DATABASE database SET ... | RESET ...}. {@code role} is null for ALL and for
     * ALTER DATABASE ({@code databaseForm}); {@code database} null for every database.
     * {@code setting} is a {@link Statement.VariableSet} or a {@link Statement.VariableReset}.
     */
    record AlterSetting(RoleSpec role, String database, boolean databaseForm, Statement setting, int location)
            implements AccessCommand {
        public String tag() {
            return databaseForm ? "ALTER DATABASE" : "ALTER ROLE";
        }
    }

    /** {@code DROP DATABASE [IF EXISTS] name [[WITH] (FORCE)]}. */
    record DropDatabase(String name, boolean ifExists, boolean force, int location) implements AccessCommand {
        public String tag() {
            return "DROP DATABASE";
        }
    }
}
