package org.woolly.parser;

import java.util.List;
import java.util.stream.Collectors;
import org.woolly.nodes.parse.Expr;
import org.woolly.nodes.parse.TypeName;

/** Renders raw expressions as compact S-expressions so tests can state tree shapes in one line. */
final class ExprPrinter {
    private ExprPrinter() {
    }

    static String print(Expr expr) {
        if (expr == null) {
            return "nil";
        }
        return switch (expr) {
            case Expr.Constant c -> switch (c.kind()) {
                case STRING -> "'" + c.value() + "'";
                case NULL -> "NULL";
                case BIT_STRING -> "B'" + c.value() + "'";
                default -> c.value();
            };
            case Expr.ColumnRef c -> String.join(".", c.fields());
            case Expr.ParamRef p -> "$" + p.number();
            case Expr.CurrentOf c -> "CURRENT OF " + c.cursorName();
            case Expr.MultiAssignRef m -> "(multiassign " + m.column() + "/" + m.columns() + " " + print(m.source()) + ")";
            case Expr.Operator o -> o.left() == null ? "(" + o.name() + " " + print(o.right()) + ")"
                    : "(" + o.name() + " " + print(o.left()) + " " + print(o.right()) + ")";
            case Expr.BoolExpr b -> "(" + b.op() + " " + all(b.args()) + ")";
            case Expr.NullTest n -> "(" + n.test() + " " + print(n.arg()) + ")";
            case Expr.DistinctFrom d -> "(" + (d.not() ? "NOT_DISTINCT " : "DISTINCT ") + print(d.left()) + " "
                    + print(d.right()) + ")";
            case Expr.Between b -> "(" + (b.not() ? "NOT_" : "") + "BETWEEN" + (b.symmetric() ? "_SYM " : " ")
                    + print(b.arg()) + " " + print(b.low()) + " " + print(b.high()) + ")";
            case Expr.InList i -> "(" + (i.not() ? "NOT_IN " : "IN ") + print(i.arg()) + " [" + all(i.list()) + "])";
            case Expr.FuncCall f -> f.name() + "(" + (f.distinct() ? "DISTINCT " : "") + (f.star() ? "*" : all(f.args()))
                    + (f.orderBy().isEmpty() ? "" : " ORDER " + f.orderBy().stream().map(s -> print(s.expr()))
                    .collect(Collectors.joining(" ")))
                    + ")" + (f.filter() == null ? "" : " FILTER " + print(f.filter()))
                    + (f.over() == null ? "" : " OVER(" + all(f.over().partitionBy()) + ")");
            case Expr.TypeCast t -> "(CAST " + print(t.arg()) + " " + type(t.type()) + ")";
            case Expr.Case c -> "(CASE " + print(c.arg()) + " " + c.whens().stream()
                    .map(w -> "(WHEN " + print(w.condition()) + " " + print(w.result()) + ")")
                    .collect(Collectors.joining(" ")) + " " + print(c.elseResult()) + ")";
            case Expr.SpecialFunction s -> s.kind() + "(" + all(s.args()) + ")";
            case Expr.SqlValueFunction s -> s.name() + (s.precision() >= 0 ? "(" + s.precision() + ")" : "");
            case Expr.SubLink s -> "(SUBLINK " + s.kind() + (s.test() == null ? "" : " " + print(s.test()) + " "
                    + s.operator()) + ")";
            case Expr.ArrayComparison a -> "(" + a.operator() + (a.all() ? " ALL " : " ANY ") + print(a.left()) + " "
                    + print(a.array()) + ")";
            case Expr.ArrayConstructor a -> "ARRAY[" + all(a.elements()) + "]";
            case Expr.RowConstructor r -> "ROW(" + all(r.fields()) + ")";
            case Expr.Subscript s -> print(s.arg()) + "[" + print(s.lower()) + (s.slice() ? ":" + print(s.upper()) : "")
                    + "]";
            case Expr.FieldSelect f -> print(f.arg()) + "." + f.field();
            case Expr.Collate c -> "(COLLATE " + print(c.arg()) + " " + c.collation() + ")";
            case Expr.Default d -> "DEFAULT";
            case Expr.GroupingSet g -> g.kind() + "(" + all(g.content()) + ")";
            case Expr.GroupingFunc g -> "GROUPING(" + all(g.args()) + ")";
            case Expr.NamedArgument n -> n.variadic() ? "(VARIADIC " + print(n.value()) + ")"
                    : "(" + n.name() + " => " + print(n.value()) + ")";
        };
    }

    static String type(TypeName type) {
        return (type.schema() == null ? "" : type.schema() + ".") + type.name()
                + (type.modifiers().isEmpty() ? "" : type.modifiers().toString()) + "[]".repeat(type.arrayBounds());
    }

    private static String all(List<Expr> exprs) {
        return exprs.stream().map(ExprPrinter::print).collect(Collectors.joining(" "));
    }
}
