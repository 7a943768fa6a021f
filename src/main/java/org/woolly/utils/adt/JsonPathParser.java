package org.woolly.utils.adt;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.woolly.utils.adt.JsonPathItem.Kind;
import org.woolly.utils.adt.JsonPathScanner.Token;
import org.woolly.utils.adt.JsonPathScanner.Type;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

/**
 * The grammar of the SQL/JSON path language ({@code jsonpath_gram.y}) as a recursive-descent
 * parser, and the checks {@code flattenJsonPathParseItem} makes afterwards ({@code @} only inside
 * filters, {@code last} only inside array subscripts). Each level returns whether it parsed an
 * expression or a predicate, because the grammar keeps them apart: {@code ||} and {@code &&} join
 * predicates, comparisons and arithmetic take expressions, a filter holds a predicate, and a
 * parenthesized predicate becomes an expression again only when an accessor follows it.
 */
final class JsonPathParser {
    private static final Set<String> METHODS = Set.of("abs", "size", "type", "floor", "double", "ceiling",
            "keyvalue");

    private record Parsed(JsonPathItem item, boolean predicate) {}

    private final List<Token> tokens;
    private int index;

    private JsonPathParser(List<Token> tokens) {
        this.tokens = tokens;
    }

    /** {@code jsonpath_in}: the parsed path, or PostgreSQL's 42601 / 22P02 errors. */
    static JsonPath parse(String text) {
        try {
            return parseText(text);
        } catch (StackOverflowError e) {
            throw stackDepthExceeded();
        }
    }

    /** {@code check_stack_depth()}'s error: absurd nesting must not end the backend. */
    static SqlException stackDepthExceeded() {
        return new SqlException(SqlState.STATEMENT_TOO_COMPLEX, "stack depth limit exceeded");
    }

    private static JsonPath parseText(String text) {
        JsonPathParser parser = new JsonPathParser(JsonPathScanner.scan(text));
        boolean lax = true;
        if (parser.peek().isKeyword("strict") || parser.peek().isKeyword("lax")) {
            lax = parser.peek().value().equals("lax");
            parser.index++;
        } else if (parser.peek().type() == Type.END) {
            throw new SqlException(SqlState.INVALID_TEXT_REPRESENTATION,
                    "invalid input syntax for type jsonpath: \"" + text + "\"");
        }
        Parsed parsed = parser.parseOr();
        if (parser.peek().type() != Type.END) {
            throw parser.unexpected();
        }
        check(parsed.item(), 0, false);
        return new JsonPath(lax, parsed.item());
    }

    static SqlException syntaxError(String message, String near) {
        return near == null || near.isEmpty()
                ? new SqlException(SqlState.SYNTAX_ERROR, message + " at end of jsonpath input")
                : new SqlException(SqlState.SYNTAX_ERROR, message + " at or near \"" + near + "\" of jsonpath input");
    }

    private Token peek() {
        return tokens.get(index);
    }

    private Token advance() {
        return tokens.get(index++);
    }

    private SqlException unexpected() {
        return syntaxError("syntax error", peek().errorText());
    }

    private void expectChar(char c) {
        if (!peek().isChar(c)) {
            throw unexpected();
        }
        index++;
    }

    private void expectKeyword(String keyword) {
        if (!peek().isKeyword(keyword)) {
            throw unexpected();
        }
        index++;
    }

    private Parsed requirePredicate(Parsed parsed) {
        if (!parsed.predicate()) {
            throw unexpected();
        }
        return parsed;
    }

    private JsonPathItem requireExpression(Parsed parsed) {
        if (parsed.predicate()) {
            throw unexpected();
        }
        return parsed.item();
    }

    private Parsed parseOr() {
        Parsed left = parseAnd();
        while (peek().type() == Type.OR) {
            requirePredicate(left);
            index++;
            Parsed right = requirePredicate(parseAnd());
            left = new Parsed(JsonPathItem.binary(Kind.OR, left.item(), right.item()), true);
        }
        return left;
    }

    private Parsed parseAnd() {
        Parsed left = parseNot();
        while (peek().type() == Type.AND) {
            requirePredicate(left);
            index++;
            Parsed right = requirePredicate(parseNot());
            left = new Parsed(JsonPathItem.binary(Kind.AND, left.item(), right.item()), true);
        }
        return left;
    }

    private Parsed parseNot() {
        if (peek().type() != Type.NOT) {
            return parseComparison();
        }
        index++;
        if (peek().isKeyword("exists")) {
            return new Parsed(JsonPathItem.unary(Kind.NOT, parseExists()), true);
        }
        expectChar('(');
        Parsed inner = requirePredicate(parseOr());
        expectChar(')');
        return new Parsed(JsonPathItem.unary(Kind.NOT, inner.item()), true);
    }

    private JsonPathItem parseExists() {
        index++;
        expectChar('(');
        JsonPathItem argument = requireExpression(parseAdditive());
        expectChar(')');
        return JsonPathItem.unary(Kind.EXISTS, argument);
    }

    private Parsed parseComparison() {
        Parsed left = parseAdditive();
        Kind comparison = comparison(peek().type());
        if (comparison != null) {
            requireExpression(left);
            index++;
            JsonPathItem right = requireExpression(parseAdditive());
            return new Parsed(JsonPathItem.binary(comparison, left.item(), right), true);
        }
        if (peek().isKeyword("starts")) {
            requireExpression(left);
            index++;
            expectKeyword("with");
            Token initial = peek();
            JsonPathItem prefix;
            if (initial.type() == Type.STRING) {
                prefix = JsonPathItem.of(Kind.STRING, initial.value());
            } else if (initial.type() == Type.VARIABLE) {
                prefix = JsonPathItem.of(Kind.VARIABLE, initial.value());
            } else {
                throw unexpected();
            }
            index++;
            return new Parsed(JsonPathItem.binary(Kind.STARTS_WITH, left.item(), prefix), true);
        }
        if (peek().isKeyword("like_regex")) {
            requireExpression(left);
            index++;
            if (peek().type() != Type.STRING) {
                throw unexpected();
            }
            String pattern = advance().value();
            String flags = "";
            if (peek().isKeyword("flag")) {
                index++;
                if (peek().type() != Type.STRING) {
                    throw unexpected();
                }
                flags = advance().value();
            }
            return new Parsed(JsonPathRegex.likeRegex(left.item(), pattern, flags), true);
        }
        return left;
    }

    private static Kind comparison(Type type) {
        return switch (type) {
            case EQUAL -> Kind.EQUAL;
            case NOT_EQUAL -> Kind.NOT_EQUAL;
            case LESS -> Kind.LESS;
            case GREATER -> Kind.GREATER;
            case LESS_EQUAL -> Kind.LESS_OR_EQUAL;
            case GREATER_EQUAL -> Kind.GREATER_OR_EQUAL;
            default -> null;
        };
    }

    private Parsed parseAdditive() {
        Parsed left = parseMultiplicative();
        while (peek().isChar('+') || peek().isChar('-')) {
            requireExpression(left);
            Kind kind = advance().isChar('+') ? Kind.ADD : Kind.SUB;
            JsonPathItem right = requireExpression(parseMultiplicative());
            left = new Parsed(JsonPathItem.binary(kind, left.item(), right), false);
        }
        return left;
    }

    private Parsed parseMultiplicative() {
        Parsed left = parseUnary();
        while (peek().isChar('*') || peek().isChar('/') || peek().isChar('%')) {
            requireExpression(left);
            char operator = advance().value().charAt(0);
            Kind kind = operator == '*' ? Kind.MUL : operator == '/' ? Kind.DIV : Kind.MOD;
            JsonPathItem right = requireExpression(parseUnary());
            left = new Parsed(JsonPathItem.binary(kind, left.item(), right), false);
        }
        return left;
    }

    /** {@code makeItemUnary}: a sign on a numeric literal without accessors folds into it. */
    private Parsed parseUnary() {
        if (!peek().isChar('+') && !peek().isChar('-')) {
            return parsePostfix();
        }
        boolean minus = advance().isChar('-');
        JsonPathItem argument = requireExpression(parseUnary());
        if (argument.kind == Kind.NUMERIC && argument.next == null) {
            if (minus) {
                JsonPathItem negated = new JsonPathItem(Kind.NUMERIC);
                negated.number = argument.number.negate();
                return new Parsed(negated, false);
            }
            return new Parsed(argument, false);
        }
        return new Parsed(JsonPathItem.unary(minus ? Kind.MINUS : Kind.PLUS, argument), false);
    }

    private Parsed parsePostfix() {
        Token token = peek();
        JsonPathItem primary;
        if (token.isChar('(')) {
            index++;
            Parsed inner = parseOr();
            expectChar(')');
            if (!startsAccessor(peek())) {
                if (inner.predicate() && peek().isKeyword("is")) {
                    index++;
                    expectKeyword("unknown");
                    return new Parsed(JsonPathItem.unary(Kind.IS_UNKNOWN, inner.item()), true);
                }
                return inner;
            }
            primary = inner.item();
        } else if (token.isKeyword("exists")) {
            return new Parsed(parseExists(), true);
        } else {
            primary = primary(token);
            index++;
        }
        while (startsAccessor(peek())) {
            primary.append(accessor());
        }
        return new Parsed(primary, false);
    }

    private static boolean startsAccessor(Token token) {
        return token.isChar('.') || token.isChar('[') || token.isChar('?');
    }

    private JsonPathItem primary(Token token) {
        switch (token.type()) {
            case STRING:
                return JsonPathItem.of(Kind.STRING, token.value());
            case VARIABLE:
                return JsonPathItem.of(Kind.VARIABLE, token.value());
            case NUMERIC, INTEGER: {
                JsonPathItem number = new JsonPathItem(Kind.NUMERIC);
                number.number = (BigDecimal) NumericIO.parse(token.value());
                return number;
            }
            case CHAR:
                if (token.isChar('$')) {
                    return new JsonPathItem(Kind.ROOT);
                }
                if (token.isChar('@')) {
                    return new JsonPathItem(Kind.CURRENT);
                }
                break;
            case IDENTIFIER:
                switch (token.value()) {
                    case "null":
                        return new JsonPathItem(Kind.NULL);
                    case "true", "false": {
                        JsonPathItem bool = new JsonPathItem(Kind.BOOL);
                        bool.bool = token.value().equals("true");
                        return bool;
                    }
                    case "last":
                        return new JsonPathItem(Kind.LAST);
                    default:
                        break;
                }
                break;
            default:
                break;
        }
        throw unexpected();
    }

    private JsonPathItem accessor() {
        Token token = advance();
        if (token.isChar('[')) {
            return arrayAccessor();
        }
        if (token.isChar('?')) {
            expectChar('(');
            Parsed predicate = requirePredicate(parseOr());
            expectChar(')');
            return JsonPathItem.unary(Kind.FILTER, predicate.item());
        }
        Token after = peek();
        if (after.isChar('*')) {
            index++;
            return new JsonPathItem(Kind.ANY_KEY);
        }
        if (after.type() == Type.ANY) {
            index++;
            return anyPath();
        }
        if (after.type() == Type.STRING) {
            index++;
            return JsonPathItem.of(Kind.KEY, after.value());
        }
        if (after.type() != Type.IDENTIFIER) {
            throw unexpected();
        }
        index++;
        if (peek().isChar('(')) {
            if (METHODS.contains(after.value())) {
                index++;
                expectChar(')');
                return new JsonPathItem(Kind.valueOf(after.value().equals("keyvalue") ? "KEY_VALUE"
                        : after.value().toUpperCase(java.util.Locale.ROOT)));
            }
            if (after.value().equals("datetime")) {
                index++;
                JsonPathItem datetime = new JsonPathItem(Kind.DATETIME);
                if (peek().type() == Type.STRING) {
                    datetime.left = JsonPathItem.of(Kind.STRING, advance().value());
                }
                expectChar(')');
                return datetime;
            }
        }
        return JsonPathItem.of(Kind.KEY, after.value());
    }

    private JsonPathItem arrayAccessor() {
        if (peek().isChar('*') && tokens.get(index + 1).isChar(']')) {
            index += 2;
            return new JsonPathItem(Kind.ANY_ARRAY);
        }
        JsonPathItem array = new JsonPathItem(Kind.INDEX_ARRAY);
        array.subscripts = new ArrayList<>();
        while (true) {
            JsonPathItem from = requireExpression(parseAdditive());
            if (peek().isKeyword("to")) {
                index++;
                JsonPathItem to = requireExpression(parseAdditive());
                array.subscripts.add(new JsonPathItem[] {from, to});
            } else {
                array.subscripts.add(new JsonPathItem[] {from});
            }
            if (peek().isChar(']')) {
                index++;
                return array;
            }
            expectChar(',');
        }
    }

    private JsonPathItem anyPath() {
        JsonPathItem any = new JsonPathItem(Kind.ANY);
        any.first = 0;
        any.last = JsonPathItem.LAST_LEVEL;
        if (!peek().isChar('{')) {
            return any;
        }
        index++;
        any.first = level();
        any.last = any.first;
        if (peek().isKeyword("to")) {
            index++;
            any.last = level();
        }
        expectChar('}');
        return any;
    }

    private long level() {
        Token token = peek();
        if (token.isKeyword("last")) {
            index++;
            return JsonPathItem.LAST_LEVEL;
        }
        if (token.type() != Type.INTEGER) {
            throw unexpected();
        }
        index++;
        long value;
        try {
            value = Long.parseLong(token.value());
        } catch (NumberFormatException e) {
            value = Long.MAX_VALUE;
        }
        if (value > Integer.MAX_VALUE) {
            throw TypeErrors.outOfRange("integer", token.value());
        }
        return value;
    }

    /** {@code flattenJsonPathParseItem}'s checks: {@code @} outside filters, {@code last} outside subscripts. */
    private static void check(JsonPathItem item, int nesting, boolean inSubscript) {
        for (JsonPathItem at = item; at != null; at = at.next) {
            switch (at.kind) {
                case CURRENT -> {
                    if (nesting <= 0) {
                        throw new SqlException(SqlState.SYNTAX_ERROR, "@ is not allowed in root expressions");
                    }
                }
                case LAST -> {
                    if (!inSubscript) {
                        throw new SqlException(SqlState.SYNTAX_ERROR, "LAST is allowed only in array subscripts");
                    }
                }
                case FILTER -> check(at.left, nesting + 1, inSubscript);
                case INDEX_ARRAY -> {
                    for (JsonPathItem[] subscript : at.subscripts) {
                        for (JsonPathItem bound : subscript) {
                            check(bound, nesting, true);
                        }
                    }
                }
                default -> {
                    if (at.left != null) {
                        check(at.left, nesting, inSubscript);
                    }
                    if (at.right != null) {
                        check(at.right, nesting, inSubscript);
                    }
                }
            }
        }
    }
}
