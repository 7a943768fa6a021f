package org.woolly.parser;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.woolly.nodes.parse.AsyncCommand;
import org.woolly.nodes.parse.DefElem;
import org.woolly.nodes.parse.Expr;
import org.woolly.nodes.parse.Statement;
import org.woolly.nodes.parse.TypeName;
import org.woolly.utils.error.SqlState;

/**
 * Transaction control, SET/SHOW/RESET, EXPLAIN, PREPARE/EXECUTE/DEALLOCATE, DISCARD, CHECKPOINT, and the
 * leading keywords of utility commands Woolly does not run yet. Counterpart of the
 * {@code TransactionStmt}, {@code VariableSetStmt}, {@code VariableShowStmt},
 * {@code ExplainStmt}, {@code PrepareStmt}, {@code ExecuteStmt}, {@code DiscardStmt} and {@code CheckPointStmt} rules of
 * {@code src/backend/parser/gram.y}.
 */
final class UtilityParser {
    /** Utility commands recognized by their first keyword only. */
    private static final Set<String> UNSUPPORTED = Set.of(
            "cluster", "reindex",
            "do", "call", "load", "refresh", "grant",
            "revoke", "comment");

    private final Grammar grammar;
    private final TokenCursor cursor;
    private final VariableSetParser variables;

    UtilityParser(Grammar grammar) {
        this.grammar = grammar;
        this.cursor = grammar.cursor;
        this.variables = new VariableSetParser(grammar);
    }

    Statement statement() {
        Token first = cursor.peek();
        switch (first.text()) {
            case "begin", "start", "commit", "end", "rollback", "abort", "savepoint", "release" -> {
                return transaction();
            }
            case "prepare" -> {
                return cursor.peek(1).isKeyword("transaction") ? transaction() : prepare();
            }
            case "set" -> {
                return variables.set();
            }
            case "show" -> {
                return variables.show();
            }
            case "reset" -> {
                return variables.reset();
            }
            case "explain" -> {
                return explain();
            }
            case "execute" -> {
                return execute();
            }
            case "deallocate" -> {
                return deallocate();
            }
            case "discard" -> {
                return discard();
            }
            case "listen", "unlisten", "notify" -> {
                return async();
            }
            case "checkpoint" -> {
                return new Statement.Checkpoint(cursor.expectKeyword("checkpoint").start());
            }
            case "analyze", "analyse" -> {
                return analyze();
            }
            case "vacuum" -> {
                return vacuum();
            }
            case "copy" -> {
                return new CopyParser(grammar).copy();
            }
            case "declare" -> {
                return declareCursor();
            }
            case "fetch", "move" -> {
                return fetch();
            }
            case "close" -> {
                Token close = cursor.advance();
                return new Statement.CloseCursor(cursor.acceptKeyword("all") ? null : grammar.columnId(), close.start());
            }
            default -> {
                if (UNSUPPORTED.contains(first.text())) {
                    String name = first.text();
                    if (name.equals("refresh")) {
                        name = "refresh materialized view";
                    }
                    throw TokenCursor.notSupported(name, first);
                }
                throw cursor.syntaxError();
            }
        }
    }

    private Statement transaction() {
        Token first = cursor.advance();
        int location = first.start();
        switch (first.text()) {
            case "begin" -> {
                optionalWork();
                return new Statement.Transaction(Statement.TransactionKind.BEGIN, transactionModes(), null, false, location);
            }
            case "start" -> {
                cursor.expectKeyword("transaction");
                return new Statement.Transaction(Statement.TransactionKind.START, transactionModes(), null, false, location);
            }
            case "commit", "end" -> {
                if (first.isKeyword("commit") && cursor.acceptKeyword("prepared")) {
                    return new Statement.Transaction(Statement.TransactionKind.COMMIT_PREPARED, List.of(),
                            cursor.expect(Token.Kind.STRING).text(), false, location);
                }
                optionalWork();
                return new Statement.Transaction(Statement.TransactionKind.COMMIT, List.of(), null, chain(), location);
            }
            case "rollback", "abort" -> {
                if (first.isKeyword("rollback") && cursor.acceptKeyword("prepared")) {
                    return new Statement.Transaction(Statement.TransactionKind.ROLLBACK_PREPARED, List.of(),
                            cursor.expect(Token.Kind.STRING).text(), false, location);
                }
                optionalWork();
                if (first.isKeyword("rollback") && cursor.acceptKeyword("to")) {
                    skipSavepointKeyword();
                    return new Statement.Transaction(Statement.TransactionKind.ROLLBACK_TO, List.of(),
                            grammar.columnId(), false, location);
                }
                return new Statement.Transaction(Statement.TransactionKind.ROLLBACK, List.of(), null, chain(), location);
            }
            case "savepoint" -> {
                return new Statement.Transaction(Statement.TransactionKind.SAVEPOINT, List.of(), grammar.columnId(), false,
                        location);
            }
            case "release" -> {
                skipSavepointKeyword();
                return new Statement.Transaction(Statement.TransactionKind.RELEASE, List.of(), grammar.columnId(), false,
                        location);
            }
            default -> {
                cursor.expectKeyword("transaction");
                return new Statement.Transaction(Statement.TransactionKind.PREPARE, List.of(),
                        cursor.expect(Token.Kind.STRING).text(), false, location);
            }
        }
    }

    /** The optional SAVEPOINT keyword, unless it is the savepoint's name ({@code RELEASE savepoint}). */
    private void skipSavepointKeyword() {
        if (cursor.atKeyword("savepoint") && Keywords.isColumnId(cursor.peek(1))) {
            cursor.advance();
        }
    }

    private void optionalWork() {
        if (!cursor.acceptKeyword("work")) {
            cursor.acceptKeyword("transaction");
        }
    }

    private boolean chain() {
        if (!cursor.acceptKeyword("and")) {
            return false;
        }
        boolean no = cursor.acceptKeyword("no");
        cursor.expectKeyword("chain");
        return !no;
    }

    /**
     * Transaction modes, separated by commas or spaces, as lower-case phrases:
     * "isolation level serializable|repeatable read|read committed|read uncommitted",
     * "read only", "read write", "deferrable", "not deferrable".
     */
    List<String> transactionModes() {
        List<String> modes = new ArrayList<>();
        while (true) {
            String mode = transactionMode();
            if (mode == null) {
                return List.copyOf(modes);
            }
            modes.add(mode);
            if (cursor.accept(Token.Kind.COMMA) && !atTransactionMode()) {
                throw cursor.syntaxError();
            }
        }
    }

    private boolean atTransactionMode() {
        return cursor.atKeyword("isolation") || cursor.atKeyword("read") || cursor.atKeyword("deferrable")
                || cursor.atKeyword("not") && cursor.peek(1).isKeyword("deferrable");
    }

    private String transactionMode() {
        if (cursor.acceptKeyword("isolation")) {
            cursor.expectKeyword("level");
            return "isolation level " + isolationLevel();
        }
        if (cursor.acceptKeyword("read")) {
            if (cursor.acceptKeyword("only")) {
                return "read only";
            }
            cursor.expectKeyword("write");
            return "read write";
        }
        if (cursor.acceptKeyword("deferrable")) {
            return "deferrable";
        }
        if (cursor.acceptKeywords("not", "deferrable")) {
            return "not deferrable";
        }
        return null;
    }

    /** {@code SERIALIZABLE | REPEATABLE READ | READ COMMITTED | READ UNCOMMITTED}, lower-case. */
    String isolationLevel() {
        if (cursor.acceptKeyword("serializable")) {
            return "serializable";
        }
        if (cursor.acceptKeyword("repeatable")) {
            cursor.expectKeyword("read");
            return "repeatable read";
        }
        cursor.expectKeyword("read");
        if (cursor.acceptKeyword("committed")) {
            return "read committed";
        }
        cursor.expectKeyword("uncommitted");
        return "read uncommitted";
    }

    private Statement explain() {
        Token explain = cursor.expectKeyword("explain");
        List<DefElem> options = new ArrayList<>();
        if (cursor.at(Token.Kind.LEFT_PAREN)) {
            cursor.advance();
            do {
                Token name = cursor.peek();
                String option = grammar.columnLabel();
                String value = null;
                Token next = cursor.peek();
                if (!next.is(Token.Kind.COMMA) && !next.is(Token.Kind.RIGHT_PAREN)) {
                    value = grammar.ddl.optionValue();
                }
                options.add(new DefElem(option, value, name.start()));
            } while (cursor.accept(Token.Kind.COMMA));
            cursor.expect(Token.Kind.RIGHT_PAREN);
        } else {
            Token token = cursor.peek();
            if (cursor.acceptKeyword("analyze") || cursor.acceptKeyword("analyse")) {
                options.add(new DefElem("analyze", null, token.start()));
            }
            token = cursor.peek();
            if (cursor.acceptKeyword("verbose")) {
                options.add(new DefElem("verbose", null, token.start()));
            }
        }
        Statement statement = explainable();
        return new Statement.Explain(statement, List.copyOf(options), explain.start());
    }

    /** The statements EXPLAIN and PREPARE accept. */
    private Statement explainable() {
        Token token = cursor.peek();
        if (token.is(Token.Kind.LEFT_PAREN) || token.isKeyword("select") || token.isKeyword("values")
                || token.isKeyword("table") || token.isKeyword("with") || token.isKeyword("insert")
                || token.isKeyword("update") || token.isKeyword("delete") || token.isKeyword("execute")
                || token.isKeyword("create") || token.isKeyword("declare") || token.isKeyword("merge")
                || token.isKeyword("refresh")) {
            return grammar.statement();
        }
        throw cursor.syntaxError();
    }

    private Statement prepare() {
        Token prepare = cursor.expectKeyword("prepare");
        String name = grammar.columnId();
        List<TypeName> types = new ArrayList<>();
        if (cursor.accept(Token.Kind.LEFT_PAREN)) {
            do {
                types.add(grammar.types.typeName());
            } while (cursor.accept(Token.Kind.COMMA));
            cursor.expect(Token.Kind.RIGHT_PAREN);
        }
        cursor.expectKeyword("as");
        Token token = cursor.peek();
        if (token.isKeyword("execute") || token.isKeyword("create")) {
            throw cursor.syntaxError();
        }
        Statement statement = explainable();
        return new Statement.Prepare(name, List.copyOf(types), statement, prepare.start());
    }

    Statement execute() {
        Token execute = cursor.expectKeyword("execute");
        String name = grammar.columnId();
        List<Expr> args = List.of();
        if (cursor.accept(Token.Kind.LEFT_PAREN)) {
            args = List.copyOf(grammar.expressions.expressionList());
            cursor.expect(Token.Kind.RIGHT_PAREN);
        }
        return new Statement.Execute(name, args, execute.start());
    }

    private Statement deallocate() {
        Token deallocate = cursor.expectKeyword("deallocate");
        cursor.acceptKeyword("prepare");
        if (cursor.acceptKeyword("all")) {
            return new Statement.Deallocate(null, deallocate.start());
        }
        return new Statement.Deallocate(grammar.columnId(), deallocate.start());
    }

    /**
     * {@code LISTEN ColId}, {@code UNLISTEN ColId | *} and {@code NOTIFY ColId [, Sconst]}
     * ({@code ListenStmt}, {@code UnlistenStmt}, {@code NotifyStmt}).
     */
    private Statement async() {
        Token command = cursor.advance();
        if (command.isKeyword("unlisten") && cursor.peek().isOperator("*")) {
            cursor.advance();
            return new Statement.Async(new AsyncCommand.Unlisten(null));
        }
        String channel = grammar.columnId();
        if (command.isKeyword("listen")) {
            return new Statement.Async(new AsyncCommand.Listen(channel));
        }
        if (command.isKeyword("unlisten")) {
            return new Statement.Async(new AsyncCommand.Unlisten(channel));
        }
        String payload = null;
        if (cursor.at(Token.Kind.COMMA)) {
            cursor.advance();
            payload = cursor.expect(Token.Kind.STRING).text();
        }
        return new Statement.Async(new AsyncCommand.Notify(channel, payload));
    }

    private Statement discard() {
        Token discard = cursor.expectKeyword("discard");
        Token target = cursor.advance();
        String what;
        if (target.isKeyword("all") || target.isKeyword("plans") || target.isKeyword("sequences")
                || target.isKeyword("temp")) {
            what = target.text();
        } else if (target.isKeyword("temporary")) {
            what = "temp";
        } else {
            throw cursor.syntaxErrorAt(target);
        }
        return new Statement.Discard(what, discard.start());
    }

    /**
     * {@code VACUUM [FULL] [FREEZE] [VERBOSE] [ANALYZE] [table [(col, ...)], ...]} or
     * {@code VACUUM (option [value], ...) ...} ({@code VacuumStmt} in gram.y).
     */
    private Statement vacuum() {
        Token vacuum = cursor.advance();
        boolean full = false;
        boolean freeze = false;
        boolean verbose = false;
        boolean analyze = false;
        boolean skipLocked = false;
        boolean indexCleanup = true;
        boolean truncate = true;
        int parallel = -1;
        if (cursor.accept(Token.Kind.LEFT_PAREN)) {
            do {
                Token option = cursor.advance();
                String argument = null;
                if (!cursor.at(Token.Kind.COMMA) && !cursor.at(Token.Kind.RIGHT_PAREN)) {
                    argument = cursor.advance().text();
                }
                boolean value = argument == null || !List.of("false", "off", "0").contains(argument);
                switch (option.text()) {
                    case "full" -> full = value;
                    case "freeze" -> freeze = value;
                    case "verbose" -> verbose = value;
                    case "analyze", "analyse" -> analyze = value;
                    case "skip_locked" -> skipLocked = value;
                    case "index_cleanup" -> indexCleanup = argument == null || !List.of("false", "off", "0")
                            .contains(argument);
                    case "truncate" -> truncate = value;
                    case "disable_page_skipping", "process_toast" -> { }
                    case "parallel" -> {
                        if (argument == null) {
                            throw TokenCursor.errorAt(SqlState.SYNTAX_ERROR,
                                    "parallel option requires a value between 0 and 1024", option);
                        }
                        try {
                            parallel = Integer.parseInt(argument);
                        } catch (NumberFormatException notNumber) {
                            parallel = -2;
                        }
                        if (parallel < 0 || parallel > 1024) {
                            throw TokenCursor.errorAt(SqlState.SYNTAX_ERROR,
                                    "parallel workers for vacuum must be between 0 and 1024", option);
                        }
                    }
                    default -> throw TokenCursor.errorAt(SqlState.SYNTAX_ERROR,
                            "unrecognized VACUUM option \"" + option.text() + "\"", option);
                }
            } while (cursor.accept(Token.Kind.COMMA));
            cursor.expect(Token.Kind.RIGHT_PAREN);
        } else {
            full = cursor.acceptKeyword("full");
            freeze = cursor.acceptKeyword("freeze");
            verbose = cursor.acceptKeyword("verbose");
            analyze = cursor.acceptKeyword("analyze") || cursor.acceptKeyword("analyse");
        }
        List<Statement.AnalyzeTarget> targets = tablesAndColumns();
        return new Statement.Vacuum(full, freeze, verbose, analyze, skipLocked, indexCleanup, truncate, parallel,
                List.copyOf(targets), vacuum.start());
    }

    /** The optional {@code table [(column, ...)], ...} list ending VACUUM and ANALYZE. */
    private List<Statement.AnalyzeTarget> tablesAndColumns() {
        List<Statement.AnalyzeTarget> targets = new ArrayList<>();
        if (!cursor.at(Token.Kind.EOF) && !cursor.at(Token.Kind.SEMICOLON)) {
            do {
                var table = grammar.qualifiedName();
                List<String> columns = cursor.at(Token.Kind.LEFT_PAREN) ? grammar.parenthesizedNameList() : List.of();
                targets.add(new Statement.AnalyzeTarget(table, columns));
            } while (cursor.accept(Token.Kind.COMMA));
        }
        return targets;
    }

    /**
     * {@code ANALYZE [VERBOSE] [table [(col, ...)], ...]} or {@code ANALYZE (VERBOSE [bool],
     * SKIP_LOCKED [bool]) ...} ({@code AnalyzeStmt} in gram.y).
     */
    private Statement analyze() {
        Token analyze = cursor.advance();
        boolean verbose = false;
        if (cursor.accept(Token.Kind.LEFT_PAREN)) {
            do {
                Token option = cursor.advance();
                boolean value = true;
                if (!cursor.at(Token.Kind.COMMA) && !cursor.at(Token.Kind.RIGHT_PAREN)) {
                    Token argument = cursor.advance();
                    value = !List.of("false", "off", "0").contains(argument.text());
                }
                switch (option.text()) {
                    case "verbose" -> verbose = value;
                    case "skip_locked" -> { }
                    default -> throw TokenCursor.errorAt(SqlState.SYNTAX_ERROR,
                            "unrecognized ANALYZE option \"" + option.text() + "\"", option);
                }
            } while (cursor.accept(Token.Kind.COMMA));
            cursor.expect(Token.Kind.RIGHT_PAREN);
        } else if (cursor.acceptKeyword("verbose")) {
            verbose = true;
        }
        List<Statement.AnalyzeTarget> targets = tablesAndColumns();
        return new Statement.Analyze(verbose, List.copyOf(targets), analyze.start());
    }

    /** {@code DECLARE name ... CURSOR ... FOR query} ({@code DeclareCursorStmt} in gram.y). */
    private Statement declareCursor() {
        Token declare = cursor.expectKeyword("declare");
        String name = grammar.columnId();
        boolean binary = false;
        Boolean scroll = null;
        while (true) {
            if (cursor.acceptKeyword("binary")) {
                binary = true;
            } else if (cursor.acceptKeyword("insensitive") || cursor.acceptKeyword("asensitive")) {
                // every Woolly cursor is insensitive: it reads the snapshot of its DECLARE
            } else if (cursor.acceptKeyword("scroll")) {
                scroll = true;
            } else if (cursor.atKeyword("no") && cursor.peek(1).isKeyword("scroll")) {
                cursor.advance();
                cursor.advance();
                scroll = false;
            } else {
                break;
            }
        }
        cursor.expectKeyword("cursor");
        boolean hold = false;
        if (cursor.acceptKeyword("with")) {
            cursor.expectKeyword("hold");
            hold = true;
        } else if (cursor.acceptKeyword("without")) {
            cursor.expectKeyword("hold");
        }
        cursor.expectKeyword("for");
        return new Statement.DeclareCursor(name, binary, scroll, hold, grammar.selects.selectStatement(),
                declare.start());
    }

    /** {@code FETCH} or {@code MOVE} with its direction ({@code FetchStmt} in gram.y). */
    private Statement fetch() {
        Token first = cursor.advance();
        boolean move = first.isKeyword("move");
        Statement.FetchDirection direction = Statement.FetchDirection.FORWARD;
        long count = 1;
        Token word = cursor.peek();
        if (word.is(Token.Kind.INTEGER) || word.isOperator("-") || word.isOperator("+")) {
            count = signedCount();
        } else if (word.is(Token.Kind.IDENT) && !word.quoted()) {
            switch (word.text()) {
                case "next" -> cursor.advance();
                case "prior" -> {
                    cursor.advance();
                    direction = Statement.FetchDirection.BACKWARD;
                }
                case "first" -> {
                    cursor.advance();
                    direction = Statement.FetchDirection.ABSOLUTE;
                }
                case "last" -> {
                    cursor.advance();
                    direction = Statement.FetchDirection.ABSOLUTE;
                    count = -1;
                }
                case "absolute", "relative" -> {
                    cursor.advance();
                    direction = word.text().equals("absolute") ? Statement.FetchDirection.ABSOLUTE
                            : Statement.FetchDirection.RELATIVE;
                    count = signedCount();
                }
                case "all" -> {
                    cursor.advance();
                    count = Statement.Fetch.ALL;
                }
                case "forward", "backward" -> {
                    cursor.advance();
                    if (word.text().equals("backward")) {
                        direction = Statement.FetchDirection.BACKWARD;
                    }
                    if (cursor.acceptKeyword("all")) {
                        count = Statement.Fetch.ALL;
                    } else if (cursor.at(Token.Kind.INTEGER) || cursor.peek().isOperator("-")
                            || cursor.peek().isOperator("+")) {
                        count = signedCount();
                    }
                }
                default -> { }
            }
        }
        if (!cursor.acceptKeyword("from")) {
            cursor.acceptKeyword("in");
        }
        return new Statement.Fetch(grammar.columnId(), direction, count, move, first.start());
    }

    private long signedCount() {
        boolean negative = cursor.acceptOperator("-");
        if (!negative) {
            cursor.acceptOperator("+");
        }
        long value = Long.parseLong(cursor.expect(Token.Kind.INTEGER).text());
        return negative ? -value : value;
    }
}
