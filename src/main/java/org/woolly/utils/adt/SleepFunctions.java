package org.woolly.utils.adt;

import static org.woolly.utils.adt.PgProcData.STRICT;
import static org.woolly.utils.adt.PgProcData.VOLATILE;

/**
 * {@code pg_sleep}, {@code pg_sleep_for} and {@code pg_sleep_until} ({@code misc.c}'s
 * {@code pg_sleep} and the SQL functions {@code system_functions.sql} defines over it): the
 * session waits, in slices that check for a cancel, {@code statement_timeout} or termination
 * between them, and shows the wait as {@code Timeout}/{@code PgSleep}.
 */
final class SleepFunctions {
    private SleepFunctions() {}

    static void register(BuiltinFunctions.Registry r) {
        r.function("pg_sleep", TypeOids.VOID, VOLATILE, STRICT, (a, c) -> sleepSeconds(c, (Double) a[0]),
                TypeOids.FLOAT8);
        // clock_timestamp() + interval: a month or a day is as long as the calendar says from now
        r.function("pg_sleep_for", TypeOids.VOID, VOLATILE, STRICT, (a, c) -> {
            long now = TimestampIO.currentTimestamp();
            long until = DateTimeArithmetic.timestampPlusInterval(now, (Interval) a[0],
                    c.formatSettings().timeZone());
            return sleepSeconds(c, (until - now) / 1e6);
        }, TypeOids.INTERVAL);
        r.function("pg_sleep_until", TypeOids.VOID, VOLATILE, STRICT,
                (a, c) -> sleepSeconds(c, ((Long) a[0] - TimestampIO.currentTimestamp()) / 1e6),
                TypeOids.TIMESTAMPTZ);
    }

    /** Sleeps until {@code seconds} from now have passed; nothing for zero, less, or NaN. */
    private static Object sleepSeconds(FunctionContext context, double seconds) {
        if (!(seconds > 0)) {
            context.checkForInterrupts();
            return VoidIO.VALUE;
        }
        long nanos = seconds >= Long.MAX_VALUE / 1e9 ? Long.MAX_VALUE : (long) (seconds * 1e9);
        context.sleep(nanos);
        return VoidIO.VALUE;
    }
}
