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
        Named named = named(expr);
        return named == null ? null : named.name();
    }

    /**
     * A name and how strongly it names the entry: a cast's type name (1) or CASE (1) gives way to
     * a column or function name (2) found inside, as FigureColnameInternal ranks them.
     */
    private record Named(String name, int strength) {}

    private static Named strong(String name) {
        return name == null ? null : new Named(name, 2);
    }

    private static Named named(Expr expr) {
        return switch (expr) {
            case Expr.ColumnRef ref -> ref.fields().getLast().equals("*") ? null : strong(ref.fields().getLast());
            case Expr.FuncCall call -> strong(call.name().name());
            case Expr.TypeCast cast -> {
                Named inner = named(cast.arg());
                yield inner != null && inner.strength() > 1 ? inner : new Named(typeName(cast.type().name()), 1);
            }
            case Expr.Case caseExpr -> {
                Named inner = caseExpr.elseResult() == null ? null : named(caseExpr.elseResult());
                yield inner != null && inner.strength() > 1 ? inner : new Named("case", 1);
            }
            case Expr.SpecialFunction special -> strong(special.kind().name().toLowerCase(Locale.ROOT));
            case Expr.GroupingFunc grouping -> strong("grouping");
            case Expr.SqlValueFunction value -> strong(value.name().toLowerCase(Locale.ROOT));
            case Expr.SubLink link -> switch (link.kind()) {
                case EXISTS -> strong("exists");
                case ARRAY -> strong("array");
                case EXPR -> strong(firstColumn(link.subquery()));
                default -> null;
            };
            case Expr.Subscript subscript -> named(subscript.arg());
            case Expr.ArrayConstructor array -> strong("array");
            case Expr.RowConstructor row -> strong("row");
            case Expr.FieldSelect field when !field.field().equals("*") -> strong(field.field());
            case Expr.Collate collate -> named(collate.arg());
            default -> null;
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
