package org.woolly.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.sql.Connection;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * VACUUM writes pg_class.relpages, reltuples, relallvisible and relfrozenxid and
 * pg_database.datfrozenxid in place ({@code heap_inplace_update}, HeapInplaceUpdateTest: same
 * tuple, same xmin): another session sees the new values at once (its cached
 * catalog image is invalidated), and the INPLACE WAL record is replayed after a kill -9 once it
 * was flushed (PostgreSQL's rule: the page is written only after its WAL record). A kill before
 * the flush leaves either the old or the new values, never anything else, and every row.
 */
class InplaceUpdateCrashIT {
    private static final String CLASS_ROW = "SELECT relpages, reltuples, relallvisible, relfrozenxid "
            + "FROM pg_class WHERE relname = 't'";
    private static final String DATABASE_ROW = "SELECT datfrozenxid FROM pg_database "
            + "WHERE datname = current_database()";

    @RegisterExtension
    final KillableServer server = new KillableServer();

    private static void fill(Connection connection) throws Exception {
        TestSessions.execute(connection, "CREATE TABLE t (id int PRIMARY KEY, pad text) WITH (autovacuum_enabled = off)");
        TestSessions.execute(connection, "INSERT INTO t SELECT g, repeat('x', 100) FROM generate_series(1, 5000) g");
        TestSessions.execute(connection, "DELETE FROM t WHERE id % 3 = 0");
    }

    @Test
    void aKillAfterTheInplaceUpdateWasFlushedKeepsItsValuesOnTheSameRowVersion() throws Exception {
        server.initAndStart();
        List<String> classRow;
        List<String> databaseRow;
        try (Connection connection = server.connect(); Connection other = server.connect()) {
            fill(connection);
            List<String> classBefore = TestSessions.firstRow(connection, CLASS_ROW);
            List<String> databaseBefore = TestSessions.firstRow(connection, DATABASE_ROW);
            // the other session has read pg_class before the VACUUM: its cached image must go
            assertThat(TestSessions.firstValue(other, "SELECT relpages FROM pg_class WHERE relname = 't'"))
                    .isEqualTo(classBefore.get(0));

            TestSessions.execute(connection, "VACUUM (FREEZE) t");

            classRow = TestSessions.firstRow(connection, CLASS_ROW);
            // new values (HeapInplaceUpdateTest shows they are written on the same tuple)
            assertThat(Integer.parseInt(classRow.get(0))).isPositive();
            assertThat(Double.parseDouble(classRow.get(1))).isEqualTo(3334.0);
            assertThat(Long.parseLong(classRow.get(3))).isGreaterThan(Long.parseLong(classBefore.get(3)));
            assertThat(TestSessions.firstRow(other, CLASS_ROW)).isEqualTo(classRow);

            // the database-wide VACUUM (FREEZE) freezes the catalogs too, so datfrozenxid advances
            TestSessions.execute(connection, "VACUUM (FREEZE)");
            classRow = TestSessions.firstRow(connection, CLASS_ROW);
            databaseRow = TestSessions.firstRow(connection, DATABASE_ROW);
            assertThat(Long.parseLong(databaseRow.get(0))).isGreaterThan(Long.parseLong(databaseBefore.get(0)));
            assertThat(TestSessions.firstRow(other, CLASS_ROW)).isEqualTo(classRow);
            assertThat(TestSessions.firstRow(other, DATABASE_ROW)).isEqualTo(databaseRow);
            assertThat(TestSessions.firstValue(other, "SELECT age(relfrozenxid) < age(" + classBefore.get(3)
                    + "::text::xid) FROM pg_class WHERE relname = 't'")).isEqualTo("t");
            // a commit flushes the WAL up to its record, the INPLACE records before it included
            TestSessions.execute(connection, "CREATE TABLE flushed (a int)");
        }
        server.kill();

        server.restart();
        try (Connection connection = server.connect()) {
            assertThat(TestSessions.firstRow(connection, CLASS_ROW)).isEqualTo(classRow);
            assertThat(TestSessions.firstRow(connection, DATABASE_ROW)).isEqualTo(databaseRow);
            assertThat(TestSessions.firstValue(connection, "SELECT count(*) FROM t")).isEqualTo("3334");
        }
    }

    @Test
    void aKillRightAfterVacuumLeavesTheOldOrTheNewValuesAndEveryRow() throws Exception {
        server.initAndStart();
        List<String> classBefore;
        List<String> classAfter;
        try (Connection connection = server.connect()) {
            fill(connection);
            TestSessions.execute(connection, "CHECKPOINT");
            classBefore = TestSessions.firstRow(connection, CLASS_ROW);
            TestSessions.execute(connection, "VACUUM (FREEZE) t");
            classAfter = TestSessions.firstRow(connection, CLASS_ROW);
        }
        server.kill();

        server.restart();
        try (Connection connection = server.connect()) {
            List<String> classLeft = TestSessions.firstRow(connection, CLASS_ROW);
            assertThat(classLeft).isIn(classBefore, classAfter);
            assertThat(TestSessions.firstValue(connection, "SELECT count(*) || '/' || sum(id) FROM t"))
                    .isEqualTo("3334/8336667");
            // VACUUM works on whatever the crash left and the values it writes are its own
            TestSessions.execute(connection, "VACUUM (FREEZE) t");
            List<String> classNow = TestSessions.firstRow(connection, CLASS_ROW);
            assertThat(classNow.get(0)).isEqualTo(classAfter.get(0));
            assertThat(classNow.get(2)).isEqualTo(classAfter.get(2));
            if (classLeft.equals(classAfter)) {
                assertThat(classNow.get(1)).isEqualTo(classAfter.get(1));
            } else {
                // the old row came back but the visibility map's all-frozen bits (earlier WAL) did not
                // go: VACUUM skips those pages and scales what it counted, as vac_estimate_reltuples
                assertThat(Double.parseDouble(classNow.get(1))).isBetween(3334 * 0.8, 3334 * 1.2);
            }
        }
    }
}
