package org.woolly.executor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.woolly.nodes.parse.Expr;
import org.woolly.nodes.query.FunctionHandle;
import org.woolly.nodes.query.QueryExpr;
import org.woolly.analyzer.BuiltinTypeSystem;
import org.woolly.utils.adt.FormatSettings;
import org.woolly.utils.adt.TypeOids;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

class ExpressionCompilerTest {
    private final AtomicBoolean cancel = new AtomicBoolean();
    private final ExecutorContext context = new ExecutorContext(new BuiltinTypeSystem(), null, null, null, new Object[] {5},
            new ExecutorContext.SessionInfo("alice", "alice", "db", () -> "public", 1, FormatSettings.DEFAULT, 0), cancel, 0);
    private final ExpressionCompiler compiler = new ExpressionCompiler(context);

    private static QueryExpr bool(Boolean value) {
        return new QueryExpr.Const(TypeOids.BOOL, -1, value);
    }

    private Object eval(QueryExpr expr) {
        return compiler.compile(expr).evaluate(new Object[] {10, null});
    }

    @Test
    void andOrNotFollowThreeValuedLogic() {
        var and = QueryExpr.BoolOp.BoolKind.AND;
        var or = QueryExpr.BoolOp.BoolKind.OR;
        assertThat(eval(new QueryExpr.BoolOp(and, List.of(bool(true), bool(null))))).isNull();
        assertThat(eval(new QueryExpr.BoolOp(and, List.of(bool(null), bool(false))))).isEqualTo(false);
        assertThat(eval(new QueryExpr.BoolOp(or, List.of(bool(null), bool(true))))).isEqualTo(true);
        assertThat(eval(new QueryExpr.BoolOp(or, List.of(bool(false), bool(null))))).isNull();
        assertThat(eval(new QueryExpr.BoolOp(QueryExpr.BoolOp.BoolKind.NOT, List.of(bool(null))))).isNull();
        assertThat(eval(new QueryExpr.NullTest(bool(null), Expr.NullTest.Test.IS_NOT_TRUE))).isEqualTo(true);
        assertThat(compiler.predicate(bool(null)).test(new Object[0])).isFalse();
    }

    @Test
    void strictFunctionIsNotCalledOnNull() {
        AtomicInteger calls = new AtomicInteger();
        FunctionHandle plus = new FunctionHandle(1, "+", new int[] {TypeOids.INT4, TypeOids.INT4}, TypeOids.INT4, true, false,
                (args, ctx) -> {
                    calls.incrementAndGet();
                    return (Integer) args[0] + (Integer) args[1];
                });
        QueryExpr column = new QueryExpr.Var(0, TypeOids.INT4, -1, "a", -1);
        QueryExpr nullColumn = new QueryExpr.Var(1, TypeOids.INT4, -1, "b", -1);
        assertThat(eval(new QueryExpr.FuncCall(plus, List.of(column, new QueryExpr.Param(1, TypeOids.INT4)), true,
                TypeOids.INT4))).isEqualTo(15);
        assertThat(eval(new QueryExpr.FuncCall(plus, List.of(column, nullColumn), true, TypeOids.INT4))).isNull();
        assertThat(calls).hasValue(1);
    }

    @Test
    void conditionalExpressions() {
        QueryExpr nullInt = new QueryExpr.Const(TypeOids.INT4, -1, null);
        QueryExpr one = new QueryExpr.Const(TypeOids.INT4, -1, 1);
        QueryExpr two = new QueryExpr.Const(TypeOids.INT4, -1, 2);
        assertThat(eval(new QueryExpr.Coalesce(List.of(nullInt, two, one), TypeOids.INT4))).isEqualTo(2);
        assertThat(eval(new QueryExpr.Case(List.of(bool(null), bool(true)), List.of(one, two), nullInt, TypeOids.INT4)))
                .isEqualTo(2);
        var types = new BuiltinTypeSystem();
        var equality = types.resolveOperator("=", TypeOids.INT4, TypeOids.INT4).function();
        assertThat(eval(new QueryExpr.NullIf(one, one, equality, TypeOids.INT4))).isNull();
        assertThat(eval(new QueryExpr.NullIf(one, two, equality, TypeOids.INT4))).isEqualTo(1);
        assertThat(eval(new QueryExpr.DistinctFrom(nullInt, nullInt, equality, false))).isEqualTo(false);
        assertThat(eval(new QueryExpr.DistinctFrom(one, nullInt, equality, false))).isEqualTo(true);
        assertThat(eval(new QueryExpr.MinMax(true, List.of(one, nullInt, two), types.comparator(TypeOids.INT4),
                TypeOids.INT4))).isEqualTo(2);
    }

    @Test
    void cancelAndTimeoutRaise57014() {
        cancel.set(true);
        assertThatThrownBy(context::checkForInterrupts).isInstanceOfSatisfying(SqlException.class, error -> {
            assertThat(error.sqlState()).isEqualTo(SqlState.QUERY_CANCELED);
            assertThat(error.getMessage()).isEqualTo("canceling statement due to user request");
        });
        ExecutorContext timed = new ExecutorContext(new BuiltinTypeSystem(), null, null, null, null,
                new ExecutorContext.SessionInfo("a", "a", "d", () -> "public", 1, FormatSettings.DEFAULT, 0), new AtomicBoolean(), 1);
        long end = System.nanoTime() + 20_000_000L;
        while (System.nanoTime() < end) {
            Thread.onSpinWait();
        }
        assertThatThrownBy(timed::checkForInterrupts).hasMessage("canceling statement due to statement timeout");
    }
}
