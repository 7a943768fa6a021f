package org.woolly.parser;

import java.util.ArrayList;
import java.util.List;
import org.woolly.nodes.parse.QualifiedName;
import org.woolly.nodes.parse.SetValue;
import org.woolly.nodes.parse.Statement;

/**
 * SET, SHOW and RESET, including the SQL-standard spellings that name a setting indirectly
 * (TIME ZONE -> timezone, NAMES -> client_encoding, SCHEMA -> search_path). {@code SET
 * TRANSACTION modes} and {@code SET SESSION CHARACTERISTICS AS TRANSACTION modes} set several
 * settings at once: they become a VariableSet named {@code TRANSACTION} or
 * {@code SESSION CHARACTERISTICS} whose values are the mode phrases (PostgreSQL's
 * {@code VAR_SET_MULTI}). Counterpart of the
 * {@code VariableSetStmt}, {@code set_rest}, {@code VariableShowStmt} and
 * {@code VariableResetStmt} rules of {@code src/backend/parser/gram.y}.
 */
final class VariableSetParser {
    private final Grammar grammar;
    private final TokenCursor cursor;

    VariableSetParser(Grammar grammar) {
        this.grammar = grammar;
        this.cursor = grammar.cursor;
    }

    Statement set() {
        Token set = cursor.expectKeyword("set");
        int location = set.start();
        if (cursor.acceptKeyword("constraints")) {
            List<QualifiedName> names = new ArrayList<>();
            if (!cursor.acceptKeyword("all")) {
                do {
                    names.add(grammar.qualifiedName());
                } while (cursor.accept(Token.Kind.COMMA));
            }
            boolean deferred = cursor.acceptKeyword("deferred");
            if (!deferred) {
                cursor.expectKeyword("immediate");
            }
            return new Statement.SetConstraints(List.copyOf(names), deferred, location);
        }
        if (cursor.atKeyword("session") && cursor.peek(1).isKeyword("characteristics")) {
            cursor.advance();
            cursor.advance();
            cursor.expectKeyword("as");
            cursor.expectKeyword("transaction");
            return transactionModes(Statement.VariableSet.SESSION_CHARACTERISTICS, false, location);
        }
        boolean local = false;
        if (cursor.atKeyword("local") && cursor.peek(1).isKeyword("session")
                || cursor.atKeyword("session") && cursor.peek(1).isKeyword("session")) {
            local = cursor.advance().isKeyword("local");
        }
        if (cursor.atKeyword("session") && cursor.peek(1).isKeyword("authorization")) {
            cursor.advance();
            cursor.advance();
            if (cursor.acceptKeyword("default")) {
                return new Statement.VariableSet("session_authorization", List.of(), local, true, location);
            }
            return new Statement.VariableSet("session_authorization", List.of(value()), local, false, location);
        }
        if (cursor.atKeyword("local")) {
            cursor.advance();
            local = true;
        } else if (cursor.atKeyword("session") && !cursor.peek(1).is(Token.Kind.OPERATOR)
                && !cursor.peek(1).isKeyword("to") && !cursor.peek(1).is(Token.Kind.DOT)) {
            cursor.advance();
        }
        Token token = cursor.peek();
        if (token.isKeyword("transaction") && !isAssignment(cursor.peek(1))) {
            cursor.advance();
            if (cursor.atKeyword("snapshot")) {
                throw TokenCursor.notSupportedClause("SET TRANSACTION SNAPSHOT is not supported yet", cursor.peek());
            }
            return transactionModes(Statement.VariableSet.SET_TRANSACTION, local, location);
        }
        if (token.isKeyword("time") && cursor.peek(1).isKeyword("zone")) {
            cursor.advance();
            cursor.advance();
            return timeZone(local, location);
        }
        if (token.isKeyword("names") && !isAssignment(cursor.peek(1))) {
            cursor.advance();
            if (cursor.acceptKeyword("default") || atStatementEnd()) {
                return new Statement.VariableSet("client_encoding", List.of(), local, true, location);
            }
            if (!cursor.at(Token.Kind.STRING)) {
                throw cursor.syntaxError();
            }
            return new Statement.VariableSet("client_encoding", List.of(value()), local, false, location);
        }
        if (token.isKeyword("schema") && cursor.peek(1).is(Token.Kind.STRING)) {
            cursor.advance();
            return new Statement.VariableSet("search_path", List.of(value()), local, false, location);
        }
        if (token.isKeyword("role") && !isAssignment(cursor.peek(1))) {
            cursor.advance();
            return new Statement.VariableSet("role", List.of(value()), local, false, location);
        }
        String name = variableName();
        if (!cursor.acceptKeyword("to") && !cursor.acceptOperator("=")) {
            throw cursor.syntaxError();
        }
        if (cursor.acceptKeyword("default")) {
            return new Statement.VariableSet(name, List.of(), local, true, location);
        }
        if (cursor.atKeyword("from") && cursor.peek(1).isKeyword("current")) {
            throw TokenCursor.notSupportedClause("SET ... FROM CURRENT is not supported yet", cursor.peek());
        }
        List<SetValue> values = new ArrayList<>();
        do {
            values.add(value());
        } while (cursor.accept(Token.Kind.COMMA));
        return new Statement.VariableSet(name, List.copyOf(values), local, false, location);
    }

    private static boolean isAssignment(Token token) {
        return token.isKeyword("to") || token.isOperator("=");
    }

    private boolean atStatementEnd() {
        return cursor.at(Token.Kind.EOF) || cursor.at(Token.Kind.SEMICOLON);
    }

    /** The modes after TRANSACTION, each a value ("isolation level read committed", "read only", ...). */
    private Statement transactionModes(String name, boolean local, int location) {
        Token at = cursor.peek();
        List<String> modes = grammar.utility.transactionModes();
        if (modes.isEmpty()) {
            throw cursor.syntaxError();
        }
        List<SetValue> values = new ArrayList<>();
        for (String mode : modes) {
            values.add(new SetValue(mode, false, false, at.start()));
        }
        return new Statement.VariableSet(name, List.copyOf(values), local, false, location);
    }

    private Statement timeZone(boolean local, int location) {
        if (cursor.acceptKeyword("default") || cursor.acceptKeyword("local")) {
            return new Statement.VariableSet("timezone", List.of(), local, true, location);
        }
        if (cursor.atKeyword("interval")) {
            throw TokenCursor.notSupportedClause("SET TIME ZONE INTERVAL is not supported yet", cursor.peek());
        }
        return new Statement.VariableSet("timezone", List.of(value()), local, false, location);
    }

    /** {@code name[.name...]}, lower-cased unless quoted. */
    private String variableName() {
        StringBuilder name = new StringBuilder(grammar.columnId());
        while (cursor.accept(Token.Kind.DOT)) {
            name.append('.').append(grammar.columnId());
        }
        return name.toString();
    }

    /** A setting's value: a string, a (signed) number, or a word. */
    private SetValue value() {
        Token token = cursor.peek();
        if (token.isOperator("-") || token.isOperator("+")) {
            cursor.advance();
            Token number = cursor.peek();
            if (!number.is(Token.Kind.INTEGER) && !number.is(Token.Kind.NUMERIC)) {
                throw cursor.syntaxError();
            }
            cursor.advance();
            return new SetValue((token.text().equals("-") ? "-" : "") + number.text(), false, true, token.start());
        }
        switch (token.kind()) {
            case STRING -> {
                cursor.advance();
                return new SetValue(token.text(), true, false, token.start());
            }
            case INTEGER, NUMERIC -> {
                cursor.advance();
                return new SetValue(token.text(), false, true, token.start());
            }
            case IDENT -> {
                if (!token.quoted() && Keywords.isReserved(token.text()) && !token.isKeyword("on")
                        && !token.isKeyword("true") && !token.isKeyword("false")) {
                    throw cursor.syntaxError();
                }
                cursor.advance();
                return new SetValue(token.text(), false, false, token.start());
            }
            default -> throw cursor.syntaxError();
        }
    }

    Statement show() {
        Token show = cursor.expectKeyword("show");
        return new Statement.VariableShow(settingName(), show.start());
    }

    Statement reset() {
        Token reset = cursor.expectKeyword("reset");
        return new Statement.VariableReset(settingName(), reset.start());
    }

    /** The setting SHOW or RESET names, with the SQL-standard spellings mapped. */
    private String settingName() {
        if (cursor.acceptKeyword("all")) {
            return "all";
        }
        if (cursor.acceptKeywords("time", "zone")) {
            return "timezone";
        }
        if (cursor.acceptKeywords("transaction", "isolation", "level")) {
            return "transaction_isolation";
        }
        if (cursor.acceptKeywords("session", "authorization")) {
            return "session_authorization";
        }
        return variableName();
    }
}
