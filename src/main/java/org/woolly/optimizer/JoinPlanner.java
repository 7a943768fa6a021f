package org.woolly.optimizer;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.woolly.nodes.parse.FromItem;
import org.woolly.nodes.plan.Plan;
import org.woolly.nodes.query.ExpressionWalker;
import org.woolly.nodes.query.FromNode;
import org.woolly.nodes.query.Query;
import org.woolly.nodes.query.QueryExpr;
import org.woolly.nodes.query.RangeEntry;

/**
 * Scans and joins ({@code make_one_rel}): WHERE conjuncts are pushed to the lowest scan or
 * inner join that has all their columns, and equality conjuncts between the two sides of a join
 * make it a hash join. The FROM list and its inner and LEFT joins are collected into join
 * problems ({@code deconstruct_jointree}) whose order {@link JoinSearch} chooses; a query with
 * TIDs, row locks or LATERAL items, and other outer joins, join in the written order.
 */
final class JoinPlanner {
    private final CostModel costs;
    private final Query query;
    private final Function<Query, Plan> subqueryPlanner;
    /** Plans a CTE reference: inline, or a scan of the CTE's plan (the planner keeps shared ones). */
    private final Function<RangeEntry, Plan> ctePlanner;
    private final List<QueryExpr> pool = new ArrayList<>();
    /** The parameters of the LATERAL item the next {@link #join} has on its inner side, or null. */
    private List<org.woolly.nodes.query.ParamBinding> lateralInner;

    /** Sublinks of the WHERE made semi and anti joins, joined above the FROM items. */
    private final List<SubLinkPullUp.Pulled> pulled;

    private JoinPlanner(CostModel costs, Query query, Function<Query, Plan> subqueryPlanner,
                        Function<RangeEntry, Plan> ctePlanner, List<SubLinkPullUp.Pulled> pulled) {
        this.costs = costs;
        this.query = query;
        this.subqueryPlanner = subqueryPlanner;
        this.ctePlanner = ctePlanner;
        this.pulled = pulled;
    }

    static Plan plan(CostModel costs, Query query, Function<Query, Plan> subqueryPlanner,
                     Function<RangeEntry, Plan> ctePlanner) {
        return plan(costs, query, subqueryPlanner, ctePlanner, List.of());
    }

    static Plan plan(CostModel costs, Query query, Function<Query, Plan> subqueryPlanner,
                     Function<RangeEntry, Plan> ctePlanner, List<SubLinkPullUp.Pulled> pulled) {
        return new JoinPlanner(costs, query, subqueryPlanner, ctePlanner, pulled).plan();
    }

    /** The width of the row the query's FROM items make (their columns concatenated). */
    static int rowWidth(Query query) {
        JoinPlanner planner = new JoinPlanner(null, query, null, null, List.of());
        int width = 0;
        for (FromNode node : query.from()) {
            width += planner.width(node);
        }
        return width;
    }

    private Plan plan() {
        if (query.from().isEmpty()) {
            Plan result = new Plan.Result(new Plan.Cost(0, 0.01, 1, 0));
            return query.where() == null ? result : filter(result, query.where());
        }
        // a WHERE conjunct is pushed down unless it reads a column an outer join may null
        List<int[]> nullable = new ArrayList<>();
        for (FromNode node : query.from()) {
            nullableRanges(node, false, nullable);
        }
        List<QueryExpr> kept = new ArrayList<>();
        List<QueryExpr> where = new ArrayList<>();
        conjuncts(query.where(), where);
        for (QueryExpr conjunct : where) {
            boolean readsNullable = false;
            for (int[] range : nullable) {
                readsNullable |= ExpressionWalker.contains(conjunct, expr -> expr instanceof QueryExpr.Var var
                        && var.position() >= range[0] && var.position() < range[1]);
            }
            (readsNullable ? kept : pool).add(conjunct);
        }
        Plan plan = null;
        int width = 0;
        if (searchable()) {
            plan = searchFromList();
            width = rowWidth(query);
        }
        for (FromNode node : plan != null ? List.<FromNode>of() : query.from()) {
            int nodeWidth = width(node);
            if (plan == null) {
                if (node instanceof FromNode.Leaf leaf && query.rangeTable().get(leaf.index()).isLateral()) {
                    throw lateralNotJoined();
                }
                plan = node(node);
            } else {
                Plan inner = node(node);
                lateralInner = lateral(node);
                plan = join(FromItem.JoinType.CROSS, plan, inner, null, 0, width, nodeWidth);
            }
            width += nodeWidth;
        }
        for (SubLinkPullUp.Pulled join : pulled) {
            plan = join(join.type(), plan, join.inner(), join.quals(), 0, width, join.innerWidth());
        }
        kept.addAll(pool);
        QueryExpr remaining = and(kept);
        return remaining == null ? plan : filter(plan, remaining);
    }

    /**
     * Whether the join order may be searched: a query that reads rows only (no TIDs or row
     * locks above the joins) and has no LATERAL item, whose parameters name written positions.
     */
    private boolean searchable() {
        if (query.command() != Query.CommandType.SELECT || !query.rowMarks().isEmpty()) {
            return false;
        }
        for (RangeEntry entry : query.rangeTable()) {
            if (entry.isLateral() || entry.withTid()) {
                return false;
            }
        }
        return true;
    }

    /**
     * A member of a join problem ({@code deconstruct_jointree}'s joinlist): a FROM node planned
     * as one relation, or a nested problem; a member that is the nullable side of a LEFT join
     * has its ON clause and the start of the join's left side.
     */
    private record Member(FromNode node, List<Member> problem, QueryExpr leftJoinOn, int leftStart) {
        Member(FromNode node, List<Member> problem) {
            this(node, problem, null, -1);
        }
    }

    /**
     * The FROM list as one join problem: an item's flattened members join it while the list
     * stays within {@code from_collapse_limit}, else the item is a nested problem ({@code deconstruct_recurse}).
     */
    private Plan searchFromList() {
        List<QueryExpr> joinFilters = new ArrayList<>();
        List<Member> members = new ArrayList<>();
        int remaining = query.from().size();
        for (FromNode node : query.from()) {
            remaining--;
            List<Member> sub = collect(node, joinFilters);
            if (sub.size() <= 1 || members.size() + sub.size() + remaining <= costs.parameters().fromCollapseLimit()) {
                members.addAll(sub);
            } else {
                members.add(nested(sub));
            }
        }
        Plan plan = problem(members);
        return joinFilters.isEmpty() ? plan : filter(plan, and(joinFilters));
    }

    /**
     * The members of an inner join flattened while at most {@code join_collapse_limit} result,
     * its ON conjuncts put into the pool (those it must keep, with sublinks or aggregates, into
     * {@code joinFilters}); an outer join or a table is one member.
     */
    private List<Member> collect(FromNode node, List<QueryExpr> joinFilters) {
        if (node instanceof FromNode.Join join
                && (join.type() == FromItem.JoinType.INNER || join.type() == FromItem.JoinType.CROSS)) {
            QueryExpr own = pushOnQuals(join, start(join) + width(join.left()), width(join.right()));
            if (own != null) {
                joinFilters.add(own);
            }
            List<Member> left = collect(join.left(), joinFilters);
            List<Member> right = collect(join.right(), joinFilters);
            if (left.size() + right.size() <= costs.parameters().joinCollapseLimit()) {
                List<Member> members = new ArrayList<>(left);
                members.addAll(right);
                return members;
            }
            return List.of(nested(left), nested(right));
        }
        if (node instanceof FromNode.Join join && join.type() == FromItem.JoinType.LEFT) {
            int nullableStart = start(join.right());
            int nullableEnd = nullableStart + width(join.right());
            // a clause above that reads the nullable side pins the join to its written place
            boolean pinned = pool.stream().anyMatch(conjunct -> ExpressionWalker.contains(conjunct,
                    expr -> expr instanceof QueryExpr.Var var && var.position() >= nullableStart
                            && var.position() < nullableEnd));
            if (!pinned) {
                QueryExpr on = pushOnQuals(join, nullableStart, nullableEnd - nullableStart);
                List<Member> left = collect(join.left(), joinFilters);
                Member nullable = new Member(join.right(), null, on, start(join));
                List<Member> members = new ArrayList<>();
                if (left.size() + 1 <= costs.parameters().joinCollapseLimit()) {
                    members.addAll(left);
                } else {
                    members.add(nested(left));
                }
                members.add(nullable);
                return members;
            }
        }
        return List.of(new Member(node, null));
    }

    private static Member nested(List<Member> members) {
        return members.size() == 1 ? members.getFirst() : new Member(null, members);
    }

    private Plan member(Member member) {
        return member.node() != null ? node(member.node()) : problem(member.problem());
    }

    private int start(Member member) {
        return member.node() != null ? start(member.node()) : start(member.problem().getFirst());
    }

    private int width(Member member) {
        return member.node() != null ? width(member.node())
                : member.problem().stream().mapToInt(this::width).sum();
    }

    /**
     * Plans the members of a join problem, then searches their join order ({@link JoinSearch})
     * with the pool's conjuncts over them, and restores the written column order above.
     */
    private Plan problem(List<Member> members) {
        if (members.size() == 1) {
            return member(members.getFirst());
        }
        List<JoinSearch.Item> items = new ArrayList<>();
        for (Member member : members) {
            items.add(new JoinSearch.Item(start(member), width(member), member(member)));
        }
        int start = items.getFirst().start();
        int end = items.getLast().start() + items.getLast().width();
        List<QueryExpr> conjuncts = new ArrayList<>();
        conjuncts(takeWithin(start, end), conjuncts);
        List<JoinSearch.LeftJoin> leftJoins = new ArrayList<>();
        for (int i = 0; i < members.size(); i++) {
            Member member = members.get(i);
            if (member.leftStart() >= 0) {
                // min_lefthand: the items of the left side the ON clause reads, else all of them
                long minLeft = 0;
                long leftSide = 0;
                for (int j = 0; j < i; j++) {
                    if (items.get(j).start() >= member.leftStart()) {
                        leftSide |= 1L << j;
                        int from = items.get(j).start();
                        int to = from + items.get(j).width();
                        if (member.leftJoinOn() != null && ExpressionWalker.contains(member.leftJoinOn(), expr -> expr instanceof QueryExpr.Var var
                                && var.position() >= from && var.position() < to)) {
                            minLeft |= 1L << j;
                        }
                    }
                }
                leftJoins.add(new JoinSearch.LeftJoin(i, member.leftJoinOn(), minLeft == 0 ? leftSide : minLeft));
            }
        }
        JoinSearch.Result result = JoinSearch.search(items, conjuncts, leftJoins,
                items.size() > Long.SIZE ? 0 : costs.parameters().geqoThreshold(), new JoinSearch.Joiner() {
                    @Override
                    public Plan join(FromItem.JoinType type, Plan outer, Plan inner, QueryExpr quals, int outerWidth,
                                     int innerWidth, java.util.function.IntUnaryOperator toWritten) {
                        layoutToWritten = toWritten;
                        try {
                            return joinOriented(type, outer, inner, quals, 0, outerWidth, innerWidth);
                        } finally {
                            layoutToWritten = null;
                        }
                    }

                    @Override
                    public Plan filter(Plan input, QueryExpr qual) {
                        return JoinPlanner.this.filter(input, qual);
                    }
                });
        int[] offsets = new int[items.size()];
        int offset = 0;
        boolean written = true;
        for (int i = 0; i < result.order().length; i++) {
            int item = result.order()[i];
            written &= item == i;
            offsets[item] = offset;
            offset += items.get(item).width();
        }
        if (written) {
            return result.plan();
        }
        List<QueryExpr> restore = JoinCommutation.restoringOrder(query, start, end, position -> {
            int item = 0;
            while (start + position >= items.get(item).start() + items.get(item).width()) {
                item++;
            }
            return offsets[item] + start + position - items.get(item).start();
        });
        return new Plan.Project(result.plan(), restore, result.plan().cost());
    }

    /** Adds the column ranges of the row that an outer join in {@code node} may fill with nulls. */
    private void nullableRanges(FromNode node, boolean nulled, List<int[]> into) {
        switch (node) {
            case FromNode.Leaf leaf -> {
                if (nulled) {
                    RangeEntry entry = query.rangeTable().get(leaf.index());
                    into.add(new int[] {entry.offset(), entry.offset() + entry.width()});
                }
            }
            case FromNode.Join join -> {
                FromItem.JoinType type = join.type();
                nullableRanges(join.left(), nulled || type == FromItem.JoinType.RIGHT || type == FromItem.JoinType.FULL,
                        into);
                nullableRanges(join.right(), nulled || type == FromItem.JoinType.LEFT || type == FromItem.JoinType.FULL
                        || type == FromItem.JoinType.ANTI, into);
            }
        }
    }

    private Plan filter(Plan input, QueryExpr qual) {
        return new Plan.Filter(input, qual, new Plan.Cost(input.cost().startup(),
                input.cost().total() + input.cost().rows() * CostModel.operatorCount(qual) * costs.cpuOperatorCost(),
                CostModel.clampRows(input.cost().rows() * costs.selectivity(qual)), input.cost().width()));
    }

    private Plan node(FromNode node) {
        return switch (node) {
            case FromNode.Leaf leaf -> leaf(query.rangeTable().get(leaf.index()));
            case FromNode.Join join when (join.type() == FromItem.JoinType.INNER
                    || join.type() == FromItem.JoinType.CROSS || join.type() == FromItem.JoinType.LEFT)
                    && searchable() -> {
                List<QueryExpr> joinFilters = new ArrayList<>();
                List<Member> members = collect(join, joinFilters);
                if (members.size() == 1) {
                    yield writtenJoin(join); // a LEFT join pinned to its place
                }
                Plan plan = problem(members);
                yield joinFilters.isEmpty() ? plan : filter(plan, Planner.shift(and(joinFilters), start(join)));
            }
            case FromNode.Join join -> writtenJoin(join);
        };
    }

    /** A join of its two sides as written (each side swapped when cheaper, for an inner join). */
    private Plan writtenJoin(FromNode.Join join) {
        int base = start(join);
        int leftWidth = width(join.left());
        int rightWidth = width(join.right());
        QueryExpr own = pushOnQuals(join, base + leftWidth, rightWidth);
        Plan left = node(join.left());
        Plan right = node(join.right());
        lateralInner = lateral(join.right());
        return join(join.type(), left, right, own, base, base + leftWidth, rightWidth);
    }

    private Plan leaf(RangeEntry entry) {
        return switch (entry.kind()) {
            case RELATION -> {
                QueryExpr qual = Planner.shift(takeWithin(entry.offset(), entry.offset() + entry.width()), entry.offset());
                double tableRows = costs.tableRows(entry);
                Plan seqScan = new Plan.SeqScan(entry, qual, new Plan.Cost(costs.seqScanStartup(),
                        costs.seqScanTotal(entry, qual), CostModel.clampRows(tableRows * costs.selectivity(qual, entry)),
                        costs.width(entry)));
                yield IndexPaths.cheapest(costs, entry, qual, seqScan,
                        IndexOnlyColumns.needed(query, entry, !pulled.isEmpty()));
            }
            case SUBQUERY -> subqueryPlanner.apply(entry.subquery());
            case CTE -> ctePlanner.apply(entry);
            case WORKTABLE -> SetOperationPaths.workTableScan(costs, entry);
            case VALUES -> new Plan.ValuesScan(entry.values(), new Plan.Cost(0, costs.valuesScanTotal(entry.values().size()),
                    entry.values().size(), costs.width(entry)));
            case FUNCTION -> {
                Plan scan = FunctionPaths.scan(costs, entry);
                QueryExpr qual = Planner.shift(takeWithin(entry.offset(), entry.offset() + entry.width()), entry.offset());
                yield qual == null ? scan : new Plan.Filter(scan, qual, new Plan.Cost(scan.cost().startup(),
                        scan.cost().total() + scan.cost().rows() * CostModel.operatorCount(qual) * costs.cpuOperatorCost(),
                        CostModel.clampRows(scan.cost().rows() * costs.selectivity(qual)), scan.cost().width()));
            }
        };
    }

    /**
     * Puts the ON conjuncts that may filter one side before the join into the pool, for the scans
     * below to take ({@code distribute_qual_to_rels}): all of an inner join's, and those of a LEFT
     * join that read only its inner side when that side is one table (its rows not matching
     * them then find no partner, as the ON clause says); returns the conjuncts left to the join.
     */
    private QueryExpr pushOnQuals(FromNode.Join join, int innerStart, int innerWidth) {
        List<QueryExpr> own = new ArrayList<>();
        conjuncts(join.quals(), own);
        if (join.type() == FromItem.JoinType.INNER || join.type() == FromItem.JoinType.CROSS) {
            own.removeIf(conjunct -> !ExpressionWalker.contains(conjunct, node -> node instanceof QueryExpr.Aggregate
                    || node instanceof QueryExpr.SubLink) && pool.add(conjunct));
        } else if (join.type() == FromItem.JoinType.LEFT && join.right() instanceof FromNode.Leaf leaf
                && query.rangeTable().get(leaf.index()).kind() == RangeEntry.Kind.RELATION) {
            own.removeIf(conjunct -> within(conjunct, innerStart, innerStart + innerWidth)
                    && !ExpressionWalker.contains(conjunct, node -> node instanceof QueryExpr.SubLink) && pool.add(conjunct));
        }
        return and(own);
    }

    /** The parameters of a LATERAL leaf, or null. */
    private List<org.woolly.nodes.query.ParamBinding> lateral(FromNode node) {
        return node instanceof FromNode.Leaf leaf && query.rangeTable().get(leaf.index()).isLateral()
                ? query.rangeTable().get(leaf.index()).lateral() : null;
    }

    private static org.woolly.utils.error.SqlException lateralNotJoined() {
        return org.woolly.utils.error.SqlException.of(org.woolly.utils.error.SqlState.FEATURE_NOT_SUPPORTED,
                "LATERAL references to FROM items outside the enclosing join are not supported yet");
    }

    /**
     * The lateral loop for a join whose inner side reads columns of its outer side: each
     * parameter's value re-based on the outer row; 42P10 for RIGHT and FULL joins as PostgreSQL.
     */
    private Plan lateralLoop(List<org.woolly.nodes.query.ParamBinding> params, FromItem.JoinType type, Plan outer,
                             Plan inner, QueryExpr loopQual, int base, int outerWidth, int innerWidth, Plan.Cost cost) {
        if (type == FromItem.JoinType.RIGHT || type == FromItem.JoinType.FULL) {
            throw org.woolly.utils.error.SqlException.of(org.woolly.utils.error.SqlState.INVALID_COLUMN_REFERENCE,
                    "invalid reference to FROM-clause entry for table")
                    .withDetail("The combining JOIN type must be INNER or LEFT for a LATERAL reference.");
        }
        List<org.woolly.nodes.query.ParamBinding> shifted = new ArrayList<>();
        for (org.woolly.nodes.query.ParamBinding param : params) {
            if (!within(param.value(), base, base + outerWidth)) {
                throw lateralNotJoined();
            }
            shifted.add(new org.woolly.nodes.query.ParamBinding(param.param(), Planner.shift(param.value(), base)));
        }
        return new Plan.LateralLoop(type, outer, inner, loopQual, shifted, outerWidth, innerWidth, cost);
    }

    /**
     * Joins two plans; {@code innerStart} is the global position of the inner side's first column.
     * An inner join of a query that reads rows only (no TIDs, no row locks) is also tried with
     * its sides swapped ({@link JoinCommutation}), and the cheaper kept.
     */
    private Plan join(FromItem.JoinType type, Plan outer, Plan inner, QueryExpr ownQuals, int base, int innerStart,
                      int innerWidth) {
        if (type != FromItem.JoinType.INNER && type != FromItem.JoinType.CROSS || lateralInner != null
                || query.command() != Query.CommandType.SELECT || !query.rowMarks().isEmpty()) {
            return joinOriented(type, outer, inner, ownQuals, base, innerStart, innerWidth);
        }
        int end = innerStart + innerWidth;
        List<QueryExpr> quals = new ArrayList<>();
        conjuncts(ownQuals, quals);
        conjuncts(takeWithin(base, end), quals);
        QueryExpr all = and(quals);
        Plan written = joinOriented(type, outer, inner, all, base, innerStart, innerWidth);
        List<QueryExpr> restore = JoinCommutation.restoringOrder(query, base, innerStart, end);
        if (restore == null) {
            return written;
        }
        // statistics are found by the written positions: the swapped row's are mapped back for them
        unswap = new int[] {base, base + innerWidth, end};
        Plan swapped;
        try {
            swapped = joinOriented(type, inner, outer, JoinCommutation.swap(all, base, innerStart, end), base,
                    base + innerWidth, innerStart - base);
        } finally {
            unswap = null;
        }
        if (swapped.cost().total() >= written.cost().total()) {
            return written;
        }
        return new Plan.Project(swapped, restore, swapped.cost());
    }

    private Plan joinOriented(FromItem.JoinType type, Plan outer, Plan inner, QueryExpr ownQuals, int base,
                              int innerStart, int innerWidth) {
        List<org.woolly.nodes.query.ParamBinding> lateralParams = lateralInner;
        lateralInner = null;
        int outerWidth = innerStart - base;
        List<QueryExpr> quals = new ArrayList<>();
        conjuncts(ownQuals, quals);
        if ((type == FromItem.JoinType.INNER || type == FromItem.JoinType.CROSS) && layoutToWritten == null) {
            List<QueryExpr> taken = new ArrayList<>();
            conjuncts(takeWithin(base, innerStart + innerWidth), taken);
            quals.addAll(taken);
        }
        List<QueryExpr> outerKeys = new ArrayList<>();
        List<QueryExpr> innerKeys = new ArrayList<>();
        List<QueryExpr> rest = new ArrayList<>();
        List<QueryExpr.FuncCall> keyClauses = new ArrayList<>();
        double keySelectivity = 1.0;
        List<Selectivity.ColumnData> innerKeyColumns = new ArrayList<>();
        boolean hashable = lateralParams == null && (type == FromItem.JoinType.INNER || type == FromItem.JoinType.CROSS
                || type == FromItem.JoinType.LEFT || type == FromItem.JoinType.SEMI || type == FromItem.JoinType.ANTI
                || type == FromItem.JoinType.RIGHT || type == FromItem.JoinType.FULL);
        // a merge join takes the same equality keys and also serves RIGHT and FULL joins
        boolean keyed = lateralParams == null;
        for (QueryExpr qual : quals) {
            if (keyed && qual instanceof QueryExpr.FuncCall call && call.operator() && call.function().name().equals("=")
                    && call.args().size() == 2 && call.args().get(0).type() == call.args().get(1).type()) {
                QueryExpr left = call.args().get(0);
                QueryExpr right = call.args().get(1);
                if (within(left, base, innerStart) && within(right, innerStart, innerStart + innerWidth)) {
                    outerKeys.add(Planner.shift(left, base));
                    innerKeys.add(Planner.shift(right, innerStart));
                    keyClauses.add(call);
                    keySelectivity *= Selectivity.equiJoin(column(left), column(right));
                    innerKeyColumns.add(column(right));
                    continue;
                }
                if (within(right, base, innerStart) && within(left, innerStart, innerStart + innerWidth)) {
                    outerKeys.add(Planner.shift(right, base));
                    innerKeys.add(Planner.shift(left, innerStart));
                    keyClauses.add(call);
                    keySelectivity *= Selectivity.equiJoin(column(right), column(left));
                    innerKeyColumns.add(column(left));
                    continue;
                }
            }
            rest.add(qual);
        }
        QueryExpr joinQual = Planner.shift(and(rest), base);
        FromItem.JoinType effective = type == FromItem.JoinType.CROSS && !quals.isEmpty() ? FromItem.JoinType.INNER : type;
        double outerRows = outer.cost().rows();
        double innerRows = inner.cost().rows();
        boolean semiOrAnti = type == FromItem.JoinType.SEMI || type == FromItem.JoinType.ANTI;
        int width = outer.cost().width() + (semiOrAnti ? 0 : inner.cost().width());
        CostParameters parameters = costs.parameters();
        Plan mergeJoin = outerKeys.isEmpty() ? null : MergePaths.mergeJoin(costs, effective, outer, inner, outerKeys,
                innerKeys, joinQual, outerWidth, innerWidth,
                joinRows(effective, outerRows, innerRows * keySelectivity * costs.selectivity(joinQual)), width,
                keySelectivity);
        Plan hashJoin = null;
        if (!outerKeys.isEmpty() && hashable) {
            double rows = joinRows(effective, outerRows, innerRows * keySelectivity * costs.selectivity(joinQual));
            // initial_cost_hashjoin and final_cost_hashjoin, the hash table in memory
            double hashQualCost = costs.cpuOperatorCost() * outerKeys.size();
            double startup = CostParameters.penalty(parameters.enableHashjoin()) + outer.cost().startup()
                    + inner.cost().total() + (hashQualCost + costs.cpuTupleCost()) * innerRows;
            double run = outer.cost().total() - outer.cost().startup() + hashQualCost * outerRows;
            double bucketFraction = 1.0;
            for (Selectivity.ColumnData key : innerKeyColumns) {
                bucketFraction = Math.min(bucketFraction, Selectivity.bucketFraction(key, hashBuckets(innerRows),
                        innerRows));
            }
            run += hashQualCost * outerRows * CostModel.clampRows(innerRows * bucketFraction) * 0.5;
            run += (costs.cpuTupleCost() + CostModel.operatorCount(joinQual) * costs.cpuOperatorCost())
                    * CostModel.clampRows(outerRows * innerRows * keySelectivity);
            double total = startup + run;
            hashJoin = new Plan.HashJoin(effective, outer, inner, outerKeys, innerKeys, joinQual, outerWidth, innerWidth,
                    new Plan.Cost(startup, total, rows, width));
            Plan indexLoop = lateralParams != null ? null : parameterizedLoop(effective, outer, inner, keyClauses,
                    outerKeys, innerKeys, joinQual, outerWidth, innerWidth, rows, width);
            if (indexLoop != null && (indexLoop.cost().total() < hashJoin.cost().total()
                    || !parameters.enableHashjoin() && parameters.enableNestloop())) {
                return MergePaths.cheaper(indexLoop, mergeJoin);
            }
            if (parameters.enableHashjoin()) {
                return MergePaths.cheaper(hashJoin, mergeJoin);
            }
        }
        if (!hashable) {
            // the keys of a RIGHT or FULL join are no hash join's: the nested loop tests them per pair
            rest.clear();
            rest.addAll(quals);
            joinQual = Planner.shift(and(rest), base);
            keySelectivity = 1.0;
        }
        // a nested loop evaluates every qual, the equality keys included, for each pair of rows
        QueryExpr loopQual = hashJoin == null ? joinQual : Planner.shift(and(quals), base);
        double rows = joinRows(effective, outerRows, innerRows * keySelectivity * costs.selectivity(joinQual));
        double pairs = outerRows * innerRows * (costs.cpuTupleCost()
                + CostModel.operatorCount(loopQual) * costs.cpuOperatorCost());
        if (lateralParams != null) {
            double total = CostParameters.penalty(parameters.enableNestloop()) + outer.cost().total()
                    + outerRows * inner.cost().total() + pairs;
            return lateralLoop(lateralParams, effective, outer, inner, loopQual, base, outerWidth, innerWidth,
                    loopCost(outer, inner, total, rows, width));
        }
        Plan nestedLoop = nestedLoop(effective, outer, inner, loopQual, outerWidth, innerWidth, pairs, rows, width);
        Plan materialized = materialize(effective, inner);
        if (materialized != null) {
            Plan loop = nestedLoop(effective, outer, materialized, loopQual, outerWidth, innerWidth, pairs, rows,
                    width);
            if (loop.cost().total() < nestedLoop.cost().total()) {
                nestedLoop = loop;
            }
        }
        return MergePaths.cheaper(hashJoin != null && hashJoin.cost().total() <= nestedLoop.cost().total() ? hashJoin
                : nestedLoop, mergeJoin);
    }

    /**
     * A nested loop costed as {@code initial_cost_nestloop}/{@code final_cost_nestloop}: the outer
     * side once, the inner side once and then rescanned for each further outer row
     * ({@code cost_rescan}), and {@code pairs}, the cost of testing each pair of rows.
     */
    private Plan nestedLoop(FromItem.JoinType type, Plan outer, Plan inner, QueryExpr loopQual, int outerWidth,
                            int innerWidth, double pairs, double rows, int width) {
        double outerRows = outer.cost().rows();
        double total = CostParameters.penalty(costs.parameters().enableNestloop()) + outer.cost().total()
                + inner.cost().total() + (outerRows > 1 ? (outerRows - 1) * costs.rescanCost(inner) : 0) + pairs;
        return new Plan.NestedLoop(type, outer, inner, loopQual, outerWidth, innerWidth,
                loopCost(outer, inner, total, rows, width));
    }

    private Plan.Cost loopCost(Plan outer, Plan inner, double total, double rows, int width) {
        return new Plan.Cost(CostParameters.penalty(costs.parameters().enableNestloop()) + outer.cost().startup()
                + inner.cost().startup(), total, rows, width);
    }

    /**
     * The inner side kept in a Material node, as {@code match_unsorted_outer} offers it beside the
     * plain inner path: with enable_material on, for the join types a nested loop runs by rescanning
     * (not RIGHT or FULL), and not over a node that keeps its result already; else null.
     */
    private Plan materialize(FromItem.JoinType type, Plan inner) {
        if (!costs.parameters().enableMaterial() || type == FromItem.JoinType.RIGHT || type == FromItem.JoinType.FULL
                || CostModel.materializesOutput(inner)) {
            return null;
        }
        return new Plan.Material(inner, costs.materialCost(inner));
    }

    /**
     * A nested loop whose inner side, a table, is read through an index keyed by the outer row's
     * join keys ({@code create_nestloop_plan} with a parameterized inner index path): each outer
     * key column becomes an execution parameter set per outer row, and the inner scan compares
     * the key column with it, so the equality needs no join filter. Costed as
     * {@code initial_cost_nestloop}/{@code final_cost_nestloop} with the inner scan's cost per
     * rescan; null when the inner side is not a table scan or no index takes a key.
     */
    private Plan parameterizedLoop(FromItem.JoinType type, Plan outer, Plan inner, List<QueryExpr.FuncCall> keyClauses,
                                   List<QueryExpr> outerKeys, List<QueryExpr> innerKeys, QueryExpr joinQual,
                                   int outerWidth, int innerWidth, double rows, int width) {
        if (type != FromItem.JoinType.INNER && type != FromItem.JoinType.LEFT && type != FromItem.JoinType.SEMI
                && type != FromItem.JoinType.ANTI) {
            return null;
        }
        // a pulled-up sublink's inner side is its select list over the scan
        List<QueryExpr> projection = inner instanceof Plan.Project project ? project.exprs() : null;
        if (inner instanceof Plan.Project project) {
            inner = project.input();
        }
        RangeEntry entry;
        QueryExpr innerQual;
        switch (inner) {
            case Plan.SeqScan scan -> {
                entry = scan.entry();
                innerQual = scan.qual();
            }
            case Plan.IndexScan scan -> {
                entry = scan.entry();
                innerQual = scan.qual();
            }
            case Plan.BitmapHeapScan scan -> {
                entry = scan.entry();
                innerQual = scan.qual();
            }
            default -> {
                return null;
            }
        }
        List<QueryExpr> scanClauses = new ArrayList<>();
        conjuncts(innerQual, scanClauses);
        List<QueryExpr> loopClauses = new ArrayList<>();
        List<org.woolly.nodes.query.ParamBinding> params = new ArrayList<>();
        java.util.Set<Integer> ids = new java.util.HashSet<>();
        for (int i = 0; i < outerKeys.size(); i++) {
            QueryExpr.FuncCall clause = keyClauses.get(i);
            QueryExpr innerKey = innerKeys.get(i);
            if (projection != null && innerKey instanceof QueryExpr.Var var) {
                innerKey = projection.get(var.position());
            }
            if (outerKeys.get(i) instanceof QueryExpr.Var outerVar && innerKey instanceof QueryExpr.Var) {
                QueryExpr.ExecParam param = new QueryExpr.ExecParam(costs.newPlannerParam(), outerVar.type(),
                        outerVar.typmod(), outerVar.name());
                params.add(new org.woolly.nodes.query.ParamBinding(param.id(), outerVar));
                ids.add(param.id());
                scanClauses.add(new QueryExpr.FuncCall(clause.function(), List.of(innerKey, param), true,
                        clause.type()));
            } else {
                loopClauses.add(new QueryExpr.FuncCall(clause.function(), List.of(outerKeys.get(i),
                        Planner.shift(innerKeys.get(i), -outerWidth)), true, clause.type()));
            }
        }
        if (params.isEmpty()) {
            return null;
        }
        double outerRows = outer.cost().rows();
        QueryExpr scanQual = and(scanClauses);
        Plan.IndexScan scan = IndexPaths.parameterized(costs, entry, scanQual,
                CostModel.clampRows(costs.tableRows(entry) * costs.selectivity(scanQual, entry)),
                Math.max(outerRows, 1), ids);
        if (scan == null) {
            return null;
        }
        conjuncts(joinQual, loopClauses);
        QueryExpr loopQual = and(loopClauses);
        Plan innerPlan = scan;
        if (projection != null) {
            Plan.Cost cost = scan.cost();
            int operators = projection.stream().mapToInt(CostModel::operatorCount).sum();
            innerPlan = new Plan.Project(scan, projection, new Plan.Cost(cost.startup(), cost.total()
                    + cost.rows() * operators * costs.cpuOperatorCost(), cost.rows(), cost.width()));
        }
        Plan.Cost innerCost = innerPlan.cost();
        double startup = CostParameters.penalty(costs.parameters().enableNestloop()) + outer.cost().startup()
                + innerCost.startup();
        double run = outer.cost().total() - outer.cost().startup()
                + outerRows * (innerCost.total() - innerCost.startup())
                + Math.max(outerRows - 1, 0) * innerCost.startup()
                + (costs.cpuTupleCost() + CostModel.operatorCount(loopQual) * costs.cpuOperatorCost())
                * outerRows * innerCost.rows();
        return new Plan.LateralLoop(type, outer, innerPlan, loopQual, params, outerWidth, innerWidth,
                new Plan.Cost(startup, startup + run, rows, width));
    }

    /**
     * {@code calc_joinrel_size_estimate}: a left join keeps at least every outer row; a semi join
     * the outer rows with a match (the fraction matched taken as the expected matches, at most
     * one), an anti join the others.
     */
    private static double joinRows(FromItem.JoinType type, double outerRows, double innerMatches) {
        if (type == FromItem.JoinType.SEMI || type == FromItem.JoinType.ANTI) {
            double matched = Math.min(1.0, innerMatches);
            return CostModel.clampRows(outerRows * (type == FromItem.JoinType.SEMI ? matched : 1.0 - matched));
        }
        double rows = outerRows * innerMatches;
        if (type == FromItem.JoinType.LEFT && rows < outerRows) {
            rows = outerRows;
        }
        return CostModel.clampRows(rows);
    }

    /** {@code ExecChooseHashTableSize} in memory: one bucket per row, at least 1024, a power of two. */
    private static int hashBuckets(double rows) {
        double buckets = Math.max(Math.ceil(rows), 1024);
        int power = 1;
        while (power < buckets && power < (1 << 30)) {
            power <<= 1;
        }
        return power;
    }

    /** While a join is planned with its sides swapped: its span and where its swapped inner side ends, else null. */
    private int[] unswap;
    /** While the join search plans a join: its row's positions to the written row's, else null. */
    private java.util.function.IntUnaryOperator layoutToWritten;

    /** The base-table column an expression of the joined row reads (a Var of a table), for its statistics. */
    private Selectivity.ColumnData column(QueryExpr expr) {
        if (!(expr instanceof QueryExpr.Var swappedVar)) {
            return null;
        }
        QueryExpr.Var var = unswap == null ? swappedVar
                : (QueryExpr.Var) JoinCommutation.swap(swappedVar, unswap[0], unswap[1], unswap[2]);
        if (layoutToWritten != null) {
            var = new QueryExpr.Var(layoutToWritten.applyAsInt(var.position()), var.type(), var.typmod(), var.name(),
                    var.location());
        }
        for (RangeEntry entry : query.rangeTable()) {
            if (var.position() >= entry.offset() && var.position() < entry.offset() + entry.width()) {
                return costs.selectivities().column((QueryExpr.Var) Planner.shift(var, entry.offset()), entry);
            }
        }
        return null;
    }

    /** Removes from the pool the conjuncts whose columns all lie in [from, to); returns them ANDed. */
    private QueryExpr takeWithin(int from, int to) {
        List<QueryExpr> taken = new ArrayList<>();
        pool.removeIf(conjunct -> {
            if (within(conjunct, from, to) && !ExpressionWalker.contains(conjunct, node -> node instanceof QueryExpr.Aggregate)) {
                taken.add(conjunct);
                return true;
            }
            return false;
        });
        return and(taken);
    }

    private static boolean within(QueryExpr expr, int from, int to) {
        return !ExpressionWalker.contains(expr, node -> node instanceof QueryExpr.Var var
                && (var.position() < from || var.position() >= to));
    }

    static void conjuncts(QueryExpr expr, List<QueryExpr> into) {
        if (expr instanceof QueryExpr.BoolOp bool && bool.kind() == QueryExpr.BoolOp.BoolKind.AND) {
            bool.args().forEach(arg -> conjuncts(arg, into));
        } else if (expr != null) {
            into.add(expr);
        }
    }

    static QueryExpr and(List<QueryExpr> exprs) {
        if (exprs.isEmpty()) {
            return null;
        }
        return exprs.size() == 1 ? exprs.getFirst() : new QueryExpr.BoolOp(QueryExpr.BoolOp.BoolKind.AND, List.copyOf(exprs));
    }

    private int width(FromNode node) {
        return switch (node) {
            case FromNode.Leaf leaf -> query.rangeTable().get(leaf.index()).width();
            case FromNode.Join join -> width(join.left()) + width(join.right());
        };
    }

    private int start(FromNode node) {
        return switch (node) {
            case FromNode.Leaf leaf -> query.rangeTable().get(leaf.index()).offset();
            case FromNode.Join join -> start(join.left());
        };
    }
}
