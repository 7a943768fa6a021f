package org.woolly.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Functions returning records in FROM and in the select list: {@code json(b)_each(_text)},
 * {@code json(b)_populate_record(set)}, {@code json(b)_to_record(set)}, column definition lists
 * (also for user SQL functions returning {@code SETOF record}) and PostgreSQL's errors around
 * them. The psql script's expected output is PostgreSQL 15's.
 */
class JsonRecordsIT {
    @RegisterExtension
    static final WoollyServerExtension server = new WoollyServerExtension();

    @Test
    void theScriptMatchesPostgres() throws Exception {
        PsqlIT.assertScriptMatchesPostgres(server, "json/records");
    }

    @Test
    void aPreparedColumnDefinitionListTakesItsJsonAsAParameter() throws Exception {
        try (Connection connection = server.connect();
             PreparedStatement select = connection.prepareStatement(
                     "SELECT * FROM jsonb_to_recordset(?::jsonb) AS x(a int, b text) ORDER BY a DESC")) {
            List<String> rows = new ArrayList<>();
            for (String json : List.of("[{\"a\":1,\"b\":\"x\"},{\"a\":2}]", "[{\"b\":\"y\",\"a\":3}]")) {
                select.setString(1, json);
                try (ResultSet result = select.executeQuery()) {
                    assertThat(result.getMetaData().getColumnName(1)).isEqualTo("a");
                    assertThat(result.getMetaData().getColumnTypeName(2)).isEqualTo("text");
                    while (result.next()) {
                        rows.add(result.getInt(1) + ":" + result.getString(2));
                    }
                }
            }
            assertThat(rows).containsExactly("2:null", "1:x", "3:y");
        }
    }
}
