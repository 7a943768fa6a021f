package org.woolly.it;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SIGHUP to {@code woolly start} reads postgresql.conf again, as {@code pg_ctl reload} and
 * {@code kill -HUP} do for PostgreSQL's postmaster, and the server keeps running.
 */
class HangupReloadIT {
    @TempDir
    Path temporary;

    @Test
    void sighupReloadsTheConfigurationAndTheServerStaysUp() throws Exception {
        try (ServerProcesses servers = new ServerProcesses(temporary)) {
            Path data = temporary.resolve("data");
            servers.init(data);
            int port = ServerProcesses.freePort();
            Process server = servers.start(data, port);
            String url = "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
            String user = System.getProperty("user.name");
            assertThat(show(url, user)).isEqualTo("0");

            Files.writeString(data.resolve("postgresql.conf"), "\nstatement_timeout = '7s'\n",
                    StandardCharsets.UTF_8, StandardOpenOption.APPEND);
            Process hangup = new ProcessBuilder("kill", "-HUP", Long.toString(server.pid())).start();
            assertThat(hangup.waitFor(10, TimeUnit.SECONDS)).isTrue();
            assertThat(hangup.exitValue()).isZero();

            String value = null;
            for (int attempt = 0; attempt < 100 && !"7s".equals(value); attempt++) {
                Thread.sleep(100);
                value = show(url, user);
            }
            assertThat(value).isEqualTo("7s");
            assertThat(server.isAlive()).isTrue();
        }
    }

    private static String show(String url, String user) throws Exception {
        try (Connection connection = DriverManager.getConnection(url, user, "");
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SHOW statement_timeout")) {
            assertThat(rows.next()).isTrue();
            return rows.getString(1);
        }
    }
}
