package org.woolly.nodes.query;

import java.util.List;
import java.util.function.BiFunction;
import java.util.stream.Collectors;
import org.woolly.utils.adt.TypeOids;

/**
 * Prints an analyzed expression the way EXPLAIN shows it ({@code ruleutils.c}'s
 * {@code deparse_expression}): operators parenthesized, constants with their type when it is not
 * implied ({@code 'abc'::text}). {@code constantText} gives a constant's text form.
 */
public final class ExpressionText {

    private ExpressionText() {}

    /**
     * The location of a Var that stands for text already deparsed (EXPLAIN's view of a column
     * a lower plan node computed): its name is printed as it is.
     */
    public static final int VERBATIM = -2;

    public static String of(QueryExpr expr, boolean qualify, BiFunction<Integer, Object, String> constantText,
                            BiFunction<Integer, Integer, String> typeName) {
        return new Printer(qualify, constantText, typeName).print(expr);
    }

    /**
     * An identifier as {@code quote_identifier} writes it: double-quoted unless it is lower case
     * letters, digits and underscores not starting with a digit.
     */
    public static String identifier(String name) {
        if (!name.isEmpty() && name.matches("[a-z_][a-z0-9_$]*")) {
            return name;
        }
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }

    private record Printer(boolean qualify, BiFunction<Integer, Object, String> constantText,
                           BiFunction<Integer, Integer, String> typeName) {

        String print(QueryExpr expr) {
            return switch (expr) {
                case QueryExpr.Const constant -> constant(constant);
                case QueryExpr.Param param -> "$" + param.number();
                case QueryExpr.Var var -> qualify || var.location() == VERBATIM || var.name().indexOf('.') < 0 ? var.name()
                        : var.name().substring(var.name().indexOf('.') + 1);
                case QueryExpr.FuncCall call -> call.operator()
                        ? (call.args().size() == 1 ? "(" + call.function().name() + " " + print(call.args().getFirst()) + ")"
                        : "(" + print(call.args().get(0)) + " " + call.function().name() + " " + print(call.args().get(1)) + ")")
                        : call.function().name() + "(" + list(call.args()) + ")";
                case QueryExpr.BoolOp bool -> bool.kind() == QueryExpr.BoolOp.BoolKind.NOT
                        ? "(NOT " + print(bool.args().getFirst()) + ")"
                        : "(" + bool.args().stream().map(this::print).collect(Collectors.joining(" " + bool.kind() + " ")) + ")";
                case QueryExpr.CurrentOf currentOf -> "CURRENT OF " + currentOf.cursorName();
                case QueryExpr.NullTest test -> "(" + print(test.arg()) + " " + test.test().name().replace('_', ' ') + ")";
                case QueryExpr.DistinctFrom distinct -> "(" + print(distinct.left())
                        + (distinct.not() ? " IS NOT DISTINCT FROM " : " IS DISTINCT FROM ") + print(distinct.right()) + ")";
                case QueryExpr.NullIf nullIf -> "NULLIF(" + print(nullIf.left()) + ", " + print(nullIf.right()) + ")";
                case QueryExpr.Case caseExpr -> {
                    StringBuilder text = new StringBuilder("CASE");
                    for (int i = 0; i < caseExpr.conditions().size(); i++) {
                        text.append(" WHEN ").append(print(caseExpr.conditions().get(i))).append(" THEN ")
                                .append(print(caseExpr.results().get(i)));
                    }
                    yield text.append(" ELSE ").append(print(caseExpr.elseResult())).append(" END").toString();
                }
                case QueryExpr.Coalesce coalesce -> "COALESCE(" + list(coalesce.args()) + ")";
                case QueryExpr.MinMax minMax -> (minMax.greatest() ? "GREATEST(" : "LEAST(") + list(minMax.args()) + ")";
                case QueryExpr.Cast cast -> "(" + print(cast.arg()) + ")::" + typeName.apply(cast.type(), cast.typmod());
                case QueryExpr.SqlValue value -> value.name().toUpperCase(java.util.Locale.ROOT);
                case QueryExpr.ExecParam param -> param.name();
                case QueryExpr.SubLink link when link.correlated() -> "(SubPlan " + (link.planIndex() + 1) + ")";
                case QueryExpr.SubLink link when link.hashed() -> "(hashed SubPlan " + (link.planIndex() + 1) + ")";
                case QueryExpr.SubLink link -> switch (link.kind()) {
                    // the init plan's output parameter, as PostgreSQL 15 prints it
                    case EXPR, ARRAY, MULTIEXPR, EXISTS -> "$" + link.planIndex();
                    case ANY, ALL -> "(" + print(link.test()) + " " + link.operator().name() + " " + link.kind()
                            + " (InitPlan " + (link.planIndex() + 1) + "))";
                };
                case QueryExpr.ArrayConstruct array -> "ARRAY[" + list(array.elements()) + "]";
                case QueryExpr.ArraySubscript subscript -> subscript(subscript);
                case QueryExpr.ArrayAssign assign -> subscripts(print(assign.array()), assign.lowers(), assign.uppers(),
                        assign.slice()) + " := " + print(assign.value());
                case QueryExpr.ScalarArrayOp op -> "(" + print(op.left()) + " " + op.operator().name()
                        + (op.all() ? " ALL (" : " ANY (") + print(op.array()) + "))";
                case QueryExpr.Aggregate aggregate -> aggregate.aggregate().name() + "("
                        + (aggregate.star() ? "*" : (aggregate.distinct() ? "DISTINCT " : "") + list(aggregate.args()))
                        + orderBy(aggregate.orderBy()) + ")"
                        + (aggregate.filter() == null ? "" : " FILTER (WHERE " + print(aggregate.filter()) + ")");
                case QueryExpr.WindowFunc window -> window.name() + "("
                        + (window.star() ? "*" : list(window.args())) + ")"
                        + (window.filter() == null ? "" : " FILTER (WHERE " + print(window.filter()) + ")") + " OVER (?)";
                case QueryExpr.GroupingFunc grouping -> "GROUPING(" + list(grouping.args()) + ")";
            };
        }

        private String subscript(QueryExpr.ArraySubscript subscript) {
            return subscripts(print(subscript.array()), subscript.lowers(), subscript.uppers(), subscript.slice());
        }

        private String subscripts(String array, List<QueryExpr> lowers, List<QueryExpr> uppers, boolean slice) {
            StringBuilder text = new StringBuilder(array);
            for (int i = 0; i < lowers.size(); i++) {
                QueryExpr lower = lowers.get(i);
                text.append('[').append(lower == null ? "" : print(lower));
                if (slice) {
                    QueryExpr upper = uppers.get(i);
                    text.append(':').append(upper == null ? "" : print(upper));
                }
                text.append(']');
            }
            return text.toString();
        }

        private String constant(QueryExpr.Const constant) {
            if (constant.value() == null) {
                return "NULL::" + typeName.apply(constant.type(), constant.typmod());
            }
            String text = constantText.apply(constant.type(), constant.value());
            return switch (constant.type()) {
                case TypeOids.INT4 -> text;
                case TypeOids.NUMERIC -> text.startsWith("-") ? "'" + text + "'::numeric" : text;
                case TypeOids.BOOL -> "t".equals(text) ? "true" : "false";
                default -> "'" + text.replace("'", "''") + "'::" + typeName.apply(constant.type(), constant.typmod());
            };
        }

        private String orderBy(List<WindowClause.Order> order) {
            if (order.isEmpty()) {
                return "";
            }
            return " ORDER BY " + order.stream().map(item -> print(item.expr()) + (item.descending() ? " DESC" : "")
                    + (item.nullsFirst() != item.descending() ? (item.nullsFirst() ? " NULLS FIRST" : " NULLS LAST") : ""))
                    .collect(Collectors.joining(", "));
        }

        private String list(List<QueryExpr> exprs) {
            return exprs.stream().map(this::print).collect(Collectors.joining(", "));
        }
    }
}
