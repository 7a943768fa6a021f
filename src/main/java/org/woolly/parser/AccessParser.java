package org.woolly.parser;

import java.util.ArrayList;
import java.util.List;
import org.woolly.nodes.parse.AccessCommand;
import org.woolly.nodes.parse.QualifiedName;
import org.woolly.nodes.parse.RoleSpec;
import org.woolly.nodes.parse.Statement;
import org.woolly.utils.error.SqlState;

/**
 * CREATE/ALTER SCHEMA and the role specifications they share with the role and privilege
 * statements. Counterpart of the {@code CreateSchemaStmt}, {@code AlterSchemaStmt}-like
 * {@code RenameStmt}/{@code AlterOwnerStmt} forms and {@code RoleSpec} rules of
 * {@code src/backend/parser/gram.y}.
 */
final class AccessParser {
    private final Grammar grammar;
    private final TokenCursor cursor;

    AccessParser(Grammar grammar) {
        this.grammar = grammar;
        this.cursor = grammar.cursor;
    }

    /** After CREATE, at SCHEMA. */
    Statement createSchema(Token create) {
        cursor.expectKeyword("schema");
        boolean ifNotExists = cursor.acceptKeywords("if", "not", "exists");
        String name = null;
        RoleSpec authorization = null;
        if (cursor.acceptKeyword("authorization")) {
            authorization = roleSpec();
        } else {
            name = grammar.columnId();
            if (cursor.acceptKeyword("authorization")) {
                authorization = roleSpec();
            }
        }
        List<Statement> elements = new ArrayList<>();
        while (cursor.atKeyword("create")) {
            Token element = cursor.peek();
            if (ifNotExists) {
                throw TokenCursor.errorAt(SqlState.FEATURE_NOT_SUPPORTED,
                        "CREATE SCHEMA IF NOT EXISTS cannot include schema elements", element);
            }
            elements.add(grammar.ddl.create());
        }
        return new Statement.AccessControl(new AccessCommand.CreateSchema(name, authorization, ifNotExists,
                List.copyOf(elements), create.start()));
    }

    /** At ALTER SCHEMA name {RENAME TO new | OWNER TO role}. */
    Statement alterSchema() {
        Token alter = cursor.expectKeyword("alter");
        cursor.expectKeyword("schema");
        String name = grammar.columnId();
        if (cursor.acceptKeyword("rename")) {
            cursor.expectKeyword("to");
            return new Statement.AccessControl(new AccessCommand.AlterSchema(name, grammar.columnId(), null,
                    alter.start()));
        }
        cursor.expectKeyword("owner");
        cursor.expectKeyword("to");
        return new Statement.AccessControl(new AccessCommand.AlterSchema(name, null, roleSpec(), alter.start()));
    }

    /** {@code RoleSpec}: a role name or CURRENT_USER, SESSION_USER, CURRENT_ROLE; NONE is reserved. */
    RoleSpec roleSpec() {
        Token role = cursor.peek();
        RoleSpec.Kind special = null;
        if (role.isKeyword("current_user")) {
            special = RoleSpec.Kind.CURRENT_USER;
        } else if (role.isKeyword("session_user")) {
            special = RoleSpec.Kind.SESSION_USER;
        } else if (role.isKeyword("current_role")) {
            special = RoleSpec.Kind.CURRENT_ROLE;
        } else if (role.isKeyword("none")) {
            throw TokenCursor.errorAt(SqlState.RESERVED_NAME, "role name \"none\" is reserved", role);
        }
        if (special != null) {
            cursor.advance();
            return new RoleSpec(special, null, role.start());
        }
        return RoleSpec.named(grammar.columnId(), role.start());
    }

    /** After CREATE, at ROLE, USER or GROUP: {@code CreateRoleStmt}, {@code CreateUserStmt}, {@code CreateGroupStmt}. */
    Statement createRole(Token create) {
        String kind = cursor.advance().text().toUpperCase(java.util.Locale.ROOT);
        String name = roleId();
        cursor.acceptKeyword("with");
        return new Statement.AccessControl(new AccessCommand.CreateRole(name, kind, roleOptions(true),
                create.start()));
    }

    /** At ALTER ROLE | USER: options, RENAME TO, or [IN DATABASE d] SET / RESET of a stored setting. */
    Statement alterRole() {
        Token alter = cursor.expectKeyword("alter");
        cursor.advance();
        if (cursor.peek(1).isKeyword("rename")) {
            String name = roleId();
            cursor.expectKeyword("rename");
            cursor.expectKeyword("to");
            return new Statement.AccessControl(new AccessCommand.RenameRole(name, roleId(), alter.start()));
        }
        RoleSpec role = cursor.acceptKeyword("all") ? null : roleSpec();
        String database = null;
        if (cursor.acceptKeyword("in")) {
            cursor.expectKeyword("database");
            database = grammar.columnId();
        }
        if (role == null || database != null || cursor.atKeyword("set") || cursor.atKeyword("reset")) {
            return new Statement.AccessControl(new AccessCommand.AlterSetting(role, database, false,
                    setOrReset(grammar), alter.start()));
        }
        cursor.acceptKeyword("with");
        return new Statement.AccessControl(new AccessCommand.AlterRole(role, roleOptions(false), alter.start()));
    }

    /** {@code SetResetClause}: SET name {TO | =} value or RESET name | ALL, as a stored setting takes it. */
    static Statement setOrReset(Grammar grammar) {
        VariableSetParser parser = new VariableSetParser(grammar);
        if (grammar.cursor.atKeyword("set")) {
            return parser.set();
        }
        if (grammar.cursor.atKeyword("reset")) {
            return parser.reset();
        }
        throw grammar.cursor.syntaxError();
    }

    /**
     * At GRANT or REVOKE. A list of role names followed by TO/FROM is a role membership grant
     * ({@code GrantRoleStmt}); privileges ON objects are not run yet.
     */
    Statement grantOrRevoke() {
        Token verb = cursor.advance();
        boolean revoke = verb.isKeyword("revoke");
        boolean adminOption = false;
        if (revoke && cursor.atKeyword("admin") && cursor.peek(1).isKeyword("option")) {
            cursor.advance();
            cursor.advance();
            cursor.expectKeyword("for");
            adminOption = true;
        }
        boolean grantOptionFor = false;
        if (revoke && !adminOption && cursor.atKeyword("grant") && cursor.peek(1).isKeyword("option")) {
            cursor.advance();
            cursor.advance();
            cursor.expectKeyword("for");
            grantOptionFor = true;
        }
        int start = cursor.mark();
        boolean roleList = !grantOptionFor && isRoleList(revoke);
        cursor.reset(start);
        if (!roleList) {
            return grantPrivileges(verb, revoke, grantOptionFor);
        }
        List<RoleSpec> roles = new ArrayList<>();
        do {
            roles.add(roleSpec());
        } while (cursor.accept(Token.Kind.COMMA));
        cursor.expectKeyword(revoke ? "from" : "to");
        List<RoleSpec> grantees = new ArrayList<>();
        do {
            grantees.add(roleSpec());
        } while (cursor.accept(Token.Kind.COMMA));
        if (!revoke && cursor.acceptKeyword("with")) {
            cursor.expectKeyword("admin");
            cursor.expectKeyword("option");
            adminOption = true;
        }
        RoleSpec grantedBy = null;
        if (cursor.acceptKeyword("granted")) {
            cursor.expectKeyword("by");
            grantedBy = roleSpec();
        }
        boolean cascade = false;
        if (revoke) {
            cascade = cursor.acceptKeyword("cascade");
            if (!cascade) {
                cursor.acceptKeyword("restrict");
            }
        }
        return new Statement.AccessControl(new AccessCommand.GrantRole(List.copyOf(roles), List.copyOf(grantees),
                revoke, adminOption, grantedBy, cascade, verb.start()));
    }

    /** After GRANT or REVOKE [GRANT OPTION FOR]: privileges ON objects TO|FROM grantees. */
    private Statement grantPrivileges(Token verb, boolean revoke, boolean grantOptionFor) {
        List<String> privileges = new ArrayList<>();
        if (cursor.acceptKeyword("all")) {
            cursor.acceptKeyword("privileges");
        } else {
            do {
                Token privilege = cursor.peek();
                if (!privilege.is(Token.Kind.IDENT)) {
                    throw cursor.syntaxError();
                }
                cursor.advance();
                privileges.add(privilege.text());
                if (cursor.at(Token.Kind.LEFT_PAREN)) {
                    throw TokenCursor.notSupportedClause("column privileges are not supported yet", cursor.peek());
                }
            } while (cursor.accept(Token.Kind.COMMA));
        }
        cursor.expectKeyword("on");
        String objectType = "TABLE";
        boolean qualified = true;
        Token kind = cursor.peek();
        if (kind.isKeyword("all")) {
            cursor.advance();
            cursor.expectKeyword("tables");
            cursor.expectKeyword("in");
            cursor.expectKeyword("schema");
            objectType = "ALL TABLES IN SCHEMA";
            qualified = false;
        } else if (kind.isKeyword("table") || kind.isKeyword("sequence")) {
            cursor.advance();
            objectType = kind.text().toUpperCase(java.util.Locale.ROOT);
        } else if (kind.isKeyword("schema") || kind.isKeyword("database")) {
            cursor.advance();
            objectType = kind.text().toUpperCase(java.util.Locale.ROOT);
            qualified = false;
        } else if (kind.isKeyword("function") || kind.isKeyword("procedure") || kind.isKeyword("routine")
                || kind.isKeyword("language") || kind.isKeyword("tablespace") || kind.isKeyword("type")
                || kind.isKeyword("domain") || kind.isKeyword("foreign") || kind.isKeyword("large")
                || kind.isKeyword("parameter")) {
            throw TokenCursor.notSupportedClause(verb.text().toUpperCase(java.util.Locale.ROOT) + " ON "
                    + kind.text().toUpperCase(java.util.Locale.ROOT) + " is not supported yet", kind);
        }
        List<QualifiedName> objects = new ArrayList<>();
        do {
            if (qualified) {
                objects.add(grammar.qualifiedName());
            } else {
                Token name = cursor.peek();
                objects.add(new QualifiedName(null, grammar.columnId(), name.start()));
            }
        } while (cursor.accept(Token.Kind.COMMA));
        cursor.expectKeyword(revoke ? "from" : "to");
        List<RoleSpec> grantees = new ArrayList<>();
        do {
            cursor.acceptKeyword("group");
            Token grantee = cursor.peek();
            if (grantee.is(Token.Kind.IDENT) && !grantee.quoted() && grantee.text().equals("public")) {
                cursor.advance();
                grantees.add(new RoleSpec(RoleSpec.Kind.PUBLIC, null, grantee.start()));
            } else {
                grantees.add(roleSpec());
            }
        } while (cursor.accept(Token.Kind.COMMA));
        boolean grantOption = grantOptionFor;
        if (!revoke && cursor.acceptKeyword("with")) {
            cursor.expectKeyword("grant");
            cursor.expectKeyword("option");
            grantOption = true;
        }
        RoleSpec grantedBy = null;
        if (cursor.acceptKeyword("granted")) {
            cursor.expectKeyword("by");
            grantedBy = roleSpec();
        }
        boolean cascade = false;
        if (revoke) {
            cascade = cursor.acceptKeyword("cascade");
            if (!cascade) {
                cursor.acceptKeyword("restrict");
            }
        }
        return new Statement.AccessControl(new AccessCommand.GrantPrivileges(revoke, List.copyOf(privileges),
                objectType, List.copyOf(objects), List.copyOf(grantees), grantOption, grantedBy, cascade,
                verb.start()));
    }

    /** Whether what follows is {@code name, ... TO|FROM}: names only, no ON. */
    private boolean isRoleList(boolean revoke) {
        while (true) {
            Token token = cursor.peek();
            if (!token.is(Token.Kind.IDENT)) {
                return false;
            }
            cursor.advance();
            if (cursor.accept(Token.Kind.COMMA)) {
                continue;
            }
            return cursor.atKeyword(revoke ? "from" : "to");
        }
    }

    /** {@code RoleId}: a role name; "public" and "none" are reserved. */
    private String roleId() {
        Token token = cursor.peek();
        String name = grammar.columnId();
        if (name.equals("public") || name.equals("none")) {
            throw TokenCursor.errorAt(SqlState.RESERVED_NAME, "role name \"" + name + "\" is reserved", token);
        }
        return name;
    }

    /** {@code OptRoleList}: CREATE's options include IN ROLE, ROLE, ADMIN, SYSID. */
    private List<AccessCommand.RoleOption> roleOptions(boolean create) {
        List<AccessCommand.RoleOption> options = new ArrayList<>();
        while (cursor.peek().is(Token.Kind.IDENT) && !cursor.peek().quoted()) {
            Token word = cursor.peek();
            String text = word.text();
            AccessCommand.RoleOption option = switch (text) {
                case "superuser", "createdb", "createrole", "inherit", "login", "replication", "bypassrls" -> {
                    cursor.advance();
                    yield new AccessCommand.RoleOption(text, true, word.start());
                }
                case "nosuperuser", "nocreatedb", "nocreaterole", "noinherit", "nologin", "noreplication",
                     "nobypassrls" -> {
                    cursor.advance();
                    yield new AccessCommand.RoleOption(text.substring(2), false, word.start());
                }
                case "connection" -> {
                    cursor.advance();
                    cursor.expectKeyword("limit");
                    yield new AccessCommand.RoleOption("connectionlimit", signedInteger(), word.start());
                }
                case "encrypted", "password", "unencrypted" -> {
                    cursor.advance();
                    if (!text.equals("password")) {
                        if (text.equals("unencrypted")) {
                            throw TokenCursor.notSupportedClause("UNENCRYPTED PASSWORD is no longer supported", word);
                        }
                        cursor.expectKeyword("password");
                    }
                    if (cursor.acceptKeyword("null")) {
                        yield new AccessCommand.RoleOption("password", null, word.start());
                    }
                    yield new AccessCommand.RoleOption("password", cursor.expect(Token.Kind.STRING).text(),
                            word.start());
                }
                case "valid" -> {
                    cursor.advance();
                    cursor.expectKeyword("until");
                    yield new AccessCommand.RoleOption("validuntil", cursor.expect(Token.Kind.STRING).text(),
                            word.start());
                }
                case "in" -> {
                    if (!create) {
                        yield null;
                    }
                    cursor.advance();
                    if (!cursor.acceptKeyword("role")) {
                        cursor.expectKeyword("group");
                    }
                    yield new AccessCommand.RoleOption("addroleto", roleList(), word.start());
                }
                case "role", "user", "admin" -> {
                    if (!create) {
                        yield null;
                    }
                    cursor.advance();
                    yield new AccessCommand.RoleOption(text.equals("admin") ? "adminmembers" : "rolemembers",
                            roleList(), word.start());
                }
                case "sysid" -> {
                    if (!create) {
                        yield null;
                    }
                    cursor.advance();
                    yield new AccessCommand.RoleOption("sysid", signedInteger(), word.start());
                }
                default -> null;
            };
            if (option == null) {
                break;
            }
            options.add(option);
        }
        if (!cursor.at(Token.Kind.EOF) && !cursor.at(Token.Kind.SEMICOLON)) {
            throw cursor.syntaxError();
        }
        return List.copyOf(options);
    }

    private List<RoleSpec> roleList() {
        List<RoleSpec> roles = new ArrayList<>();
        do {
            roles.add(roleSpec());
        } while (cursor.accept(Token.Kind.COMMA));
        return List.copyOf(roles);
    }

    private int signedInteger() {
        boolean negative = cursor.acceptOperator("-");
        Token number = cursor.expect(Token.Kind.INTEGER);
        int value = Integer.parseInt(number.text());
        return negative ? -value : value;
    }
}
