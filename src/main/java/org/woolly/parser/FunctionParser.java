package org.woolly.parser;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.woolly.nodes.parse.Expr;
import org.woolly.nodes.parse.QualifiedName;
import org.woolly.nodes.parse.RoleSpec;
import org.woolly.nodes.parse.RoutineCommand;
import org.woolly.nodes.parse.Statement;
import org.woolly.nodes.parse.TypeName;
import org.woolly.utils.error.SqlState;

/**
 * CREATE FUNCTION / PROCEDURE, DROP and ALTER of routines, and CALL: the {@code CreateFunctionStmt},
 * {@code func_args_with_defaults}, {@code createfunc_opt_item}, {@code opt_routine_body},
 * {@code RemoveFuncStmt}, {@code AlterFunctionStmt} and {@code CallStmt} rules of {@code gram.y}.
 */
final class FunctionParser {
    private static final Set<String> MODES = Set.of("in", "out", "inout", "variadic");

    private final Grammar grammar;
    private final TokenCursor cursor;

    FunctionParser(Grammar grammar) {
        this.grammar = grammar;
        this.cursor = grammar.cursor;
    }

    /** After CREATE: whether {@code [OR REPLACE] {FUNCTION | PROCEDURE}} follows. */
    static boolean atCreateRoutine(TokenCursor cursor) {
        int offset = cursor.peek().isKeyword("or") && cursor.peek(1).isKeyword("replace") ? 2 : 0;
        return cursor.peek(offset).isKeyword("function") || cursor.peek(offset).isKeyword("procedure");
    }

    Statement create(Token create) {
        boolean orReplace = cursor.acceptKeywords("or", "replace");
        boolean procedure = cursor.advance().isKeyword("procedure");
        QualifiedName name = grammar.qualifiedName();
        List<RoutineCommand.Parameter> parameters = parameterList(true);
        TypeName returnType = null;
        boolean returnsSet = false;
        List<RoutineCommand.Parameter> tableColumns = List.of();
        if (!procedure && cursor.acceptKeyword("returns")) {
            if (cursor.acceptKeyword("table")) {
                tableColumns = tableColumns();
                returnsSet = true;
            } else {
                returnsSet = cursor.acceptKeyword("setof");
                returnType = grammar.types.typeName();
            }
        }
        String language = null;
        char volatility = 0;
        Boolean strict = null;
        boolean securityDefiner = false;
        String body = null;
        boolean standardBody = false;
        int bodyLocation = 0;
        while (!cursor.at(Token.Kind.EOF) && !cursor.at(Token.Kind.SEMICOLON)) {
            Token option = cursor.peek();
            if (cursor.acceptKeyword("language")) {
                Token languageName = cursor.advance();
                if (!languageName.is(Token.Kind.IDENT) && !languageName.is(Token.Kind.STRING)) {
                    throw cursor.syntaxErrorAt(languageName);
                }
                language = languageName.text().toLowerCase(java.util.Locale.ROOT);
            } else if (atVolatility()) {
                volatility = volatility();
            } else if (atStrictness()) {
                strict = strictness();
            } else if (cursor.acceptKeywords("security", "definer") || cursor.acceptKeywords("external", "security", "definer")) {
                securityDefiner = true;
            } else if (cursor.acceptKeywords("security", "invoker")
                    || cursor.acceptKeywords("external", "security", "invoker")) {
                securityDefiner = false;
            } else if (cursor.acceptKeyword("leakproof") || cursor.acceptKeywords("not", "leakproof")) {
                continue;
            } else if (cursor.acceptKeyword("parallel")) {
                grammar.columnId();
            } else if (cursor.acceptKeyword("cost") || cursor.acceptKeyword("rows")) {
                Token number = cursor.advance();
                if (!number.is(Token.Kind.INTEGER) && !number.is(Token.Kind.NUMERIC)) {
                    throw cursor.syntaxErrorAt(number);
                }
            } else if (cursor.acceptKeyword("as")) {
                Token literal = cursor.expect(Token.Kind.STRING);
                body = literal.text();
                String raw = cursor.text(literal.start(), literal.end());
                bodyLocation = literal.start() + (raw.startsWith("$") ? raw.indexOf('$', 1) + 1
                        : raw.indexOf('\'') + 1);
                if (cursor.accept(Token.Kind.COMMA)) {
                    cursor.expect(Token.Kind.STRING);
                }
            } else if (option.isKeyword("return")) {
                cursor.advance();
                grammar.expressions.expression();
                body = cursor.text(option.start(), cursor.previousEnd());
                bodyLocation = option.start();
                standardBody = true;
            } else if (option.isKeyword("begin") && cursor.peek(1).isKeyword("atomic")) {
                bodyLocation = option.start();
                body = atomicBody();
                standardBody = true;
            } else if (option.isKeyword("set") || option.isKeyword("window") || option.isKeyword("support")
                    || option.isKeyword("transform")) {
                throw TokenCursor.notSupportedClause((procedure ? "CREATE PROCEDURE" : "CREATE FUNCTION") + " ... "
                        + option.text().toUpperCase(java.util.Locale.ROOT) + " is not supported yet", option);
            } else {
                throw cursor.syntaxError();
            }
        }
        return new Statement.Routine(new RoutineCommand.CreateFunction(name, orReplace, procedure, parameters,
                returnType, returnsSet, tableColumns, language, volatility, strict, securityDefiner, body,
                standardBody, bodyLocation, create.start()));
    }

    /** {@code BEGIN ATOMIC statement; ... END}: the statements are parsed now and kept as written. */
    private String atomicBody() {
        Token begin = cursor.advance();
        cursor.advance();
        while (!cursor.atKeyword("end")) {
            if (cursor.at(Token.Kind.EOF)) {
                throw cursor.syntaxError();
            }
            if (cursor.accept(Token.Kind.SEMICOLON)) {
                continue;
            }
            grammar.statement();
            if (!cursor.atKeyword("end")) {
                cursor.expect(Token.Kind.SEMICOLON);
            }
        }
        cursor.advance();
        return cursor.text(begin.start(), cursor.previousEnd());
    }

    private List<RoutineCommand.Parameter> tableColumns() {
        cursor.expect(Token.Kind.LEFT_PAREN);
        List<RoutineCommand.Parameter> columns = new ArrayList<>();
        do {
            Token start = cursor.peek();
            String name = grammar.columnId();
            columns.add(new RoutineCommand.Parameter(name, RoutineCommand.TABLE, grammar.types.typeName(), null, null,
                    start.start()));
        } while (cursor.accept(Token.Kind.COMMA));
        cursor.expect(Token.Kind.RIGHT_PAREN);
        return columns;
    }

    /** {@code ( [parameter, ...] )}; {@code withDefaults} where DEFAULT may follow a parameter. */
    private List<RoutineCommand.Parameter> parameterList(boolean withDefaults) {
        cursor.expect(Token.Kind.LEFT_PAREN);
        List<RoutineCommand.Parameter> parameters = new ArrayList<>();
        if (cursor.accept(Token.Kind.RIGHT_PAREN)) {
            return parameters;
        }
        do {
            parameters.add(parameter(withDefaults));
        } while (cursor.accept(Token.Kind.COMMA));
        cursor.expect(Token.Kind.RIGHT_PAREN);
        return parameters;
    }

    /** {@code [mode] [name] type [{DEFAULT | =} expr]}, also {@code name mode type}. */
    private RoutineCommand.Parameter parameter(boolean withDefaults) {
        Token start = cursor.peek();
        char mode = RoutineCommand.IN;
        if (atMode()) {
            mode = mode(cursor.advance());
        }
        String name = null;
        int mark = cursor.mark();
        TypeName type = grammar.types.typeName();
        if (!atParameterEnd()) {
            cursor.reset(mark);
            name = grammar.columnId();
            if (mode == RoutineCommand.IN && atMode() && !cursor.peek(1).is(Token.Kind.COMMA)
                    && !cursor.peek(1).is(Token.Kind.RIGHT_PAREN)) {
                mode = mode(cursor.advance());
            }
            type = grammar.types.typeName();
        }
        Expr defaultValue = null;
        String defaultText = null;
        if (withDefaults && (cursor.acceptKeyword("default") || cursor.acceptOperator("="))) {
            int from = cursor.peek().start();
            defaultValue = grammar.expressions.expression();
            defaultText = cursor.text(from, cursor.previousEnd());
        }
        return new RoutineCommand.Parameter(name, mode, type, defaultValue, defaultText, start.start());
    }

    private boolean atVolatility() {
        return cursor.atKeyword("immutable") || cursor.atKeyword("stable") || cursor.atKeyword("volatile");
    }

    /** IMMUTABLE, STABLE or VOLATILE as {@code provolatile} spells it. */
    private char volatility() {
        return cursor.advance().text().charAt(0);
    }

    private boolean atStrictness() {
        return cursor.atKeyword("strict") || cursor.atKeyword("called")
                || cursor.atKeyword("returns") && cursor.peek(1).isKeyword("null");
    }

    /** STRICT or RETURNS NULL ON NULL INPUT (true), CALLED ON NULL INPUT (false). */
    private boolean strictness() {
        if (cursor.acceptKeyword("strict") || cursor.acceptKeywords("returns", "null", "on", "null", "input")) {
            return true;
        }
        if (cursor.acceptKeywords("called", "on", "null", "input")) {
            return false;
        }
        throw cursor.syntaxError();
    }

    private boolean atMode() {
        Token token = cursor.peek();
        return token.is(Token.Kind.IDENT) && !token.quoted() && MODES.contains(token.text());
    }

    private static char mode(Token token) {
        return switch (token.text()) {
            case "out" -> RoutineCommand.OUT;
            case "inout" -> RoutineCommand.INOUT;
            case "variadic" -> RoutineCommand.VARIADIC;
            default -> RoutineCommand.IN;
        };
    }

    private boolean atParameterEnd() {
        return cursor.at(Token.Kind.COMMA) || cursor.at(Token.Kind.RIGHT_PAREN) || cursor.atKeyword("default")
                || cursor.atOperator("=");
    }

    /** {@code name [(types)]} as DROP, ALTER and COMMENT name a routine. */
    RoutineCommand.RoutineName routineName() {
        Token start = cursor.peek();
        QualifiedName name = grammar.qualifiedName();
        if (!cursor.at(Token.Kind.LEFT_PAREN)) {
            return new RoutineCommand.RoutineName(name, null, start.start());
        }
        List<TypeName> types = new ArrayList<>();
        for (RoutineCommand.Parameter parameter : parameterList(false)) {
            if (parameter.mode() != RoutineCommand.OUT) {
                types.add(parameter.type());
            }
        }
        return new RoutineCommand.RoutineName(name, types, start.start());
    }

    /** {@code DROP {FUNCTION | PROCEDURE | ROUTINE} [IF EXISTS] name[(types)], ... [CASCADE | RESTRICT]}. */
    Statement drop(Token drop) {
        boolean procedure = cursor.advance().isKeyword("procedure");
        boolean ifExists = cursor.acceptKeywords("if", "exists");
        List<RoutineCommand.RoutineName> routines = new ArrayList<>();
        do {
            routines.add(routineName());
        } while (cursor.accept(Token.Kind.COMMA));
        boolean cascade = cursor.acceptKeyword("cascade");
        if (!cascade) {
            cursor.acceptKeyword("restrict");
        }
        return new Statement.Routine(new RoutineCommand.DropFunction(procedure, routines, ifExists, cascade,
                drop.start()));
    }

    /** {@code ALTER {FUNCTION | PROCEDURE | ROUTINE} name[(types)] action}. */
    Statement alter() {
        Token alter = cursor.expectKeyword("alter");
        boolean procedure = cursor.advance().isKeyword("procedure");
        RoutineCommand.RoutineName routine = routineName();
        if (cursor.acceptKeywords("rename", "to")) {
            return alterWith(procedure, routine, grammar.columnId(), null, null, alter);
        }
        if (cursor.acceptKeywords("owner", "to")) {
            return alterWith(procedure, routine, null, new AccessParser(grammar).roleSpec(), null, alter);
        }
        if (cursor.acceptKeywords("set", "schema")) {
            return alterWith(procedure, routine, null, null, grammar.columnId(), alter);
        }
        char volatility = 0;
        Boolean strict = null;
        Boolean securityDefiner = null;
        do {
            Token option = cursor.peek();
            if (atVolatility()) {
                volatility = volatility();
            } else if (atStrictness()) {
                strict = strictness();
            } else if (cursor.acceptKeywords("security", "definer")) {
                securityDefiner = true;
            } else if (cursor.acceptKeywords("security", "invoker")) {
                securityDefiner = false;
            } else if (cursor.acceptKeyword("leakproof") || cursor.acceptKeywords("not", "leakproof")) {
                continue;
            } else if (option.isKeyword("set") || option.isKeyword("reset") || option.isKeyword("depends")) {
                throw TokenCursor.notSupportedClause("ALTER FUNCTION ... " + option.text().toUpperCase(java.util.Locale.ROOT)
                        + " is not supported yet", option);
            } else {
                throw cursor.syntaxError();
            }
        } while (!cursor.at(Token.Kind.EOF) && !cursor.at(Token.Kind.SEMICOLON) && !cursor.atKeyword("restrict"));
        cursor.acceptKeyword("restrict");
        return new Statement.Routine(new RoutineCommand.AlterFunction(procedure, routine, null, null, null, volatility,
                strict, securityDefiner, alter.start()));
    }

    private static Statement alterWith(boolean procedure, RoutineCommand.RoutineName routine, String newName,
                                       RoleSpec owner, String schema, Token alter) {
        return new Statement.Routine(new RoutineCommand.AlterFunction(procedure, routine, newName, owner, schema,
                (char) 0, null, null, alter.start()));
    }

    /** {@code CALL name(args)}. */
    Statement call() {
        Token call = cursor.expectKeyword("call");
        Token first = cursor.peek();
        QualifiedName name = grammar.qualifiedName();
        if (!cursor.at(Token.Kind.LEFT_PAREN)) {
            throw cursor.syntaxError();
        }
        Expr expr = grammar.specialForms.functionCall(name, first);
        if (!(expr instanceof Expr.FuncCall function) || function.over() != null || function.filter() != null) {
            throw TokenCursor.errorAt(SqlState.SYNTAX_ERROR, "syntax error at or near \"CALL\"", call);
        }
        return new Statement.Routine(new RoutineCommand.Call(function, call.start()));
    }

    /** {@code DO [LANGUAGE name] 'code' [LANGUAGE name]} ({@code DoStmt}). */
    Statement doStatement() {
        Token start = cursor.expectKeyword("do");
        String language = null;
        String body = null;
        int bodyLocation = 0;
        while (!cursor.at(Token.Kind.EOF) && !cursor.at(Token.Kind.SEMICOLON)) {
            if (cursor.acceptKeyword("language")) {
                Token languageName = cursor.advance();
                if (language != null || !languageName.is(Token.Kind.IDENT) && !languageName.is(Token.Kind.STRING)) {
                    throw cursor.syntaxErrorAt(languageName);
                }
                language = languageName.text().toLowerCase(java.util.Locale.ROOT);
            } else if (body == null && cursor.at(Token.Kind.STRING)) {
                Token literal = cursor.advance();
                body = literal.text();
                String raw = cursor.text(literal.start(), literal.end());
                bodyLocation = literal.start() + (raw.startsWith("$") ? raw.indexOf('$', 1) + 1 : raw.indexOf('\'') + 1);
            } else {
                throw cursor.syntaxError();
            }
        }
        if (body == null) {
            throw TokenCursor.errorAt(SqlState.SYNTAX_ERROR, "no inline code specified", start);
        }
        return new Statement.Routine(new RoutineCommand.Do(body, language == null ? "plpgsql" : language, bodyLocation,
                start.start()));
    }
}
