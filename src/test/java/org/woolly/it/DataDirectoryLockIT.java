package org.woolly.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.woolly.embedded.WoollyServer;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** postmaster.pid: one server per data directory, claimed before recovery touches anything. */
class DataDirectoryLockIT {
    @TempDir
    Path temporary;

    @Test
    void aSecondServerOnALiveDirectoryIsRefusedAndTheFirstGoesOn() throws Exception {
        Path directory = temporary.resolve("data");
        try (WoollyServer first = WoollyServer.builder().dataDirectory(directory)
                .setting("port", "0").setting("unix_socket_directories", "").setting("fsync", "off").start()) {
            assertThatThrownBy(() -> WoollyServer.builder().dataDirectory(directory)
                    .setting("port", "0").setting("unix_socket_directories", "").start())
                    .isInstanceOfSatisfying(SqlException.class, error -> {
                        assertThat(error.sqlState()).isEqualTo(SqlState.LOCK_FILE_EXISTS);
                        assertThat(error.getMessage()).isEqualTo("lock file \"postmaster.pid\" already exists");
                        assertThat(error.hint()).startsWith("Is another postmaster (PID "
                                + ProcessHandle.current().pid() + ") running in data directory");
                    });
            try (Connection connection = DriverManager.getConnection(first.jdbcUrl("postgres"), first.superuser(), "");
                 Statement statement = connection.createStatement();
                 ResultSet rows = statement.executeQuery("SELECT 7")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getInt(1)).isEqualTo(7);
            }
        }
        assertThat(directory.resolve("postmaster.pid")).doesNotExist();
    }

    @Test
    void aStaleLockFileOfADeadProcessDoesNotBlockStart() throws Exception {
        Path directory = temporary.resolve("stale");
        try (WoollyServer server = WoollyServer.builder().dataDirectory(directory).setting("port", "0")
                .setting("unix_socket_directories", "").start()) {
            assertThat(server.port()).isPositive();
        }
        Process finished = new ProcessBuilder("true").start();
        finished.waitFor();
        Files.writeString(directory.resolve("postmaster.pid"), finished.pid() + "\n" + directory + "\n");
        try (WoollyServer server = WoollyServer.builder().dataDirectory(directory).setting("port", "0")
                .setting("unix_socket_directories", "").start()) {
            assertThat(Files.readAllLines(directory.resolve("postmaster.pid")).getFirst())
                    .isEqualTo(Long.toString(ProcessHandle.current().pid()));
            assertThat(server.port()).isPositive();
        }
    }
}
