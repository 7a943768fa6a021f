package org.woolly.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * CREATE TABLE AS and SELECT INTO as clients use them: a psql script whose expected output
 * PostgreSQL 15 produced (column names and types taken from the query, the column list,
 * WITH NO DATA, IF NOT EXISTS, the errors of misplaced INTO, rollback), table column aliases
 * ({@code FROM t AS x(a, b)}) and the integer shift operators; a second script for
 * {@code CREATE TABLE AS EXECUTE} (parameters, WITH [NO] DATA, its errors); and through pgjdbc,
 * a table made from a query in a transaction that commits, read back by another session.
 */
class CreateTableAsIT {
    @RegisterExtension
    static final WoollyServerExtension server = new WoollyServerExtension();

    @Test
    void psqlScriptMatchesPostgres() throws Exception {
        PsqlIT.assertScriptMatchesPostgres(server, "ctas/ctas");
    }

    @Test
    void createTableAsExecuteMatchesPostgres() throws Exception {
        PsqlIT.assertScriptMatchesPostgres(server, "ctas/ctas-execute");
    }

    @Test
    void aTableMadeFromAQueryIsVisibleToOthersAfterCommit() throws SQLException {
        try (Connection writer = server.connect(); Connection reader = server.connect();
             Statement write = writer.createStatement(); Statement read = reader.createStatement()) {
            write.execute("CREATE TABLE jdbc_src AS SELECT g AS id, 'row ' || g AS label FROM generate_series(1, 500) g");
            writer.setAutoCommit(false);
            write.execute("CREATE TABLE jdbc_even AS SELECT id, label FROM jdbc_src WHERE id % 2 = 0");
            assertThat(TestSessions.rows(reader, "SELECT count(*) FROM pg_class WHERE relname = 'jdbc_even'"))
                    .containsExactly("0");
            writer.commit();
            assertThat(TestSessions.rows(reader, "SELECT count(*), sum(id), max(label) FROM jdbc_even"))
                    .containsExactly("250|62750|row 98");
            read.execute("CREATE INDEX ON jdbc_even (id)");
            read.execute("SET enable_seqscan = off");
            assertThat(TestSessions.rows(reader, "SELECT label FROM jdbc_even WHERE id = 250"))
                    .containsExactly("row 250");
        }
    }
}
