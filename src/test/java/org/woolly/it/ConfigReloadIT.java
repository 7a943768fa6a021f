package org.woolly.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.woolly.postmaster.Postmaster;

import java.io.InputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reloading postgresql.conf ({@code pg_ctl reload}, here {@code WoollyServer.reload} and the
 * request file {@code woolly reload} writes): reloadable parameters such as
 * authentication_timeout take effect for new connections, the others are reported in the log,
 * and a file with an invalid value changes nothing.
 */
class ConfigReloadIT {
    @RegisterExtension
    static final CapturedServerLog LOG = new CapturedServerLog();

    @RegisterExtension
    static final WoollyServerExtension server = new WoollyServerExtension();

    private static String show(String parameter) throws SQLException {
        try (Connection connection = server.connect(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SHOW " + parameter)) {
            rows.next();
            return rows.getString(1);
        }
    }

    private static void appendToConfiguration(String lines) throws Exception {
        Path file = server.server().dataDirectory().resolve("postgresql.conf");
        Files.writeString(file, "\n" + lines + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
    }

    private static void awaitLog(String text) throws InterruptedException {
        LOG.await(text);
    }

    @Test
    void reloadedAuthenticationTimeoutClosesSilentClientsAndRestartOnlyParametersAreReported() throws Exception {
        Path file = server.server().dataDirectory().resolve("postgresql.conf");
        String original = Files.readString(file, StandardCharsets.UTF_8);
        try {
            reloadAndCheck();
        } finally {
            Files.writeString(file, original, StandardCharsets.UTF_8);
            server.server().reload();
        }
    }

    private static void reloadAndCheck() throws Exception {
        assertThat(show("authentication_timeout")).isEqualTo("1min");
        appendToConfiguration("authentication_timeout = 2s\nwork_mem = '8MB'\nmax_connections = 7");
        server.server().reload();
        awaitLog("LOG:  received SIGHUP, reloading configuration files");
        awaitLog("LOG:  parameter \"authentication_timeout\" changed to \"2s\"");
        awaitLog("LOG:  parameter \"work_mem\" changed to \"8MB\"");
        awaitLog("LOG:  parameter \"max_connections\" cannot be changed without restarting the server");
        assertThat(show("authentication_timeout")).isEqualTo("2s");
        assertThat(show("work_mem")).isEqualTo("8MB");
        assertThat(show("max_connections")).isEqualTo("100");

        long start = System.nanoTime();
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(30_000);
            InputStream in = socket.getInputStream();
            int read;
            try {
                read = in.read();
            } catch (SocketException reset) {
                read = -1;
            }
            assertThat(read).isEqualTo(-1);
        }
        assertThat((System.nanoTime() - start) / 1_000_000).isBetween(1_500L, 15_000L);

        appendToConfiguration("work_mem = 'lots'");
        server.server().reload();
        awaitLog("configuration file \"" + server.server().dataDirectory().resolve("postgresql.conf")
                + "\" contains errors; no changes were applied");
        assertThat(show("work_mem")).isEqualTo("8MB");
    }

    @Test
    void woollyReloadAsksTheRunningServerThroughItsDataDirectory() throws Exception {
        Path file = server.server().dataDirectory().resolve("postgresql.conf");
        String original = Files.readString(file, StandardCharsets.UTF_8);
        try {
            appendToConfiguration("statement_timeout = '7s'");
            Postmaster.requestReload(server.server().dataDirectory());
            awaitLog("LOG:  parameter \"statement_timeout\" changed to \"7s\"");
            assertThat(show("statement_timeout")).isEqualTo("7s");
        } finally {
            Files.writeString(file, original, StandardCharsets.UTF_8);
            server.server().reload();
        }
    }
}
