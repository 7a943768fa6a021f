package org.woolly.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postgresql.util.PSQLException;

/**
 * Every statement can be stopped (PostgreSQL's CHECK_FOR_INTERRUPTS in each long loop):
 * statement_timeout and a cancel request end scans, joins, sorts, aggregates, expression
 * evaluation and string and numeric functions with 57014, and the session goes on. Numeric
 * functions that never returned (0 ^ 0.5) give PostgreSQL's answers. No timing is asserted
 * beyond the class timeout: without the checks these statements run for hours.
 */
@Timeout(value = 300, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class InterruptsIT {
    @RegisterExtension
    static final WoollyServerExtension server = new WoollyServerExtension();

    private Connection connection;
    private final ExecutorService background = Executors.newVirtualThreadPerTaskExecutor();

    @BeforeEach
    void createRows() throws SQLException {
        connection = server.connect();
        try (Statement statement = connection.createStatement()) {
            statement.execute("DROP TABLE IF EXISTS r");
            statement.execute("CREATE TABLE r (i int, s text)");
            statement.execute("INSERT INTO r VALUES (1, 'a'), (2, 'b'), (3, 'c'), (4, 'd'), (5, 'e'),"
                    + " (6, 'f'), (7, 'g'), (8, 'h'), (9, 'i'), (10, 'j')");
            statement.execute("INSERT INTO r SELECT a.i * 10 + b.i, a.s FROM r a, r b");
            statement.execute("INSERT INTO r SELECT a.i * 1000 + b.i, b.s FROM r a, r b");
        }
    }

    @AfterEach
    void close() throws SQLException {
        background.shutdownNow();
        connection.close();
    }

    private String single(String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            assertThat(rows.next()).isTrue();
            return rows.getString(1);
        }
    }

    private void assertStoppedByTimeout(String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET statement_timeout = '200ms'");
            Throwable error = catchThrowable(() -> statement.executeQuery(sql).close());
            assertThat(error).as(sql).isInstanceOfSatisfying(PSQLException.class, e -> {
                assertThat(e.getSQLState()).isEqualTo("57014");
                assertThat(e.getServerErrorMessage().getMessage())
                        .isEqualTo("canceling statement due to statement timeout");
            });
            statement.execute("RESET statement_timeout");
        }
        assertThat(single("SELECT count(*) FROM r")).isEqualTo("12210");
    }

    @Test
    void numericPowerWithBaseZeroAnswers() throws SQLException {
        assertThat(single("SELECT 0 ^ 0.0")).isEqualTo("1.0000000000000000");
        assertThat(single("SELECT 0 ^ 0.5")).isEqualTo("0.0000000000000000");
        assertThat(single("SELECT 10 ^ 2.5")).isEqualTo("316.22776601683793");
        assertThat(single("SELECT 0 ^ 0 + 0 ^ 1 + 0 ^ 0.0 + 0 ^ 0.5")).isEqualTo("2");
        Throwable error = catchThrowable(() -> single("SELECT 0 ^ (-1.5)"));
        assertThat(error).isInstanceOfSatisfying(PSQLException.class, e -> {
            assertThat(e.getSQLState()).isEqualTo("2201F");
            assertThat(e.getServerErrorMessage().getMessage()).isEqualTo("zero raised to a negative power is undefined");
        });
        error = catchThrowable(() -> single("SELECT 1.5 ^ 1000000"));
        assertThat(error).isInstanceOfSatisfying(PSQLException.class,
                e -> assertThat(e.getSQLState()).isEqualTo("22003"));
    }

    @Test
    void statementTimeoutStopsEveryKindOfLongStatement() throws SQLException {
        assertStoppedByTimeout("SELECT count(*) FROM r a, r b, r c");
        assertStoppedByTimeout("SELECT count(*) FROM r a, r b WHERE a.i * b.i = -1");
        assertStoppedByTimeout("SELECT a.i FROM r a, r b ORDER BY a.s, b.s DESC, a.i * b.i DESC LIMIT 1");
        assertStoppedByTimeout("SELECT a.i, count(*) FROM r a, r b GROUP BY a.i ORDER BY 2 LIMIT 1");
        assertStoppedByTimeout("SELECT string_agg(a.s, ',') IS NULL FROM r a, r b");
        assertStoppedByTimeout("SELECT count(*) FROM r a WHERE a.i IN (SELECT b.i + c.i FROM r b, r c)");
        assertStoppedByTimeout("SELECT sum(sqrt(a.i::numeric) + ln(b.i::numeric)) FROM r a, r b");
        assertStoppedByTimeout("SELECT max(length(repeat(a.s, 10000))) FROM r a, r b");
        assertStoppedByTimeout("SELECT repeat('a', 100000) LIKE '%a%a%a%a%b'");
        assertStoppedByTimeout("SELECT length(replace(repeat('ab', 100000000), 'a', 'xyz'))");
    }

    @Test
    void cancelFromAnotherThreadStopsAJoin() throws Exception {
        try (Statement statement = connection.createStatement()) {
            Future<Throwable> running = background.submit(
                    () -> catchThrowable(() -> statement.executeQuery("SELECT count(*) FROM r a, r b, r c").close()));
            // a cancel that arrives before the query started is lost, as in PostgreSQL: repeat it
            while (!running.isDone()) {
                Thread.sleep(500);
                statement.cancel();
            }
            Throwable error = running.get(30, TimeUnit.SECONDS);
            assertThat(error).isInstanceOfSatisfying(PSQLException.class, e -> {
                assertThat(e.getSQLState()).isEqualTo("57014");
                assertThat(e.getServerErrorMessage().getMessage()).isEqualTo("canceling statement due to user request");
            });
        }
        assertThat(single("SELECT 1")).isEqualTo("1");
    }

    @Test
    void oversizedStringsAreRefused() {
        Throwable error = catchThrowable(() -> single("SELECT length(lpad('x', 300000000))"));
        assertThat(error).isInstanceOfSatisfying(PSQLException.class, e -> {
            assertThat(e.getSQLState()).isEqualTo("54000");
            assertThat(e.getServerErrorMessage().getMessage()).isEqualTo("requested length too large");
        });
    }
}
