package org.woolly.analyzer;

import java.util.Locale;
import org.woolly.nodes.parse.Expr;

/** The column name PostgreSQL gives an unnamed select-list entry ({@code FigureColname}). */
final class OutputNames {
    static final String UNNAMED = "?column?";

    private OutputNames() {}

    static String of(Expr expr) {
        String name = figure(expr);
        return name == null ? UNNAMED : name;
    }

    /** A scalar subquery is named like its first output column (the leftmost branch of a set operation). */
    private static String firstColumn(org.woolly.nodes.parse.SelectStmt select) {
        while (select.op() != null) {
            select = select.left();
        }
        if (select.targets() == null || select.targets().isEmpty()) {
            return null;
        }
        org.woolly.nodes.parse.ResTarget first = select.targets().getFirst();
        return first.name() != null ? first.name() : figure(first.value());
    }

    private static String figure(Expr expr) {
        return switch (expr) {
            case Expr.Constant constant when constant.kind() == Expr.Constant.Kind.BOOLEAN -> "bool";
            case Expr.ColumnRef ref -> ref.fields().getLast().equals("*") ? null : ref.fields().getLast();
            case Expr.FuncCall call -> call.name().name();
            case Expr.TypeCast cast -> {
                String inner = figure(cast.arg());
                yield inner != null && !weak(cast.arg()) ? inner : typeName(cast.type().name());
            }
            case Expr.Case caseExpr -> {
                String inner = caseExpr.elseResult() == null ? null : figure(caseExpr.elseResult());
                yield inner != null ? inner : "case";
            }
            case Expr.SpecialFunction special -> special.kind().name().toLowerCase(Locale.ROOT);
            case Expr.GroupingFunc grouping -> "grouping";
            case Expr.SqlValueFunction value -> value.name().toLowerCase(Locale.ROOT);
            case Expr.SubLink link -> switch (link.kind()) {
                case EXISTS -> "exists";
                case ARRAY -> "array";
                case EXPR -> firstColumn(link.subquery());
                default -> null;
            };
            case Expr.Subscript subscript -> figure(subscript.arg());
            case Expr.ArrayConstructor array -> "array";
            case Expr.RowConstructor row -> "row";
            case Expr.Collate collate -> figure(collate.arg());
            default -> null;
        };
    }

    /**
     * Names of strength 1 in {@code FigureColnameInternal}: a cast's type name, "case", "array",
     * "row", which an enclosing cast's type name replaces.
     */
    private static boolean weak(Expr expr) {
        return switch (expr) {
            case Expr.Constant constant -> constant.kind() == Expr.Constant.Kind.BOOLEAN;
            case Expr.TypeCast cast -> true;
            case Expr.Case caseExpr -> caseExpr.elseResult() == null || figure(caseExpr.elseResult()) == null
                    || weak(caseExpr.elseResult());
            case Expr.ArrayConstructor array -> true;
            case Expr.RowConstructor row -> true;
            case Expr.Subscript subscript -> weak(subscript.arg());
            case Expr.Collate collate -> weak(collate.arg());
            default -> false;
        };
    }

    /** Internal type names print as SQL's where PostgreSQL's grammar rewrote them. */
    private static String typeName(String internal) {
        return switch (internal) {
            case "bool" -> "bool";
            case "bpchar" -> "bpchar";
            default -> internal;
        };
    }
}
