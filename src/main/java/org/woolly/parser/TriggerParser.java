package org.woolly.parser;

import java.util.ArrayList;
import java.util.List;
import org.woolly.nodes.parse.QualifiedName;
import org.woolly.nodes.parse.Statement;
import org.woolly.nodes.parse.TriggerCommand;

/**
 * CREATE [OR REPLACE] [CONSTRAINT] TRIGGER, DROP TRIGGER, ALTER TRIGGER ... RENAME and
 * ALTER TABLE ... ENABLE | DISABLE TRIGGER: the {@code CreateTrigStmt}, {@code TriggerEvents},
 * {@code TriggerReferencing}, {@code TriggerWhen} and {@code TriggerFuncArgs} rules of
 * {@code gram.y}.
 */
final class TriggerParser {
    private final Grammar grammar;
    private final TokenCursor cursor;

    TriggerParser(Grammar grammar) {
        this.grammar = grammar;
        this.cursor = grammar.cursor;
    }

    /** Whether the tokens after CREATE are {@code [OR REPLACE] [CONSTRAINT] TRIGGER}. */
    static boolean atCreateTrigger(TokenCursor cursor) {
        int ahead = 0;
        if (cursor.peek().isKeyword("or") && cursor.peek(1).isKeyword("replace")) {
            ahead = 2;
        }
        if (cursor.peek(ahead).isKeyword("constraint")) {
            ahead++;
        }
        return cursor.peek(ahead).isKeyword("trigger");
    }

    /** After CREATE. */
    Statement create(Token create) {
        boolean replace = cursor.acceptKeywords("or", "replace");
        boolean constraint = cursor.acceptKeyword("constraint");
        cursor.expectKeyword("trigger");
        String name = grammar.columnId();
        String timing;
        if (cursor.acceptKeyword("before")) {
            timing = "before";
        } else if (cursor.acceptKeyword("after")) {
            timing = "after";
        } else {
            cursor.expectKeyword("instead");
            cursor.expectKeyword("of");
            timing = "instead";
        }
        if (constraint && !timing.equals("after")) {
            throw cursor.syntaxError();
        }
        List<TriggerCommand.Event> events = new ArrayList<>();
        do {
            Token event = cursor.peek();
            if (event.isKeyword("insert") || event.isKeyword("delete") || event.isKeyword("truncate")) {
                cursor.advance();
                events.add(new TriggerCommand.Event(event.text(), List.of()));
            } else if (event.isKeyword("update")) {
                cursor.advance();
                List<String> columns = new ArrayList<>();
                if (cursor.acceptKeyword("of")) {
                    do {
                        columns.add(grammar.columnId());
                    } while (cursor.accept(Token.Kind.COMMA));
                }
                events.add(new TriggerCommand.Event("update", List.copyOf(columns)));
            } else {
                throw cursor.syntaxError();
            }
        } while (cursor.acceptKeyword("or"));
        cursor.expectKeyword("on");
        QualifiedName table = grammar.qualifiedName();
        QualifiedName referenced = null;
        boolean deferrable = false;
        boolean initiallyDeferred = false;
        if (constraint) {
            if (cursor.acceptKeyword("from")) {
                referenced = grammar.qualifiedName();
            }
            while (true) {
                if (cursor.acceptKeywords("not", "deferrable")) {
                    deferrable = false;
                } else if (cursor.acceptKeyword("deferrable")) {
                    deferrable = true;
                } else if (cursor.acceptKeywords("initially", "deferred")) {
                    initiallyDeferred = true;
                } else if (cursor.acceptKeywords("initially", "immediate")) {
                    initiallyDeferred = false;
                } else {
                    break;
                }
            }
        }
        String oldTable = null;
        String newTable = null;
        if (cursor.acceptKeyword("referencing")) {
            do {
                boolean isNew = cursor.acceptKeyword("new");
                if (!isNew) {
                    cursor.expectKeyword("old");
                }
                if (!cursor.acceptKeyword("table")) {
                    cursor.expectKeyword("row");
                    throw TokenCursor.notSupportedClause("ROW variable naming in the REFERENCING clause is not "
                            + "supported", cursor.peek());
                }
                cursor.acceptKeyword("as");
                String alias = grammar.columnId();
                if (isNew) {
                    newTable = alias;
                } else {
                    oldTable = alias;
                }
            } while (cursor.atKeyword("old") || cursor.atKeyword("new"));
        }
        boolean forEachRow = false;
        if (cursor.acceptKeyword("for")) {
            cursor.acceptKeyword("each");
            if (cursor.acceptKeyword("row")) {
                forEachRow = true;
            } else {
                cursor.expectKeyword("statement");
            }
        }
        String when = null;
        if (cursor.acceptKeyword("when")) {
            cursor.expect(Token.Kind.LEFT_PAREN);
            int start = cursor.peek().start();
            grammar.expressions.expression();
            when = cursor.text(start, cursor.previousEnd());
            cursor.expect(Token.Kind.RIGHT_PAREN);
        }
        cursor.expectKeyword("execute");
        if (!cursor.acceptKeyword("function")) {
            cursor.expectKeyword("procedure");
        }
        QualifiedName function = grammar.qualifiedName();
        cursor.expect(Token.Kind.LEFT_PAREN);
        List<String> arguments = new ArrayList<>();
        if (!cursor.at(Token.Kind.RIGHT_PAREN)) {
            do {
                Token argument = cursor.peek();
                if (argument.is(Token.Kind.INTEGER) || argument.is(Token.Kind.NUMERIC)
                        || argument.is(Token.Kind.STRING)) {
                    cursor.advance();
                    arguments.add(argument.text());
                } else {
                    arguments.add(grammar.columnLabel());
                }
            } while (cursor.accept(Token.Kind.COMMA));
        }
        cursor.expect(Token.Kind.RIGHT_PAREN);
        return new Statement.Trigger(new TriggerCommand.Create(replace, constraint, name, timing, List.copyOf(events),
                table, referenced, deferrable, initiallyDeferred, oldTable, newTable, forEachRow, when, function,
                List.copyOf(arguments), create.start()));
    }

    /** After DROP, at TRIGGER. */
    Statement drop() {
        cursor.expectKeyword("trigger");
        DropOn drop = DropOn.parse(grammar);
        return new Statement.Trigger(new TriggerCommand.Drop(drop.name(), drop.table(), drop.ifExists(),
                drop.cascade()));
    }

    /** At ALTER TRIGGER. */
    Statement alter() {
        cursor.expectKeyword("alter");
        cursor.expectKeyword("trigger");
        String name = grammar.columnId();
        cursor.expectKeyword("on");
        QualifiedName table = grammar.qualifiedName();
        cursor.expectKeyword("rename");
        cursor.expectKeyword("to");
        return new Statement.Trigger(new TriggerCommand.Rename(name, table, grammar.columnId()));
    }

    /** Whether ALTER TABLE's action at the cursor is {@code ENABLE|DISABLE [ALWAYS|REPLICA] TRIGGER}. */
    static boolean atEnableTrigger(TokenCursor cursor) {
        return atEnable(cursor, "trigger");
    }

    /** Whether ALTER TABLE's action at the cursor is {@code ENABLE [ALWAYS|REPLICA] | DISABLE} then {@code object}. */
    static boolean atEnable(TokenCursor cursor, String object) {
        Token first = cursor.peek();
        if (first.isKeyword("disable")) {
            return cursor.peek(1).isKeyword(object);
        }
        return first.isKeyword("enable") && (cursor.peek(1).isKeyword(object)
                || (cursor.peek(1).isKeyword("always") || cursor.peek(1).isKeyword("replica"))
                && cursor.peek(2).isKeyword(object));
    }

    /** ENABLE [ALWAYS | REPLICA] | DISABLE, then {@code object}: the new enabled state ('O', 'A', 'R', 'D'). */
    static char enabledState(TokenCursor cursor, String object) {
        char enabled;
        if (cursor.acceptKeyword("disable")) {
            enabled = 'D';
        } else {
            cursor.expectKeyword("enable");
            enabled = cursor.acceptKeyword("always") ? 'A' : cursor.acceptKeyword("replica") ? 'R' : 'O';
        }
        cursor.expectKeyword(object);
        return enabled;
    }

    /** {@code [IF EXISTS] name ON table [CASCADE | RESTRICT]} of DROP TRIGGER and DROP RULE. */
    record DropOn(String name, QualifiedName table, boolean ifExists, boolean cascade) {
        static DropOn parse(Grammar grammar) {
            TokenCursor cursor = grammar.cursor;
            boolean ifExists = cursor.acceptKeywords("if", "exists");
            String name = grammar.columnId();
            cursor.expectKeyword("on");
            QualifiedName table = grammar.qualifiedName();
            boolean cascade = cursor.acceptKeyword("cascade");
            if (!cascade) {
                cursor.acceptKeyword("restrict");
            }
            return new DropOn(name, table, ifExists, cascade);
        }
    }

    /** ALTER TABLE's action, at ENABLE or DISABLE. */
    Statement enable(QualifiedName table, boolean ifExists) {
        char enabled = enabledState(cursor, "trigger");
        if (cursor.acceptKeyword("all")) {
            return new Statement.Trigger(new TriggerCommand.SetEnabled(table, ifExists, null, false, enabled));
        }
        if (cursor.acceptKeyword("user")) {
            return new Statement.Trigger(new TriggerCommand.SetEnabled(table, ifExists, null, true, enabled));
        }
        return new Statement.Trigger(new TriggerCommand.SetEnabled(table, ifExists, grammar.columnId(), false,
                enabled));
    }
}
