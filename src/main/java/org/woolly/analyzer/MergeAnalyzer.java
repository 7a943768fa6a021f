package org.woolly.analyzer;

import java.util.ArrayList;
import java.util.List;
import org.woolly.catalog.RelationInfo;
import org.woolly.nodes.parse.FromItem;
import org.woolly.nodes.parse.MergeWhen;
import org.woolly.nodes.parse.Statement;
import org.woolly.nodes.query.FromNode;
import org.woolly.nodes.query.MergeClause;
import org.woolly.nodes.query.Query;
import org.woolly.nodes.query.QueryExpr;
import org.woolly.nodes.query.RangeEntry;
import org.woolly.storage.lmgr.LockMode;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

/**
 * MERGE ({@code transformMergeStmt} in {@code parse_merge.c}, with the join PostgreSQL's
 * {@code transform_MERGE_to_join} builds): the target (range entry 0, with its TID) joined with
 * the source on the ON condition, an outer join keeping unmatched source rows when some WHEN
 * clause inserts, and each WHEN clause's condition and new row over that join row. WHEN MATCHED
 * sees both tables, WHEN NOT MATCHED only the source.
 */
final class MergeAnalyzer {
    private final ParseState state;
    private final ExpressionAnalyzer expressions;
    private final Analyzer.ExpressionParser expressionParser;

    MergeAnalyzer(ParseState state, Analyzer.ExpressionParser expressionParser) {
        this.state = state;
        this.expressions = new ExpressionAnalyzer(state);
        this.expressionParser = expressionParser;
    }

    Query merge(Statement.Merge merge) {
        if (!merge.with().isEmpty()) {
            if (merge.with().stream().anyMatch(org.woolly.nodes.parse.CommonTableExpr::recursive)) {
                throw SqlException.of(SqlState.SYNTAX_ERROR, "WITH RECURSIVE is not supported for MERGE statement");
            }
            CteAnalyzer.analyzeWith(state, merge.with());
        }
        checkReachable(merge.whens());
        RelationInfo relation = FromAnalyzer.lookupTable(state, merge.table(), LockMode.ROW_EXCLUSIVE);
        checkTarget(relation, merge.only());
        String targetName = merge.alias() == null ? relation.name() : merge.alias();
        String sourceName = sourceName(merge.source());
        if (targetName.equals(sourceName)) {
            throw SqlException.of(SqlState.DUPLICATE_ALIAS, "name \"%s\" specified more than once", targetName)
                    .withDetail("The name is used both as MERGE target table and data source.");
        }
        FromAnalyzer.addRelation(state, relation, merge.alias(), true);
        RangeEntry target = state.rangeTable.getFirst();
        FromNode source = FromAnalyzer.transform(state, expressions, List.of(merge.source())).getFirst();
        QueryExpr condition = condition(merge.condition(), "JOIN conditions", "JOIN/ON");
        boolean outer = merge.whens().stream().anyMatch(when -> when.action() == MergeWhen.Action.INSERT);
        List<MergeClause.Action> actions = new ArrayList<>();
        for (MergeWhen when : merge.whens()) {
            actions.add(action(relation, target, when));
        }
        FromNode join = new FromNode.Join(outer ? FromItem.JoinType.RIGHT : FromItem.JoinType.INNER,
                new FromNode.Leaf(0), source, condition);
        return new Query(Query.CommandType.MERGE, List.copyOf(state.rangeTable), List.of(join), null, List.of(),
                List.of(), List.of(), null, List.of(), false, null, null, target, List.of(), null, null, null,
                List.of(), null, List.of(), new MergeClause(List.copyOf(actions), condition, outer));
    }

    /** A WHEN clause after one without a condition of the same kind can never run (42601). */
    private static void checkReachable(List<MergeWhen> whens) {
        boolean[] terminal = new boolean[2];
        for (MergeWhen when : whens) {
            int kind = when.matched() ? 0 : 1;
            if (terminal[kind]) {
                throw SqlException.of(SqlState.SYNTAX_ERROR,
                        "unreachable WHEN clause specified after unconditional WHEN clause");
            }
            terminal[kind] |= when.condition() == null;
        }
    }

    /**
     * A plain table only, as PostgreSQL 15 allows (0A000 with {@code errdetail_relkind_not_supported}
     * otherwise); a table with inheritance children or partitions is not supported yet here.
     */
    private void checkTarget(RelationInfo relation, boolean only) {
        String kind = switch (relation.kind()) {
            case 'r', 'p' -> null;
            case 'v' -> "views";
            case 'm' -> "materialized views";
            case 'S' -> "sequences";
            case 'f' -> "foreign tables";
            case 'c' -> "composite types";
            default -> "this relation kind";
        };
        if (kind != null) {
            throw SqlException.of(SqlState.FEATURE_NOT_SUPPORTED, "cannot execute MERGE on relation \"%s\"",
                    relation.name()).withDetail("This operation is not supported for " + kind + ".");
        }
        if (InheritanceExpansion.modifiedMembers(state, relation, only) != null) {
            throw SqlException.of(SqlState.FEATURE_NOT_SUPPORTED,
                    "MERGE into a table with partitions or inheritance children is not supported yet");
        }
    }

    /** The name the source is known by (its alias, else a table's name), or null when it has none. */
    private static String sourceName(FromItem source) {
        return switch (source) {
            case FromItem.Table table -> table.alias() != null ? table.alias().name() : table.name().name();
            case FromItem.Subquery subquery -> subquery.alias() == null ? null : subquery.alias().name();
            case FromItem.Function function -> function.alias() == null ? null : function.alias().name();
            case FromItem.Join ignored -> null;
        };
    }

    private QueryExpr condition(org.woolly.nodes.parse.Expr expr, String aggregateClause, String construct) {
        if (expr == null) {
            return null;
        }
        String saved = state.aggregateForbiddenIn;
        state.aggregateForbiddenIn = aggregateClause;
        try {
            return expressions.transformCondition(expr, construct);
        } finally {
            state.aggregateForbiddenIn = saved;
        }
    }

    private MergeClause.Action action(RelationInfo relation, RangeEntry target, MergeWhen when) {
        state.hiddenEntry = when.matched() ? -1 : 0;
        try {
            QueryExpr condition = condition(when.condition(), "MERGE WHEN conditions", "WHEN");
            ModifyAnalyzer modify = new ModifyAnalyzer(state, expressionParser);
            return switch (when.action()) {
                case UPDATE -> {
                    List<QueryExpr> row = new ArrayList<>();
                    for (int i = 0; i < relation.attributes().size(); i++) {
                        row.add(ColumnResolver.var(target, i, -1));
                    }
                    modify.assignments(relation, when.assignments(), row, "UPDATE");
                    yield new MergeClause.Action(true, MergeClause.Kind.UPDATE, condition, List.copyOf(row));
                }
                case INSERT -> new MergeClause.Action(false, MergeClause.Kind.INSERT, condition,
                        List.copyOf(modify.mergeInsertRow(relation, when.insert())));
                case DELETE -> new MergeClause.Action(true, MergeClause.Kind.DELETE, condition, List.of());
                case NOTHING -> new MergeClause.Action(when.matched(), MergeClause.Kind.NOTHING, condition, List.of());
            };
        } finally {
            state.hiddenEntry = -1;
        }
    }
}
