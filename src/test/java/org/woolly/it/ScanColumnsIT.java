package org.woolly.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.woolly.it.TestSessions.execute;
import static org.woolly.it.TestSessions.rows;

import java.sql.Connection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Sequential scans that deform only the columns a plan reads, read tuples in place from a copy
 * of their page, and aggregates that keep integer sums and counts unboxed: what clients see must
 * not change. The psql script's expected output is PostgreSQL 15's.
 */
class ScanColumnsIT {
    @RegisterExtension
    static final WoollyServerExtension server = new WoollyServerExtension();

    @Test
    void psqlScriptMatchesPostgres() throws Exception {
        PsqlIT.assertScriptMatchesPostgres(server, "scan/narrow");
    }

    @Test
    void aScanSeesTheRowsItsOwnTransactionChangedOnTheSamePages() throws Exception {
        try (Connection connection = server.connect()) {
            execute(connection, "CREATE TABLE sc_rows (id int, label text, amount int)");
            execute(connection, "INSERT INTO sc_rows SELECT i, 'row ' || i, i FROM generate_series(1, 1000) i");
            connection.setAutoCommit(false);
            execute(connection, "UPDATE sc_rows SET amount = amount * 10 WHERE id % 100 = 0");
            execute(connection, "DELETE FROM sc_rows WHERE id > 990");
            assertThat(rows(connection, "SELECT count(*), sum(amount) FROM sc_rows"))
                    .containsExactly("990|531045"); // 1..990, and 100, 200 ... 900 counted ten times
            connection.rollback();
            assertThat(rows(connection, "SELECT count(*), sum(amount), max(label) FROM sc_rows"))
                    .containsExactly("1000|500500|row 999");
        }
    }
}
