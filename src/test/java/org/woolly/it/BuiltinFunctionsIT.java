package org.woolly.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Built-in functions checked against PostgreSQL 15's own output: the regular-expression family
 * (regexp_replace with start and N, regexp_match/matches, split, count, instr, like, substr,
 * PostgreSQL's option letters and bracket classes), string_to_table, encode/decode, the variance
 * and standard-deviation aggregates (exact for integers and numeric, Youngs-Cramer for floats),
 * gcd/lcm/factorial, min_scale/trim_scale, the hyperbolic functions, width_bucket and date_bin,
 * with their error texts; to_timestamp and to_date reading date/time templates; pg_sleep and its
 * interval and timestamp forms, ended by statement_timeout and shown as a Timeout/PgSleep wait.
 */
class BuiltinFunctionsIT {
    @RegisterExtension
    static final WoollyServerExtension server = new WoollyServerExtension();

    @Test
    void theScriptMatchesPostgres() throws Exception {
        PsqlIT.assertScriptMatchesPostgres(server, "builtins/functions");
    }

    /** to_timestamp/to_date templates: separators, FX, widths, ISO weeks, centuries, BC, zones, the errors. */
    @Test
    void timestampTemplatesMatchPostgres() throws Exception {
        PsqlIT.assertScriptMatchesPostgres(server, "builtins/to_timestamp");
    }

    /** make_* constructors with named arguments and defaults, parse_ident, AT TIME ZONE with names and intervals. */
    @Test
    void constructorsAndZonesMatchPostgres() throws Exception {
        PsqlIT.assertScriptMatchesPostgres(server, "builtins/datetime_make");
    }

    /** pg_sleep, pg_sleep_for, pg_sleep_until: void, nothing for zero or less, statement_timeout's 57014. */
    @Test
    void sleepFunctionsMatchPostgres() throws Exception {
        PsqlIT.assertScriptMatchesPostgres(server, "builtins/sleep");
    }

    @Test
    void aSleepingSessionShowsThePgSleepWaitUntilCanceled() throws Exception {
        try (Connection sleeper = server.connect(); Connection observer = server.connect();
             Statement statement = observer.createStatement()) {
            int pid;
            try (Statement own = sleeper.createStatement(); ResultSet rs = own.executeQuery("SELECT pg_backend_pid()")) {
                rs.next();
                pid = rs.getInt(1);
            }
            CompletableFuture<String> sleeping = CompletableFuture.supplyAsync(() -> {
                try (Statement own = sleeper.createStatement()) {
                    own.execute("SELECT pg_sleep(60)");
                    return "finished";
                } catch (java.sql.SQLException e) {
                    return e.getSQLState();
                }
            });
            String wait = null;
            for (int i = 0; i < 400 && !"Timeout/PgSleep".equals(wait); i++) {
                try (ResultSet rs = statement.executeQuery(
                        "SELECT wait_event_type || '/' || wait_event FROM pg_stat_activity WHERE pid = " + pid)) {
                    wait = rs.next() ? rs.getString(1) : null;
                }
                Thread.sleep(25);
            }
            assertThat(wait).isEqualTo("Timeout/PgSleep");
            try (ResultSet rs = statement.executeQuery("SELECT pg_cancel_backend(" + pid + ")")) {
                rs.next();
                assertThat(rs.getBoolean(1)).isTrue();
            }
            assertThat(sleeping.get(30, TimeUnit.SECONDS)).isEqualTo("57014");
        }
    }
}
