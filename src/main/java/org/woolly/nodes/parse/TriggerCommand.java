package org.woolly.nodes.parse;

import java.util.List;

/**
 * The statements on triggers ({@code CreateTrigStmt}, the trigger forms of {@code DropStmt} and
 * {@code RenameStmt}, and {@code ALTER TABLE ... ENABLE|DISABLE TRIGGER} of {@code gram.y}).
 */
public sealed interface TriggerCommand {

    /** The command tag. */
    String tag();

    /** One event of a trigger: {@code insert}, {@code update} (with the columns of UPDATE OF), {@code delete}, {@code truncate}. */
    record Event(String kind, List<String> columns) {}

    /**
     * CREATE [OR REPLACE] [CONSTRAINT] TRIGGER. {@code timing} is {@code before}, {@code after} or
     * {@code instead}; {@code when} the WHEN condition as written (null without one);
     * {@code arguments} the function's arguments as strings, as PostgreSQL stores them.
     */
    record Create(boolean replace, boolean constraint, String name, String timing, List<Event> events,
                  QualifiedName table, QualifiedName referencedTable, boolean deferrable, boolean initiallyDeferred,
                  String oldTable, String newTable, boolean forEachRow, String when, QualifiedName function,
                  List<String> arguments, int location) implements TriggerCommand {
        @Override
        public String tag() {
            return "CREATE TRIGGER";
        }
    }

    /** DROP TRIGGER [IF EXISTS] name ON table [CASCADE | RESTRICT]. */
    record Drop(String name, QualifiedName table, boolean missingOk, boolean cascade) implements TriggerCommand {
        @Override
        public String tag() {
            return "DROP TRIGGER";
        }
    }

    /** ALTER TRIGGER name ON table RENAME TO newName. */
    record Rename(String name, QualifiedName table, String newName) implements TriggerCommand {
        @Override
        public String tag() {
            return "ALTER TRIGGER";
        }
    }

    /**
     * ALTER TABLE t ENABLE [ALWAYS | REPLICA] | DISABLE TRIGGER {name | ALL | USER}: {@code name}
     * null for ALL and USER ({@code userOnly}); {@code enabled} the new tgenabled ('O', 'A', 'R', 'D').
     */
    record SetEnabled(QualifiedName table, boolean ifExists, String name, boolean userOnly, char enabled)
            implements TriggerCommand {
        @Override
        public String tag() {
            return "ALTER TABLE";
        }
    }
}
