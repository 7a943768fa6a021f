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
        if (scheme.key().strategy() == 'h') {
            return hashRuledOut(scheme, member, conjuncts, position);
        }
        for (int key = 0; key < scheme.keyPositions().length; key++) {
            // an expression key prunes nothing yet: only comparisons of a key column are matched
            int column = scheme.keyIsExpression(key) ? -1 : position.applyAsInt(scheme.keyColumnName(key));
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

    /**
     * Hash partitions are pruned only when every key column is given its values
     * ({@code get_steps_using_prefix} for {@code PARTITION_STRATEGY_HASH}): an equality with a
     * constant, {@code IS NULL}, or {@code = ANY} of constants; the partition is ruled out when
     * no combination of those values hashes into it.
     */
    private static boolean hashRuledOut(PartitionScheme scheme, PartitionScheme.Member member,
                                        List<QueryExpr> conjuncts, ToIntFunction<String> position) {
        for (int i = 0; i < conjuncts.size(); i++) {
            if (conjuncts.get(i) instanceof QueryExpr.BoolOp or && or.kind() == QueryExpr.BoolOp.BoolKind.OR) {
                // each arm with the other conjuncts: the partition is out when every arm rules it out
                List<QueryExpr> others = new ArrayList<>(conjuncts);
                others.remove(i);
                boolean allArmsOut = true;
                for (QueryExpr arm : or.args()) {
                    List<QueryExpr> armConjuncts = new ArrayList<>(others);
                    flatten(arm, armConjuncts);
                    allArmsOut &= hashRuledOut(scheme, member, armConjuncts, position);
                }
                if (allArmsOut) {
                    return true;
                }
            }
        }
        int keys = scheme.keyPositions().length;
        List<List<Object>> choices = new ArrayList<>();
        for (int key = 0; key < keys; key++) {
            int column = scheme.keyIsExpression(key) ? -1 : position.applyAsInt(scheme.keyColumnName(key));
            List<Object> values = column < 0 ? null : hashKeyValues(scheme, key, column, conjuncts);
            if (values == null) {
                return false;
            }
            choices.add(values);
        }
        return !anyCombinationHashesInto(scheme, member, choices, new Object[keys], 0);
    }

    private static boolean anyCombinationHashesInto(PartitionScheme scheme, PartitionScheme.Member member,
                                                    List<List<Object>> choices, Object[] values, int key) {
        if (key == values.length) {
            return scheme.partitionFor(values) == member;
        }
        for (Object value : choices.get(key)) {
            values[key] = value;
            if (anyCombinationHashesInto(scheme, member, choices, values, key + 1)) {
                return true;
            }
        }
        return false;
    }

    /** The values a conjunct pins key column {@code key} to (null: none does); a null element is IS NULL. */
    private static List<Object> hashKeyValues(PartitionScheme scheme, int key, int column, List<QueryExpr> conjuncts) {
        for (QueryExpr conjunct : conjuncts) {
            if (conjunct instanceof QueryExpr.NullTest test && isColumn(test.arg(), column)
                    && test.test() == org.woolly.nodes.parse.Expr.NullTest.Test.IS_NULL) {
                return java.util.Collections.singletonList(null);
            }
            if (conjunct instanceof QueryExpr.ScalarArrayOp any && !any.all() && any.operator().name().equals("=")
                    && isColumn(any.left(), column) && any.array() instanceof QueryExpr.ArrayConstruct array) {
                List<Object> values = new ArrayList<>();
                for (QueryExpr element : array.elements()) {
                    if (!(element instanceof QueryExpr.Const constant) || constant.type() != scheme.keyType(key)) {
                        values = null;
                        break;
                    }
                    if (constant.value() != null) {
                        values.add(constant.value());
                    }
                }
                if (values != null) {
                    return values;
                }
            }
            if (conjunct instanceof QueryExpr.FuncCall call && call.operator() && call.args().size() == 2
                    && call.function().name().equals("=")) {
                QueryExpr left = call.args().get(0);
                QueryExpr right = call.args().get(1);
                QueryExpr other = isColumn(left, column) ? right : isColumn(right, column) ? left : null;
                if (other instanceof QueryExpr.Const constant && constant.type() == scheme.keyType(key)) {
                    return constant.value() == null ? List.of() : List.of(constant.value());
                }
            }
        }
        return null;
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
