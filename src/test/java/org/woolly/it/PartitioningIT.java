package org.woolly.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.woolly.it.TestSessions.execute;
import static org.woolly.it.TestSessions.rows;
import static org.woolly.it.WoollyServerExtension.assertError;
import static org.woolly.it.WoollyServerExtension.errorOf;

import java.io.StringReader;
import java.sql.Connection;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postgresql.PGConnection;

/**
 * Declarative partitioning as PostgreSQL 15 shows it: a psql script whose expected output
 * PostgreSQL produced (bounds, routing, sub-partitions, ATTACH/DETACH, catalog rows, {@code \d});
 * through pgjdbc the errors clients match on, INSERT and COPY routed to leaf partitions, and the
 * partition tree surviving a restart (the key and bounds are catalog rows, read back from disk).
 */
class PartitioningIT {
    @RegisterExtension
    static final WoollyServerExtension server = new WoollyServerExtension();

    @RegisterExtension
    final KillableServer killable = new KillableServer();

    @Test
    void psqlScriptMatchesPostgres() throws Exception {
        PsqlIT.assertScriptMatchesPostgres(server, "partition/partition");
    }

    @Test
    void boundExpressionsMatchPostgres() throws Exception {
        PsqlIT.assertScriptMatchesPostgres(server, "partition/bounds");
    }

    @Test
    void partitioningErrorsCarryPostgresStatesAndTexts() throws SQLException {
        try (Connection connection = server.connect()) {
            execute(connection, "CREATE TABLE err_t (a int, b text) PARTITION BY RANGE (a)");
            execute(connection, "CREATE TABLE err_t1 PARTITION OF err_t FOR VALUES FROM (1) TO (10)");
            assertError(errorOf(connection, "INSERT INTO err_t VALUES (5), (20)"), "23514",
                    "no partition of relation \"err_t\" found for row",
                    "Partition key of the failing row contains (a) = (20).");
            assertThat(rows(connection, "SELECT count(*) FROM err_t")).containsExactly("0");
            assertError(errorOf(connection, "CREATE TABLE err_t2 PARTITION OF err_t FOR VALUES FROM (5) TO (15)"),
                    "42P17", "partition \"err_t2\" would overlap partition \"err_t1\"", null);
            assertError(errorOf(connection, "CREATE TABLE err_t3 PARTITION OF err_t FOR VALUES FROM (20) TO (15)"),
                    "42P17", "empty range bound specified for partition \"err_t3\"",
                    "Specified lower bound (20) is greater than or equal to upper bound (15).");
            assertError(errorOf(connection, "CREATE TABLE err_t4 PARTITION OF err_t FOR VALUES IN (1)"), "42P16",
                    "invalid bound specification for a range partition", null);
            execute(connection, "CREATE TABLE err_loose (a int, b text)");
            execute(connection, "INSERT INTO err_loose VALUES (50, 'x')");
            assertError(errorOf(connection, "ALTER TABLE err_t ATTACH PARTITION err_loose FOR VALUES FROM (10) TO (20)"),
                    "23514", "partition constraint of relation \"err_loose\" is violated by some row", null);
            assertError(errorOf(connection, "ALTER TABLE err_loose ATTACH PARTITION err_t1 FOR VALUES FROM (1) TO (2)"),
                    "42809", "table \"err_loose\" is not partitioned", null);
            assertError(errorOf(connection, "ALTER TABLE err_t DETACH PARTITION err_loose"), "42P01",
                    "relation \"err_loose\" is not a partition of relation \"err_t\"", null);
            assertError(errorOf(connection, "CREATE TABLE err_l (a int, b int) PARTITION BY LIST (a, b)"), "42P17",
                    "cannot use \"list\" partition strategy with more than one column", null);
            assertError(errorOf(connection, "CREATE TABLE err_c PARTITION OF err_loose FOR VALUES IN (1)"), "42809",
                    "\"err_loose\" is not partitioned", null);
        }
    }

    @Test
    void expressionKeysMatchPostgres() throws Exception {
        PsqlIT.assertScriptMatchesPostgres(server, "partition/expressions");
    }

    @Test
    void copyRoutesByAnExpressionKeyAndItsErrorsCarryPostgresStates() throws Exception {
        try (Connection connection = server.connect()) {
            execute(connection, "CREATE TABLE ek (id int, name text) PARTITION BY LIST (lower(name))");
            execute(connection, "CREATE TABLE ek_a PARTITION OF ek FOR VALUES IN ('a', 'b')");
            execute(connection, "CREATE TABLE ek_c PARTITION OF ek FOR VALUES IN (lower('C'))");
            long copied = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(
                    "COPY ek FROM STDIN", new StringReader("1\tA\n2\tc\n3\tb\n"));
            assertThat(copied).isEqualTo(3);
            assertThat(rows(connection, "SELECT tableoid::regclass, id FROM ek ORDER BY id"))
                    .containsExactly("ek_a|1", "ek_c|2", "ek_a|3");
            assertError(errorOf(connection, "INSERT INTO ek VALUES (4, 'Z')"), "23514",
                    "no partition of relation \"ek\" found for row",
                    "Partition key of the failing row contains (lower(name)) = (z).");
            assertError(errorOf(connection, "CREATE TABLE ek_bad (a int) PARTITION BY RANGE ((2 * 3))"), "42P17",
                    "cannot use constant expression as partition key", null);
            assertError(errorOf(connection, "CREATE TABLE ek_bad (a int) PARTITION BY RANGE ((a + extract(year from now())::int))"),
                    "42P17", "functions in partition key expression must be marked IMMUTABLE", null);
            assertError(errorOf(connection, "CREATE TABLE ek_x PARTITION OF ek FOR VALUES IN (name)"), "0A000",
                    "cannot use column reference in partition bound expression", null);
        }
    }

    @Test
    void insertAndCopyRouteRowsToTheirLeafPartitions() throws Exception {
        try (Connection connection = server.connect()) {
            execute(connection, "CREATE TABLE route (id int, region text, amount int) PARTITION BY LIST (region)");
            execute(connection, "CREATE TABLE route_eu PARTITION OF route FOR VALUES IN ('de', 'fr')");
            execute(connection, "CREATE TABLE route_us PARTITION OF route FOR VALUES IN ('us') "
                    + "PARTITION BY RANGE (amount)");
            execute(connection, "CREATE TABLE route_us_low PARTITION OF route_us FOR VALUES FROM (MINVALUE) TO (100)");
            execute(connection, "CREATE TABLE route_us_high PARTITION OF route_us FOR VALUES FROM (100) TO (MAXVALUE)");
            execute(connection, "CREATE TABLE route_other PARTITION OF route DEFAULT");
            assertThat(rows(connection, "INSERT INTO route VALUES (1, 'de', 5), (2, 'us', 500) RETURNING id, region"))
                    .containsExactly("1|de", "2|us");
            long copied = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(
                    "COPY route FROM STDIN", new StringReader("3\tus\t7\n4\tjp\t9\n5\tfr\t1\n"));
            assertThat(copied).isEqualTo(3);
            assertThat(rows(connection, "SELECT id FROM route_eu ORDER BY id")).containsExactly("1", "5");
            assertThat(rows(connection, "SELECT id FROM route_us_low")).containsExactly("3");
            assertThat(rows(connection, "SELECT id FROM route_us_high")).containsExactly("2");
            assertThat(rows(connection, "SELECT id FROM route_other")).containsExactly("4");
            assertThat(rows(connection, "SELECT count(*), sum(amount) FROM route")).containsExactly("5|522");
            assertThat(rows(connection, "SELECT p::text FROM pg_partition_ancestors('route_us_low') p"))
                    .containsExactly("route_us_low", "route_us", "route");
            execute(connection, "ALTER TABLE route DETACH PARTITION route_other");
            assertThat(rows(connection, "SELECT count(*) FROM route")).containsExactly("4");
            assertError(errorOf(connection, "INSERT INTO route VALUES (6, 'jp', 1)"), "23514",
                    "no partition of relation \"route\" found for row",
                    "Partition key of the failing row contains (region) = (jp).");
        }
    }

    @Test
    void updateAndDeleteThroughTheParentReachEveryPartitionAndMoveRows() throws SQLException {
        try (Connection connection = server.connect()) {
            execute(connection, "CREATE TABLE mv (a int, b text) PARTITION BY RANGE (a)");
            execute(connection, "CREATE TABLE mv1 PARTITION OF mv FOR VALUES FROM (0) TO (10)");
            execute(connection, "CREATE TABLE mv2 PARTITION OF mv FOR VALUES FROM (10) TO (20)");
            execute(connection, "INSERT INTO mv VALUES (1, 'x'), (5, 'y'), (15, 'z')");
            assertThat(rows(connection, "UPDATE mv SET b = b || '!' RETURNING tableoid::regclass, a, b"))
                    .containsExactly("mv1|1|x!", "mv1|5|y!", "mv2|15|z!");
            // the key leaves mv1: the row is deleted there and inserted into mv2, RETURNING shows it there
            assertThat(rows(connection, "UPDATE mv SET a = a + 10 WHERE b = 'y!' RETURNING tableoid::regclass, a"))
                    .containsExactly("mv2|15");
            assertThat(rows(connection, "SELECT a, b FROM ONLY mv2 ORDER BY b")).containsExactly("15|y!", "15|z!");
            assertThat(rows(connection, "SELECT a FROM ONLY mv1")).containsExactly("1");
            // WHERE on the key leaves mv2 out of the scan, yet a row may still move into it
            assertThat(rows(connection, "UPDATE mv SET a = 11 WHERE a = 1 RETURNING a")).containsExactly("11");
            assertThat(rows(connection, "UPDATE mv SET a = 1 WHERE a = 11 RETURNING a")).containsExactly("1");
            assertError(errorOf(connection, "UPDATE mv SET a = 100 WHERE a = 1"), "23514",
                    "no partition of relation \"mv\" found for row",
                    "Partition key of the failing row contains (a) = (100).");
            assertError(errorOf(connection, "UPDATE mv1 SET a = 12"), "23514",
                    "new row for relation \"mv1\" violates partition constraint", "Failing row contains (12, x!).");
            assertError(errorOf(connection, "INSERT INTO mv1 VALUES (50, 'q')"), "23514",
                    "new row for relation \"mv1\" violates partition constraint", "Failing row contains (50, q).");
            assertThat(rows(connection, "DELETE FROM mv WHERE a > 12 RETURNING a, b")).containsExactly("15|z!", "15|y!");
            assertThat(rows(connection, "SELECT a, b FROM mv")).containsExactly("1|x!");
        }
    }

    @Test
    void updateAndDeleteThroughAnInheritanceParentChangeItsChildren() throws SQLException {
        try (Connection connection = server.connect()) {
            execute(connection, "CREATE TABLE inh_par (a int, b text)");
            execute(connection, "CREATE TABLE inh_ch (c int) INHERITS (inh_par)");
            execute(connection, "INSERT INTO inh_par VALUES (1, 'p'); INSERT INTO inh_ch VALUES (2, 'c', 3)");
            assertThat(rows(connection, "UPDATE inh_par SET b = b || tableoid::regclass::text RETURNING a, b"))
                    .containsExactly("1|pinh_par", "2|cinh_ch");
            assertThat(rows(connection, "UPDATE ONLY inh_par SET a = a + 10 RETURNING a")).containsExactly("11");
            assertThat(rows(connection, "DELETE FROM inh_par WHERE a = 2 RETURNING a, b")).containsExactly("2|cinh_ch");
            assertThat(rows(connection, "SELECT count(*) FROM inh_ch")).containsExactly("0");
            assertThat(rows(connection, "SELECT a, b FROM inh_par")).containsExactly("11|pinh_par");
        }
    }

    @Test
    void aMovedRowIsInItsNewPartitionAfterACrash() throws Exception {
        killable.initAndStart();
        try (Connection connection = killable.connect()) {
            execute(connection, "CREATE TABLE moved (k int, v text) PARTITION BY LIST (k)");
            execute(connection, "CREATE TABLE moved_1 PARTITION OF moved FOR VALUES IN (1)");
            execute(connection, "CREATE TABLE moved_2 PARTITION OF moved FOR VALUES IN (2)");
            execute(connection, "INSERT INTO moved VALUES (1, 'a'), (1, 'b')");
            execute(connection, "UPDATE moved SET k = 2 WHERE v = 'a'");
            connection.setAutoCommit(false);
            execute(connection, "UPDATE moved SET k = 2 WHERE v = 'b'");
            // killed before this transaction commits: its move must vanish whole, the committed one stay
            killable.kill();
        }
        killable.restart();
        try (Connection connection = killable.connect()) {
            assertThat(rows(connection, "SELECT v FROM ONLY moved_2")).containsExactly("a");
            assertThat(rows(connection, "SELECT v FROM ONLY moved_1")).containsExactly("b");
        }
    }

    @Test
    void thePartitionTreeSurvivesARestart() throws Exception {
        killable.initAndStart();
        try (Connection connection = killable.connect()) {
            execute(connection, "CREATE TABLE kept (k date, v int) PARTITION BY RANGE (k)");
            execute(connection, "CREATE TABLE kept_2024 PARTITION OF kept FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')");
            execute(connection, "CREATE TABLE kept_rest PARTITION OF kept DEFAULT");
            execute(connection, "INSERT INTO kept VALUES ('2024-05-01', 1), ('2030-01-01', 2)");
        }
        killable.kill();
        killable.restart();
        try (Connection connection = killable.connect()) {
            assertThat(rows(connection, "SELECT pg_get_partkeydef('kept'::regclass), "
                    + "(SELECT partdefid::regclass::text FROM pg_partitioned_table WHERE partrelid = 'kept'::regclass)"))
                    .containsExactly("RANGE (k)|kept_rest");
            assertThat(rows(connection, "SELECT pg_get_expr(relpartbound, oid) FROM pg_class WHERE relname = 'kept_2024'"))
                    .containsExactly("FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')");
            execute(connection, "INSERT INTO kept VALUES ('2024-07-01', 3)");
            assertThat(rows(connection, "SELECT v FROM kept_2024 ORDER BY v")).containsExactly("1", "3");
            assertThat(rows(connection, "SELECT v FROM kept_rest")).containsExactly("2");
        }
    }
}
