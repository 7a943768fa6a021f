package org.woolly.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.woolly.embedded.WoollyServer;
import org.woolly.postmaster.ShutdownMode;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A fast shutdown while a session waits for a row lock: the waiting statement ends with the
 * termination itself (one FATAL 57P01, as PostgreSQL's ProcDiePending gives, not a cancel
 * first), the shutdown checkpoint runs only after every backend ended, and what was committed
 * is there after the restart, what was not is not.
 */
class FastShutdownIT {
    @TempDir
    Path temporary;

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aLockWaitEndsWithTheTerminationAndCommittedDataSurvives() throws Exception {
        Path data = temporary.resolve("data");
        WoollyServer server = WoollyServer.builder().dataDirectory(data).start();
        String url = server.jdbcUrl("postgres");
        String user = server.superuser();
        try (Connection setup = DriverManager.getConnection(url, user, "");
             Statement statement = setup.createStatement()) {
            statement.execute("CREATE TABLE accounts (id int, balance int)");
            statement.execute("INSERT INTO accounts VALUES (1, 100), (2, 200)");
        }
        Connection holder = DriverManager.getConnection(url, user, "");
        Connection waiter = DriverManager.getConnection(url, user, "");
        holder.setAutoCommit(false);
        try (Statement statement = holder.createStatement()) {
            statement.execute("UPDATE accounts SET balance = 0 WHERE id = 1");
        }
        CompletableFuture<SQLException> waiting = CompletableFuture.supplyAsync(() -> {
            try (Statement statement = waiter.createStatement()) {
                statement.execute("UPDATE accounts SET balance = balance + 1 WHERE id = 1");
                return null;
            } catch (SQLException e) {
                return e;
            }
        });
        TimeUnit.MILLISECONDS.sleep(500);
        assertThat(waiting).as("the second UPDATE waits for the row lock").isNotDone();

        server.shutdown(ShutdownMode.FAST);

        SQLException ended = waiting.get(30, TimeUnit.SECONDS);
        assertThat((Throwable) ended).isNotNull();
        assertThat(ended.getSQLState()).isEqualTo("57P01");
        assertThat(ended.getMessage()).contains("terminating connection due to administrator command");
        holder.close();
        waiter.close();

        try (WoollyServer restarted = WoollyServer.builder().dataDirectory(data).start();
             Connection connection = DriverManager.getConnection(restarted.jdbcUrl("postgres"), user, "");
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT id, balance FROM accounts ORDER BY id")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getInt(2)).as("the uncommitted update is gone").isEqualTo(100);
            assertThat(rows.next()).isTrue();
            assertThat(rows.getInt(2)).isEqualTo(200);
            assertThat(rows.next()).isFalse();
        }
    }
}
