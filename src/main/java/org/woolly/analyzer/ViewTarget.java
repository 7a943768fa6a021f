package org.woolly.analyzer;

import org.woolly.catalog.RelationInfo;
import org.woolly.nodes.parse.FromItem;
import org.woolly.nodes.parse.SelectStmt;
import org.woolly.nodes.parse.Statement;
import org.woolly.parser.Parser;
import org.woolly.storage.lmgr.LockMode;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

/**
 * INSERT, UPDATE or DELETE naming a view ({@code rewriteTargetView} in {@code rewriteHandler.c}).
 * Woolly has no INSTEAD rules or triggers and does not rewrite into auto-updatable views yet,
 * so every such statement is refused; the error names the view PostgreSQL would name: a view
 * that reads a single other view (pg_user reads pg_shadow) passes the statement on to it, and
 * the first view that reads more than one relation is "not automatically updatable" (55000).
 */
enum ViewTarget {
    INSERT("insert into", "inserting into", "INSERT"),
    UPDATE("update", "updating", "UPDATE"),
    DELETE("delete from", "deleting from", "DELETE");

    private final String action;
    private final String enabling;
    private final String command;

    ViewTarget(String action, String enabling, String command) {
        this.action = action;
        this.enabling = enabling;
        this.command = command;
    }

    static SqlException notUpdatable(ParseState state, RelationInfo view, ViewTarget target) {
        RelationInfo current = view;
        ParseState names = state.childWith(state.catalog.withSystemSearchPath(), null);
        while (true) {
            String text = state.catalog.viewQuery(state.transaction, current.oid()).orElse(null);
            SelectStmt query = text != null && Parser.parse(text).getFirst().statement() instanceof Statement.Select s
                    ? s.query() : null;
            if (query == null || query.from() == null || query.from().size() != 1
                    || !(query.from().getFirst() instanceof FromItem.Table table)) {
                return SqlException.of(SqlState.OBJECT_NOT_IN_PREREQUISITE_STATE, "cannot %s view \"%s\"",
                                target.action, current.name())
                        .withDetail("Views that do not select from a single table or view are not automatically "
                                + "updatable.")
                        .withHint("To enable %s the view, provide an INSTEAD OF %s trigger or an unconditional ON %s DO INSTEAD rule."
                                .formatted(target.enabling, target.command, target.command));
            }
            RelationInfo underlying = FromAnalyzer.lookupTable(names, table.name(), LockMode.ROW_EXCLUSIVE);
            if (underlying.kind() != 'v') {
                return SqlException.of(SqlState.FEATURE_NOT_SUPPORTED,
                        "%s on automatically updatable views is not supported yet", target.command);
            }
            current = underlying;
        }
    }
}
