package org.woolly.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.woolly.it.TestSessions.execute;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * INSERT ... ON CONFLICT through psql and pgjdbc: the psql script's output
 * ({@code onconflict/on_conflict-pg15.out}, produced by PostgreSQL 15 from the same script)
 * covers DO NOTHING, DO UPDATE with EXCLUDED, WHERE, RETURNING, ON CONSTRAINT, multi-column
 * targets, the errors and row counts; the pgjdbc tests check the error fields and that
 * concurrent upserts of the same keys neither fail nor lose an update.
 */
@Timeout(value = 180, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class OnConflictIT {
    @RegisterExtension
    static final WoollyServerExtension server = new WoollyServerExtension();

    @RegisterExtension
    final TestSessions sessions = new TestSessions(server);

    private Connection connect() throws SQLException {
        return sessions.connect();
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = OnConflictIT.class.getResourceAsStream("/onconflict/" + name)) {
            assertThat(in).as(name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static ServerErrorMessage error(Throwable thrown) {
        assertThat(thrown).isInstanceOf(PSQLException.class);
        return ((PSQLException) thrown).getServerErrorMessage();
    }

    @Test
    void theScriptGivesPostgresOutput() throws Exception {
        String output = PsqlIT.run(server, resource("on_conflict.sql"), "-v", "ON_ERROR_STOP=0");
        assertThat(output).isEqualTo(resource("on_conflict-pg15.out"));
    }

    @Test
    void errorsCarryPostgresFields() throws SQLException {
        Connection connection = connect();
        execute(connection, "CREATE TABLE oce (id int PRIMARY KEY, v int)");
        ServerErrorMessage noIndex = error(catchThrowable(() -> execute(connection,
                "INSERT INTO oce VALUES (1, 1) ON CONFLICT (v) DO NOTHING")));
        assertThat(noIndex.getSQLState()).isEqualTo("42P10");
        assertThat(noIndex.getMessage())
                .isEqualTo("there is no unique or exclusion constraint matching the ON CONFLICT specification");
        ServerErrorMessage twice = error(catchThrowable(() -> execute(connection,
                "INSERT INTO oce VALUES (1, 1), (1, 2) ON CONFLICT (id) DO UPDATE SET v = excluded.v")));
        assertThat(twice.getSQLState()).isEqualTo("21000");
        assertThat(twice.getMessage()).isEqualTo("ON CONFLICT DO UPDATE command cannot affect row a second time");
        ServerErrorMessage noTarget = error(catchThrowable(() -> execute(connection,
                "INSERT INTO oce VALUES (1, 1) ON CONFLICT DO UPDATE SET v = 1")));
        assertThat(noTarget.getSQLState()).isEqualTo("42601");
        assertThat(noTarget.getHint()).isEqualTo("For example, ON CONFLICT (column_name).");
    }

    /** Four sessions increment the same ten counters by upsert: every increment counts, none fails. */
    @Test
    void concurrentUpsertsLoseNoUpdate() throws Exception {
        Connection setup = connect();
        execute(setup, "CREATE TABLE occ (k int PRIMARY KEY, n int NOT NULL)");
        int threads = 4;
        int rounds = 100;
        List<Connection> sessions = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            sessions.add(connect());
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Void>> results = new ArrayList<>();
            for (Connection session : sessions) {
                results.add(pool.submit(() -> {
                    try (PreparedStatement upsert = session.prepareStatement(
                            "INSERT INTO occ VALUES (?, 1) ON CONFLICT (k) DO UPDATE SET n = occ.n + excluded.n")) {
                        for (int i = 0; i < rounds; i++) {
                            upsert.setInt(1, i % 10);
                            assertThat(upsert.executeUpdate()).isEqualTo(1);
                        }
                    }
                    return null;
                }));
            }
            for (Future<Void> result : results) {
                result.get(150, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(TestSessions.rows(setup, "SELECT count(*), sum(n) FROM occ"))
                .containsExactly("10|" + threads * rounds);
    }
}
