package org.woolly.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postgresql.util.PSQLException;

/**
 * Sequences, serial and identity columns as clients see them: a psql script whose expected
 * output was produced by PostgreSQL 15, and JDBC sessions for what a script cannot show
 * (generated keys, per-session currval, values not given back by a rollback, concurrency).
 */
class SequencesIT {
    @RegisterExtension
    static final WoollyServerExtension server = new WoollyServerExtension();

    private static String resource(String name) throws IOException {
        try (InputStream in = SequencesIT.class.getResourceAsStream("/sequences/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static long single(Statement statement, String query) throws SQLException {
        try (ResultSet rows = statement.executeQuery(query)) {
            assertThat(rows.next()).isTrue();
            return rows.getLong(1);
        }
    }

    private static String sqlState(Throwable thrown) {
        return ((PSQLException) thrown).getSQLState();
    }

    @Test
    void psqlScriptMatchesPostgres() throws Exception {
        String output = PsqlIT.run(server, resource("sequences.sql"), "-a", "-v", "ON_ERROR_STOP=0");
        assertThat(output).isEqualTo(resource("sequences-pg15.out"));
    }

    @Test
    void getGeneratedKeysReturnsTheSerialValue() throws SQLException {
        try (Connection connection = server.connect(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE keyed (id serial, name text)");
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO keyed (name) VALUES (?)",
                    new String[] {"id"})) {
                for (int i = 1; i <= 3; i++) {
                    insert.setString(1, "row" + i);
                    assertThat(insert.executeUpdate()).isEqualTo(1);
                    try (ResultSet keys = insert.getGeneratedKeys()) {
                        assertThat(keys.next()).isTrue();
                        assertThat(keys.getInt("id")).isEqualTo(i);
                    }
                }
            }
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO keyed (name) VALUES ('x')",
                    Statement.RETURN_GENERATED_KEYS)) {
                insert.executeUpdate();
                try (ResultSet keys = insert.getGeneratedKeys()) {
                    assertThat(keys.next()).isTrue();
                    assertThat(keys.getInt("id")).isEqualTo(4);
                }
            }
            assertThat(single(statement, "SELECT currval('keyed_id_seq')")).isEqualTo(4);
            statement.execute("DROP TABLE keyed");
            assertThatThrownBy(() -> statement.executeQuery("SELECT nextval('keyed_id_seq')"))
                    .satisfies(thrown -> assertThat(sqlState(thrown)).isEqualTo("42P01"));
        }
    }

    @Test
    void currvalIsPerSessionAndRollbackGivesNothingBack() throws SQLException {
        try (Connection first = server.connect(); Connection second = server.connect();
             Statement one = first.createStatement(); Statement two = second.createStatement()) {
            one.execute("CREATE SEQUENCE shared_counter");
            assertThat(single(one, "SELECT nextval('shared_counter')")).isEqualTo(1);
            assertThatThrownBy(() -> two.executeQuery("SELECT currval('shared_counter')")).satisfies(thrown -> {
                assertThat(sqlState(thrown)).isEqualTo("55000");
                assertThat(thrown).hasMessageContaining(
                        "currval of sequence \"shared_counter\" is not yet defined in this session");
            });
            second.setAutoCommit(false);
            assertThat(single(two, "SELECT nextval('shared_counter')")).isEqualTo(2);
            second.rollback();
            second.setAutoCommit(true);
            assertThat(single(one, "SELECT nextval('shared_counter')")).isEqualTo(3);
            assertThat(single(two, "SELECT currval('shared_counter')")).isEqualTo(2);
            assertThat(single(one, "SELECT lastval()")).isEqualTo(3);
            assertThat(single(one, "SELECT setval('shared_counter', 100, false)")).isEqualTo(100);
            assertThat(single(two, "SELECT nextval('shared_counter')")).isEqualTo(100);
        }
    }

    @Test
    void cacheHandsEachSessionItsOwnBlock() throws SQLException {
        try (Connection first = server.connect(); Connection second = server.connect();
             Statement one = first.createStatement(); Statement two = second.createStatement()) {
            one.execute("CREATE SEQUENCE cached_counter CACHE 10");
            assertThat(single(one, "SELECT nextval('cached_counter')")).isEqualTo(1);
            assertThat(single(two, "SELECT nextval('cached_counter')")).isEqualTo(11);
            assertThat(single(one, "SELECT nextval('cached_counter')")).isEqualTo(2);
            assertThat(single(one, "SELECT last_value FROM cached_counter")).isEqualTo(20);
            one.execute("DISCARD SEQUENCES");
            assertThatThrownBy(() -> one.executeQuery("SELECT lastval()"))
                    .satisfies(thrown -> assertThat(sqlState(thrown)).isEqualTo("55000"));
            assertThat(single(one, "SELECT nextval('cached_counter')")).isEqualTo(21);
        }
    }

    @Test
    void concurrentSessionsNeverShareAValue() throws Exception {
        try (Connection connection = server.connect(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE SEQUENCE busy_counter");
        }
        Set<Long> seen = ConcurrentHashMap.newKeySet();
        List<Thread> threads = new ArrayList<>();
        List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
        for (int t = 0; t < 4; t++) {
            threads.add(Thread.ofPlatform().start(() -> {
                try (Connection connection = server.connect();
                     PreparedStatement next = connection.prepareStatement("SELECT nextval('busy_counter')")) {
                    for (int i = 0; i < 200; i++) {
                        try (ResultSet rows = next.executeQuery()) {
                            rows.next();
                            seen.add(rows.getLong(1));
                        }
                    }
                } catch (Throwable failure) {
                    failures.add(failure);
                }
            }));
        }
        for (Thread thread : threads) {
            thread.join();
        }
        assertThat(failures).isEmpty();
        assertThat(seen).hasSize(800).contains(1L, 800L);
    }

    @Test
    void identityColumnsRefuseValuesUnlessOverridden() throws SQLException {
        try (Connection connection = server.connect(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE ident (id int GENERATED ALWAYS AS IDENTITY, v text)");
            assertThatThrownBy(() -> statement.execute("INSERT INTO ident VALUES (5, 'x')"))
                    .satisfies(thrown -> assertThat(sqlState(thrown)).isEqualTo("428C9"));
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO ident (v) VALUES (?)",
                    Statement.RETURN_GENERATED_KEYS)) {
                insert.setString(1, "a");
                insert.executeUpdate();
                try (ResultSet keys = insert.getGeneratedKeys()) {
                    assertThat(keys.next()).isTrue();
                    assertThat(keys.getInt("id")).isEqualTo(1);
                }
            }
            statement.execute("INSERT INTO ident OVERRIDING SYSTEM VALUE VALUES (42, 'b')");
            assertThat(single(statement, "SELECT max(id) FROM ident")).isEqualTo(42);
        }
    }
}
