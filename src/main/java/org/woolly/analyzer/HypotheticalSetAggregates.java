package org.woolly.analyzer;

import java.util.List;
import java.util.Set;
import org.woolly.nodes.parse.Expr;
import org.woolly.nodes.parse.QualifiedName;
import org.woolly.nodes.parse.SortBy;
import org.woolly.nodes.parse.TypeName;
import org.woolly.utils.error.SqlState;

/**
 * The hypothetical-set aggregates of {@code orderedsetaggs.c}: {@code rank}, {@code dense_rank},
 * {@code percent_rank} and {@code cume_dist} called as {@code f(h1, ..., hn) WITHIN GROUP (ORDER
 * BY e1, ..., en)}, the rank the row (h1, ..., hn) would have among the group's rows in that
 * order. PostgreSQL sorts the hypothetical row in with the others and reads its position; the
 * same numbers are counts of the rows that sort before it (or not after it), so the call is
 * rewritten into {@code count(*) FILTER (...)} aggregates over the ORDER BY's own comparisons,
 * directions and NULL placement, which the aggregation already knows how to run.
 */
final class HypotheticalSetAggregates {
    private static final Set<String> NAMES = Set.of("rank", "dense_rank", "percent_rank", "cume_dist");

    private HypotheticalSetAggregates() {}

    /** Whether {@code call} is a hypothetical-set aggregate call (a window function name WITHIN GROUP). */
    static boolean applies(Expr.FuncCall call) {
        return call.withinGroup() && call.over() == null && NAMES.contains(call.name().name())
                && (call.name().schema() == null || call.name().schema().equals("pg_catalog"));
    }

    /** The counting expression that computes {@code call}. */
    static Expr rewrite(Expr.FuncCall call, java.util.function.Supplier<List<String>> argumentTypeNames) {
        String name = call.name().name();
        int location = call.location();
        // the parser appends the sorted arguments to the direct ones
        List<Expr> direct = call.args().subList(0, call.args().size() - call.orderBy().size());
        if (direct.size() != call.orderBy().size()) {
            throw ParseState.error(SqlState.UNDEFINED_FUNCTION, location, "function %s(%s) does not exist", name,
                    String.join(", ", argumentTypeNames.get()))
                    .withHint(("To use the hypothetical-set aggregate %s, the number of hypothetical direct arguments "
                            + "(here %d) must match the number of ordering columns (here %d).").formatted(name,
                            direct.size(), call.orderBy().size()));
        }
        Expr before = precedes(call.orderBy(), direct, 0, false);
        Expr all = count(call.filter(), null, location);
        return switch (name) {
            case "rank" -> plusOne(count(call.filter(), before, location), location);
            case "dense_rank" -> {
                List<Expr> keys = call.orderBy().stream().map(SortBy::expr).toList();
                Expr peers = new Expr.FuncCall(new QualifiedName(null, "count", location),
                        List.of(new Expr.RowConstructor(keys, location)), false, true, List.of(),
                        and(call.filter(), before, location), null, location, false);
                yield plusOne(peers, location);
            }
            case "percent_rank" -> new Expr.Case(null, List.of(new Expr.Case.When(
                    new Expr.Operator("=", all, integer(0, location), location), float8(integer(0, location)), location)),
                    new Expr.Operator("/", float8(count(call.filter(), before, location)), float8(all), location),
                    location);
            default -> {
                // cume_dist: the rows before the hypothetical one or its peers, and itself
                Expr notAfter = new Expr.BoolExpr(Expr.BoolExpr.BoolOp.NOT,
                        List.of(precedes(call.orderBy(), direct, 0, true)), location);
                yield new Expr.Operator("/", float8(plusOne(count(call.filter(), notAfter, location), location)),
                        float8(plusOne(all, location)), location);
            }
        };
    }

    /**
     * Whether a row sorts strictly before the hypothetical one on keys {@code from..} (or, with
     * {@code reversed}, the hypothetical one before the row): the first key that differs decides,
     * in its direction, NULLs first or last as the ORDER BY says. Never null.
     */
    private static Expr precedes(List<SortBy> keys, List<Expr> hypothetical, int from, boolean reversed) {
        SortBy key = keys.get(from);
        int location = key.location();
        Expr row = key.expr();
        Expr value = hypothetical.get(from);
        Expr first = reversed ? value : row;
        Expr second = reversed ? row : value;
        boolean nullsFirst = key.nullsFirst() != null ? key.nullsFirst() : key.descending();
        Expr nullFirst = nullsFirst ? first : second;
        Expr nullSecond = nullsFirst ? second : first;
        Expr byNulls = new Expr.BoolExpr(Expr.BoolExpr.BoolOp.AND, List.of(
                new Expr.NullTest(nullFirst, Expr.NullTest.Test.IS_NULL, location),
                new Expr.NullTest(nullSecond, Expr.NullTest.Test.IS_NOT_NULL, location)), location);
        // a coercion error of the hypothetical value points at it, as PostgreSQL's
        Expr byValue = new Expr.NullTest(new Expr.Operator(key.descending() ? ">" : "<", first, second,
                value.location()),
                Expr.NullTest.Test.IS_TRUE, location);
        Expr decided = new Expr.BoolExpr(Expr.BoolExpr.BoolOp.OR, List.of(byNulls, byValue), location);
        if (from == keys.size() - 1) {
            return decided;
        }
        Expr tie = new Expr.DistinctFrom(row, value, true, location);
        return new Expr.BoolExpr(Expr.BoolExpr.BoolOp.OR, List.of(decided, new Expr.BoolExpr(Expr.BoolExpr.BoolOp.AND,
                List.of(tie, precedes(keys, hypothetical, from + 1, reversed)), location)), location);
    }

    /** {@code count(*) FILTER (WHERE filter AND condition)}, either part possibly absent. */
    private static Expr count(Expr filter, Expr condition, int location) {
        return new Expr.FuncCall(new QualifiedName(null, "count", location), List.of(), true, false, List.of(),
                and(filter, condition, location), null, location, false);
    }

    private static Expr and(Expr first, Expr second, int location) {
        if (first == null || second == null) {
            return first == null ? second : first;
        }
        return new Expr.BoolExpr(Expr.BoolExpr.BoolOp.AND, List.of(first, second), location);
    }

    private static Expr plusOne(Expr count, int location) {
        return new Expr.Operator("+", count, integer(1, location), location);
    }

    private static Expr integer(int value, int location) {
        return new Expr.Constant(Expr.Constant.Kind.INTEGER, Integer.toString(value), location);
    }

    private static Expr float8(Expr value) {
        return new Expr.TypeCast(value, new TypeName("pg_catalog", "float8", List.of(), 0, -1), -1);
    }
}
