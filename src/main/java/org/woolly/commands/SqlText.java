package org.woolly.commands;

import java.util.List;
import java.util.stream.Collectors;
import org.woolly.nodes.parse.Expr;
import org.woolly.nodes.parse.TypeName;
import org.woolly.utils.adt.TypeOids;

/**
 * Prints a raw expression back as SQL ({@code deparse} of {@code ruleutils.c}, for raw trees):
 * how a DEFAULT expression is stored in the catalog, to be parsed again where it is used.
 * Fully parenthesized, so the text parses back to the same tree whatever the precedence.
 */
public final class SqlText {

    private SqlText() {}

    public static String of(Expr expr) {
        return switch (expr) {
            case Expr.Constant constant -> switch (constant.kind()) {
                case STRING -> literal(constant.value());
                case NULL -> "NULL";
                case BOOLEAN -> constant.value().toLowerCase(java.util.Locale.ROOT);
                case BIT_STRING -> "B" + literal(constant.value());
                case INTEGER, NUMERIC -> constant.value();
            };
            case Expr.ColumnRef ref -> ref.fields().stream().map(SqlText::identifier).collect(Collectors.joining("."));
            case Expr.ParamRef param -> "$" + param.number();
            case Expr.Operator operator -> operator.left() == null ? "(" + operator.name() + " " + of(operator.right()) + ")"
                    : "(" + of(operator.left()) + " " + operatorText(operator.name()) + " " + of(operator.right()) + ")";
            case Expr.BoolExpr bool -> bool.op() == Expr.BoolExpr.BoolOp.NOT ? "(NOT " + of(bool.args().getFirst()) + ")"
                    : "(" + bool.args().stream().map(SqlText::of).collect(Collectors.joining(" " + bool.op() + " ")) + ")";
            case Expr.NullTest test -> "(" + of(test.arg()) + " " + test.test().name().replace('_', ' ') + ")";
            case Expr.DistinctFrom distinct -> "(" + of(distinct.left()) + (distinct.not() ? " IS NOT DISTINCT FROM " : " IS DISTINCT FROM ")
                    + of(distinct.right()) + ")";
            case Expr.Between between -> "(" + of(between.arg()) + (between.not() ? " NOT" : "") + " BETWEEN "
                    + (between.symmetric() ? "SYMMETRIC " : "") + of(between.low()) + " AND " + of(between.high()) + ")";
            case Expr.InList in -> "(" + of(in.arg()) + (in.not() ? " NOT IN (" : " IN (") + list(in.list()) + "))";
            case Expr.FuncCall call -> call.name() + "(" + (call.star() ? "*" : (call.distinct() ? "DISTINCT " : "")
                    + list(call.args())) + ")";
            case Expr.TypeCast cast -> "CAST(" + of(cast.arg()) + " AS " + type(cast.type()) + ")";
            case Expr.Case caseExpr -> "CASE" + (caseExpr.arg() == null ? "" : " " + of(caseExpr.arg()))
                    + caseExpr.whens().stream().map(when -> " WHEN " + of(when.condition()) + " THEN " + of(when.result()))
                    .collect(Collectors.joining())
                    + (caseExpr.elseResult() == null ? "" : " ELSE " + of(caseExpr.elseResult())) + " END";
            case Expr.SpecialFunction special -> special.kind().name() + "(" + list(special.args()) + ")";
            case Expr.SqlValueFunction value -> value.name().toUpperCase(java.util.Locale.ROOT)
                    + (value.precision() >= 0 ? "(" + value.precision() + ")" : "");
            case Expr.Subscript subscript -> "(" + of(subscript.arg()) + ")["
                    + (subscript.lower() == null ? "" : of(subscript.lower())) + (subscript.slice() ? ":" : "")
                    + (subscript.upper() == null ? "" : of(subscript.upper())) + "]";
            case Expr.FieldSelect field when !field.field().equals("*") ->
                    "(" + of(field.arg()) + ")." + identifier(field.field());
            default -> throw org.woolly.utils.error.SqlException.of(org.woolly.utils.error.SqlState.FEATURE_NOT_SUPPORTED,
                    "this kind of DEFAULT expression is not supported yet");
        };
    }

    private static String operatorText(String name) {
        return switch (name) {
            case "~~" -> "LIKE";
            case "!~~" -> "NOT LIKE";
            case "~~*" -> "ILIKE";
            case "!~~*" -> "NOT ILIKE";
            default -> name;
        };
    }

    /**
     * A column DEFAULT as PostgreSQL's {@code pg_get_expr} prints it when it is a bare constant
     * ({@code get_const_expr} of {@code ruleutils.c}): the constant has the column's type
     * ({@code typeName} of it) and keeps a cast to it ({@code 'x'::text}), except what reads back
     * as that type unlabelled: non-negative int4 values, float-looking numerics, booleans. A
     * negative or bigint literal is an int4 or int8 constant, labelled. Other expressions print
     * as {@link #of}; either way the text parses back to the same default.
     */
    public static String ofDefault(Expr expr, int typeOid, java.util.function.IntFunction<String> typeName) {
        // 'x'::text on a text column, as pg_dump writes such a default back: the same constant
        if (expr instanceof Expr.TypeCast cast && cast.arg() instanceof Expr.Constant constant
                && constant.kind() == Expr.Constant.Kind.STRING && (type(cast.type()).equals(typeName.apply(typeOid))
                || isBuiltinWithoutModifiers(cast.type(), typeOid))) {
            return typedLiteral(constant.value(), typeOid, typeName);
        }
        // nextval('s'::regclass), as a serial column's default is stored and pg_dump restores it
        if (expr instanceof Expr.FuncCall call && call.name().schema() == null && call.name().name().equals("nextval")
                && call.args().size() == 1 && call.args().getFirst() instanceof Expr.TypeCast cast
                && cast.arg() instanceof Expr.Constant name && name.kind() == Expr.Constant.Kind.STRING
                && cast.type().name().equals("regclass") && cast.type().arrayBounds() == 0) {
            return "nextval(" + literal(name.value()) + "::regclass)";
        }
        if (!(expr instanceof Expr.Constant constant)) {
            return of(expr);
        }
        String value = constant.value();
        return switch (constant.kind()) {
            case STRING -> typedLiteral(value, typeOid, typeName);
            case INTEGER -> integerConstant(value);
            case NUMERIC -> numericConstant(value);
            case BIT_STRING -> literal(value) + "::" + QUOTED_BIT;
            case NULL, BOOLEAN -> of(expr);
        };
    }

    /**
     * Whether a cast's type is the built-in type {@code typeOid} however written
     * ({@code timestamp without time zone} parses to pg_catalog.timestamp), with no modifiers.
     */
    private static boolean isBuiltinWithoutModifiers(TypeName type, int typeOid) {
        if (type.schema() != null && !type.schema().equals("pg_catalog") || type.arrayBounds() > 0
                || type.modifiers() != null && !type.modifiers().isEmpty()) {
            return false;
        }
        org.woolly.utils.adt.PgType builtin = org.woolly.utils.adt.BuiltinTypes.byName(type.name());
        return builtin != null && builtin.oid() == typeOid;
    }

    /**
     * bit without a length, as {@code format_type} spells a typmod of -1 so that it does not read
     * back as bit(1).
     */
    private static final String QUOTED_BIT = "\"bit\"";

    private static String typedLiteral(String value, int typeOid, java.util.function.IntFunction<String> typeName) {
        String trimmed = value.strip();
        if (typeOid == TypeOids.INT4 && trimmed.matches("[+-]?[0-9]{1,10}")) {
            try {
                return integerConstant(Integer.toString(Integer.parseInt(trimmed)));
            } catch (NumberFormatException outOfRange) {
                return literal(value) + "::" + typeName.apply(typeOid);
            }
        }
        if (typeOid == TypeOids.BOOL) {
            Boolean parsed = switch (trimmed.toLowerCase(java.util.Locale.ROOT)) {
                case "t", "tr", "tru", "true", "y", "ye", "yes", "on", "1" -> Boolean.TRUE;
                case "f", "fa", "fal", "fals", "false", "n", "no", "of", "off", "0" -> Boolean.FALSE;
                default -> null;
            };
            if (parsed != null) {
                return parsed.toString();
            }
        }
        if (typeOid == TypeOids.NUMERIC && trimmed.matches("[0-9]+\\.[0-9]+")) {
            return trimmed;
        }
        return literal(value) + "::" + (typeOid == TypeOids.BIT ? QUOTED_BIT : typeName.apply(typeOid));
    }

    private static String integerConstant(String value) {
        long number;
        try {
            number = Long.parseLong(value);
        } catch (NumberFormatException tooLarge) {
            return numericConstant(value);
        }
        if (number != (int) number) {
            return literal(value) + "::bigint";
        }
        return number < 0 ? literal(value) + "::integer" : value;
    }

    private static String numericConstant(String value) {
        String plain = new java.math.BigDecimal(value).toPlainString();
        return plain.startsWith("-") || plain.indexOf('.') < 0 ? literal(plain) + "::numeric" : plain;
    }

    private static String list(List<Expr> exprs) {
        return exprs.stream().map(SqlText::of).collect(Collectors.joining(", "));
    }

    private static String type(TypeName type) {
        String name = (type.schema() == null ? "" : identifier(type.schema()) + ".") + identifier(type.name());
        if (type.modifiers() != null && !type.modifiers().isEmpty()) {
            name += type.modifiers().stream().map(String::valueOf).collect(Collectors.joining(",", "(", ")"));
        }
        return name + "[]".repeat(type.arrayBounds());
    }

    static String literal(String value) {
        return "'" + value.replace("'", "''") + "'";
    }

    static String identifier(String name) {
        if (name.equals("*") || name.matches("[a-z_][a-z0-9_$]*")) {
            return name;
        }
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }
}
