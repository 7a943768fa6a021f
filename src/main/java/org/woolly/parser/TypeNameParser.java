package org.woolly.parser;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.woolly.nodes.parse.Expr;
import org.woolly.nodes.parse.TypeName;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

/**
 * Type names with SQL's special syntax, normalized to PostgreSQL's internal names
 * ({@code integer -> int4}, {@code double precision -> float8}, {@code character varying -> varchar},
 * {@code timestamp with time zone -> timestamptz}, ...), and {@code type 'literal'} constants.
 * Interval field qualifiers become PostgreSQL's typmod input list: {@code [range mask]} or
 * {@code [range mask, precision]} (masks: YEAR 4, MONTH 2, DAY 8, HOUR 1024, MINUTE 2048,
 * SECOND 4096, full range 32767). Counterpart of the {@code Typename}, {@code SimpleTypename}
 * and {@code ConstTypename} rules of {@code src/backend/parser/gram.y}.
 */
final class TypeNameParser {
    static final int INTERVAL_FULL_RANGE = 0x7FFF;
    private static final int MONTH = 1 << 1;
    private static final int YEAR = 1 << 2;
    private static final int DAY = 1 << 3;
    private static final int HOUR = 1 << 10;
    private static final int MINUTE = 1 << 11;
    private static final int SECOND = 1 << 12;

    /** Keywords that start a type with special syntax (and may start a typed literal). */
    private static final Set<String> TYPE_KEYWORDS = Set.of(
            "int", "integer", "smallint", "bigint", "real", "float", "double", "decimal", "dec", "numeric",
            "boolean", "bit", "character", "char", "nchar", "national", "varchar", "timestamp", "time", "interval");

    private final Grammar grammar;
    private final TokenCursor cursor;

    TypeNameParser(Grammar grammar) {
        this.grammar = grammar;
        this.cursor = grammar.cursor;
    }

    static TypeName normalizeGeneric(String schema, String name, List<Integer> modifiers, int location) {
        return new TypeName(schema, name, List.copyOf(modifiers), 0, location);
    }

    /** {@code Typename}: a type with optional array bounds ({@code int[]}, {@code int ARRAY}). */
    TypeName typeName() {
        Token start = cursor.peek();
        if (start.isKeyword("setof")) {
            throw TokenCursor.notSupportedClause("SETOF type names are not supported yet", start);
        }
        TypeName base = simpleTypeName(false);
        int bounds = 0;
        if (cursor.acceptKeyword("array")) {
            bounds = 1;
            if (cursor.accept(Token.Kind.LEFT_BRACKET)) {
                cursor.expect(Token.Kind.INTEGER);
                cursor.expect(Token.Kind.RIGHT_BRACKET);
            }
        } else {
            while (cursor.accept(Token.Kind.LEFT_BRACKET)) {
                cursor.accept(Token.Kind.INTEGER);
                cursor.expect(Token.Kind.RIGHT_BRACKET);
                bounds++;
            }
        }
        if (cursor.at(Token.Kind.OPERATOR) && cursor.peek().text().equals("%")
                && cursor.peek(1).isKeyword("type")) {
            throw TokenCursor.notSupportedClause("%TYPE references are not supported yet", cursor.peek());
        }
        return new TypeName(base.schema(), base.name(), base.modifiers(), bounds, base.location());
    }

    /**
     * {@code 'literal'} preceded by a keyword type ({@code integer '1'}, {@code timestamp with time
     * zone '...'}, {@code interval '1' day}); null (cursor unchanged) when the tokens are not one.
     */
    Expr tryTypedLiteral() {
        Token start = cursor.peek();
        if (!start.is(Token.Kind.IDENT) || start.quoted() || !TYPE_KEYWORDS.contains(start.text())) {
            return null;
        }
        int mark = cursor.mark();
        try {
            if (start.isKeyword("interval")) {
                cursor.advance();
                List<Integer> modifiers = new ArrayList<>();
                if (cursor.accept(Token.Kind.LEFT_PAREN)) {
                    modifiers.add(INTERVAL_FULL_RANGE);
                    modifiers.add(integer());
                    cursor.expect(Token.Kind.RIGHT_PAREN);
                }
                if (!cursor.at(Token.Kind.STRING)) {
                    cursor.reset(mark);
                    return null;
                }
                Token literal = cursor.advance();
                if (modifiers.isEmpty()) {
                    modifiers = intervalFields();
                }
                return literal(literal, new TypeName(null, "interval", modifiers, 0, start.start()));
            }
            TypeName type = simpleTypeName(true);
            if (!cursor.at(Token.Kind.STRING)) {
                cursor.reset(mark);
                return null;
            }
            return literal(cursor.advance(), type);
        } catch (SqlException e) {
            cursor.reset(mark);
            return null;
        }
    }

    private static Expr literal(Token literal, TypeName type) {
        return new Expr.TypeCast(new Expr.Constant(Expr.Constant.Kind.STRING, literal.text(), literal.start()), type,
                type.location());
    }

    private int integer() {
        return Integer.parseInt(cursor.expect(Token.Kind.INTEGER).text());
    }

    private List<Integer> optionalModifiers() {
        List<Integer> modifiers = new ArrayList<>();
        if (cursor.accept(Token.Kind.LEFT_PAREN)) {
            do {
                // numeric(3, -6): PostgreSQL 15 allows a negative scale.
                boolean negative = cursor.acceptOperator("-");
                int value = integer();
                modifiers.add(negative ? -value : value);
            } while (cursor.accept(Token.Kind.COMMA));
            cursor.expect(Token.Kind.RIGHT_PAREN);
        }
        return modifiers;
    }

    /**
     * {@code SimpleTypename}; {@code constant} is true for a typed literal, where CHAR and BIT
     * without a length are unconstrained instead of length 1.
     */
    private TypeName simpleTypeName(boolean constant) {
        Token start = cursor.peek();
        int location = start.start();
        if (!start.is(Token.Kind.IDENT)) {
            throw cursor.syntaxError();
        }
        if (start.quoted() || !TYPE_KEYWORDS.contains(start.text())
                || start.isKeyword("double") && !cursor.peek(1).isKeyword("precision")) {
            return genericTypeName();
        }
        cursor.advance();
        switch (start.text()) {
            case "int", "integer":
                return system("int4", List.of(), location);
            case "smallint":
                return system("int2", List.of(), location);
            case "bigint":
                return system("int8", List.of(), location);
            case "real":
                return system("float4", List.of(), location);
            case "boolean":
                return system("bool", List.of(), location);
            case "double":
                cursor.expectKeyword("precision");
                return system("float8", List.of(), location);
            case "float":
                return floatType(location);
            case "decimal", "dec", "numeric":
                return system("numeric", optionalModifiers(), location);
            case "bit": {
                boolean varying = cursor.acceptKeyword("varying");
                List<Integer> modifiers = optionalModifiers();
                if (modifiers.isEmpty() && !varying && !constant) {
                    modifiers = List.of(1);
                }
                return system(varying ? "varbit" : "bit", modifiers, location);
            }
            case "character", "char", "nchar", "national", "varchar":
                return characterType(start, constant, location);
            case "timestamp", "time": {
                List<Integer> modifiers = optionalModifiers();
                boolean withZone = false;
                if (cursor.acceptKeyword("with")) {
                    cursor.expectKeyword("time");
                    cursor.expectKeyword("zone");
                    withZone = true;
                } else if (cursor.acceptKeyword("without")) {
                    cursor.expectKeyword("time");
                    cursor.expectKeyword("zone");
                }
                return system(start.text() + (withZone ? "tz" : ""), modifiers, location);
            }
            case "interval": {
                if (cursor.accept(Token.Kind.LEFT_PAREN)) {
                    int precision = integer();
                    cursor.expect(Token.Kind.RIGHT_PAREN);
                    return system("interval", List.of(INTERVAL_FULL_RANGE, precision), location);
                }
                return system("interval", intervalFields(), location);
            }
            default:
                throw cursor.syntaxErrorAt(start);
        }
    }

    private static TypeName system(String name, List<Integer> modifiers, int location) {
        return new TypeName(null, name, List.copyOf(modifiers), 0, location);
    }

    private TypeName floatType(int location) {
        if (!cursor.at(Token.Kind.LEFT_PAREN)) {
            return system("float8", List.of(), location);
        }
        cursor.advance();
        Token precisionToken = cursor.expect(Token.Kind.INTEGER);
        int precision = Integer.parseInt(precisionToken.text());
        cursor.expect(Token.Kind.RIGHT_PAREN);
        if (precision < 1) {
            throw TokenCursor.errorAt(SqlState.INVALID_PARAMETER_VALUE, "precision for type float must be at least 1 bit",
                    precisionToken);
        }
        if (precision > 53) {
            throw TokenCursor.errorAt(SqlState.INVALID_PARAMETER_VALUE, "precision for type float must be less than 54 bits",
                    precisionToken);
        }
        return system(precision <= 24 ? "float4" : "float8", List.of(), location);
    }

    private TypeName characterType(Token start, boolean constant, int location) {
        boolean varying = start.isKeyword("varchar");
        if (start.isKeyword("national")) {
            if (!cursor.acceptKeyword("character")) {
                cursor.expectKeyword("char");
            }
        }
        if (!varying) {
            varying = cursor.acceptKeyword("varying");
        }
        List<Integer> modifiers = optionalModifiers();
        if (modifiers.isEmpty() && !varying && !constant) {
            modifiers = List.of(1);
        }
        return system(varying ? "varchar" : "bpchar", modifiers, location);
    }

    /** {@code type_function_name [. attr]* [(modifiers)]}. */
    private TypeName genericTypeName() {
        Token start = cursor.peek();
        if (!Keywords.isTypeFunctionName(start)) {
            throw cursor.syntaxError();
        }
        cursor.advance();
        String schema = null;
        String name = start.text();
        while (cursor.at(Token.Kind.DOT)) {
            cursor.advance();
            schema = name;
            name = grammar.columnLabel();
        }
        return normalizeGeneric(schema, name, optionalModifiers(), start.start());
    }

    /** {@code opt_interval}: the interval's field range, empty when absent. */
    private List<Integer> intervalFields() {
        Token token = cursor.peek();
        if (!token.is(Token.Kind.IDENT) || token.quoted()) {
            return List.of();
        }
        int mask;
        switch (token.text()) {
            case "year" -> {
                cursor.advance();
                mask = YEAR;
                if (cursor.acceptKeyword("to")) {
                    cursor.expectKeyword("month");
                    mask |= MONTH;
                }
            }
            case "month" -> {
                cursor.advance();
                mask = MONTH;
            }
            case "day" -> {
                cursor.advance();
                mask = DAY;
                if (cursor.acceptKeyword("to")) {
                    mask |= rangeEnd(HOUR | MINUTE | SECOND);
                }
            }
            case "hour" -> {
                cursor.advance();
                mask = HOUR;
                if (cursor.acceptKeyword("to")) {
                    mask |= rangeEnd(MINUTE | SECOND);
                }
            }
            case "minute" -> {
                cursor.advance();
                mask = MINUTE;
                if (cursor.acceptKeyword("to")) {
                    mask |= rangeEnd(SECOND);
                }
            }
            case "second" -> {
                cursor.advance();
                mask = SECOND;
            }
            default -> {
                return List.of();
            }
        }
        if ((mask & SECOND) != 0 && cursor.accept(Token.Kind.LEFT_PAREN)) {
            int precision = integer();
            cursor.expect(Token.Kind.RIGHT_PAREN);
            return List.of(mask, precision);
        }
        return List.of(mask);
    }

    /** After {@code TO}: the end field, returning the mask of every field from after the start to it. */
    private int rangeEnd(int allowed) {
        Token end = cursor.advance();
        int endMask = switch (end.isKeyword("hour") ? "hour" : end.isKeyword("minute") ? "minute"
                : end.isKeyword("second") ? "second" : "") {
            case "hour" -> HOUR;
            case "minute" -> MINUTE;
            case "second" -> SECOND;
            default -> 0;
        };
        if ((endMask & allowed) == 0) {
            throw cursor.syntaxErrorAt(end);
        }
        int mask = 0;
        for (int field : new int[] {HOUR, MINUTE, SECOND}) {
            if ((field & allowed) != 0 && field <= endMask) {
                mask |= field;
            }
        }
        return mask;
    }
}
