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
}
