package org.woolly.it;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The workload of {@link RandomCrashIT} and its checks. Each committed transaction of a session
 * appends one row (session, seq, kind, detail) to {@code events} and sets the session's row in
 * {@code counters} to seq, and may also create, truncate and refill, or drop the session's
 * scratch table: replaying a session's events says which scratch table must exist and how many
 * rows it holds. Rolled-back transactions leave a row with seq -1 and a table {@code rb_*},
 * which must never survive.
 */
final class CrashWorkload {
    private CrashWorkload() {}

    /** One client session's loop; {@code acknowledged} is the last seq whose COMMIT returned. */
    static final class Session {
        final int id;
        final Random random;
        final boolean checkpoints;
        volatile int acknowledged;
        private String scratch;

        Session(int id, Recovered start, Random random, boolean checkpoints) {
            this.id = id;
            this.acknowledged = start.lastSeq();
            this.scratch = start.scratch();
            this.random = random;
            this.checkpoints = checkpoints;
        }

        void run(String url, String user, AtomicBoolean stop) {
            try (Connection connection = java.sql.DriverManager.getConnection(url, user, "");
                 Statement statement = connection.createStatement()) {
                connection.setAutoCommit(false);
                int rolledBack = 0;
                while (!stop.get()) {
                    int choice = random.nextInt(12);
                    if (choice == 0) {
                        statement.execute("INSERT INTO events VALUES (" + id + ", -1, 'rollback', 0)");
                        statement.execute("CREATE TABLE rb_" + id + "_" + acknowledged + "_" + rolledBack++ + " (n int)");
                        connection.rollback();
                        continue;
                    }
                    int next = acknowledged + 1;
                    String kind = "insert";
                    int detail = 0;
                    String newScratch = scratch;
                    if (choice <= 2 && scratch == null) {
                        kind = "create";
                        newScratch = "scratch_" + id + "_" + next;
                        detail = 1 + random.nextInt(60);
                        statement.execute("CREATE TABLE " + newScratch + " (n int NOT NULL, pad text)");
                        fill(statement, newScratch, detail);
                    } else if (choice <= 3 && scratch != null) {
                        kind = "truncate";
                        detail = random.nextInt(60);
                        statement.execute("TRUNCATE " + scratch);
                        fill(statement, scratch, detail);
                    } else if (choice <= 4 && scratch != null) {
                        kind = "drop";
                        statement.execute("DROP TABLE " + scratch);
                        newScratch = null;
                    }
                    statement.execute("INSERT INTO events VALUES (" + id + ", " + next + ", '" + kind + "', " + detail
                            + ")");
                    statement.execute("UPDATE counters SET last_seq = " + next + " WHERE session = " + id);
                    connection.commit();
                    acknowledged = next;
                    scratch = newScratch;
                    if (checkpoints && random.nextInt(15) == 0) {
                        statement.execute("CHECKPOINT");
                        connection.commit();
                    }
                }
            } catch (SQLException expectedAtKill) {
                // The server died under us: whatever was not acknowledged may or may not be there.
            }
        }

        private void fill(Statement statement, String table, int rows) throws SQLException {
            if (rows == 0) {
                return;
            }
            StringBuilder insert = new StringBuilder("INSERT INTO ").append(table).append(" VALUES ");
            for (int row = 0; row < rows; row++) {
                insert.append(row == 0 ? "" : ", ").append("(").append(row).append(", '")
                        .append("p".repeat(random.nextInt(300))).append("')");
            }
            statement.execute(insert.toString());
        }
    }

    /** What a session's committed history says after recovery. */
    record Recovered(int lastSeq, String scratch) {
        static final Recovered EMPTY = new Recovered(0, null);
    }

    /** Checks one session after a restart and returns where its next round starts. */
    static Recovered verifySession(Connection connection, Session session, boolean synchronous, String context)
            throws SQLException {
        String as = context + ", session " + session.id;
        List<Integer> seqs = new ArrayList<>();
        String scratch = null;
        long scratchRows = 0;
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT seq, kind, detail FROM events WHERE session = "
                     + session.id + " ORDER BY seq")) {
            while (rows.next()) {
                int seq = rows.getInt(1);
                seqs.add(seq);
                switch (rows.getString(2)) {
                    case "create" -> {
                        scratch = "scratch_" + session.id + "_" + seq;
                        scratchRows = rows.getInt(3);
                    }
                    case "truncate" -> scratchRows = rows.getInt(3);
                    case "drop" -> scratch = null;
                    default -> { }
                }
            }
        }
        assertThat(seqs).as(as + ": rolled-back rows never survive").doesNotContain(-1);
        for (int index = 0; index < seqs.size(); index++) {
            assertThat(seqs.get(index)).as(as + ": commits are all there, in order, no gaps").isEqualTo(index + 1);
        }
        int last = seqs.size();
        assertThat(single(connection, "SELECT last_seq FROM counters WHERE session = " + session.id))
                .as(as + ": the counter update committed with its event").isEqualTo(last);
        if (synchronous) {
            assertThat(last).as(as + ": every acknowledged commit, at most the one in flight beyond")
                    .isBetween(session.acknowledged, session.acknowledged + 1);
        }
        List<String> tables = names(connection, "SELECT relname FROM pg_class WHERE relkind = 'r' AND relname LIKE 'scratch_"
                + session.id + "_%'");
        assertThat(tables).as(as + ": the scratch tables the committed DDL left")
                .containsExactlyElementsOf(scratch == null ? List.of() : List.of(scratch));
        if (scratch != null) {
            assertThat(single(connection, "SELECT count(*) FROM " + scratch)).as(as + ": rows of " + scratch)
                    .isEqualTo(scratchRows);
        }
        assertThat(names(connection, "SELECT relname FROM pg_class WHERE relname LIKE 'rb_" + session.id + "_%'"))
                .as(as + ": tables of rolled-back transactions").isEmpty();
        return new Recovered(last, scratch);
    }

    /** Every user table (relkind 'r', OID from FirstNormalObjectId) reads through a full scan. */
    static void verifyEveryTableScans(Connection connection, String context) throws SQLException {
        for (String table : names(connection, "SELECT relname FROM pg_class WHERE relkind = 'r' AND oid >= 16384")) {
            try (Statement statement = connection.createStatement();
                 ResultSet rows = statement.executeQuery("SELECT * FROM " + table)) {
                int columns = rows.getMetaData().getColumnCount();
                while (rows.next()) {
                    for (int column = 1; column <= columns; column++) {
                        rows.getString(column);
                    }
                }
            } catch (SQLException e) {
                throw new AssertionError(context + ": full scan of " + table + " failed: " + e.getSQLState() + " "
                        + e.getMessage(), e);
            }
        }
    }

    private static long single(Connection connection, String query) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(query)) {
            assertThat(rows.next()).as(query).isTrue();
            return rows.getLong(1);
        }
    }

    private static List<String> names(Connection connection, String query) throws SQLException {
        List<String> names = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(query)) {
            while (rows.next()) {
                names.add(rows.getString(1));
            }
        }
        return names;
    }
}
