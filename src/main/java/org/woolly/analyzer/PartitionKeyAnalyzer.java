package org.woolly.analyzer;

import org.woolly.catalog.RelationInfo;
import org.woolly.nodes.parse.Expr;
import org.woolly.nodes.query.ExpressionWalker;
import org.woolly.nodes.query.QueryExpr;
import org.woolly.utils.adt.TypeOids;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

/**
 * A partition key expression over the partitioned table's row ({@code transformPartitionSpec}
 * with {@code EXPR_KIND_PARTITION_EXPRESSION}, and {@code ComputePartitionAttrs}' checks): no
 * aggregates, window or set-returning functions, subqueries or system columns, only IMMUTABLE
 * functions, and not a constant. Column references are the row's positions (0-based attribute
 * order), so the executor evaluates the key on the row being routed.
 */
final class PartitionKeyAnalyzer {
    private PartitionKeyAnalyzer() {
    }

    /** Key element {@code keyNumber} (1-based) of a new key, checked; 0 for a stored one, read back. */
    static QueryExpr analyze(ParseState state, RelationInfo relation, Expr expr, int keyNumber) {
        state.aggregateForbiddenIn = "partition key expressions";
        state.subLinkForbiddenIn = "partition key expression";
        FromAnalyzer.addRelation(state, relation, null, false);
        QueryExpr analyzed = new ExpressionAnalyzer(state).transform(expr);
        if (keyNumber == 0) {
            return analyzed;
        }
        if (analyzed.type() == TypeOids.RECORD || analyzed.type() == TypeOids.UNKNOWN) {
            // the key must be of a storable type (CheckAttributeType)
            throw SqlException.of(SqlState.INVALID_TABLE_DEFINITION, "partition key column %d has pseudo-type %s",
                    keyNumber, state.types.formatType(analyzed.type(), -1));
        }
        if (ExpressionWalker.contains(analyzed, node -> node instanceof QueryExpr.Var var
                && (var.position() < 0 || var.position() >= relation.attributes().size()))) {
            throw SqlException.of(SqlState.INVALID_OBJECT_DEFINITION,
                    "partition key expressions cannot contain system column references");
        }
        if (ExpressionWalker.contains(analyzed, IndexAnalyzer::mutable)) {
            throw SqlException.of(SqlState.INVALID_OBJECT_DEFINITION,
                    "functions in partition key expression must be marked IMMUTABLE");
        }
        if (!ExpressionWalker.contains(analyzed, node -> node instanceof QueryExpr.Var)) {
            // immutable and without columns: it folds to a constant
            throw SqlException.of(SqlState.INVALID_OBJECT_DEFINITION, "cannot use constant expression as partition key");
        }
        return analyzed;
    }
}
