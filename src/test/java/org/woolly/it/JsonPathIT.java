package org.woolly.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postgresql.util.PGobject;
import org.postgresql.util.PSQLException;

/**
 * The SQL/JSON path language: the {@code jsonpath} type, {@code jsonb_path_*} functions and the
 * {@code @?} / {@code @@} operators. The psql scripts are PostgreSQL 15's regression files
 * {@code jsonpath.sql} and {@code jsonb_jsonpath.sql} (plus Woolly's own cases) and their expected
 * output is PostgreSQL 15's; the JDBC cases cover jsonpath parameters and binary transfer.
 */
class JsonPathIT {
    @RegisterExtension
    static final WoollyServerExtension server = new WoollyServerExtension();

    @Test
    void jsonpathInputAndPrintingMatchPostgres() throws Exception {
        PsqlIT.assertScriptMatchesPostgres(server, "json/jsonpath");
    }

    @Test
    void jsonbPathFunctionsMatchPostgres() throws Exception {
        PsqlIT.assertScriptMatchesPostgres(server, "json/jsonb_jsonpath");
    }

    @Test
    void aPreparedStatementTakesTheJsonpathAsAParameter() throws Exception {
        try (Connection connection = server.connect();
             PreparedStatement select = connection.prepareStatement(
                     "SELECT jsonb_path_query(?::jsonb, ?, ?::jsonb)")) {
            List<String> values = new ArrayList<>();
            for (String path : List.of("$[*] ? (@ > $min)", "strict $[last]")) {
                PGobject jsonpath = new PGobject();
                jsonpath.setType("jsonpath");
                jsonpath.setValue(path);
                select.setString(1, "[1, 5, 9]");
                select.setObject(2, jsonpath);
                select.setString(3, "{\"min\": 4}");
                try (ResultSet result = select.executeQuery()) {
                    assertThat(result.getMetaData().getColumnTypeName(1)).isEqualTo("jsonb");
                    while (result.next()) {
                        values.add(result.getString(1));
                    }
                }
            }
            assertThat(values).containsExactly("5", "9", "9");
        }
    }

    @Test
    void aJsonpathValueComesBackAsAPgobjectInItsCanonicalForm() throws Exception {
        try (Connection connection = server.connect();
             PreparedStatement select = connection.prepareStatement("SELECT ?::jsonpath")) {
            select.setString(1, "lax $.a[*]?(@.b>1).c");
            try (ResultSet result = select.executeQuery()) {
                assertThat(result.next()).isTrue();
                PGobject value = (PGobject) result.getObject(1);
                assertThat(value.getType()).isEqualTo("jsonpath");
                assertThat(value.getValue()).isEqualTo("$.\"a\"[*]?(@.\"b\" > 1).\"c\"");
            }
            select.setString(1, "$.a +");
            assertThatThrownBy(select::executeQuery).isInstanceOfSatisfying(PSQLException.class, e -> {
                assertThat(e.getSQLState()).isEqualTo("42601");
                assertThat(e.getServerErrorMessage().getMessage()).isEqualTo("syntax error at end of jsonpath input");
            });
        }
    }

    @Test
    void binaryTransferCarriesTheVersionByteAndTheText() throws Exception {
        try (Connection connection = server.connect("prepareThreshold=-1&binaryTransferEnable=4072");
             PreparedStatement select = connection.prepareStatement("SELECT 'strict $.a ? (@ == 1)'::jsonpath")) {
            try (ResultSet result = select.executeQuery()) {
                assertThat(result.next()).isTrue();
                byte[] bytes = result.getBytes(1);
                assertThat(bytes[0]).isEqualTo((byte) 1);
                assertThat(new String(bytes, 1, bytes.length - 1, StandardCharsets.UTF_8))
                        .isEqualTo("strict $.\"a\"?(@ == 1)");
            }
        }
    }
}
