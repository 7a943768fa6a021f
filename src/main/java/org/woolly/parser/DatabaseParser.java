package org.woolly.parser;

import java.util.ArrayList;
import java.util.List;
import org.woolly.nodes.parse.AccessCommand;
import org.woolly.nodes.parse.Statement;
import org.woolly.utils.error.SqlState;

/**
 * CREATE, ALTER and DROP DATABASE: the {@code CreatedbStmt}, {@code AlterDatabaseStmt},
 * {@code RenameStmt} / {@code AlterOwnerStmt} on databases and {@code DropdbStmt} rules of
 * {@code gram.y}. Option names are checked by the command ({@code createdb}'s 42601 "option
 * \"x\" not recognized"), as PostgreSQL's grammar accepts any word there.
 */
final class DatabaseParser {
    private final Grammar grammar;
    private final TokenCursor cursor;

    DatabaseParser(Grammar grammar) {
        this.grammar = grammar;
        this.cursor = grammar.cursor;
    }

    /** After CREATE, at DATABASE. */
    Statement create(Token create) {
        cursor.expectKeyword("database");
        String name = grammar.columnId();
        cursor.acceptKeyword("with");
        return new Statement.AccessControl(new AccessCommand.CreateDatabase(name, options(), create.start()));
    }

    /** At ALTER DATABASE. */
    Statement alter() {
        Token alter = cursor.expectKeyword("alter");
        cursor.expectKeyword("database");
        String name = grammar.columnId();
        if (cursor.acceptKeyword("rename")) {
            cursor.expectKeyword("to");
            return new Statement.AccessControl(new AccessCommand.AlterDatabase(name, grammar.columnId(), null,
                    List.of(), alter.start()));
        }
        if (cursor.acceptKeyword("owner")) {
            cursor.expectKeyword("to");
            return new Statement.AccessControl(new AccessCommand.AlterDatabase(name, null,
                    new AccessParser(grammar).roleSpec(), List.of(), alter.start()));
        }
        Token next = cursor.peek();
        if (next.isKeyword("reset") || next.isKeyword("set") && !cursor.peek(1).isKeyword("tablespace")) {
            return new Statement.AccessControl(new AccessCommand.AlterSetting(null, name, true,
                    AccessParser.setOrReset(grammar), alter.start()));
        }
        if (next.isKeyword("set") || next.isKeyword("refresh")) {
            String clause = next.isKeyword("refresh") ? "REFRESH COLLATION VERSION" : "SET TABLESPACE";
            throw TokenCursor.notSupportedClause("ALTER DATABASE ... " + clause + " is not supported yet", next);
        }
        cursor.acceptKeyword("with");
        List<AccessCommand.DatabaseOption> options = options();
        if (options.isEmpty()) {
            throw cursor.syntaxError();
        }
        return new Statement.AccessControl(new AccessCommand.AlterDatabase(name, null, null, options, alter.start()));
    }

    /** After DROP, at DATABASE. */
    Statement drop(Token drop) {
        cursor.expectKeyword("database");
        boolean ifExists = cursor.acceptKeywords("if", "exists");
        String name = grammar.columnId();
        boolean force = false;
        boolean with = cursor.acceptKeyword("with");
        if (with || cursor.at(Token.Kind.LEFT_PAREN)) {
            cursor.expect(Token.Kind.LEFT_PAREN);
            do {
                Token option = cursor.advance();
                if (!option.isKeyword("force")) {
                    throw cursor.syntaxErrorAt(option);
                }
                force = true;
            } while (cursor.accept(Token.Kind.COMMA));
            cursor.expect(Token.Kind.RIGHT_PAREN);
        }
        return new Statement.AccessControl(new AccessCommand.DropDatabase(name, ifExists, force, drop.start()));
    }

    /** {@code createdb_opt_list}: {@code name [=] value} pairs; CONNECTION LIMIT is two words. */
    private List<AccessCommand.DatabaseOption> options() {
        List<AccessCommand.DatabaseOption> options = new ArrayList<>();
        while (cursor.at(Token.Kind.IDENT) && !cursor.peek().quoted()) {
            Token word = cursor.advance();
            String name = word.text();
            if (name.equals("connection")) {
                cursor.expectKeyword("limit");
                name = "connection_limit";
            }
            cursor.acceptOperator("=");
            options.add(new AccessCommand.DatabaseOption(name, value(), word.start()));
        }
        return List.copyOf(options);
    }

    /** {@code createdb_opt_item}'s value: a signed number, a word, a string, or DEFAULT (null). */
    private Object value() {
        Token token = cursor.peek();
        if (token.isKeyword("default")) {
            cursor.advance();
            return null;
        }
        boolean negative = cursor.acceptOperator("-");
        if (!negative) {
            cursor.acceptOperator("+");
        }
        Token value = cursor.advance();
        return switch (value.kind()) {
            case INTEGER -> {
                try {
                    int number = Integer.parseInt(value.text());
                    yield negative ? -number : number;
                } catch (NumberFormatException tooLarge) {
                    throw TokenCursor.errorAt(SqlState.SYNTAX_ERROR, "syntax error at or near \"" + value.text()
                            + "\"", value);
                }
            }
            case IDENT, STRING -> {
                if (negative) {
                    throw cursor.syntaxErrorAt(value);
                }
                yield value.text();
            }
            default -> throw cursor.syntaxErrorAt(value);
        };
    }
}
