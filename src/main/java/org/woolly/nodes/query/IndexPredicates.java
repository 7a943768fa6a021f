package org.woolly.nodes.query;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.woolly.utils.adt.TypeOids;

/**
 * Matching of index expressions and predicates against a query's quals: structural equality
 * of analyzed expressions ({@code equal()} as {@code match_index_to_operand} uses it) and the
 * simple cases of {@code predicate_implied_by} in {@code predtest.c}: every conjunct of the
 * predicate must be implied by some conjunct of the quals, where a clause implies itself, a
 * boolean column {@code b} and {@code b = true} imply each other, and a strict operator clause
 * on {@code x} implies {@code x IS NOT NULL}.
 */
public final class IndexPredicates {
    private IndexPredicates() {}

    /** Whether {@code quals} (a conjunction, or null) imply {@code predicate}. */
    public static boolean impliedBy(QueryExpr predicate, QueryExpr quals) {
        if (predicate == null) {
            return true;
        }
        List<QueryExpr> wanted = new ArrayList<>();
        conjuncts(predicate, wanted);
        List<QueryExpr> given = new ArrayList<>();
        conjuncts(quals, given);
        for (QueryExpr clause : wanted) {
            if (given.stream().noneMatch(qual -> implies(qual, clause))) {
                return false;
            }
        }
        return true;
    }

    /** Whether one clause implies another (both boolean, three-valued: "true implies true"). */
    private static boolean implies(QueryExpr given, QueryExpr wanted) {
        if (same(booleanColumn(given), booleanColumn(wanted))) {
            return true;
        }
        if (wanted instanceof QueryExpr.NullTest test
                && test.test() == org.woolly.nodes.parse.Expr.NullTest.Test.IS_NOT_NULL
                && given instanceof QueryExpr.FuncCall call && call.function().strict()) {
            return call.args().stream().anyMatch(arg -> same(arg, test.arg()));
        }
        return false;
    }

    /** {@code b = true} (or {@code true = b}) as {@code b}; any other clause itself. */
    private static QueryExpr booleanColumn(QueryExpr clause) {
        if (clause instanceof QueryExpr.FuncCall call && call.operator() && call.args().size() == 2
                && call.function().name().equals("=") && call.args().get(0).type() == TypeOids.BOOL) {
            if (call.args().get(1) instanceof QueryExpr.Const constant && Boolean.TRUE.equals(constant.value())) {
                return call.args().get(0);
            }
            if (call.args().get(0) instanceof QueryExpr.Const constant && Boolean.TRUE.equals(constant.value())) {
                return call.args().get(1);
            }
        }
        return clause;
    }

    /** Structural equality of two analyzed expressions, ignoring source locations and column aliases. */
    public static boolean same(QueryExpr a, QueryExpr b) {
        if (a == null || b == null) {
            return a == b;
        }
        return switch (a) {
            case QueryExpr.Var var -> var.equals(b);
            case QueryExpr.Const constant -> b instanceof QueryExpr.Const other && constant.type() == other.type()
                    && Objects.deepEquals(constant.value(), other.value());
            case QueryExpr.Param param -> param.equals(b);
            case QueryExpr.FuncCall call -> b instanceof QueryExpr.FuncCall other
                    && call.function().oid() == other.function().oid() && call.operator() == other.operator()
                    && call.function().name().equals(other.function().name()) && all(call.args(), other.args());
            case QueryExpr.BoolOp bool -> b instanceof QueryExpr.BoolOp other && bool.kind() == other.kind()
                    && all(bool.args(), other.args());
            case QueryExpr.NullTest test -> b instanceof QueryExpr.NullTest other && test.test() == other.test()
                    && same(test.arg(), other.arg());
            case QueryExpr.Cast cast -> b instanceof QueryExpr.Cast other && cast.type() == other.type()
                    && cast.typmod() == other.typmod() && same(cast.arg(), other.arg());
            case QueryExpr.Coalesce coalesce -> b instanceof QueryExpr.Coalesce other && coalesce.type() == other.type()
                    && all(coalesce.args(), other.args());
            default -> false;
        };
    }

    private static void conjuncts(QueryExpr expr, List<QueryExpr> into) {
        if (expr instanceof QueryExpr.BoolOp bool && bool.kind() == QueryExpr.BoolOp.BoolKind.AND) {
            bool.args().forEach(arg -> conjuncts(arg, into));
        } else if (expr != null) {
            into.add(expr);
        }
    }

    private static boolean all(List<QueryExpr> a, List<QueryExpr> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (!same(a.get(i), b.get(i))) {
                return false;
            }
        }
        return true;
    }
}
