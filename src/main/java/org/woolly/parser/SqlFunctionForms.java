package org.woolly.parser;

import java.util.ArrayList;
import java.util.List;
import org.woolly.nodes.parse.Expr;

/**
 * The SQL-standard functions with keyword-separated arguments, rewritten into ordinary calls
 * of {@code pg_catalog} functions as PostgreSQL 15 does: {@code EXTRACT(f FROM x)} ->
 * {@code extract('f', x)}, {@code SUBSTRING(x FROM a FOR b)} -> {@code substring(x, a, b)},
 * {@code POSITION(a IN b)} -> {@code position(b, a)}, {@code TRIM([LEADING|TRAILING|BOTH] [c] FROM s)}
 * -> {@code ltrim/rtrim/btrim(s, c)}, {@code OVERLAY(s PLACING r FROM a [FOR b])} ->
 * {@code overlay(s, r, a[, b])}. Counterpart of the {@code func_expr_common_subexpr} rules of
 * {@code src/backend/parser/gram.y}.
 */
final class SqlFunctionForms {
    private SqlFunctionForms() {
    }

    static Expr parse(Grammar grammar, Token name) {
        TokenCursor cursor = grammar.cursor;
        cursor.advance();
        cursor.expect(Token.Kind.LEFT_PAREN);
        List<Expr> args = switch (name.text()) {
            case "extract" -> extractArguments(grammar);
            case "substring" -> substringArguments(grammar);
            case "position" -> positionArguments(grammar);
            case "overlay" -> overlayArguments(grammar);
            default -> null;
        };
        String function = name.text();
        if (args == null) {
            Token direction = cursor.peek();
            function = "btrim";
            if (cursor.acceptKeyword("leading")) {
                function = "ltrim";
            } else if (cursor.acceptKeyword("trailing")) {
                function = "rtrim";
            } else {
                cursor.acceptKeyword("both");
            }
            args = trimArguments(grammar, direction);
        }
        cursor.expect(Token.Kind.RIGHT_PAREN);
        return call(function, args, name);
    }

    private static Expr call(String function, List<Expr> args, Token name) {
        return new Expr.FuncCall(ExpressionParser.systemName(function, name), args, false, false, List.of(), null,
                null, name.start());
    }

    private static List<Expr> extractArguments(Grammar grammar) {
        TokenCursor cursor = grammar.cursor;
        Token field = cursor.advance();
        if (!field.is(Token.Kind.IDENT) && !field.is(Token.Kind.STRING)) {
            throw cursor.syntaxErrorAt(field);
        }
        cursor.expectKeyword("from");
        Expr source = grammar.expressions.expression();
        return List.of(new Expr.Constant(Expr.Constant.Kind.STRING, field.text(), field.start()), source);
    }

    private static List<Expr> substringArguments(Grammar grammar) {
        TokenCursor cursor = grammar.cursor;
        Expr source = grammar.expressions.expression();
        List<Expr> args = new ArrayList<>(List.of(source));
        if (cursor.accept(Token.Kind.COMMA)) {
            args.addAll(grammar.expressions.expressionList());
            return args;
        }
        if (cursor.atKeyword("similar")) {
            throw TokenCursor.notSupportedClause("SUBSTRING ... SIMILAR is not supported yet", cursor.peek());
        }
        Token start = cursor.peek();
        if (cursor.acceptKeyword("from")) {
            args.add(grammar.expressions.expression());
            if (cursor.acceptKeyword("for")) {
                args.add(grammar.expressions.expression());
            }
        } else if (cursor.acceptKeyword("for")) {
            // SUBSTRING(x FOR n) starts at the first character.
            args.add(new Expr.Constant(Expr.Constant.Kind.INTEGER, "1", start.start()));
            args.add(grammar.expressions.expression());
        }
        return args;
    }

    private static List<Expr> positionArguments(Grammar grammar) {
        Expr needle = grammar.expressions.expression(ExpressionParser.PATTERN + 1);
        grammar.cursor.expectKeyword("in");
        Expr haystack = grammar.expressions.expression(ExpressionParser.PATTERN + 1);
        return List.of(haystack, needle);
    }

    private static List<Expr> overlayArguments(Grammar grammar) {
        TokenCursor cursor = grammar.cursor;
        List<Expr> args = new ArrayList<>();
        args.add(grammar.expressions.expression());
        if (cursor.accept(Token.Kind.COMMA)) {
            args.addAll(grammar.expressions.expressionList());
            return args;
        }
        cursor.expectKeyword("placing");
        args.add(grammar.expressions.expression());
        cursor.expectKeyword("from");
        args.add(grammar.expressions.expression());
        if (cursor.acceptKeyword("for")) {
            args.add(grammar.expressions.expression());
        }
        return args;
    }

    /** After the direction: {@code [chars] FROM source}, {@code FROM source}, or {@code source[, chars]}. */
    private static List<Expr> trimArguments(Grammar grammar, Token start) {
        TokenCursor cursor = grammar.cursor;
        if (cursor.acceptKeyword("from")) {
            return grammar.expressions.expressionList();
        }
        Expr first = grammar.expressions.expression();
        if (cursor.acceptKeyword("from")) {
            List<Expr> args = new ArrayList<>(grammar.expressions.expressionList());
            args.add(first);
            return args;
        }
        List<Expr> args = new ArrayList<>(List.of(first));
        if (cursor.accept(Token.Kind.COMMA)) {
            args.addAll(grammar.expressions.expressionList());
        }
        if (start == null) {
            throw cursor.syntaxError();
        }
        return args;
    }
}
