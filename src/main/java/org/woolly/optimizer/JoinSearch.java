package org.woolly.optimizer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntUnaryOperator;
import org.woolly.nodes.parse.FromItem;
import org.woolly.nodes.plan.Plan;
import org.woolly.nodes.query.ExpressionWalker;
import org.woolly.nodes.query.QueryExpr;

/**
 * The join order search of one join problem, as {@code allpaths.c}'s
 * {@code standard_join_search} with {@code joinrels.c}'s {@code join_search_one_level}:
 * level 1 holds the relations (each a span of the written row, already planned with its
 * restrictions), level k the cheapest plan of every set of k relations made by joining a set of
 * level j with a disjoint set of level k - j in both orientations, where a join clause connects
 * the two sets; a set without join clauses to the rest joins single relations clauselessly, and
 * a level nothing could be joined at falls back to every clauseless pair. From
 * {@code geqo_threshold} relations on the search is greedy (the cheapest connected pair of
 * clumps joined first) instead of PostgreSQL's genetic one. A LEFT join whose nullable side is
 * one relation that no other clause reads may move ({@code (A leftjoin B) join C} =
 * {@code (A join C) leftjoin B}, the first identity of the optimizer README): the nullable side
 * joins, as the inner side of a LEFT join or the outer side of a RIGHT one, a set holding the
 * relations its ON clause reads ({@code min_lefthand}), and no set holds it without them
 * ({@code join_is_legal}). Other outer joins are one relation here, in their written place.
 * <p>
 * A join plan's row has its relations' columns in the order they were joined, so the clauses
 * are rewritten to that layout; the caller restores the written order above the final plan.
 * The row count of a set is the one its first plan estimated ({@code set_joinrel_size_estimates}
 * is computed once per join relation), so its plans compete on cost alone.
 */
final class JoinSearch {
    /** A relation of the problem: the span {@code [start, start + width)} of the written row and its plan. */
    record Item(int start, int width, Plan plan) {}

    /** The LEFT join that makes item {@code nullable} (by index) nullable: its ON clause and the items it needs first. */
    record LeftJoin(int nullable, QueryExpr on, long minLeft) {}

    /** Plans the joins ({@code add_paths_to_joinrel} for one orientation) and filters for the search. */
    interface Joiner {
        /**
         * The cheapest join of {@code type} (CROSS for an inner join) of {@code outer} and
         * {@code inner}; {@code quals} is over the joined row (outer columns first, from 0),
         * {@code toWritten} maps its positions to the written row's, for the columns' statistics.
         */
        Plan join(FromItem.JoinType type, Plan outer, Plan inner, QueryExpr quals, int outerWidth, int innerWidth,
                  IntUnaryOperator toWritten);

        /** {@code input} filtered by {@code qual} (positions relative to its row). */
        Plan filter(Plan input, QueryExpr qual);
    }

    /** The plan found and the order of the items' columns in its row. */
    record Result(Plan plan, int[] order) {}

    /** A set of items, the order of their columns in its plan's row, and the plan. */
    private record Path(long set, int[] order, Plan plan) {}

    /** A conjunct and the items it reads. */
    private record Clause(QueryExpr expr, long items) {}

    private final List<Item> items;
    private final List<Clause> clauses = new ArrayList<>();
    private final List<LeftJoin> leftJoins;
    /** The item sets a join clause or a LEFT join's ON clause connects. */
    private final List<Long> links = new ArrayList<>();
    private final Joiner joiner;
    private final Map<Long, Path> best = new LinkedHashMap<>();
    private final Map<Long, Double> rows = new LinkedHashMap<>();
    /** {@code compare_path_costs_fuzzily}'s factor for plans of the same order: only rounding. */
    private static final double COST_FUZZ = 1.0000000001;

    private JoinSearch(List<Item> items, List<QueryExpr> conjuncts, List<LeftJoin> leftJoins, Joiner joiner) {
        this.items = items;
        this.joiner = joiner;
        this.leftJoins = leftJoins;
        for (QueryExpr conjunct : conjuncts) {
            Clause clause = new Clause(conjunct, itemsRead(conjunct));
            clauses.add(clause);
            links.add(clause.items());
        }
        for (LeftJoin leftJoin : leftJoins) {
            links.add(leftJoin.minLeft() | 1L << leftJoin.nullable());
        }
    }

    /**
     * The cheapest plan joining {@code items} (at most 64, in written order) with the
     * {@code conjuncts} (over the written row) each evaluated at the lowest join that has all
     * their items.
     */
    static Result search(List<Item> items, List<QueryExpr> conjuncts, List<LeftJoin> leftJoins, int geqoThreshold,
                         Joiner joiner) {
        JoinSearch search = new JoinSearch(items, conjuncts, leftJoins, joiner);
        List<Path> singles = search.singles();
        Path found = items.size() >= geqoThreshold ? null : search.levels(singles);
        if (found == null) {
            found = search.greedy(singles);
        }
        return new Result(found.plan(), found.order());
    }

    long itemsRead(QueryExpr expr) {
        long[] set = {0};
        ExpressionWalker.contains(expr, node -> {
            if (node instanceof QueryExpr.Var var) {
                set[0] |= 1L << itemAt(var.position());
            }
            return false;
        });
        return set[0];
    }

    private int itemAt(int position) {
        for (int i = 0; i < items.size(); i++) {
            if (position >= items.get(i).start() && position < items.get(i).start() + items.get(i).width()) {
                return i;
            }
        }
        throw new IllegalStateException("column " + position + " is in no relation of the join");
    }

    /** Level 1: each item under the conjuncts that read it alone (or nothing, on the first). */
    private List<Path> singles() {
        List<Path> level = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            long set = 1L << i;
            List<QueryExpr> own = new ArrayList<>();
            for (Clause clause : clauses) {
                if (clause.items() == set || clause.items() == 0 && i == 0) {
                    own.add(clause.expr());
                }
            }
            int[] order = {i};
            Plan plan = items.get(i).plan();
            if (!own.isEmpty()) {
                plan = joiner.filter(plan, toLayout(JoinPlanner.and(own), order));
            }
            Path path = new Path(set, order, plan);
            level.add(path);
            best.put(set, path);
        }
        return level;
    }

    /** {@code standard_join_search}: every level's sets from the levels below. */
    private Path levels(List<Path> singles) {
        int count = items.size();
        List<List<Path>> levels = new ArrayList<>();
        levels.add(List.of());
        levels.add(singles);
        for (int level = 2; level <= count; level++) {
            boolean made = false;
            for (int lower = 1; lower <= level / 2; lower++) {
                // the larger set first, as join_search_one_level's old_rel
                for (Path left : levels.get(level - lower)) {
                    for (Path right : levels.get(lower)) {
                        if ((left.set() & right.set()) != 0 || lower == level - lower && left.set() > right.set()
                                || !joinable(left.set(), right.set())) {
                            continue;
                        }
                        made |= joinBoth(left, right);
                    }
                }
            }
            if (!made) {
                // no clause connects anything at this level: a cartesian product with one more relation
                for (Path left : levels.get(level - 1)) {
                    for (Path right : singles) {
                        if ((left.set() & right.set()) == 0) {
                            joinBoth(left, right);
                        }
                    }
                }
            }
            List<Path> paths = new ArrayList<>();
            for (Path path : best.values()) {
                if (Long.bitCount(path.set()) == level) {
                    paths.add(path);
                }
            }
            levels.add(paths);
        }
        return best.get((count == Long.SIZE ? 0 : 1L << count) - 1);
    }

    /** Greedy search above {@code geqo_threshold}: join the cheapest connected pair of clumps until one is left. */
    private Path greedy(List<Path> singles) {
        List<Path> clumps = new ArrayList<>(singles);
        while (clumps.size() > 1) {
            Path cheapest = null;
            for (boolean clauseless : new boolean[] {false, true}) {
                for (Path left : clumps) {
                    for (Path right : clumps) {
                        if (left != right && (clauseless || connected(left.set(), right.set()))) {
                            Path joined = join(left, right);
                            if (joined != null && (cheapest == null
                                    || joined.plan().cost().total() < cheapest.plan().cost().total())) {
                                cheapest = joined;
                            }
                        }
                    }
                }
                if (cheapest != null) {
                    break;
                }
            }
            if (cheapest == null) {
                throw new IllegalStateException("no legal join order");
            }
            long set = cheapest.set();
            clumps.removeIf(clump -> (clump.set() & set) != 0);
            clumps.add(cheapest);
        }
        return clumps.getFirst();
    }

    /**
     * Whether two sets are joined at their level ({@code have_relevant_joinclause}, and the
     * clauseless joins of a set that has no join clause with the rest, to single relations).
     */
    private boolean joinable(long left, long right) {
        return connected(left, right) || Long.bitCount(right) == 1 && !joinsOutside(left)
                || Long.bitCount(left) == 1 && !joinsOutside(right);
    }

    private boolean connected(long left, long right) {
        for (long link : links) {
            if ((link & left) != 0 && (link & right) != 0) {
                return true;
            }
        }
        return false;
    }

    private boolean joinsOutside(long set) {
        for (long link : links) {
            if ((link & set) != 0 && (link & ~set) != 0) {
                return true;
            }
        }
        return false;
    }

    /**
     * Both orientations of a join, {@code left} as the outer side first unless it is a LEFT
     * join's nullable side ({@code make_join_rel} adds the LEFT join before the RIGHT one), so
     * that of two plans of equal cost the first stays; whether either is legal.
     */
    private boolean joinBoth(Path left, Path right) {
        for (LeftJoin leftJoin : leftJoins) {
            if (left.set() == 1L << leftJoin.nullable()) {
                return keep(join(right, left)) | keep(join(left, right));
            }
        }
        return keep(join(left, right)) | keep(join(right, left));
    }

    private boolean keep(Path path) {
        if (path == null) {
            return false;
        }
        Path known = best.get(path.set());
        // add_path keeps the known plan unless the new one is cheaper beyond rounding
        if (known == null || path.plan().cost().total() * COST_FUZZ < known.plan().cost().total()) {
            best.put(path.set(), path);
        }
        return true;
    }

    /**
     * The join of two sets, {@code outer} first in its row, with the clauses neither side had;
     * null when the LEFT joins forbid it.
     */
    private Path join(Path outer, Path inner) {
        long set = outer.set() | inner.set();
        FromItem.JoinType type = FromItem.JoinType.CROSS;
        QueryExpr on = null;
        for (LeftJoin leftJoin : leftJoins) {
            long nullable = 1L << leftJoin.nullable();
            long needed = leftJoin.minLeft();
            if (inner.set() == nullable && (outer.set() & needed) == needed) {
                type = FromItem.JoinType.LEFT;
                on = leftJoin.on();
            } else if (outer.set() == nullable && (inner.set() & needed) == needed) {
                type = FromItem.JoinType.RIGHT;
                on = leftJoin.on();
            } else if ((outer.set() & nullable) != 0 && (outer.set() & needed) != needed
                    || (inner.set() & nullable) != 0 && (inner.set() & needed) != needed) {
                return null;
            }
        }
        int[] order = new int[outer.order().length + inner.order().length];
        System.arraycopy(outer.order(), 0, order, 0, outer.order().length);
        System.arraycopy(inner.order(), 0, order, outer.order().length, inner.order().length);
        List<QueryExpr> quals = new ArrayList<>();
        for (Clause clause : clauses) {
            if ((clause.items() & ~set) == 0 && (clause.items() & ~outer.set()) != 0
                    && (clause.items() & ~inner.set()) != 0) {
                quals.add(clause.expr());
            }
        }
        if (type != FromItem.JoinType.CROSS) {
            if (!quals.isEmpty()) {
                return null;
            }
            if (on != null) {
                quals.add(on);
            }
        }
        int outerWidth = width(outer.order());
        Plan plan = joiner.join(type, outer.plan(), inner.plan(), toLayout(JoinPlanner.and(quals), order), outerWidth,
                width(inner.order()), position -> toWritten(position, order));
        Double known = rows.putIfAbsent(set, plan.cost().rows());
        if (known != null && known != plan.cost().rows()) {
            plan = withRows(plan, known);
        }
        return new Path(set, order, plan);
    }

    private int width(int[] order) {
        int width = 0;
        for (int item : order) {
            width += items.get(item).width();
        }
        return width;
    }

    /** {@code expr} over the written row rewritten to the row of a plan joining {@code order}. */
    private QueryExpr toLayout(QueryExpr expr, int[] order) {
        if (expr == null) {
            return null;
        }
        int[] offsets = new int[items.size()];
        int offset = 0;
        for (int item : order) {
            offsets[item] = offset;
            offset += items.get(item).width();
        }
        return ExpressionWalker.rewrite(expr, node -> {
            if (!(node instanceof QueryExpr.Var var)) {
                return null;
            }
            int item = itemAt(var.position());
            return new QueryExpr.Var(offsets[item] + var.position() - items.get(item).start(), var.type(),
                    var.typmod(), var.name(), var.location());
        });
    }

    /** The written position of a position of the row joining {@code order}. */
    private int toWritten(int position, int[] order) {
        int offset = 0;
        for (int item : order) {
            int width = items.get(item).width();
            if (position < offset + width) {
                return items.get(item).start() + position - offset;
            }
            offset += width;
        }
        return position;
    }

    /** A join plan with the row count its set was first estimated with. */
    private static Plan withRows(Plan plan, double rows) {
        return switch (plan) {
            case Plan.HashJoin join -> new Plan.HashJoin(join.type(), join.outer(), join.inner(), join.outerKeys(),
                    join.innerKeys(), join.joinQual(), join.outerWidth(), join.innerWidth(), withRows(join.cost(), rows));
            case Plan.MergeJoin join -> new Plan.MergeJoin(join.type(), join.outer(), join.inner(), join.outerKeys(),
                    join.innerKeys(), join.comparators(), join.joinQual(), join.outerWidth(), join.innerWidth(),
                    withRows(join.cost(), rows));
            case Plan.NestedLoop loop -> new Plan.NestedLoop(loop.type(), loop.outer(), loop.inner(), loop.joinQual(),
                    loop.outerWidth(), loop.innerWidth(), withRows(loop.cost(), rows));
            case Plan.LateralLoop loop -> new Plan.LateralLoop(loop.type(), loop.outer(), loop.inner(),
                    loop.joinQual(), loop.params(), loop.outerWidth(), loop.innerWidth(), withRows(loop.cost(), rows));
            default -> plan;
        };
    }

    private static Plan.Cost withRows(Plan.Cost cost, double rows) {
        return new Plan.Cost(cost.startup(), cost.total(), rows, cost.width());
    }
}
