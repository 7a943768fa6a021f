package org.woolly.pl.plpgsql;

import java.util.List;
import org.woolly.utils.error.Severity;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

/**
 * RAISE ({@code exec_stmt_raise}): the message from its format, {@code %} taking the next
 * parameter's text ({@code %%} a percent sign); the USING options; EXCEPTION level throws, the
 * others are sent as notices. A SQLSTATE Woolly has no constant for is kept on the error, so
 * handlers and SQLSTATE see it (the client gets P0001).
 */
final class PlRaise {

    /** An error raised with a SQLSTATE of its own. */
    static final class Raised extends SqlException {
        final String code;

        Raised(String code, String message, String detail, String hint) {
            super(Severity.ERROR, state(code) == null ? SqlState.RAISE_EXCEPTION : state(code), message, detail, hint,
                    0, null);
            this.code = code;
        }
    }

    private PlRaise() {}

    /** The SQLSTATE constant of a code, null when there is none. */
    static SqlState state(String code) {
        for (SqlState state : SqlState.values()) {
            if (state.code().equals(code)) {
                return state;
            }
        }
        return code.equals("0Z002") ? SqlState.SYNTAX_ERROR : null;
    }

    /** The error's SQLSTATE as handlers and SQLSTATE see it. */
    static String code(SqlException error) {
        return error instanceof Raised raised ? raised.code : error.sqlState().code();
    }

    static void raise(PlStatement.Raise raise, PlExpressions expressions, Spi spi) {
        String message = null;
        String code = null;
        if (raise.condition() != null) {
            code = raise.condition().startsWith("sqlstate:") ? raise.condition().substring("sqlstate:".length())
                    : Conditions.code(raise.condition());
            message = raise.condition().startsWith("sqlstate:") ? code : raise.condition();
        }
        if (raise.format() != null) {
            message = format(raise.format(), raise.parameters(), expressions);
        }
        String detail = null;
        String hint = null;
        for (int i = 0; i < raise.optionNames().size(); i++) {
            String name = raise.optionNames().get(i);
            PlExpressions.Value value = expressions.evaluate(raise.optionValues().get(i).text());
            if (value.value() == null) {
                throw new SqlException(SqlState.NULL_VALUE_NOT_ALLOWED,
                        "RAISE statement option cannot be null");
            }
            String text = expressions.text(value.value(), value.type());
            switch (name) {
                case "message" -> {
                    if (message != null) {
                        throw new SqlException(SqlState.SYNTAX_ERROR, "RAISE option already specified: MESSAGE");
                    }
                    message = text;
                }
                case "detail" -> detail = text;
                case "hint" -> hint = text;
                case "errcode" -> {
                    if (code != null) {
                        throw new SqlException(SqlState.SYNTAX_ERROR, "RAISE option already specified: ERRCODE");
                    }
                    String named = Conditions.code(text);
                    if (named == null && !text.matches("[0-9A-Z]{5}")) {
                        throw new SqlException(SqlState.UNDEFINED_OBJECT, "unrecognized exception condition \""
                                + text + "\"");
                    }
                    code = named != null ? named : text;
                }
                default -> {
                    // COLUMN, CONSTRAINT, DATATYPE, TABLE, SCHEMA: fields Woolly's errors do not carry
                }
            }
        }
        if (raise.level().equals("exception")) {
            if (code == null) {
                code = "P0001";
            }
            if (message == null) {
                message = code.equals("P0001") ? "raise_exception" : code;
            }
            throw new Raised(code, message, detail, hint);
        }
        Severity severity = switch (raise.level()) {
            case "debug" -> Severity.DEBUG;
            case "log" -> Severity.LOG;
            case "info" -> Severity.INFO;
            case "warning" -> Severity.WARNING;
            default -> Severity.NOTICE;
        };
        SqlState state = code == null ? (severity == Severity.WARNING ? SqlState.WARNING
                : SqlState.SUCCESSFUL_COMPLETION) : state(code);
        spi.notice(new SqlException(severity, state == null ? SqlState.RAISE_EXCEPTION : state,
                message == null ? "" : message, detail, hint, 0, null));
    }

    private static String format(String format, List<PlStatement.SqlText> parameters, PlExpressions expressions) {
        StringBuilder out = new StringBuilder();
        int next = 0;
        for (int i = 0; i < format.length(); i++) {
            char c = format.charAt(i);
            if (c != '%') {
                out.append(c);
            } else if (i + 1 < format.length() && format.charAt(i + 1) == '%') {
                out.append('%');
                i++;
            } else {
                if (next >= parameters.size()) {
                    throw new SqlException(SqlState.SYNTAX_ERROR, "too few parameters specified for RAISE");
                }
                PlExpressions.Value value = expressions.evaluate(parameters.get(next++).text());
                String text = expressions.text(value.value(), value.type());
                out.append(text == null ? "<NULL>" : text);
            }
        }
        if (next < parameters.size()) {
            throw new SqlException(SqlState.SYNTAX_ERROR, "too many parameters specified for RAISE");
        }
        return out.toString();
    }
}
