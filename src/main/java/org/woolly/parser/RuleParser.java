package org.woolly.parser;

import java.util.ArrayList;
import java.util.List;
import org.woolly.nodes.parse.Expr;
import org.woolly.nodes.parse.QualifiedName;
import org.woolly.nodes.parse.RuleCommand;
import org.woolly.nodes.parse.Statement;

/**
 * CREATE [OR REPLACE] RULE, DROP RULE, ALTER RULE ... RENAME and ALTER TABLE ... ENABLE |
 * DISABLE RULE: the {@code RuleStmt}, {@code RuleActionList} and {@code RuleActionStmt} rules of
 * {@code gram.y}.
 */
final class RuleParser {
    private final Grammar grammar;
    private final TokenCursor cursor;

    RuleParser(Grammar grammar) {
        this.grammar = grammar;
        this.cursor = grammar.cursor;
    }

    /** Whether the tokens after CREATE are {@code [OR REPLACE] RULE}. */
    static boolean atCreateRule(TokenCursor cursor) {
        int ahead = cursor.peek().isKeyword("or") && cursor.peek(1).isKeyword("replace") ? 2 : 0;
        return cursor.peek(ahead).isKeyword("rule");
    }

    /** After CREATE. */
    Statement create(Token create) {
        boolean replace = cursor.acceptKeywords("or", "replace");
        cursor.expectKeyword("rule");
        String name = grammar.columnId();
        cursor.expectKeyword("as");
        cursor.expectKeyword("on");
        Token eventToken = cursor.advance();
        RuleCommand.Event event = switch (eventToken.isKeyword(eventToken.text()) ? eventToken.text() : "") {
            case "select" -> RuleCommand.Event.SELECT;
            case "insert" -> RuleCommand.Event.INSERT;
            case "update" -> RuleCommand.Event.UPDATE;
            case "delete" -> RuleCommand.Event.DELETE;
            default -> throw syntaxErrorAt(eventToken);
        };
        cursor.expectKeyword("to");
        QualifiedName table = grammar.qualifiedName();
        Expr condition = null;
        String conditionText = null;
        if (cursor.acceptKeyword("where")) {
            int start = cursor.peek().start();
            condition = grammar.expressions.expression();
            conditionText = cursor.text(start, cursor.previousEnd());
        }
        cursor.expectKeyword("do");
        boolean instead = cursor.acceptKeyword("instead");
        if (!instead) {
            cursor.acceptKeyword("also");
        }
        List<Statement> actions = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        if (!cursor.acceptKeyword("nothing")) {
            if (cursor.accept(Token.Kind.LEFT_PAREN)) {
                // RuleActionMulti: statements separated by semicolons, empty ones allowed
                while (!cursor.accept(Token.Kind.RIGHT_PAREN)) {
                    if (cursor.accept(Token.Kind.SEMICOLON)) {
                        continue;
                    }
                    action(actions, texts);
                    if (!cursor.at(Token.Kind.RIGHT_PAREN)) {
                        cursor.expect(Token.Kind.SEMICOLON);
                    }
                }
            } else {
                action(actions, texts);
            }
        }
        return new Statement.Rule(new RuleCommand.Create(replace, name, event, table, condition, conditionText,
                instead, List.copyOf(actions), List.copyOf(texts), create.start()));
    }

    /** RuleActionStmt: SELECT, INSERT, UPDATE, DELETE or NOTIFY. */
    private void action(List<Statement> actions, List<String> texts) {
        Token first = cursor.peek();
        boolean allowed = first.is(Token.Kind.LEFT_PAREN) || first.isKeyword("select") || first.isKeyword("values")
                || first.isKeyword("with") || first.isKeyword("table") || first.isKeyword("insert")
                || first.isKeyword("update") || first.isKeyword("delete") || first.isKeyword("notify");
        if (!allowed) {
            throw syntaxErrorAt(first);
        }
        int start = first.start();
        actions.add(grammar.statement());
        texts.add(cursor.text(start, cursor.previousEnd()));
    }

    private org.woolly.utils.error.SqlException syntaxErrorAt(Token token) {
        return cursor.syntaxErrorAt(token);
    }

    /** After DROP, at RULE. */
    Statement drop() {
        cursor.expectKeyword("rule");
        TriggerParser.DropOn drop = TriggerParser.DropOn.parse(grammar);
        return new Statement.Rule(new RuleCommand.Drop(drop.name(), drop.table(), drop.ifExists(), drop.cascade()));
    }

    /** At ALTER RULE. */
    Statement alter() {
        cursor.expectKeyword("alter");
        cursor.expectKeyword("rule");
        String name = grammar.columnId();
        cursor.expectKeyword("on");
        QualifiedName table = grammar.qualifiedName();
        cursor.expectKeyword("rename");
        cursor.expectKeyword("to");
        return new Statement.Rule(new RuleCommand.Rename(name, table, grammar.columnId()));
    }

    /** Whether ALTER TABLE's action at the cursor is {@code ENABLE [ALWAYS|REPLICA] | DISABLE RULE}. */
    static boolean atEnableRule(TokenCursor cursor) {
        return TriggerParser.atEnable(cursor, "rule");
    }

    /** ALTER TABLE's action, at ENABLE or DISABLE. */
    Statement enable(QualifiedName table, boolean ifExists) {
        char enabled = TriggerParser.enabledState(cursor, "rule");
        return new Statement.Rule(new RuleCommand.SetEnabled(table, ifExists, grammar.columnId(), enabled));
    }
}
