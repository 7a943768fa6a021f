package org.woolly.analyzer;

import java.util.ArrayList;
import java.util.List;
import org.woolly.catalog.RelationInfo;
import org.woolly.nodes.query.ExpressionWalker;
import org.woolly.nodes.query.FromNode;
import org.woolly.nodes.query.Query;
import org.woolly.nodes.query.QueryExpr;
import org.woolly.nodes.query.RangeEntry;

/**
 * WHERE conditions on a table read with its inheritance children or partitions, moved into
 * the read of each member ({@code set_append_rel_size} with {@code adjust_appendrel_attrs}),
 * and the partitions they rule out left out ({@code prune_append_rel_partitions}). The members
 * that stay are named {@code name_1}, {@code name_2}, ... in order, or take the parent's name
 * when only one stays, as EXPLAIN shows PostgreSQL's child entries.
 */
final class InheritancePushdown {
    private InheritancePushdown() {
    }

    /** Rewrites the expanded entries of {@code from} in the range table; returns the WHERE left above them. */
    static QueryExpr apply(ParseState state, List<FromNode> from, QueryExpr where) {
        List<QueryExpr> conjuncts = new ArrayList<>();
        if (where != null) {
            PartitionPruning.flatten(where, conjuncts);
        }
        for (FromNode node : from) {
            if (!(node instanceof FromNode.Leaf leaf) || !state.inheritanceParents.contains(leaf.index())) {
                continue;
            }
            RangeEntry entry = state.rangeTable.get(leaf.index());
            Query expansion = entry.subquery();
            Query template = expansion == null ? null : setOperation(expansion);
            if (template == null) {
                continue;
            }
            List<QueryExpr> pushed = new ArrayList<>();
            for (QueryExpr conjunct : conjuncts) {
                if (pushable(conjunct, entry)) {
                    pushed.add(conjunct);
                }
            }
            conjuncts.removeAll(pushed);
            List<Query> kept = new ArrayList<>();
            List<Query> members = new ArrayList<>();
            leaves(expansion, members);
            for (Query branch : members) {
                QueryExpr branchWhere = and(pushed.stream().map(conjunct -> ExpressionWalker.rewrite(conjunct,
                        expr -> expr instanceof QueryExpr.Var var
                                ? branch.targetList().get(var.position() - entry.offset()).expr() : null)).toList());
                RelationInfo member = state.catalog.relationByOid(state.transaction,
                        branch.rangeTable().getFirst().relation().oid());
                if (PartitionPruning.excluded(state, member, -1, branchWhere,
                        column -> PartitionPruning.leafPosition(member, column))) {
                    continue;
                }
                kept.add(withWhere(branch, branchWhere));
            }
            if (kept.isEmpty()) {
                // nothing can qualify: one member read under a false condition keeps the row shape
                Query first = members.getFirst();
                kept.add(withWhere(first, new QueryExpr.Const(org.woolly.utils.adt.TypeOids.BOOL, -1, false)));
            }
            List<Query> named = new ArrayList<>();
            for (int i = 0; i < kept.size(); i++) {
                Query branch = kept.get(i);
                List<RangeEntry> rangeTable = new ArrayList<>(branch.rangeTable());
                rangeTable.set(0, rangeTable.getFirst().withAlias(kept.size() == 1 ? entry.alias()
                        : entry.alias() + "_" + (i + 1)));
                named.add(new Query(branch.command(), List.copyOf(rangeTable), branch.from(), branch.where(),
                        branch.targetList(), List.of(), List.of(), null, List.of(), false, null, null, null, List.of()));
            }
            Query rewritten = named.size() == 1 ? named.getFirst()
                    : new Query(template.command(), template.rangeTable(), template.from(), template.where(),
                    template.targetList(), List.of(), List.of(), null, List.of(), false, null, null, null, List.of(),
                    new Query.SetOperation(true, List.copyOf(named)), null, null, List.of());
            state.rangeTable.set(leaf.index(), new RangeEntry(entry.kind(), entry.alias(), entry.relation(), rewritten,
                    entry.values(), entry.columnNames(), entry.columnTypes(), entry.columnTypmods(), entry.offset(),
                    entry.withTid(), entry.function(), entry.cte(), entry.lateral()));
        }
        return where == null ? null : and(conjuncts);
    }

    /** The UNION ALL of the expansion, under the query reading it whole. */
    private static Query setOperation(Query query) {
        if (query.setOperation() != null) {
            return query;
        }
        RangeEntry only = query.rangeTable().size() == 1 ? query.rangeTable().getFirst() : null;
        return only != null && only.kind() == RangeEntry.Kind.SUBQUERY && only.subquery() != null
                ? setOperation(only.subquery()) : null;
    }

    /** The member reads of the expansion's UNION ALL, which the analyzer nests two by two. */
    private static void leaves(Query query, List<Query> members) {
        if (query.setOperation() == null) {
            RangeEntry only = query.rangeTable().size() == 1 ? query.rangeTable().getFirst() : null;
            if (only != null && only.kind() == RangeEntry.Kind.SUBQUERY && only.subquery() != null) {
                leaves(only.subquery(), members); // a UNION ALL of earlier members, read whole
            } else {
                members.add(query);
            }
            return;
        }
        for (Query branch : query.setOperation().branches()) {
            leaves(branch, members);
        }
    }

    private static Query withWhere(Query branch, QueryExpr where) {
        return new Query(branch.command(), branch.rangeTable(), branch.from(), where, branch.targetList(), List.of(),
                List.of(), null, List.of(), false, null, null, null, List.of());
    }

    /** A condition reading only columns of {@code entry}, free of subqueries and volatile functions. */
    private static boolean pushable(QueryExpr conjunct, RangeEntry entry) {
        int first = entry.offset();
        int end = first + entry.columnNames().size();
        boolean[] reads = {false};
        boolean unsafe = ExpressionWalker.contains(conjunct, expr -> switch (expr) {
            case QueryExpr.Var var -> {
                reads[0] = true;
                yield var.position() < first || var.position() >= end;
            }
            case QueryExpr.FuncCall call -> call.function().isVolatile() || call.function().returnsSet();
            case QueryExpr.Const ignored -> false;
            case QueryExpr.BoolOp ignored -> false;
            case QueryExpr.NullTest ignored -> false;
            case QueryExpr.Cast ignored -> false;
            case QueryExpr.ScalarArrayOp ignored -> false;
            case QueryExpr.ArrayConstruct ignored -> false;
            case QueryExpr.DistinctFrom ignored -> false;
            default -> true;
        });
        return reads[0] && !unsafe;
    }

    private static QueryExpr and(List<QueryExpr> conjuncts) {
        if (conjuncts.isEmpty()) {
            return null;
        }
        return conjuncts.size() == 1 ? conjuncts.getFirst()
                : new QueryExpr.BoolOp(QueryExpr.BoolOp.BoolKind.AND, List.copyOf(conjuncts));
    }
}
