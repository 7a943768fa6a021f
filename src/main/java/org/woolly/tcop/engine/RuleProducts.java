package org.woolly.tcop.engine;

import java.util.ArrayList;
import java.util.List;
import org.woolly.analyzer.RuleRewriter;
import org.woolly.protocol.ResultColumn;
import org.woolly.tcop.Portal;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

/**
 * Runs an INSERT, UPDATE or DELETE that rules rewrote into several statements
 * ({@code PortalRunMulti} of {@code pquery.c}): each product in order, a command counter
 * increment after each so later ones see earlier changes, the command tag and rows of the one
 * that sets the tag, or the original command with 0 rows when none does ("INSERT 0 0" for
 * DO INSTEAD NOTHING). A product that is an action is rewritten again by its own relation's
 * rules; the relations and events being rewritten are kept on a stack, and meeting one again is
 * PostgreSQL's "infinite recursion detected in rules" ({@code RewriteQuery}'s rewrite_events).
 */
final class RuleProducts {
    private RuleProducts() {}

    /** Prepares each product once to learn the parameter types and result columns (and to find recursion early). */
    static SessionPreparedQuery prepare(QuerySession session, org.woolly.nodes.parse.Statement statement,
                                        String sourceText, int[] parameterTypes, RuleRewriter.Rewritten rewritten,
                                        String commandName) {
        int[] types = parameterTypes.clone();
        List<ResultColumn> columns = List.of();
        enter(session, rewritten);
        try {
            for (RuleRewriter.Product product : rewritten.products()) {
                SessionPreparedQuery prepared = prepareProduct(session, product, types);
                int[] found = prepared.parameterTypes();
                if (found.length > types.length) {
                    int[] wider = java.util.Arrays.copyOf(types, found.length);
                    types = wider;
                }
                for (int i = 0; i < found.length; i++) {
                    if (types[i] == 0) {
                        types[i] = found[i];
                    }
                }
                if (product.setsTag()) {
                    columns = prepared.resultColumns();
                }
            }
        } finally {
            session.ruleEvents.removeLast();
        }
        return new SessionPreparedQuery(sourceText, statement, null, types, columns, commandName)
                .withRules(rewritten);
    }

    /** Runs the products; the rows and tag of the one that sets the tag. */
    static UtilityDispatch.Outcome run(QuerySession session, SessionPreparedQuery prepared, Object[] parameters) {
        RuleRewriter.Rewritten rewritten = prepared.rules();
        List<Object[]> rows = new ArrayList<>();
        String tag = null;
        enter(session, rewritten);
        try {
            for (RuleRewriter.Product product : rewritten.products()) {
                SessionPreparedQuery query = prepareProduct(session, product, prepared.parameterTypes());
                List<Object[]> produced = new ArrayList<>();
                String done;
                try (Portal portal = session.bind(query, parameters)) {
                    done = portal.run(0, produced::add);
                }
                if (product.setsTag()) {
                    rows = produced;
                    tag = done;
                }
                session.block.ensure().incrementCommandId();
            }
        } finally {
            session.ruleEvents.removeLast();
        }
        return new UtilityDispatch.Outcome(rows, tag != null ? tag : rewritten.emptyTag());
    }

    /**
     * EXPLAIN of a rewritten statement ({@code ExplainQuery}): each product's plan, a blank line
     * between two, "Query rewrites to nothing" when there is none.
     */
    static List<String> explain(QuerySession session, SessionPreparedQuery prepared, boolean costs) {
        List<String> lines = new ArrayList<>();
        explainProducts(session, prepared, costs, lines);
        if (lines.isEmpty()) {
            lines.add("Query rewrites to nothing");
        }
        return lines;
    }

    private static void explainProducts(QuerySession session, SessionPreparedQuery prepared, boolean costs,
                                        List<String> lines) {
        for (RuleRewriter.Product product : prepared.rules().products()) {
            SessionPreparedQuery query = prepareProduct(session, product, prepared.parameterTypes());
            if (query.rules() != null) {
                explainProducts(session, query, costs, lines);
            } else if (query.plan() != null) {
                if (!lines.isEmpty()) {
                    lines.add("");
                }
                lines.addAll(org.woolly.commands.ExplainCommand.explain(query.plan(), session.types, null, costs, -1));
            }
        }
    }

    private static SessionPreparedQuery prepareProduct(QuerySession session, RuleRewriter.Product product,
                                                       int[] parameterTypes) {
        if (!product.original()) {
            return session.prepareStatement(product.statement(), "", parameterTypes);
        }
        boolean outer = session.withoutRules;
        session.withoutRules = true;
        try {
            return session.prepareStatement(product.statement(), "", parameterTypes);
        } finally {
            session.withoutRules = outer;
        }
    }

    private static void enter(QuerySession session, RuleRewriter.Rewritten rewritten) {
        String key = rewritten.relation().oid() + ":" + rewritten.event();
        if (session.ruleEvents.contains(key)) {
            throw SqlException.of(SqlState.INVALID_OBJECT_DEFINITION,
                    "infinite recursion detected in rules for relation \"%s\"", rewritten.relation().name());
        }
        session.ruleEvents.addLast(key);
    }
}
