package org.woolly.postmaster;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.woolly.tcop.FakeEngine;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.guc.ServerConfiguration;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PostmasterTest {

    @TempDir
    Path dataDirectory;

    private FakeEngine engine;
    private Postmaster postmaster;

    @BeforeEach
    void start() throws IOException {
        engine = new FakeEngine();
        postmaster = startPostmaster(Map.of());
    }

    private Postmaster startPostmaster(Map<String, String> overrides) throws IOException {
        Map<String, String> settings = new java.util.LinkedHashMap<>(Map.of("port", "0",
                "listen_addresses", "127.0.0.1", "unix_socket_directories", "", "max_connections", "3",
                "superuser_reserved_connections", "0"));
        settings.putAll(overrides);
        Postmaster started = new Postmaster(dataDirectory, ServerConfiguration.load(dataDirectory, settings), engine);
        started.start();
        return started;
    }

    @AfterEach
    void stop() {
        postmaster.shutdown(ShutdownMode.FAST);
    }

    private Connection connect(String user) throws SQLException {
        return connect(user, new Properties());
    }

    private Connection connect(String user, Properties properties) throws SQLException {
        properties.setProperty("user", user);
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + postmaster.port() + "/postgres",
                properties);
    }

    @Test
    void simpleQueryThroughPgjdbc() throws SQLException {
        try (Connection connection = connect("alice"); Statement statement = connection.createStatement()) {
            try (ResultSet result = statement.executeQuery("SELECT 1")) {
                assertThat(result.next()).isTrue();
                assertThat(result.getInt(1)).isEqualTo(1);
                assertThat(result.getMetaData().getColumnName(1)).isEqualTo("?column?");
                assertThat(result.next()).isFalse();
            }
            try (ResultSet result = statement.executeQuery("SHOW DateStyle")) {
                assertThat(result.next()).isTrue();
                assertThat(result.getString(1)).isEqualTo("ISO, MDY");
            }
            assertThat(connection.getMetaData().getDatabaseProductVersion()).isEqualTo("15.0");
        }
    }

    @Test
    void lockFileHasPostgresLayoutAndIsRemovedAtShutdown() throws IOException {
        List<String> lines = Files.readAllLines(dataDirectory.resolve("postmaster.pid"));
        assertThat(lines.get(0)).isEqualTo(Long.toString(ProcessHandle.current().pid()));
        assertThat(lines.get(1)).isEqualTo(dataDirectory.toAbsolutePath().normalize().toString());
        assertThat(lines.get(3)).isEqualTo(Integer.toString(postmaster.port()));
        assertThat(lines.get(5)).isEqualTo("127.0.0.1");
        assertThat(lines.get(7)).isEqualTo("ready   ");
        assertThatThrownBy(() -> new Postmaster(dataDirectory, ServerConfiguration.defaults().with("port", "0"),
                engine).start())
                .isInstanceOf(SqlException.class)
                .hasMessage("lock file \"postmaster.pid\" already exists");
        postmaster.shutdown(ShutdownMode.FAST);
        assertThat(dataDirectory.resolve("postmaster.pid")).doesNotExist();
        assertThat(engine.closed).isTrue();
    }
}
