package org.woolly.analyzer;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToIntFunction;
import org.woolly.catalog.AttributeInfo;
import org.woolly.catalog.RelationInfo;
import org.woolly.nodes.query.QueryExpr;

/**
 * Plan-time partition pruning ({@code prune_append_rel_partitions} in {@code partprune.c}):
 * a leaf partition is left out of a query when a conjunct of its WHERE compares a partition
 * key column with a constant ({@code =}, {@code <}, {@code <=}, {@code >}, {@code >=}, or
 * {@code = ANY} of constants) that no row inside its bound, or the bound of a partition above
 * it, can satisfy. Anything else keeps the partition: pruning may only ever drop partitions
 * that could hold no qualifying row.
 */
final class PartitionPruning {
    private PartitionPruning() {
    }

    /**
     * Whether {@code where} rules out every row of {@code leaf}, a partition under
     * {@code rootOid}; {@code position} gives the row position in {@code where} of a column
     * named so (-1 when {@code where} cannot read it).
     */
    static boolean excluded(ParseState state, RelationInfo leaf, int rootOid, QueryExpr where,
                            ToIntFunction<String> position) {
        if (where == null) {
            return false;
        }
        List<QueryExpr> conjuncts = new ArrayList<>();
        flatten(where, conjuncts);
        RelationInfo child = leaf;
        while (child.oid() != rootOid) {
            List<Integer> parents = state.catalog.inheritanceParents(state.transaction, child.oid());
            if (parents.isEmpty() || state.catalog.partitionBound(state.transaction, child.oid()) == null) {
                return false;
            }
            RelationInfo parent = state.catalog.relationByOid(state.transaction, parents.getFirst());
            PartitionScheme scheme = PartitionScheme.of(state.catalog, state.transaction, state.types, parent)
                    .orElse(null);
            if (scheme == null) {
                return false;
            }
            PartitionScheme.Member member = null;
            for (PartitionScheme.Member candidate : scheme.members()) {
                if (candidate.relation().oid() == child.oid()) {
                    member = candidate;
                }
            }
            if (member != null && ruledOut(scheme, member, conjuncts, position)) {
                return true;
            }
            child = parent;
        }
        return false;
    }

    private static boolean ruledOut(PartitionScheme scheme, PartitionScheme.Member member, List<QueryExpr> conjuncts,
                                    ToIntFunction<String> position) {
        for (int key = 0; key < scheme.keyPositions().length; key++) {
            int column = position.applyAsInt(scheme.keyColumnName(key));
            if (column < 0) {
                continue;
            }
            for (QueryExpr conjunct : conjuncts) {
                if (!mayHold(scheme, member, key, column, conjunct)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** False only when {@code conjunct} is a comparison of the key column that no row of the partition passes. */
    private static boolean mayHold(PartitionScheme scheme, PartitionScheme.Member member, int key, int column,
                                   QueryExpr conjunct) {
        if (conjunct instanceof QueryExpr.BoolOp bool && bool.kind() != QueryExpr.BoolOp.BoolKind.NOT) {
            // OR: some arm may hold; AND: every conjunct may
            boolean or = bool.kind() == QueryExpr.BoolOp.BoolKind.OR;
            for (QueryExpr arg : bool.args()) {
                if (mayHold(scheme, member, key, column, arg) == or) {
                    return or;
                }
            }
            return !or;
        }
        if (conjunct instanceof QueryExpr.NullTest test && isColumn(test.arg(), column)
                && (test.test() == org.woolly.nodes.parse.Expr.NullTest.Test.IS_NULL
                || test.test() == org.woolly.nodes.parse.Expr.NullTest.Test.IS_NOT_NULL)) {
            return scheme.mayHoldNull(member, test.test() == org.woolly.nodes.parse.Expr.NullTest.Test.IS_NULL);
        }
        if (conjunct instanceof QueryExpr.ScalarArrayOp any && !any.all()
                && any.operator().name().equals("=") && isColumn(any.left(), column)
                && any.array() instanceof QueryExpr.ArrayConstruct array) {
            for (QueryExpr element : array.elements()) {
                if (!(element instanceof QueryExpr.Const constant) || constant.type() != scheme.keyType(key)
                        || scheme.mayHold(member, key, "=", constant.value())) {
                    return true;
                }
            }
            return false;
        }
        if (!(conjunct instanceof QueryExpr.FuncCall call) || !call.operator() || call.args().size() != 2) {
            return true;
        }
        String operator = call.function().name();
        QueryExpr left = call.args().get(0);
        QueryExpr right = call.args().get(1);
        if (!isColumn(left, column) && isColumn(right, column)) {
            QueryExpr swap = left;
            left = right;
            right = swap;
            operator = switch (operator) {
                case "<" -> ">";
                case "<=" -> ">=";
                case ">" -> "<";
                case ">=" -> "<=";
                default -> operator;
            };
        }
        if (!isColumn(left, column) || !(right instanceof QueryExpr.Const constant)
                || constant.type() != scheme.keyType(key) || !List.of("=", "<", "<=", ">", ">=").contains(operator)) {
            return true;
        }
        return scheme.mayHold(member, key, operator, constant.value());
    }

    private static boolean isColumn(QueryExpr expr, int column) {
        return expr instanceof QueryExpr.Var var && var.position() == column;
    }

    /** The conjuncts of an AND tree, in order. */
    static void flatten(QueryExpr expr, List<QueryExpr> conjuncts) {
        if (expr instanceof QueryExpr.BoolOp bool && bool.kind() == QueryExpr.BoolOp.BoolKind.AND) {
            for (QueryExpr arg : bool.args()) {
                flatten(arg, conjuncts);
            }
        } else {
            conjuncts.add(expr);
        }
    }

    /** The position of {@code leaf}'s column called {@code name} in its own rows, or -1. */
    static int leafPosition(RelationInfo leaf, String name) {
        AttributeInfo attribute = leaf.attribute(name);
        return attribute == null ? -1 : leaf.position(attribute.number());
    }
}
