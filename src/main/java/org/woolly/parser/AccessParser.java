package org.woolly.parser;

import java.util.ArrayList;
import java.util.List;
import org.woolly.nodes.parse.AccessCommand;
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
}
