package org.woolly.pl.plpgsql;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.woolly.pl.plpgsql.PlStatement.SqlText;
import org.woolly.utils.error.SqlException;

/**
 * The PL/pgSQL grammar ({@code pl_gram.y}): a function body into its outer {@link PlStatement.Block}.
 * Expressions and queries are kept as text up to the word that ends them (THEN, LOOP, a semicolon
 * ...) at parenthesis depth 0, as {@code read_sql_construct} does; the SQL engine parses them when
 * they first run. Errors are 42601 with the position in the body (1-based).
 */
public final class PlParser {
    private static final Set<String> LIST_ENDS = Set.of("end", "else", "elsif", "elseif", "when", "exception");

    /** The CONTEXT of an error found while compiling, before the function's name is put in. */
    static final String NEAR_LINE = "near line ";

    private final String body;
    private final List<PlToken> tokens;
    private int index;
    /** The variable names visible where the parser is, innermost scope first ({@code plpgsql_ns_lookup}). */
    private final java.util.ArrayDeque<Set<String>> scopes = new java.util.ArrayDeque<>();

    private PlParser(String body) {
        this.body = body;
        this.tokens = PlToken.scan(body);
    }

    /**
     * Parses a whole body whose function has the given parameter names; 42601 with the position
     * (1-based, in {@code body}) of the first error.
     */
    public static PlFunctionBody parse(String body, java.util.Collection<String> parameterNames) {
        PlParser parser = new PlParser(body);
        Set<String> outer = new java.util.HashSet<>(parameterNames);
        outer.add("found");
        parser.scopes.push(outer);
        String label = parser.label();
        PlStatement.Block block = parser.block(label);
        parser.accept(PlToken.Kind.SEMICOLON);
        if (parser.peek().kind() != PlToken.Kind.EOF) {
            throw parser.syntaxError(parser.peek());
        }
        return new PlFunctionBody(block);
    }

    private PlToken peek() {
        return tokens.get(index);
    }

    private PlToken peek(int ahead) {
        return tokens.get(Math.min(index + ahead, tokens.size() - 1));
    }

    private PlToken advance() {
        PlToken token = tokens.get(index);
        if (token.kind() != PlToken.Kind.EOF) {
            index++;
        }
        return token;
    }

    private boolean atWord(String word) {
        return peek().isWord(word);
    }

    private boolean acceptWord(String word) {
        if (atWord(word)) {
            index++;
            return true;
        }
        return false;
    }

    private boolean accept(PlToken.Kind kind) {
        if (peek().kind() == kind) {
            index++;
            return true;
        }
        return false;
    }

    private void expectWord(String word) {
        if (!acceptWord(word)) {
            throw syntaxError(peek());
        }
    }

    private void expect(PlToken.Kind kind) {
        if (!accept(kind)) {
            throw syntaxError(peek());
        }
    }

    private SqlException syntaxError(PlToken token) {
        if (token.kind() == PlToken.Kind.EOF) {
            return PlToken.error("syntax error at end of input", token.start());
        }
        return PlToken.error("syntax error at or near \"" + token.text() + "\"", token.start());
    }

    private int line(PlToken token) {
        int line = 1;
        for (int i = 0; i < token.start(); i++) {
            if (body.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    /** {@code <<label>>} when one is written, else null. */
    private String label() {
        if (peek().kind() == PlToken.Kind.OPERATOR && peek().text().equals("<<")) {
            advance();
            PlToken name = advance();
            if (!name.isIdentifier() || !(peek().kind() == PlToken.Kind.OPERATOR && peek().text().equals(">>"))) {
                throw syntaxError(name);
            }
            advance();
            return name.word();
        }
        return null;
    }

    private String identifier() {
        PlToken token = advance();
        if (!token.isIdentifier()) {
            throw syntaxError(token);
        }
        return token.word();
    }

    private boolean known(String name) {
        return scopes.stream().anyMatch(scope -> scope.contains(name));
    }

    /** A variable a statement assigns must be declared ("is not a known variable", as at compile time). */
    private void checkKnown(PlToken name) {
        if (!known(name.word())) {
            throw PlToken.error("\"" + name.text() + "\" is not a known variable", name.start());
        }
    }

    private <T> T inScope(Set<String> names, java.util.function.Supplier<T> parse) {
        scopes.push(new java.util.HashSet<>(names));
        try {
            return parse.get();
        } finally {
            scopes.pop();
        }
    }

    private PlStatement.Block block(String label) {
        return inScope(Set.of(), () -> blockInScope(label));
    }

    private PlStatement.Block blockInScope(String label) {
        PlToken start = peek();
        List<PlStatement.Declaration> declarations = new ArrayList<>();
        if (acceptWord("declare")) {
            while (!atWord("begin")) {
                if (peek().kind() == PlToken.Kind.EOF) {
                    throw syntaxError(peek());
                }
                if (acceptWord("declare")) {
                    continue;
                }
                declarations.add(declaration());
                scopes.peek().add(declarations.getLast().name());
            }
        }
        expectWord("begin");
        List<PlStatement> statements = statements();
        List<PlStatement.Handler> handlers = new ArrayList<>();
        if (acceptWord("exception")) {
            while (acceptWord("when")) {
                List<String> conditions = new ArrayList<>();
                do {
                    conditions.add(acceptWord("sqlstate") ? sqlstateCondition() : conditionName());
                } while (acceptWord("or"));
                expectWord("then");
                handlers.add(new PlStatement.Handler(conditions, inScope(Set.of("sqlstate", "sqlerrm"),
                        this::statements)));
            }
            if (handlers.isEmpty()) {
                throw syntaxError(peek());
            }
        }
        expectWord("end");
        if (peek().isIdentifier() && !atWord("if") && !atWord("loop") && !atWord("case")) {
            String endLabel = identifier();
            if (label == null || !label.equals(endLabel)) {
                throw PlToken.error(label == null ? "end label \"" + endLabel + "\" specified for unlabeled block"
                        : "end label \"" + endLabel + "\" differs from block's label \"" + label + "\"",
                        tokens.get(index - 1).start());
            }
        }
        return new PlStatement.Block(label, declarations, statements, handlers, line(start));
    }

    /** After SQLSTATE: {@code 'xxxxx'} as a condition ({@code sqlstate:xxxxx}). */
    private String sqlstateCondition() {
        PlToken code = advance();
        if (code.kind() != PlToken.Kind.STRING) {
            throw syntaxError(code);
        }
        String value = unquote(code.text());
        if (value.length() != 5) {
            throw PlToken.error("invalid SQLSTATE code", code.start());
        }
        return "sqlstate:" + value;
    }

    /** A condition name ({@code plpgsql_recognize_err_condition}): 42704 when unknown. */
    private String conditionName() {
        PlToken name = advance();
        if (!name.isIdentifier()) {
            throw syntaxError(name);
        }
        if (!Conditions.known(name.word())) {
            throw new SqlException(org.woolly.utils.error.SqlState.UNDEFINED_OBJECT,
                    "unrecognized exception condition \"" + name.word() + "\"");
        }
        return name.word();
    }

    private PlStatement.Declaration declaration() {
        PlToken nameToken = advance();
        if (!nameToken.isIdentifier()) {
            throw syntaxError(nameToken);
        }
        if (acceptWord("alias")) {
            expectWord("for");
            PlToken target = advance();
            if (target.kind() != PlToken.Kind.PARAM && !target.isIdentifier()) {
                throw syntaxError(target);
            }
            expect(PlToken.Kind.SEMICOLON);
            return new PlStatement.Declaration(nameToken.word(), null, false, false, null,
                    target.kind() == PlToken.Kind.PARAM ? target.text() : target.word(), line(nameToken));
        }
        boolean constant = acceptWord("constant");
        if (atWord("cursor") || atWord("refcursor") || atWord("scroll") || atWord("no") && peek(1).isWord("scroll")) {
            throw new SqlException(org.woolly.utils.error.SqlState.FEATURE_NOT_SUPPORTED,
                    "cursor variables in PL/pgSQL are not supported yet");
        }
        int typeStart = peek().start();
        int typeEnd = typeStart;
        int depth = 0;
        while (true) {
            PlToken token = peek();
            if (token.kind() == PlToken.Kind.EOF) {
                throw syntaxError(token);
            }
            if (depth == 0 && (token.kind() == PlToken.Kind.SEMICOLON || token.kind() == PlToken.Kind.ASSIGN
                    || token.isWord("default") || token.isWord("collate")
                    || token.isWord("not") && peek(1).isWord("null")
                    || token.kind() == PlToken.Kind.OPERATOR && token.text().equals("="))) {
                break;
            }
            if (token.kind() == PlToken.Kind.LEFT_PAREN) {
                depth++;
            } else if (token.kind() == PlToken.Kind.RIGHT_PAREN) {
                depth--;
            }
            typeEnd = advance().end();
        }
        if (typeEnd == typeStart) {
            throw syntaxError(peek());
        }
        if (acceptWord("collate")) {
            identifier();
        }
        boolean notNull = false;
        if (acceptWord("not")) {
            expectWord("null");
            notNull = true;
        }
        SqlText defaultValue = null;
        if (acceptWord("default") || accept(PlToken.Kind.ASSIGN)
                || peek().kind() == PlToken.Kind.OPERATOR && peek().text().equals("=") && advance() != null) {
            defaultValue = sql(Set.of(), "");
        } else {
            if (notNull) {
                throw PlToken.error("variable \"" + nameToken.word() + "\" must have a default value, since it's "
                        + "declared NOT NULL", peek().start());
            }
            if (constant) {
                throw PlToken.error("variable \"" + nameToken.word() + "\" must have a default value, since it's "
                        + "declared CONSTANT", peek().start());
            }
        }
        expect(PlToken.Kind.SEMICOLON);
        return new PlStatement.Declaration(nameToken.word(), body.substring(typeStart, typeEnd), constant, notNull,
                defaultValue, null, line(nameToken));
    }

    /** Statements up to (not including) END, ELSE, ELSIF, WHEN or EXCEPTION. */
    private List<PlStatement> statements() {
        List<PlStatement> list = new ArrayList<>();
        while (true) {
            PlToken token = peek();
            if (token.kind() == PlToken.Kind.EOF) {
                throw syntaxError(token);
            }
            if (token.kind() == PlToken.Kind.WORD && LIST_ENDS.contains(token.word())) {
                return list;
            }
            if (accept(PlToken.Kind.SEMICOLON)) {
                continue;
            }
            list.add(statement());
        }
    }

    private PlStatement statement() {
        String label = label();
        PlToken first = peek();
        int line = line(first);
        if (label != null && !(first.isWord("declare") || first.isWord("begin") || first.isWord("loop")
                || first.isWord("while") || first.isWord("for") || first.isWord("foreach"))) {
            throw syntaxError(first);
        }
        if (first.kind() != PlToken.Kind.WORD) {
            if (first.isIdentifier()) {
                return assignmentOrSql(line);
            }
            throw syntaxError(first);
        }
        switch (first.word()) {
            case "declare", "begin" -> {
                PlStatement.Block block = block(label);
                expect(PlToken.Kind.SEMICOLON);
                return block;
            }
            case "if" -> {
                advance();
                return ifStatement(line);
            }
            case "case" -> {
                if (peek(1).kind() == PlToken.Kind.OPERATOR || peek(1).kind() == PlToken.Kind.DOT) {
                    return assignmentOrSql(line);
                }
                advance();
                return caseStatement(line);
            }
            case "loop" -> {
                advance();
                List<PlStatement> loopBody = loopBody(label);
                return new PlStatement.Loop(label, null, loopBody, line);
            }
            case "while" -> {
                advance();
                SqlText condition = sql(Set.of("loop"), "");
                expectWord("loop");
                return new PlStatement.Loop(label, condition, loopBody(label), line);
            }
            case "for" -> {
                advance();
                return forStatement(label, line);
            }
            case "foreach" -> {
                advance();
                String variable = identifier();
                int slice = 0;
                if (acceptWord("slice")) {
                    PlToken number = advance();
                    if (number.kind() != PlToken.Kind.NUMBER) {
                        throw syntaxError(number);
                    }
                    slice = Integer.parseInt(number.text());
                }
                expectWord("in");
                expectWord("array");
                SqlText array = sql(Set.of("loop"), "");
                expectWord("loop");
                return new PlStatement.Foreach(label, variable, slice, array, loopBody(label), line);
            }
            case "exit", "continue" -> {
                advance();
                String target = null;
                if (peek().isIdentifier() && !atWord("when")) {
                    target = identifier();
                }
                SqlText condition = null;
                if (acceptWord("when")) {
                    condition = sql(Set.of(), "");
                }
                expect(PlToken.Kind.SEMICOLON);
                return new PlStatement.Exit(first.word().equals("continue"), target, condition, line);
            }
            case "return" -> {
                advance();
                return returnStatement(line);
            }
            case "raise" -> {
                advance();
                return raise(line);
            }
            case "assert" -> {
                advance();
                SqlText condition = sql(Set.of(), ",");
                SqlText message = null;
                if (accept(PlToken.Kind.COMMA)) {
                    message = sql(Set.of(), "");
                }
                expect(PlToken.Kind.SEMICOLON);
                return new PlStatement.Assert(condition, message, line);
            }
            case "null" -> {
                advance();
                expect(PlToken.Kind.SEMICOLON);
                return new PlStatement.Null(line);
            }
            case "perform" -> {
                advance();
                SqlText query = sql(Set.of(), "");
                expect(PlToken.Kind.SEMICOLON);
                return new PlStatement.ExecuteSql(new SqlText("SELECT " + query.text(), query.offset() - 7), List.of(),
                        false, true, line);
            }
            case "execute" -> {
                advance();
                return dynamicExecute(line);
            }
            case "get" -> {
                advance();
                return getDiagnostics(line);
            }
            case "open", "fetch", "move", "close" -> {
                if (peek(1).isIdentifier()) {
                    throw new SqlException(org.woolly.utils.error.SqlState.FEATURE_NOT_SUPPORTED,
                            "cursor statements in PL/pgSQL are not supported yet");
                }
                return assignmentOrSql(line);
            }
            case "commit", "rollback" -> throw new SqlException(org.woolly.utils.error.SqlState.FEATURE_NOT_SUPPORTED,
                    "transaction control in PL/pgSQL is not supported yet");
            default -> {
                return assignmentOrSql(line);
            }
        }
    }

    private List<PlStatement> loopBody(String label) {
        List<PlStatement> statements = statements();
        expectWord("end");
        expectWord("loop");
        if (peek().isIdentifier()) {
            String endLabel = identifier();
            if (!endLabel.equals(label)) {
                throw PlToken.error(label == null ? "end label \"" + endLabel + "\" specified for unlabeled block"
                        : "end label \"" + endLabel + "\" differs from block's label \"" + label + "\"",
                        tokens.get(index - 1).start());
            }
        }
        expect(PlToken.Kind.SEMICOLON);
        return statements;
    }

    private PlStatement ifStatement(int line) {
        List<SqlText> conditions = new ArrayList<>();
        List<List<PlStatement>> branches = new ArrayList<>();
        conditions.add(sql(Set.of("then"), ""));
        expectWord("then");
        branches.add(statements());
        List<PlStatement> elseBranch = List.of();
        while (true) {
            if (acceptWord("elsif") || acceptWord("elseif")) {
                conditions.add(sql(Set.of("then"), ""));
                expectWord("then");
                branches.add(statements());
            } else if (acceptWord("else")) {
                elseBranch = statements();
            } else {
                break;
            }
        }
        expectWord("end");
        expectWord("if");
        expect(PlToken.Kind.SEMICOLON);
        return new PlStatement.If(conditions, branches, elseBranch, line);
    }

    private PlStatement caseStatement(int line) {
        SqlText search = atWord("when") ? null : sql(Set.of("when"), "");
        List<SqlText> whens = new ArrayList<>();
        List<List<PlStatement>> branches = new ArrayList<>();
        while (acceptWord("when")) {
            whens.add(sql(Set.of("then"), ""));
            expectWord("then");
            branches.add(statements());
        }
        if (whens.isEmpty()) {
            throw syntaxError(peek());
        }
        List<PlStatement> elseBranch = null;
        if (acceptWord("else")) {
            elseBranch = statements();
        }
        expectWord("end");
        expectWord("case");
        expect(PlToken.Kind.SEMICOLON);
        return new PlStatement.Case(search, whens, branches, elseBranch, line);
    }

    private PlStatement forStatement(String label, int line) {
        List<String> targets = new ArrayList<>();
        do {
            targets.add(identifier());
        } while (accept(PlToken.Kind.COMMA));
        expectWord("in");
        if (acceptWord("execute")) {
            SqlText command = sql(Set.of("loop", "using"), "");
            List<SqlText> using = using(Set.of("loop"));
            expectWord("loop");
            return new PlStatement.ForQuery(label, targets, command, true, using,
                    inScope(Set.copyOf(targets), () -> loopBody(label)), line);
        }
        boolean reverse = false;
        int mark = index;
        if (atWord("reverse")) {
            advance();
            reverse = true;
        }
        int depth = 0;
        boolean range = false;
        for (int i = index; i < tokens.size() && tokens.get(i).kind() != PlToken.Kind.EOF; i++) {
            PlToken token = tokens.get(i);
            if (token.kind() == PlToken.Kind.LEFT_PAREN) {
                depth++;
            } else if (token.kind() == PlToken.Kind.RIGHT_PAREN) {
                depth--;
            } else if (depth == 0 && token.isWord("loop")) {
                break;
            } else if (depth == 0 && token.kind() == PlToken.Kind.OPERATOR && token.text().equals("..")) {
                range = true;
                break;
            }
        }
        if (!range) {
            index = mark;
            SqlText query = sql(Set.of("loop"), "");
            expectWord("loop");
            return new PlStatement.ForQuery(label, targets, query, false, List.of(),
                    inScope(Set.copyOf(targets), () -> loopBody(label)), line);
        }
        if (targets.size() != 1) {
            throw syntaxError(peek());
        }
        SqlText lower = sql(Set.of(), "..");
        advance();
        SqlText upper = sql(Set.of("loop", "by"), "");
        SqlText step = null;
        if (acceptWord("by")) {
            step = sql(Set.of("loop"), "");
        }
        expectWord("loop");
        return new PlStatement.ForInteger(label, targets.getFirst(), reverse, lower, upper, step,
                inScope(Set.copyOf(targets), () -> loopBody(label)), line);
    }

    private List<SqlText> using(Set<String> ends) {
        List<SqlText> using = new ArrayList<>();
        if (acceptWord("using")) {
            do {
                using.add(sql(ends, ","));
            } while (accept(PlToken.Kind.COMMA));
        }
        return using;
    }

    private PlStatement returnStatement(int line) {
        if (acceptWord("next")) {
            SqlText value = accept(PlToken.Kind.SEMICOLON) ? null : sqlThenSemicolon();
            return new PlStatement.ReturnNext(value, line);
        }
        if (acceptWord("query")) {
            if (acceptWord("execute")) {
                SqlText command = sql(Set.of("using"), "");
                List<SqlText> using = using(Set.of());
                expect(PlToken.Kind.SEMICOLON);
                return new PlStatement.ReturnQuery(command, true, using, line);
            }
            return new PlStatement.ReturnQuery(sqlThenSemicolon(), false, List.of(), line);
        }
        SqlText value = accept(PlToken.Kind.SEMICOLON) ? null : sqlThenSemicolon();
        return new PlStatement.Return(value, line);
    }

    private SqlText sqlThenSemicolon() {
        SqlText text = sql(Set.of(), "");
        expect(PlToken.Kind.SEMICOLON);
        return text;
    }

    private PlStatement raise(int line) {
        String level = "exception";
        if (peek().kind() == PlToken.Kind.WORD && Set.of("debug", "log", "info", "notice", "warning", "exception")
                .contains(peek().word())) {
            level = advance().word();
        }
        String condition = null;
        String format = null;
        List<SqlText> parameters = new ArrayList<>();
        if (peek().kind() == PlToken.Kind.SEMICOLON) {
            advance();
            return new PlStatement.Raise(level, null, null, parameters, List.of(), List.of(), line);
        }
        if (peek().kind() == PlToken.Kind.STRING) {
            format = unquote(advance().text());
            while (accept(PlToken.Kind.COMMA)) {
                parameters.add(sql(Set.of("using"), ","));
            }
            int placeholders = format.replace("%%", "").length() - format.replace("%%", "").replace("%", "").length();
            if (placeholders != parameters.size()) {
                throw new SqlException(org.woolly.utils.error.SqlState.SYNTAX_ERROR, placeholders > parameters.size()
                        ? "too few parameters specified for RAISE" : "too many parameters specified for RAISE")
                        .withContext(NEAR_LINE + line);
            }
        } else if (acceptWord("sqlstate")) {
            condition = sqlstateCondition();
        } else if (!atWord("using")) {
            condition = conditionName();
        }
        List<String> optionNames = new ArrayList<>();
        List<SqlText> optionValues = new ArrayList<>();
        if (acceptWord("using")) {
            do {
                String option = identifier();
                if (!Set.of("message", "detail", "hint", "errcode", "column", "constraint", "datatype", "table",
                        "schema").contains(option)) {
                    throw PlToken.error("unrecognized RAISE statement option \"" + option + "\"",
                            tokens.get(index - 1).start());
                }
                if (!accept(PlToken.Kind.ASSIGN) && !(peek().kind() == PlToken.Kind.OPERATOR
                        && peek().text().equals("=") && advance() != null)) {
                    throw syntaxError(peek());
                }
                optionNames.add(option);
                optionValues.add(sql(Set.of(), ","));
            } while (accept(PlToken.Kind.COMMA));
        }
        expect(PlToken.Kind.SEMICOLON);
        return new PlStatement.Raise(level, condition, format, parameters, optionNames, optionValues, line);
    }

    private PlStatement dynamicExecute(int line) {
        SqlText command = sql(Set.of("into", "using"), "");
        List<String> into = new ArrayList<>();
        boolean strict = false;
        List<SqlText> using = List.of();
        for (int round = 0; round < 2; round++) {
            if (into.isEmpty() && acceptWord("into")) {
                strict = acceptWord("strict");
                into = targets();
            } else if (using.isEmpty() && atWord("using")) {
                using = using(Set.of("into"));
            }
        }
        expect(PlToken.Kind.SEMICOLON);
        return new PlStatement.DynamicExecute(command, into, strict, using, line);
    }

    private List<String> targets() {
        List<String> targets = new ArrayList<>();
        do {
            if (peek().isIdentifier()) {
                checkKnown(peek());
            }
            String name = identifier();
            if (accept(PlToken.Kind.DOT)) {
                name = name + "." + identifier();
            }
            targets.add(name);
        } while (accept(PlToken.Kind.COMMA));
        return targets;
    }

    private PlStatement getDiagnostics(int line) {
        boolean stacked = acceptWord("stacked");
        if (!stacked) {
            acceptWord("current");
        }
        expectWord("diagnostics");
        List<String> targets = new ArrayList<>();
        List<String> items = new ArrayList<>();
        do {
            targets.add(identifier());
            if (!accept(PlToken.Kind.ASSIGN) && !(peek().kind() == PlToken.Kind.OPERATOR && peek().text().equals("=")
                    && advance() != null)) {
                throw syntaxError(peek());
            }
            PlToken item = advance();
            if (!item.isIdentifier()) {
                throw syntaxError(item);
            }
            items.add(item.word());
        } while (accept(PlToken.Kind.COMMA));
        expect(PlToken.Kind.SEMICOLON);
        return new PlStatement.GetDiagnostics(stacked, targets, items, line);
    }

    /**
     * {@code name [.field | [subscript]] {:= | =} expression;}, else an SQL statement whose
     * INTO clause, if any, is taken out ({@code make_execsql_stmt}).
     */
    private PlStatement assignmentOrSql(int line) {
        int mark = index;
        PlToken first = advance();
        if (peek().kind() == PlToken.Kind.ASSIGN) {
            checkKnown(first);
        }
        List<String> target = new ArrayList<>();
        target.add(first.word());
        SqlText subscript = null;
        if (peek().kind() == PlToken.Kind.DOT && peek(1).isIdentifier()) {
            advance();
            target.add(advance().word());
        } else if (peek().kind() == PlToken.Kind.LEFT_BRACKET) {
            advance();
            subscript = sql(Set.of(), "]");
            expect(PlToken.Kind.RIGHT_BRACKET);
        }
        if (accept(PlToken.Kind.ASSIGN)
                || peek().kind() == PlToken.Kind.OPERATOR && peek().text().equals("=") && advance() != null) {
            SqlText value = sqlThenSemicolon();
            return new PlStatement.Assign(target, subscript, value, line);
        }
        index = mark;
        if (!first.isWord("select") && !first.isWord("insert") && !first.isWord("update") && !first.isWord("delete")
                && !first.isWord("with") && !first.isWord("values") && !first.isWord("create")
                && !first.isWord("drop") && !first.isWord("alter") && !first.isWord("truncate")
                && !first.isWord("call") && !first.isWord("set") && !first.isWord("reset") && !first.isWord("lock")
                && !first.isWord("grant") && !first.isWord("revoke") && !first.isWord("comment")
                && !first.isWord("analyze") && !first.isWord("notify") && !first.isWord("table")
                && !first.isWord("show") && !first.isWord("do") && !first.isWord("merge")) {
            throw syntaxError(first);
        }
        int start = first.start();
        int depth = 0;
        int intoStart = -1;
        int intoEnd = -1;
        boolean strict = false;
        List<String> into = List.of();
        PlToken previous = null;
        while (true) {
            PlToken token = peek();
            if (token.kind() == PlToken.Kind.EOF) {
                throw syntaxError(token);
            }
            if (depth == 0 && token.kind() == PlToken.Kind.SEMICOLON) {
                break;
            }
            if (token.kind() == PlToken.Kind.LEFT_PAREN) {
                depth++;
            } else if (token.kind() == PlToken.Kind.RIGHT_PAREN) {
                depth--;
            }
            if (depth == 0 && token.isWord("into") && intoStart < 0 && previous != null && !previous.isWord("insert")
                    && !previous.isWord("merge") && (first.isWord("select") || first.isWord("with")
                    || first.isWord("insert") || first.isWord("update") || first.isWord("delete"))) {
                intoStart = token.start();
                advance();
                strict = acceptWord("strict");
                into = targets();
                intoEnd = tokens.get(index - 1).end();
                previous = tokens.get(index - 1);
                continue;
            }
            previous = advance();
        }
        int end = previous == null ? start : previous.end();
        expect(PlToken.Kind.SEMICOLON);
        String text = intoStart < 0 ? body.substring(start, end)
                : body.substring(start, intoStart) + " ".repeat(intoEnd - intoStart) + body.substring(intoEnd, end);
        return new PlStatement.ExecuteSql(new SqlText(text, start), into, strict, false, line);
    }

    /**
     * SQL text from here up to (not including) a word of {@code ends} or a semicolon at parenthesis
     * depth 0, or the token {@code stop} (",", "..", "]"); "missing expression" when empty.
     */
    private SqlText sql(Set<String> ends, String stop) {
        int start = peek().start();
        int end = start;
        int depth = 0;
        while (true) {
            PlToken token = peek();
            if (token.kind() == PlToken.Kind.EOF) {
                throw syntaxError(token);
            }
            if (depth == 0 && (token.kind() == PlToken.Kind.SEMICOLON
                    || token.kind() == PlToken.Kind.WORD && ends.contains(token.word())
                    || !stop.isEmpty() && token.text().equals(stop))) {
                break;
            }
            if (token.kind() == PlToken.Kind.LEFT_PAREN || token.kind() == PlToken.Kind.LEFT_BRACKET) {
                depth++;
            } else if (token.kind() == PlToken.Kind.RIGHT_PAREN || token.kind() == PlToken.Kind.RIGHT_BRACKET) {
                if (depth == 0) {
                    break;
                }
                depth--;
            }
            end = advance().end();
        }
        if (end == start) {
            PlToken token = peek();
            throw PlToken.error(token.kind() == PlToken.Kind.EOF ? "missing expression at end of input"
                    : "missing expression at or near \"" + token.text() + "\"", token.start());
        }
        return new SqlText(body.substring(start, end), start);
    }

    /** The value of a string literal as written ('...', E'...', $tag$...$tag$). */
    static String unquote(String literal) {
        if (literal.startsWith("$")) {
            int tagEnd = literal.indexOf('$', 1) + 1;
            return literal.substring(tagEnd, literal.length() - tagEnd);
        }
        boolean escapes = literal.charAt(0) == 'e' || literal.charAt(0) == 'E';
        String inner = literal.substring(literal.indexOf('\'') + 1, literal.length() - 1).replace("''", "'");
        if (!escapes) {
            return inner;
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < inner.length(); i++) {
            char c = inner.charAt(i);
            if (c == '\\' && i + 1 < inner.length()) {
                char next = inner.charAt(++i);
                out.append(switch (next) {
                    case 'n' -> '\n';
                    case 't' -> '\t';
                    case 'r' -> '\r';
                    case 'b' -> '\b';
                    case 'f' -> '\f';
                    default -> next;
                });
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
