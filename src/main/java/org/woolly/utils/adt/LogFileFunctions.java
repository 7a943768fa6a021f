package org.woolly.utils.adt;

import org.woolly.utils.error.LogDestination;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

import static org.woolly.utils.adt.PgProcData.CALLED;
import static org.woolly.utils.adt.PgProcData.STRICT;
import static org.woolly.utils.adt.PgProcData.VOLATILE;

/**
 * The server log's SQL functions ({@code pg_current_logfile} of {@code misc.c},
 * {@code pg_rotate_logfile} of {@code syslogger.c}), through the session's
 * {@link ServerActivity}, which checks that the caller is a superuser, as PostgreSQL 15 grants
 * them to no one else by default.
 */
final class LogFileFunctions {
    private LogFileFunctions() {}

    static void register(BuiltinFunctions.Registry r) {
        r.function("pg_current_logfile", TypeOids.TEXT, VOLATILE, CALLED,
                (a, c) -> c.serverActivity().currentLogfile(null));
        r.function("pg_current_logfile", TypeOids.TEXT, VOLATILE, CALLED,
                (a, c) -> c.serverActivity().currentLogfile(destination((String) a[0])), TypeOids.TEXT);
        r.function("pg_rotate_logfile", TypeOids.BOOL, VOLATILE, STRICT, (a, c) -> c.serverActivity().rotateLogfile());
    }

    /** The format argument: null means any (the first file current_logfiles lists). */
    private static LogDestination destination(String format) {
        if (format == null) {
            return null;
        }
        LogDestination destination = LogDestination.byWord(format);
        if (destination == null) {
            throw SqlException.of(SqlState.INVALID_PARAMETER_VALUE, "log format \"%s\" is not supported", format)
                    .withHint("The supported log formats are \"stderr\", \"csvlog\", and \"jsonlog\".");
        }
        return destination;
    }
}
