package org.woolly.parser;

import java.util.ArrayList;
import java.util.List;
import org.woolly.nodes.parse.Expr;
import org.woolly.nodes.parse.QualifiedName;
import org.woolly.nodes.parse.SelectStmt;
import org.woolly.nodes.parse.SortBy;
import org.woolly.nodes.parse.TypeName;
import org.woolly.utils.error.SqlState;

/**
 * Primary expressions ({@code c_expr}, {@code AexprConst}, {@code func_expr}): literals, column
 * references, parameters, parenthesized expressions and subqueries, function calls with their
 * aggregate and window decorations, and the SQL-standard forms with special syntax (CASE, CAST,
 * EXTRACT, SUBSTRING, POSITION, TRIM, OVERLAY, COALESCE, ...). Counterpart of those productions
 * of {@code src/backend/parser/gram.y}.
 */
final class SpecialFormParser {
    private final Grammar grammar;
    private final TokenCursor cursor;

    SpecialFormParser(Grammar grammar) {
        this.grammar = grammar;
        this.cursor = grammar.cursor;
    }

    private ExpressionParser expressions() {
        return grammar.expressions;
    }

    Expr primary() {
        Token token = cursor.peek();
        switch (token.kind()) {
            case INTEGER -> {
                cursor.advance();
                return new Expr.Constant(Expr.Constant.Kind.INTEGER, token.text(), token.start());
            }
            case NUMERIC -> {
                cursor.advance();
                return new Expr.Constant(Expr.Constant.Kind.NUMERIC, token.text(), token.start());
            }
            case STRING -> {
                cursor.advance();
                return new Expr.Constant(Expr.Constant.Kind.STRING, token.text(), token.start());
            }
            case BIT_STRING -> {
                cursor.advance();
                return new Expr.Constant(Expr.Constant.Kind.BIT_STRING, token.text(), token.start());
            }
            case PARAM -> {
                cursor.advance();
                return expressions().indirection(new Expr.ParamRef(Integer.parseInt(token.text()), token.start()));
            }
            case LEFT_PAREN -> {
                return parenthesized();
            }
            case IDENT -> {
                return token.quoted() ? nameBased() : keywordBased(token);
            }
            default -> throw cursor.syntaxError();
        }
    }

    private Expr keywordBased(Token token) {
        switch (token.text()) {
            case "true", "false" -> {
                cursor.advance();
                return new Expr.Constant(Expr.Constant.Kind.BOOLEAN, token.text(), token.start());
            }
            case "null" -> {
                cursor.advance();
                return new Expr.Constant(Expr.Constant.Kind.NULL, null, token.start());
            }
            case "default" -> {
                cursor.advance();
                return new Expr.Default(token.start());
            }
            case "case" -> {
                return caseExpression();
            }
            case "cast" -> {
                cursor.advance();
                cursor.expect(Token.Kind.LEFT_PAREN);
                Expr arg = expressions().expression();
                cursor.expectKeyword("as");
                TypeName type = grammar.types.typeName();
                cursor.expect(Token.Kind.RIGHT_PAREN);
                return new Expr.TypeCast(arg, type, token.start());
            }
            case "exists" -> {
                if (cursor.peek(1).is(Token.Kind.LEFT_PAREN)) {
                    cursor.advance();
                    SelectStmt subquery = grammar.selects.parenthesizedSelect();
                    return new Expr.SubLink(Expr.SubLink.Kind.EXISTS, null, null, subquery, token.start());
                }
            }
            case "array" -> {
                return arrayConstructor();
            }
            case "row" -> {
                if (cursor.peek(1).is(Token.Kind.LEFT_PAREN)) {
                    cursor.advance();
                    cursor.advance();
                    List<Expr> fields = cursor.at(Token.Kind.RIGHT_PAREN) ? List.of() : expressions().expressionList();
                    cursor.expect(Token.Kind.RIGHT_PAREN);
                    return new Expr.RowConstructor(fields, token.start());
                }
            }
            case "current_date", "current_role", "current_user", "session_user", "user", "current_catalog" -> {
                cursor.advance();
                return new Expr.SqlValueFunction(token.text().toUpperCase(), -1, token.start());
            }
            case "current_schema" -> {
                cursor.advance();
                if (cursor.at(Token.Kind.LEFT_PAREN) && cursor.peek(1).is(Token.Kind.RIGHT_PAREN)) {
                    cursor.advance();
                    cursor.advance();
                }
                return new Expr.SqlValueFunction("CURRENT_SCHEMA", -1, token.start());
            }
            case "current_time", "current_timestamp", "localtime", "localtimestamp" -> {
                cursor.advance();
                int precision = -1;
                if (cursor.accept(Token.Kind.LEFT_PAREN)) {
                    precision = Integer.parseInt(cursor.expect(Token.Kind.INTEGER).text());
                    cursor.expect(Token.Kind.RIGHT_PAREN);
                }
                return new Expr.SqlValueFunction(token.text().toUpperCase(), precision, token.start());
            }
            case "coalesce", "nullif", "greatest", "least" -> {
                if (cursor.peek(1).is(Token.Kind.LEFT_PAREN)) {
                    cursor.advance();
                    cursor.advance();
                    List<Expr> args;
                    if (token.text().equals("nullif")) {
                        Expr first = expressions().expression();
                        cursor.expect(Token.Kind.COMMA);
                        args = List.of(first, expressions().expression());
                    } else {
                        args = expressions().expressionList();
                    }
                    cursor.expect(Token.Kind.RIGHT_PAREN);
                    return new Expr.SpecialFunction(Expr.SpecialFunction.Kind.valueOf(token.text().toUpperCase()),
                            args, token.start());
                }
            }
            case "grouping" -> {
                if (cursor.peek(1).is(Token.Kind.LEFT_PAREN)) {
                    cursor.advance();
                    cursor.advance();
                    List<Expr> args = expressions().expressionList();
                    cursor.expect(Token.Kind.RIGHT_PAREN);
                    return new Expr.GroupingFunc(args, token.start());
                }
            }
            case "extract", "substring", "position", "trim", "overlay", "normalize" -> {
                if (cursor.peek(1).is(Token.Kind.LEFT_PAREN)) {
                    return SqlFunctionForms.parse(grammar, token);
                }
            }
            default -> {
                if (Keywords.isReserved(token.text())) {
                    throw cursor.syntaxError();
                }
                Expr typed = grammar.types.tryTypedLiteral();
                if (typed != null) {
                    return typed;
                }
            }
        }
        if (Keywords.isReserved(token.text())) {
            throw cursor.syntaxError();
        }
        return nameBased();
    }

    /** A column reference, a function call, or {@code type 'literal'} starting with a name. */
    private Expr nameBased() {
        Token first = cursor.peek();
        boolean functionCapable = Keywords.isTypeFunctionName(first);
        if (!Keywords.isColumnId(first) && !functionCapable) {
            throw cursor.syntaxError();
        }
        cursor.advance();
        List<String> fields = new ArrayList<>();
        fields.add(first.text());
        while (cursor.at(Token.Kind.DOT)) {
            Token next = cursor.peek(1);
            if (next.isOperator("*")) {
                cursor.advance();
                cursor.advance();
                fields.add("*");
                return new Expr.ColumnRef(fields, first.start());
            }
            if (!next.is(Token.Kind.IDENT)) {
                cursor.advance();
                throw cursor.syntaxError();
            }
            cursor.advance();
            fields.add(cursor.advance().text());
        }
        if (cursor.at(Token.Kind.LEFT_PAREN) && (fields.size() > 1 || functionCapable)) {
            return functionCall(functionName(fields, first), first);
        }
        if (cursor.at(Token.Kind.STRING) && (fields.size() > 1 || functionCapable) && fields.size() <= 2) {
            // type 'literal' with a generic type name, e.g. date '2020-01-01'.
            Token literal = cursor.advance();
            QualifiedName name = functionName(fields, first);
            TypeName type = TypeNameParser.normalizeGeneric(name.schema(), name.name(), List.of(), first.start());
            return new Expr.TypeCast(new Expr.Constant(Expr.Constant.Kind.STRING, literal.text(), literal.start()),
                    type, first.start());
        }
        if (!Keywords.isColumnId(first)) {
            throw cursor.syntaxError();
        }
        if (fields.size() > 4) {
            throw TokenCursor.errorAt(org.woolly.utils.error.SqlState.SYNTAX_ERROR,
                    "improper qualified name (too many dotted names): " + String.join(".", fields), first);
        }
        return expressions().indirection(new Expr.ColumnRef(fields, first.start()));
    }

    private QualifiedName functionName(List<String> fields, Token first) {
        if (fields.size() == 1) {
            return new QualifiedName(null, fields.get(0), first.start());
        }
        if (fields.size() > 3) {
            throw TokenCursor.errorAt(org.woolly.utils.error.SqlState.SYNTAX_ERROR,
                    "improper qualified name (too many dotted names): " + String.join(".", fields), first);
        }
        return new QualifiedName(fields.get(fields.size() - 2), fields.get(fields.size() - 1), first.start());
    }

    /** {@code name(...)} with DISTINCT, *, ORDER BY, FILTER, OVER; or {@code name(n) 'literal'}. */
    Expr functionCall(QualifiedName name, Token first) {
        cursor.expect(Token.Kind.LEFT_PAREN);
        boolean star = false;
        boolean distinct = false;
        List<Expr> args = List.of();
        List<SortBy> orderBy = List.of();
        if (cursor.acceptOperator("*")) {
            star = true;
        } else if (!cursor.at(Token.Kind.RIGHT_PAREN)) {
            if (cursor.acceptKeyword("distinct")) {
                distinct = true;
            } else {
                cursor.acceptKeyword("all");
            }
            args = functionArguments();
            if (cursor.acceptKeywords("order", "by")) {
                orderBy = grammar.selects.sortList();
            }
        }
        cursor.expect(Token.Kind.RIGHT_PAREN);
        if (cursor.at(Token.Kind.STRING) && !star && !distinct && orderBy.isEmpty()) {
            return typedLiteralWithModifiers(name, args, first);
        }
        boolean withinGroup = false;
        if (cursor.atKeyword("within") && cursor.peek(1).isKeyword("group")) {
            // agg(direct args) WITHIN GROUP (ORDER BY sorted args): an ordered-set aggregate, whose
            // arguments are the direct ones followed by the sorted ones (PostgreSQL's gram.y)
            if (distinct || !orderBy.isEmpty()) {
                throw TokenCursor.errorAt(SqlState.SYNTAX_ERROR, distinct ? "cannot use DISTINCT with WITHIN GROUP"
                        : "cannot use multiple ORDER BY clauses with WITHIN GROUP", cursor.peek());
            }
            cursor.advance();
            cursor.advance();
            cursor.expect(Token.Kind.LEFT_PAREN);
            cursor.expectKeyword("order");
            cursor.expectKeyword("by");
            orderBy = grammar.selects.sortList();
            cursor.expect(Token.Kind.RIGHT_PAREN);
            List<Expr> all = new ArrayList<>(args);
            for (SortBy sortBy : orderBy) {
                all.add(sortBy.expr());
            }
            args = List.copyOf(all);
            withinGroup = true;
        }
        Expr filter = null;
        if (cursor.acceptKeyword("filter")) {
            cursor.expect(Token.Kind.LEFT_PAREN);
            cursor.expectKeyword("where");
            filter = expressions().expression();
            cursor.expect(Token.Kind.RIGHT_PAREN);
        }
        Expr.WindowDef over = null;
        if (cursor.acceptKeyword("over")) {
            over = grammar.selects.windowSpecification();
        }
        return new Expr.FuncCall(name, args, star, distinct, orderBy, filter, over, first.start(), withinGroup);
    }

    private List<Expr> functionArguments() {
        List<Expr> args = new ArrayList<>();
        do {
            Token token = cursor.peek();
            if (cursor.acceptKeyword("variadic")) {
                args.add(new Expr.NamedArgument(null, true, expressions().expression(), token.start()));
                continue;
            }
            Token following = cursor.peek(1);
            if (token.is(Token.Kind.IDENT)
                    && (following.is(Token.Kind.EQUALS_GREATER) || following.is(Token.Kind.COLON_EQUALS))) {
                String name = grammar.columnLabel();
                cursor.advance();
                args.add(new Expr.NamedArgument(name, false, expressions().expression(), token.start()));
                continue;
            }
            args.add(expressions().expression());
        } while (cursor.accept(Token.Kind.COMMA));
        return args;
    }

    private Expr typedLiteralWithModifiers(QualifiedName name, List<Expr> args, Token first) {
        List<Integer> modifiers = new ArrayList<>();
        for (Expr arg : args) {
            if (!(arg instanceof Expr.Constant constant) || constant.kind() != Expr.Constant.Kind.INTEGER) {
                throw cursor.syntaxError();
            }
            modifiers.add(Integer.parseInt(constant.value()));
        }
        Token literal = cursor.advance();
        TypeName type = TypeNameParser.normalizeGeneric(name.schema(), name.name(), modifiers, first.start());
        return new Expr.TypeCast(new Expr.Constant(Expr.Constant.Kind.STRING, literal.text(), literal.start()), type,
                first.start());
    }

    /** {@code (expr)}, {@code (a, b)} (a row), or {@code (SELECT ...)}, then any {@code .field} / subscript. */
    private Expr parenthesized() {
        Token open = cursor.peek();
        SelectStmt subquery = grammar.selects.tryParenthesizedSubquery();
        if (subquery != null) {
            return expressions().indirection(
                    new Expr.SubLink(Expr.SubLink.Kind.EXPR, null, null, subquery, open.start()));
        }
        cursor.advance();
        Expr first = expressions().expression();
        if (cursor.at(Token.Kind.COMMA)) {
            List<Expr> fields = new ArrayList<>();
            fields.add(first);
            while (cursor.accept(Token.Kind.COMMA)) {
                fields.add(expressions().expression());
            }
            cursor.expect(Token.Kind.RIGHT_PAREN);
            return new Expr.RowConstructor(fields, open.start());
        }
        cursor.expect(Token.Kind.RIGHT_PAREN);
        return expressions().indirection(first);
    }

    private Expr caseExpression() {
        Token caseToken = cursor.advance();
        Expr arg = cursor.atKeyword("when") ? null : expressions().expression();
        List<Expr.Case.When> whens = new ArrayList<>();
        do {
            Token when = cursor.expectKeyword("when");
            Expr condition = expressions().expression();
            cursor.expectKeyword("then");
            whens.add(new Expr.Case.When(condition, expressions().expression(), when.start()));
        } while (cursor.atKeyword("when"));
        Expr elseResult = cursor.acceptKeyword("else") ? expressions().expression() : null;
        cursor.expectKeyword("end");
        return new Expr.Case(arg, whens, elseResult, caseToken.start());
    }

    private Expr arrayConstructor() {
        Token arrayToken = cursor.advance();
        if (cursor.at(Token.Kind.LEFT_PAREN)) {
            SelectStmt subquery = grammar.selects.parenthesizedSelect();
            return new Expr.SubLink(Expr.SubLink.Kind.ARRAY, null, null, subquery, arrayToken.start());
        }
        return arrayElements(arrayToken);
    }

    /** {@code [a, b]} where elements may themselves be bare {@code [...]} sub-arrays. */
    private Expr arrayElements(Token start) {
        cursor.expect(Token.Kind.LEFT_BRACKET);
        List<Expr> elements = new ArrayList<>();
        if (!cursor.at(Token.Kind.RIGHT_BRACKET)) {
            do {
                if (cursor.at(Token.Kind.LEFT_BRACKET)) {
                    elements.add(arrayElements(cursor.peek()));
                } else {
                    elements.add(expressions().expression());
                }
            } while (cursor.accept(Token.Kind.COMMA));
        }
        cursor.expect(Token.Kind.RIGHT_BRACKET);
        return new Expr.ArrayConstructor(elements, start.start());
    }
}
