package org.woolly.utils.error;

/**
 * The one exception that carries a PostgreSQL error report: severity, SQLSTATE, message and
 * the optional detail, hint and cursor position (1-based character offset into the statement
 * text, 0 when none). Counterpart of {@code ereport()} in {@code src/backend/utils/error/elog.c}:
 * it is built where the error happens, with its SQLSTATE, never mapped late at the wire.
 */
public class SqlException extends RuntimeException {
    private final Severity severity;
    private final SqlState sqlState;
    private final String detail;
    private final String hint;
    private final int position;
    /** The C function PostgreSQL raises this error in, where clients match on it (null: not sent). */
    private String routine;
    /** The CONTEXT lines ({@code errcontext}: where the error happened, e.g. the COPY line), null when none. */
    private String context;

    public SqlException(SqlState sqlState, String message) {
        this(Severity.ERROR, sqlState, message, null, null, 0, null);
    }

    public SqlException(Severity severity, SqlState sqlState, String message, String detail, String hint,
                        int position, Throwable cause) {
        super(message, cause);
        this.severity = severity;
        this.sqlState = sqlState;
        this.detail = detail;
        this.hint = hint;
        this.position = position;
    }

    public static SqlException of(SqlState state, String format, Object... args) {
        return new SqlException(state, args.length == 0 ? format : String.format(format, args));
    }

    public SqlException withDetail(String newDetail) {
        return new SqlException(severity, sqlState, getMessage(), newDetail, hint, position, getCause())
                .withRoutine(routine).withContext(context);
    }

    public SqlException withHint(String newHint) {
        return new SqlException(severity, sqlState, getMessage(), detail, newHint, position, getCause())
                .withRoutine(routine).withContext(context);
    }

    /** Returns a copy pointing at the given 1-based character position of the statement text. */
    public SqlException withPosition(int newPosition) {
        return new SqlException(severity, sqlState, getMessage(), detail, hint, newPosition, getCause())
                .withRoutine(routine).withContext(context);
    }

    public SqlException withSeverity(Severity newSeverity) {
        return new SqlException(newSeverity, sqlState, getMessage(), detail, hint, position, getCause())
                .withRoutine(routine).withContext(context);
    }

    /**
     * Names the PostgreSQL routine that raises this error (the R field of ErrorResponse), for
     * the few errors clients recognize by it: pgjdbc prepares a statement again after
     * "cached plan must not change result type" only when it comes from
     * {@code RevalidateCachedQuery}.
     */
    public SqlException withRoutine(String newRoutine) {
        this.routine = newRoutine;
        return this;
    }

    public String routine() {
        return routine;
    }

    /** Sets the CONTEXT field (the W field of ErrorResponse), as an error context callback does. */
    public SqlException withContext(String newContext) {
        this.context = newContext;
        return this;
    }

    public String context() {
        return context;
    }

    public Severity severity() {
        return severity;
    }

    public SqlState sqlState() {
        return sqlState;
    }

    public String detail() {
        return detail;
    }

    public String hint() {
        return hint;
    }

    public int position() {
        return position;
    }
}
