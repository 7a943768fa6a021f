package org.woolly.parser;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.woolly.nodes.parse.Expr;
import org.woolly.nodes.parse.QualifiedName;
import org.woolly.nodes.parse.SelectStmt;

/**
 * Expressions ({@code a_expr}) by precedence climbing over PostgreSQL's precedence table:
 * OR &lt; AND &lt; NOT &lt; IS &lt; comparison &lt; BETWEEN/IN/LIKE &lt; other operators &lt; + - &lt;
 * * / % &lt; ^ &lt; AT TIME ZONE &lt; COLLATE &lt; unary minus &lt; subscripts and ::. Counterpart of
 * the {@code a_expr}/{@code c_expr} productions and the {@code %left}/{@code %nonassoc}
 * declarations of {@code src/backend/parser/gram.y}.
 */
final class ExpressionParser {
    static final int LOWEST = 0;
    private static final int OR = 1;
    private static final int AND = 2;
    private static final int NOT = 3;
    private static final int IS = 4;
    private static final int COMPARISON = 5;
    /** Operands of DEFAULT: like PostgreSQL's {@code b_expr}, no boolean connectives or IS tests. */
    static final int B_EXPRESSION = COMPARISON;
    /** BETWEEN, IN, LIKE, ILIKE, SIMILAR: also the level of {@code b_expr}-like operands. */
    static final int PATTERN = 6;
    private static final int OTHER_OPERATOR = 7;
    private static final int ADDITIVE = 8;
    private static final int MULTIPLICATIVE = 9;
    private static final int EXPONENT = 10;
    private static final int AT_TIME_ZONE = 11;
    private static final int COLLATE = 12;
    private static final int UNARY = 13;
    private static final int POSTFIX = 14;

    private static final Set<String> COMPARISON_OPERATORS = Set.of("<", ">", "=", "<=", ">=", "<>");

    private final Grammar grammar;
    private final TokenCursor cursor;

    ExpressionParser(Grammar grammar) {
        this.grammar = grammar;
        this.cursor = grammar.cursor;
    }

    Expr expression() {
        return expression(LOWEST);
    }

    /** An expression made of operators binding at least as tightly as {@code minimum}. */
    Expr expression(int minimum) {
        Expr left = prefix();
        int nonAssociativeLevel = -1;
        while (true) {
            int level = infixLevel();
            if (level < minimum || level < 0) {
                return left;
            }
            // Comparisons and LIKE/ILIKE/SIMILAR/BETWEEN do not chain (%nonassoc); IN does in practice.
            boolean in = atInOperator();
            if (level == nonAssociativeLevel && !in) {
                throw cursor.syntaxError();
            }
            left = infix(left, level);
            nonAssociativeLevel = level == COMPARISON || level == PATTERN && !in ? level : -1;
        }
    }

    List<Expr> expressionList() {
        List<Expr> list = new ArrayList<>();
        do {
            list.add(expression());
        } while (cursor.accept(Token.Kind.COMMA));
        return list;
    }

    /** The precedence of the operator at the cursor, or -1 when it does not continue an expression. */
    private int infixLevel() {
        Token token = cursor.peek();
        switch (token.kind()) {
            case TYPECAST:
                return POSTFIX;
            case OPERATOR:
                return operatorLevel(token.text());
            case IDENT:
                if (token.quoted()) {
                    return -1;
                }
                return switch (token.text()) {
                    case "or" -> OR;
                    case "and" -> AND;
                    case "is" -> continuesIsTest(cursor.peek(1)) ? IS : -1;
                    case "isnull", "notnull" -> IS;
                    case "between", "in", "like", "ilike", "similar" -> PATTERN;
                    case "not" -> isNegatablePattern(cursor.peek(1)) ? PATTERN : -1;
                    case "at" -> cursor.peek(1).isKeyword("time") && cursor.peek(2).isKeyword("zone") ? AT_TIME_ZONE : -1;
                    case "collate" -> cursor.peek(1).is(Token.Kind.IDENT) ? COLLATE : -1;
                    case "operator" -> cursor.peek(1).is(Token.Kind.LEFT_PAREN) ? OTHER_OPERATOR : -1;
                    default -> -1;
                };
            default:
                return -1;
        }
    }

    /** Whether the word after IS makes it a test; otherwise IS is a bare column label, as in PostgreSQL. */
    private static boolean continuesIsTest(Token token) {
        return token.is(Token.Kind.IDENT) && !token.quoted() && switch (token.text()) {
            case "not", "null", "true", "false", "unknown", "distinct", "document", "normalized", "json", "of", "nfc",
                 "nfd", "nfkc", "nfkd" -> true;
            default -> false;
        };
    }

    private boolean atInOperator() {
        return cursor.atKeyword("in") || cursor.atKeyword("not") && cursor.peek(1).isKeyword("in");
    }

    private static boolean isNegatablePattern(Token token) {
        return token.isKeyword("between") || token.isKeyword("in") || token.isKeyword("like")
                || token.isKeyword("ilike") || token.isKeyword("similar");
    }

    private static int operatorLevel(String symbol) {
        if (COMPARISON_OPERATORS.contains(symbol)) {
            return COMPARISON;
        }
        return switch (symbol) {
            case "+", "-" -> ADDITIVE;
            case "*", "/", "%" -> MULTIPLICATIVE;
            case "^" -> EXPONENT;
            default -> OTHER_OPERATOR;
        };
    }

    private Expr infix(Expr left, int level) {
        Token token = cursor.advance();
        switch (token.kind()) {
            case TYPECAST:
                return new Expr.TypeCast(left, grammar.types.typeName(), token.start());
            case OPERATOR: {
                if (atQuantifier()) {
                    return quantified(left, token);
                }
                Expr right = expression(level + 1);
                return new Expr.Operator(token.text(), left, right, token.start());
            }
            default:
                break;
        }
        switch (token.text()) {
            case "or":
                return bool(Expr.BoolExpr.BoolOp.OR, left, expression(OR + 1), token);
            case "and":
                return bool(Expr.BoolExpr.BoolOp.AND, left, expression(AND + 1), token);
            case "isnull":
                return new Expr.NullTest(left, Expr.NullTest.Test.IS_NULL, token.start());
            case "notnull":
                return new Expr.NullTest(left, Expr.NullTest.Test.IS_NOT_NULL, token.start());
            case "is":
                return isTest(left, token);
            case "at":
                cursor.advance();
                cursor.advance();
                Expr zone = expression(AT_TIME_ZONE + 1);
                return new Expr.FuncCall(systemName("timezone", token), List.of(zone, left), false, false,
                        List.of(), null, null, token.start());
            case "collate":
                return new Expr.Collate(left, grammar.qualifiedName(), token.start());
            case "operator": {
                Token operator = explicitOperator(token);
                if (atQuantifier()) {
                    return quantified(left, operator);
                }
                return new Expr.Operator(operator.text(), left, expression(OTHER_OPERATOR + 1), token.start());
            }
            case "not":
                return pattern(left, cursor.advance(), true, token);
            default:
                return pattern(left, token, false, token);
        }
    }

    /**
     * The rest of {@code OPERATOR ( [schema .] op )} after the keyword ({@code qual_all_Op} in
     * gram.y), as an operator token. Every built-in operator lives in pg_catalog, so that
     * qualifier is dropped; any other schema stays in the name, which then names no operator and
     * fails resolution with PostgreSQL's "operator does not exist: text public.~ unknown".
     */
    private Token explicitOperator(Token keyword) {
        cursor.expect(Token.Kind.LEFT_PAREN);
        StringBuilder schema = new StringBuilder();
        while (cursor.at(Token.Kind.IDENT)) {
            schema.append(cursor.advance().text());
            cursor.expect(Token.Kind.DOT);
            schema.append('.');
        }
        Token symbol = cursor.peek();
        if (!symbol.is(Token.Kind.OPERATOR)) {
            throw cursor.syntaxError();
        }
        cursor.advance();
        cursor.expect(Token.Kind.RIGHT_PAREN);
        String qualifier = schema.toString();
        String name = qualifier.isEmpty() || qualifier.equals("pg_catalog.") ? symbol.text() : qualifier + symbol.text();
        return new Token(Token.Kind.OPERATOR, name, false, keyword.start(), symbol.end());
    }

    private boolean atQuantifier() {
        Token token = cursor.peek();
        return (token.isKeyword("any") || token.isKeyword("some") || token.isKeyword("all"))
                && cursor.peek(1).is(Token.Kind.LEFT_PAREN);
    }

    /** {@code left op ANY|SOME|ALL (subquery | array)}. */
    private Expr quantified(Expr left, Token operator) {
        boolean all = cursor.advance().text().equals("all");
        SelectStmt subquery = grammar.selects.tryParenthesizedSubquery();
        if (subquery != null) {
            return new Expr.SubLink(all ? Expr.SubLink.Kind.ALL : Expr.SubLink.Kind.ANY, left, operator.text(),
                    subquery, operator.start());
        }
        cursor.expect(Token.Kind.LEFT_PAREN);
        Expr array = expression();
        cursor.expect(Token.Kind.RIGHT_PAREN);
        return new Expr.ArrayComparison(operator.text(), all, left, array, operator.start());
    }

    private static Expr bool(Expr.BoolExpr.BoolOp op, Expr left, Expr right, Token token) {
        List<Expr> args = new ArrayList<>();
        if (left instanceof Expr.BoolExpr bool && bool.op() == op) {
            args.addAll(bool.args());
            args.add(right);
            return new Expr.BoolExpr(op, args, bool.location());
        }
        args.add(left);
        args.add(right);
        return new Expr.BoolExpr(op, args, token.start());
    }

    private Expr isTest(Expr left, Token is) {
        boolean not = cursor.acceptKeyword("not");
        Token what = cursor.advance();
        Expr.NullTest.Test test;
        if (what.isKeyword("null")) {
            test = not ? Expr.NullTest.Test.IS_NOT_NULL : Expr.NullTest.Test.IS_NULL;
        } else if (what.isKeyword("true")) {
            test = not ? Expr.NullTest.Test.IS_NOT_TRUE : Expr.NullTest.Test.IS_TRUE;
        } else if (what.isKeyword("false")) {
            test = not ? Expr.NullTest.Test.IS_NOT_FALSE : Expr.NullTest.Test.IS_FALSE;
        } else if (what.isKeyword("unknown")) {
            test = not ? Expr.NullTest.Test.IS_NOT_UNKNOWN : Expr.NullTest.Test.IS_UNKNOWN;
        } else if (what.isKeyword("distinct")) {
            cursor.expectKeyword("from");
            Expr right = expression(IS + 1);
            return new Expr.DistinctFrom(left, right, not, is.start());
        } else if (what.isKeyword("document") || what.isKeyword("normalized") || what.isKeyword("json")
                || what.isKeyword("of") || what.isKeyword("nfc") || what.isKeyword("nfd")) {
            throw TokenCursor.notSupportedClause("IS " + what.text().toUpperCase() + " is not supported yet", what);
        } else {
            throw cursor.syntaxErrorAt(what);
        }
        return new Expr.NullTest(left, test, is.start());
    }

    /** BETWEEN, IN, LIKE, ILIKE, SIMILAR TO, each possibly after NOT. */
    private Expr pattern(Expr left, Token keyword, boolean not, Token start) {
        switch (keyword.text()) {
            case "between": {
                boolean symmetric = cursor.acceptKeyword("symmetric");
                if (!symmetric) {
                    cursor.acceptKeyword("asymmetric");
                }
                Expr low = expression(PATTERN + 1);
                cursor.expectKeyword("and");
                Expr high = expression(PATTERN + 1);
                return new Expr.Between(left, low, high, not, symmetric, start.start());
            }
            case "in": {
                SelectStmt subquery = grammar.selects.tryParenthesizedSubquery();
                if (subquery != null) {
                    Expr link = new Expr.SubLink(Expr.SubLink.Kind.ANY, left, "=", subquery, start.start());
                    return not ? new Expr.BoolExpr(Expr.BoolExpr.BoolOp.NOT, List.of(link), start.start()) : link;
                }
                cursor.expect(Token.Kind.LEFT_PAREN);
                List<Expr> list = expressionList();
                cursor.expect(Token.Kind.RIGHT_PAREN);
                return new Expr.InList(left, list, not, start.start());
            }
            case "like", "ilike": {
                String operator = (not ? "!" : "") + (keyword.text().equals("like") ? "~~" : "~~*");
                if (atQuantifier()) {
                    return quantified(left, new Token(Token.Kind.OPERATOR, operator, false, keyword.start(),
                            keyword.end()));
                }
                Expr right = expression(PATTERN + 1);
                right = escapeClause(right, "like_escape");
                return new Expr.Operator(operator, left, right, keyword.start());
            }
            case "similar": {
                cursor.expectKeyword("to");
                Expr right = expression(PATTERN + 1);
                List<Expr> args = new ArrayList<>(List.of(right));
                if (cursor.acceptKeyword("escape")) {
                    args.add(expression(PATTERN + 1));
                }
                Expr regex = new Expr.FuncCall(systemName("similar_to_escape", keyword), args, false, false,
                        List.of(), null, null, keyword.start());
                return new Expr.Operator(not ? "!~" : "~", left, regex, keyword.start());
            }
            default:
                throw cursor.syntaxErrorAt(keyword);
        }
    }

    private Expr escapeClause(Expr pattern, String function) {
        Token escape = cursor.peek();
        if (!cursor.acceptKeyword("escape")) {
            return pattern;
        }
        Expr character = expression(PATTERN + 1);
        return new Expr.FuncCall(systemName(function, escape), List.of(pattern, character), false, false,
                List.of(), null, null, pattern.location());
    }

    static QualifiedName systemName(String name, Token token) {
        return new QualifiedName("pg_catalog", name, token.start());
    }

    /**
     * Subscripts and field selections after a column reference, parameter or parenthesized
     * expression ({@code opt_indirection}).
     */
    Expr indirection(Expr base) {
        Expr result = base;
        while (true) {
            if (cursor.at(Token.Kind.LEFT_BRACKET)) {
                Token open = cursor.advance();
                Expr lower = null;
                Expr upper = null;
                boolean slice = false;
                if (!cursor.at(Token.Kind.COLON)) {
                    lower = expression();
                }
                if (cursor.accept(Token.Kind.COLON)) {
                    slice = true;
                    if (!cursor.at(Token.Kind.RIGHT_BRACKET)) {
                        upper = expression();
                    }
                }
                cursor.expect(Token.Kind.RIGHT_BRACKET);
                result = new Expr.Subscript(result, lower, upper, slice, open.start());
            } else if (cursor.at(Token.Kind.DOT)) {
                Token dot = cursor.advance();
                if (cursor.acceptOperator("*")) {
                    result = new Expr.FieldSelect(result, "*", dot.start());
                } else {
                    result = new Expr.FieldSelect(result, grammar.columnLabel(), dot.start());
                }
            } else {
                return result;
            }
        }
    }

    // ---- prefix forms ----

    private Expr prefix() {
        Token token = cursor.peek();
        if (token.isKeyword("not")) {
            cursor.advance();
            Expr operand = expression(NOT);
            return new Expr.BoolExpr(Expr.BoolExpr.BoolOp.NOT, List.of(operand), token.start());
        }
        if (token.isKeyword("operator") && cursor.peek(1).is(Token.Kind.LEFT_PAREN)) {
            cursor.advance();
            Token operator = explicitOperator(token);
            Expr operand = expression(OTHER_OPERATOR + 1);
            return new Expr.Operator(operator.text(), null, operand, token.start());
        }
        if (token.is(Token.Kind.OPERATOR)) {
            if (!isPrefixOperator(token.text())) {
                throw cursor.syntaxError();
            }
            cursor.advance();
            if (token.text().equals("-") || token.text().equals("+")) {
                Expr operand = expression(UNARY);
                if (token.text().equals("-")) {
                    return negate(operand, token);
                }
                return new Expr.Operator("+", null, operand, token.start());
            }
            Expr operand = expression(OTHER_OPERATOR + 1);
            return new Expr.Operator(token.text(), null, operand, token.start());
        }
        return grammar.specialForms.primary();
    }

    /** Comparison and arithmetic symbols other than + and - have their own tokens in PostgreSQL's grammar and are never prefix operators. */
    private static boolean isPrefixOperator(String symbol) {
        return switch (symbol) {
            case "<", ">", "=", "<=", ">=", "<>", "*", "/", "%", "^" -> false;
            default -> true;
        };
    }

    /** Folds a minus sign into a numeric literal, as PostgreSQL's {@code doNegate} does. */
    private static Expr negate(Expr operand, Token minus) {
        if (operand instanceof Expr.Constant constant
                && (constant.kind() == Expr.Constant.Kind.INTEGER || constant.kind() == Expr.Constant.Kind.NUMERIC)) {
            String text = constant.value().startsWith("-") ? constant.value().substring(1) : "-" + constant.value();
            boolean integral = text.chars().skip(1).allMatch(Character::isDigit) && Lexer.fitsInt8(text);
            return new Expr.Constant(integral ? Expr.Constant.Kind.INTEGER : Expr.Constant.Kind.NUMERIC, text,
                    minus.start());
        }
        return new Expr.Operator("-", null, operand, minus.start());
    }
}
