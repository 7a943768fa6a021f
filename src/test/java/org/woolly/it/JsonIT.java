package org.woolly.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.woolly.it.TestSessions.execute;
import static org.woolly.it.TestSessions.rows;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postgresql.util.PGobject;
import org.postgresql.util.PSQLException;

/**
 * json and jsonb as PostgreSQL 15 has them: input and its errors (DETAIL and CONTEXT),
 * normalization, the operators, casts, ordering, grouping, joins and B-tree indexes on jsonb, the
 * building and inspecting functions, the set-returning functions and the aggregates (the psql
 * script's expected output is PostgreSQL 15's); through pgjdbc, PGobject values in and out, typed
 * parameters and binary transfer.
 */
class JsonIT {
    @RegisterExtension
    static final WoollyServerExtension server = new WoollyServerExtension();

    @Test
    void theScriptMatchesPostgres() throws Exception {
        PsqlIT.assertScriptMatchesPostgres(server, "json/json");
    }

    @Test
    void pgjdbcReadsAndWritesJsonAsPgObjects() throws Exception {
        try (Connection connection = server.connect()) {
            execute(connection, "CREATE TABLE docs (id int PRIMARY KEY, body jsonb, raw json)");
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO docs VALUES (?, ?, ?::json)")) {
                PGobject body = new PGobject();
                body.setType("jsonb");
                body.setValue("{\"b\": [1, 2], \"a\": \"x\", \"a\": \"y\"}");
                insert.setInt(1, 1);
                insert.setObject(2, body);
                insert.setString(3, "{\"k\" : 1}");
                insert.executeUpdate();
            }
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT body, raw, body ->> 'a' FROM docs WHERE body @> ?::jsonb")) {
                select.setString(1, "{\"b\": [2]}");
                try (ResultSet result = select.executeQuery()) {
                    assertThat(result.next()).isTrue();
                    PGobject body = (PGobject) result.getObject(1);
                    assertThat(body.getType()).isEqualTo("jsonb");
                    assertThat(body.getValue()).isEqualTo("{\"a\": \"y\", \"b\": [1, 2]}");
                    PGobject raw = (PGobject) result.getObject(2);
                    assertThat(raw.getType()).isEqualTo("json");
                    assertThat(raw.getValue()).isEqualTo("{\"k\" : 1}");
                    assertThat(result.getString(3)).isEqualTo("y");
                }
            }
            assertThatThrownBy(() -> execute(connection, "INSERT INTO docs VALUES (2, '{\"a\" 1}', null)"))
                    .isInstanceOfSatisfying(PSQLException.class, e -> {
                        assertThat(e.getSQLState()).isEqualTo("22P02");
                        assertThat(e.getServerErrorMessage().getDetail()).isEqualTo("Expected \":\", but found \"1\".");
                        assertThat(e.getServerErrorMessage().getWhere()).isEqualTo("JSON data, line 1: {\"a\" 1...");
                    });
        }
    }

    @Test
    void binaryTransferCarriesTheVersionByteAndTheText() throws Exception {
        try (Connection connection = server.connect("prepareThreshold=-1&binaryTransferEnable=114,3802")) {
            execute(connection, "CREATE TABLE binary_docs (id int, body jsonb)");
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO binary_docs VALUES (?, ?)")) {
                for (int i = 0; i < 50; i++) {
                    PGobject body = new PGobject();
                    body.setType("jsonb");
                    body.setValue("{\"n\": " + i + ", \"even\": " + (i % 2 == 0) + "}");
                    insert.setInt(1, i);
                    insert.setObject(2, body);
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            execute(connection, "CREATE INDEX binary_docs_body ON binary_docs (body)");
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT body, to_json(id) FROM binary_docs WHERE body = ?::jsonb")) {
                select.setString(1, "{\"even\": false, \"n\": 7}");
                try (ResultSet result = select.executeQuery()) {
                    assertThat(result.next()).isTrue();
                    // pgjdbc does not decode binary json(b) (with PostgreSQL neither): the raw bytes show the format
                    byte[] body = result.getBytes(1);
                    assertThat(body[0]).isEqualTo((byte) 1);
                    assertThat(new String(body, 1, body.length - 1, java.nio.charset.StandardCharsets.UTF_8))
                            .isEqualTo("{\"n\": 7, \"even\": false}");
                    assertThat(new String(result.getBytes(2), java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("7");
                }
            }
            assertThat(rows(connection, "SELECT count(*), count(DISTINCT body -> 'even') FROM binary_docs"))
                    .containsExactly("50|2");
            assertThat(rows(connection, "SELECT (jsonb_agg(body -> 'n' ORDER BY body DESC) -> 0)::text FROM binary_docs"))
                    .containsExactly("49");
        }
    }

    @Test
    void jsonbAndItsArraysAreStoredNormalized() throws SQLException {
        try (Connection connection = server.connect()) {
            execute(connection, "CREATE TABLE kept (body jsonb, bodies jsonb[])");
            execute(connection, "INSERT INTO kept VALUES ('{\"z\": [1.50, \"\\u00e9\"], \"a\": null}', "
                    + "ARRAY['1'::jsonb, '[]'])");
            execute(connection, "UPDATE kept SET body = jsonb_set(body, '{z,0}', '2')");
            assertThat(rows(connection, "SELECT body, bodies FROM kept"))
                    .containsExactly("{\"a\": null, \"z\": [2, \"\u00e9\"]}|{1,[]}");
        }
    }
}
