package org.woolly.nodes.parse;

import java.util.List;

/**
 * The statements on rules ({@code RuleStmt}, the rule forms of {@code DropStmt} and
 * {@code RenameStmt}, and {@code ALTER TABLE ... ENABLE|DISABLE RULE} of {@code gram.y}).
 */
public sealed interface RuleCommand {

    /** The command tag. */
    String tag();

    /** The event a rule fires on ({@code ev_type} of pg_rewrite: '1' SELECT, '2' UPDATE, '3' INSERT, '4' DELETE). */
    enum Event {
        SELECT('1'), UPDATE('2'), INSERT('3'), DELETE('4');

        private final char code;

        Event(char code) {
            this.code = code;
        }

        public char code() {
            return code;
        }

        public static Event of(char code) {
            for (Event event : values()) {
                if (event.code == code) {
                    return event;
                }
            }
            throw new IllegalArgumentException("rule event " + code);
        }
    }

    /**
     * CREATE [OR REPLACE] RULE name AS ON event TO table [WHERE condition] DO [ALSO | INSTEAD]
     * {NOTHING | command | (command; ...)}: {@code condition} and each action both parsed and as
     * written ({@code conditionText}, {@code actionTexts}), the texts being what pg_rewrite keeps;
     * {@code actions} is empty for NOTHING.
     */
    record Create(boolean replace, String name, Event event, QualifiedName table, Expr condition,
                  String conditionText, boolean instead, List<Statement> actions, List<String> actionTexts,
                  int location) implements RuleCommand {
        @Override
        public String tag() {
            return "CREATE RULE";
        }
    }

    /** DROP RULE [IF EXISTS] name ON table [CASCADE | RESTRICT]. */
    record Drop(String name, QualifiedName table, boolean missingOk, boolean cascade) implements RuleCommand {
        @Override
        public String tag() {
            return "DROP RULE";
        }
    }

    /** ALTER RULE name ON table RENAME TO newName. */
    record Rename(String name, QualifiedName table, String newName) implements RuleCommand {
        @Override
        public String tag() {
            return "ALTER RULE";
        }
    }

    /** ALTER TABLE t ENABLE [ALWAYS | REPLICA] | DISABLE RULE name: {@code enabled} the new ev_enabled ('O', 'A', 'R', 'D'). */
    record SetEnabled(QualifiedName table, boolean ifExists, String name, char enabled) implements RuleCommand {
        @Override
        public String tag() {
            return "ALTER TABLE";
        }
    }
}
