package org.woolly.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.sql.Connection;
import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.woolly.it.TestSessions.execute;
import static org.woolly.it.TestSessions.firstValue;
import static org.woolly.it.TestSessions.rows;

/**
 * xid8 and pg_snapshot functions and their txid_* elders as PostgreSQL 15 answers them: values
 * and errors below are what its psql printed for the same queries.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class TransactionIdsIT {
    @RegisterExtension
    static final WoollyServerExtension server = new WoollyServerExtension();

    @RegisterExtension
    final TestSessions sessions = new TestSessions(server);

    @Test
    void xid8ComparesSortsAggregatesAndIndexesAsPostgres() throws Exception {
        PsqlIT.assertScriptMatchesPostgres(server, "xid/xid8");
    }

    @Test
    void anXidIsAssignedOnDemandAndItsStatusFollowsTheTransaction() throws SQLException {
        Connection connection = sessions.connect();
        Connection other = sessions.connect();
        connection.setAutoCommit(false);
        assertThat(firstValue(connection, "SELECT pg_current_xact_id_if_assigned()")).isNull();
        String xid = firstValue(connection, "SELECT pg_current_xact_id()");
        assertThat(rows(connection, "SELECT pg_current_xact_id_if_assigned(), txid_current(), "
                + "txid_current_if_assigned(), pg_xact_status(pg_current_xact_id())"))
                .containsExactly(xid + "|" + xid + "|" + xid + "|in progress");
        assertThat(firstValue(other, "SELECT pg_xact_status('" + xid + "')")).isEqualTo("in progress");
        assertThat(firstValue(other, "SELECT pg_visible_in_snapshot('" + xid + "', pg_current_snapshot())"))
                .isEqualTo("f");
        assertThat(firstValue(other, "SELECT " + xid + " IN (SELECT txid_snapshot_xip(txid_current_snapshot()))"))
                .isEqualTo("t");
        connection.rollback();
        assertThat(firstValue(other, "SELECT txid_status(" + xid + ")")).isEqualTo("aborted");
        execute(connection, "SELECT txid_current()");
        String committed = firstValue(connection, "SELECT txid_current()");
        connection.commit();
        assertThat(firstValue(other, "SELECT pg_xact_status('" + committed + "')")).isEqualTo("committed");
        assertThat(firstValue(other, "SELECT pg_visible_in_snapshot('" + committed + "', pg_current_snapshot())"))
                .isEqualTo("t");
    }

    @Test
    void snapshotsReadAndPrintAsPostgres() throws SQLException {
        Connection connection = sessions.connect();
        assertThat(rows(connection, "SELECT '10:20:12,15,15'::txid_snapshot, pg_snapshot_xmin('10:20:12'), "
                + "txid_snapshot_xmax('10:20:12'), pg_visible_in_snapshot('12', '10:20:12'), "
                + "pg_visible_in_snapshot('11', '10:20:12'), pg_visible_in_snapshot('20', '10:20:12'), "
                + "pg_visible_in_snapshot('5', '10:20:12')"))
                .containsExactly("10:20:12,15|10|20|f|t|f|t");
        assertThat(rows(connection, "SELECT pg_snapshot_xip('10:20:12,15')")).containsExactly("12", "15");
        assertThat(WoollyServerExtension.errorOf(connection, "SELECT '10:20:15,12'::pg_snapshot").getMessage())
                .isEqualTo("invalid input syntax for type pg_snapshot: \"10:20:15,12\"");
        assertThat(WoollyServerExtension.errorOf(connection, "SELECT '0:20:'::pg_snapshot").getSQLState())
                .isEqualTo("22P02");
        assertThat(WoollyServerExtension.errorOf(connection, "SELECT pg_xact_status('999999999999'::xid8)")
                .getMessage()).isEqualTo("transaction ID 999999999999 is in the future");
        assertThat(firstValue(connection, "SELECT pg_xact_status('1')")).isNull();
        assertThat(firstValue(connection, "SELECT '18446744073709551615'::xid8")).isEqualTo("18446744073709551615");
    }
}
