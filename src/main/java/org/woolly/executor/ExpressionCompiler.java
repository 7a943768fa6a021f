package org.woolly.executor;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import org.woolly.nodes.parse.Expr;
import org.woolly.nodes.query.CoercionHandle;
import org.woolly.nodes.query.FunctionHandle;
import org.woolly.nodes.query.QueryExpr;
import org.woolly.utils.adt.RecordValue;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

/**
 * Compiles typed expressions into closures once per plan ({@code execExpr.c} builds steps the
 * same way): each node becomes a lambda over its compiled children, so evaluation per row is a
 * chain of direct calls, with strictness and three-valued logic decided at compile time.
 */
public final class ExpressionCompiler {
    private static final long MICROS_PER_DAY = 86_400_000_000L;

    private final ExecutorContext context;

    public ExpressionCompiler(ExecutorContext context) {
        this.context = context;
    }

    public CompiledExpression compile(QueryExpr expr) {
        return switch (expr) {
            case QueryExpr.Const constant -> {
                Object value = constant.value();
                yield row -> value;
            }
            case QueryExpr.Param param -> {
                int number = param.number();
                yield row -> context.parameter(number);
            }
            case QueryExpr.ExecParam param -> {
                int id = param.id();
                yield row -> context.execParam(id);
            }
            case QueryExpr.Var var -> {
                int position = var.position();
                yield row -> row[position];
            }
            case QueryExpr.FuncCall call -> function(call.function(), call.args());
            case QueryExpr.BoolOp bool -> bool(bool);
            case QueryExpr.NullTest test -> nullTest(compile(test.arg()), test.test());
            case QueryExpr.CurrentOf currentOf -> CursorPositions.compile(context, currentOf, compile(currentOf.tid()));
            case QueryExpr.DistinctFrom distinct -> distinctFrom(distinct);
            case QueryExpr.NullIf nullIf -> nullIf(nullIf);
            case QueryExpr.Case caseExpr -> caseExpr(caseExpr);
            case QueryExpr.Coalesce coalesce -> coalesce(all(coalesce.args()));
            case QueryExpr.MinMax minMax -> minMax(all(minMax.args()), minMax.comparator(), minMax.greatest());
            case QueryExpr.Cast cast -> cast(cast);
            case QueryExpr.SqlValue value -> sqlValue(value);
            case QueryExpr.SubLink link -> SubLinkEvaluator.compile(this, context, link);
            case QueryExpr.ArrayConstruct array -> ArrayExpressions.construct(array, all(array.elements()));
            case QueryExpr.ArraySubscript subscript -> ArrayExpressions.subscript(subscript, compile(subscript.array()),
                    allNullable(subscript.lowers()), allNullable(subscript.uppers()));
            case QueryExpr.ArrayAssign assign -> ArrayAssignment.compile(assign, compile(assign.array()),
                    allNullable(assign.lowers()), allNullable(assign.uppers()), compile(assign.value()));
            case QueryExpr.ScalarArrayOp op -> ArrayExpressions.scalarArrayOp(context, op, compile(op.left()),
                    compile(op.array()));
            case QueryExpr.Aggregate aggregate -> throw SqlException.of(SqlState.INTERNAL_ERROR,
                    "aggregate %s outside an aggregation node", aggregate.aggregate().name());
            case QueryExpr.WindowFunc window -> throw SqlException.of(SqlState.INTERNAL_ERROR,
                    "window function %s outside a WindowAgg node", window.name());
            case QueryExpr.GroupingFunc grouping -> throw SqlException.of(SqlState.INTERNAL_ERROR,
                    "GROUPING outside an aggregation node");
        };
    }

    public CompiledExpression[] all(List<QueryExpr> exprs) {
        CompiledExpression[] compiled = new CompiledExpression[exprs.size()];
        for (int i = 0; i < compiled.length; i++) {
            compiled[i] = compile(exprs.get(i));
        }
        return compiled;
    }

    /** As {@link #all}, with null entries (an omitted slice bound) left null. */
    private CompiledExpression[] allNullable(List<QueryExpr> exprs) {
        CompiledExpression[] compiled = new CompiledExpression[exprs.size()];
        for (int i = 0; i < compiled.length; i++) {
            compiled[i] = exprs.get(i) == null ? null : compile(exprs.get(i));
        }
        return compiled;
    }

    /** A qual: true only when the expression yields TRUE (null and false reject the row). */
    public CompiledPredicate predicate(QueryExpr expr) {
        if (expr == null) {
            return row -> true;
        }
        CompiledExpression compiled = compile(expr);
        Instrumentation counting = removedRows;
        if (counting != null) {
            return row -> {
                if (compiled.evaluate(row) == Boolean.TRUE) {
                    return true;
                }
                counting.removed();
                return false;
            };
        }
        return row -> compiled.evaluate(row) == Boolean.TRUE;
    }

    /**
     * Where the quals compiled now count the rows they reject, for EXPLAIN ANALYZE's {@code Rows
     * Removed by Filter} ({@code InstrCountFiltered1}): the statistics of the plan node being
     * built, or null when nothing is measured.
     */
    Instrumentation removedRows;

    /** A compiled qual. */
    @FunctionalInterface
    public interface CompiledPredicate {
        boolean test(Object[] row);
    }

    private CompiledExpression function(FunctionHandle function, List<QueryExpr> argExprs) {
        CompiledExpression[] args = all(argExprs);
        FunctionHandle.Invoker invoker = function.invoker();
        boolean strict = function.strict();
        if (args.length == 1) {
            CompiledExpression arg = args[0];
            return strict ? row -> {
                Object value = arg.evaluate(row);
                return value == null ? null : invoker.invoke(new Object[] {value}, context);
            } : row -> invoker.invoke(new Object[] {arg.evaluate(row)}, context);
        }
        if (args.length == 2) {
            CompiledExpression left = args[0];
            CompiledExpression right = args[1];
            return strict ? row -> {
                Object leftValue = left.evaluate(row);
                if (leftValue == null) {
                    return null;
                }
                Object rightValue = right.evaluate(row);
                return rightValue == null ? null : invoker.invoke(new Object[] {leftValue, rightValue}, context);
            } : row -> invoker.invoke(new Object[] {left.evaluate(row), right.evaluate(row)}, context);
        }
        return row -> {
            Object[] values = new Object[args.length];
            for (int i = 0; i < args.length; i++) {
                values[i] = args[i].evaluate(row);
                if (strict && values[i] == null) {
                    return null;
                }
            }
            return invoker.invoke(values, context);
        };
    }

    private CompiledExpression bool(QueryExpr.BoolOp bool) {
        CompiledExpression[] args = all(bool.args());
        return switch (bool.kind()) {
            case NOT -> {
                CompiledExpression arg = args[0];
                yield row -> {
                    Object value = arg.evaluate(row);
                    return value == null ? null : !(Boolean) value;
                };
            }
            case AND -> row -> {
                boolean sawNull = false;
                for (CompiledExpression arg : args) {
                    Object value = arg.evaluate(row);
                    if (value == null) {
                        sawNull = true;
                    } else if (!(Boolean) value) {
                        return false;
                    }
                }
                return sawNull ? null : Boolean.TRUE;
            };
            case OR -> row -> {
                boolean sawNull = false;
                for (CompiledExpression arg : args) {
                    Object value = arg.evaluate(row);
                    if (value == null) {
                        sawNull = true;
                    } else if ((Boolean) value) {
                        return true;
                    }
                }
                return sawNull ? null : Boolean.FALSE;
            };
        };
    }

    private static CompiledExpression nullTest(CompiledExpression arg, Expr.NullTest.Test test) {
        return switch (test) {
            // a composite value is null when all its fields are, and not null when none is (ExecEvalRowNull)
            case IS_NULL, IS_UNKNOWN -> row -> {
                Object value = arg.evaluate(row);
                return value == null || value instanceof RecordValue record && record.allNull();
            };
            case IS_NOT_NULL, IS_NOT_UNKNOWN -> row -> {
                Object value = arg.evaluate(row);
                return value != null && (!(value instanceof RecordValue record) || record.noneNull());
            };
            case IS_TRUE -> row -> arg.evaluate(row) == Boolean.TRUE;
            case IS_NOT_TRUE -> row -> arg.evaluate(row) != Boolean.TRUE;
            case IS_FALSE -> row -> arg.evaluate(row) == Boolean.FALSE;
            case IS_NOT_FALSE -> row -> arg.evaluate(row) != Boolean.FALSE;
        };
    }

    private CompiledExpression distinctFrom(QueryExpr.DistinctFrom distinct) {
        CompiledExpression left = compile(distinct.left());
        CompiledExpression right = compile(distinct.right());
        FunctionHandle.Invoker equality = distinct.equality().invoker();
        boolean not = distinct.not();
        return row -> {
            Object leftValue = left.evaluate(row);
            Object rightValue = right.evaluate(row);
            boolean isDistinct;
            if (leftValue == null || rightValue == null) {
                isDistinct = leftValue != rightValue;
            } else {
                isDistinct = !Boolean.TRUE.equals(equality.invoke(new Object[] {leftValue, rightValue}, context));
            }
            return isDistinct != not;
        };
    }

    private CompiledExpression nullIf(QueryExpr.NullIf nullIf) {
        CompiledExpression left = compile(nullIf.left());
        CompiledExpression right = compile(nullIf.right());
        FunctionHandle.Invoker equality = nullIf.equality().invoker();
        return row -> {
            Object leftValue = left.evaluate(row);
            Object rightValue = right.evaluate(row);
            if (leftValue != null && rightValue != null
                    && Boolean.TRUE.equals(equality.invoke(new Object[] {leftValue, rightValue}, context))) {
                return null;
            }
            return leftValue;
        };
    }

    private CompiledExpression caseExpr(QueryExpr.Case caseExpr) {
        CompiledExpression[] conditions = all(caseExpr.conditions());
        CompiledExpression[] results = all(caseExpr.results());
        CompiledExpression elseResult = compile(caseExpr.elseResult());
        return row -> {
            for (int i = 0; i < conditions.length; i++) {
                if (conditions[i].evaluate(row) == Boolean.TRUE) {
                    return results[i].evaluate(row);
                }
            }
            return elseResult.evaluate(row);
        };
    }

    private static CompiledExpression coalesce(CompiledExpression[] args) {
        return row -> {
            for (CompiledExpression arg : args) {
                Object value = arg.evaluate(row);
                if (value != null) {
                    return value;
                }
            }
            return null;
        };
    }

    private static CompiledExpression minMax(CompiledExpression[] args, Comparator<Object> comparator, boolean greatest) {
        return row -> {
            Object best = null;
            for (CompiledExpression arg : args) {
                Object value = arg.evaluate(row);
                if (value != null && (best == null || (comparator.compare(value, best) > 0) == greatest
                        && comparator.compare(value, best) != 0)) {
                    best = value;
                }
            }
            return best;
        };
    }

    private CompiledExpression cast(QueryExpr.Cast cast) {
        CompiledExpression arg = compile(cast.arg());
        CoercionHandle coercion = cast.coercion();
        int type = cast.type();
        int typmod = cast.typmod();
        boolean explicit = cast.explicit();
        if (coercion == null || coercion.function() == null) {
            if (typmod < 0) {
                return arg;
            }
            return row -> {
                Object value = arg.evaluate(row);
                return value == null ? null : context.types().applyTypmod(type, value, typmod, explicit);
            };
        }
        CoercionHandle.Converter converter = coercion.function();
        if (converter instanceof CoercionHandle.NullAcceptingConverter) {
            return row -> converter.convert(arg.evaluate(row), typmod, context);
        }
        return row -> {
            Object value = arg.evaluate(row);
            return value == null ? null : converter.convert(value, typmod, context);
        };
    }

    private CompiledExpression sqlValue(QueryExpr.SqlValue value) {
        return switch (value.name()) {
            case "current_user", "user", "current_role" -> row -> context.currentUser();
            case "session_user" -> row -> context.sessionUser();
            case "current_catalog" -> row -> context.currentDatabase();
            case "current_schema" -> row -> context.currentSchema();
            case "current_timestamp" -> row -> context.transactionTimestamp();
            case "localtimestamp" -> row -> localMicros();
            case "current_date" -> row -> (int) Math.floorDiv(localMicros(), MICROS_PER_DAY);
            case "localtime" -> row -> Math.floorMod(localMicros(), MICROS_PER_DAY);
            default -> throw SqlException.of(SqlState.FEATURE_NOT_SUPPORTED, "%s is not supported yet", value.name());
        };
    }

    /** The transaction timestamp in the session's time zone, as microseconds since 2000-01-01 local. */
    private long localMicros() {
        long micros = context.transactionTimestamp() + ExecutorContext.POSTGRES_EPOCH_MICROS;
        Instant instant = Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000);
        LocalDateTime local = LocalDateTime.ofInstant(instant, context.formatSettings().timeZone());
        long seconds = local.toEpochSecond(ZoneOffset.UTC);
        return seconds * 1_000_000L + local.getNano() / 1000 - ExecutorContext.POSTGRES_EPOCH_MICROS;
    }
}
