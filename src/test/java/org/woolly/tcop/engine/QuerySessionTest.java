package org.woolly.tcop.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.woolly.tcop.Portal;
import org.woolly.tcop.PreparedQuery;
import org.woolly.protocol.TransactionStatus;
import org.woolly.testsupport.TestCluster;
import org.woolly.testsupport.TestSession;
import org.woolly.utils.adt.TypeOids;
import org.woolly.utils.error.Severity;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

/** Sessions of the query engine on a real data directory, driven the way the message loop drives them. */
class QuerySessionTest {
    @TempDir
    Path dataDirectory;
    private TestCluster cluster;
    private TestSession driver;

    @BeforeEach
    void setUp() {
        cluster = TestCluster.create(dataDirectory.resolve("data"));
        driver = cluster.session();
        assertThat(driver.run("CREATE TABLE t (a int4 NOT NULL, b text, c int4 DEFAULT 7)").tag())
                .isEqualTo("CREATE TABLE");
        assertThat(driver.run("INSERT INTO t (a, b) VALUES (1, 'x'), (2, 'y'), (3, NULL)").tag()).isEqualTo("INSERT 0 3");
    }

    @AfterEach
    void tearDown() {
        driver.close();
        cluster.close();
    }

    private static SqlException sqlError(Throwable error) {
        return (SqlException) error;
    }

    @Test
    void selectsWithFilterOrderAndLimit() {
        var result = driver.run("SELECT a, b, c FROM t WHERE a > 1 ORDER BY a DESC LIMIT 1");
        assertThat(result.tag()).isEqualTo("SELECT 1");
        assertThat(result.rows()).containsExactly(new Object[] {3, null, 7});
        var first = result.query().resultColumns().getFirst();
        assertThat(first.name()).isEqualTo("a");
        assertThat(first.tableOid()).isEqualTo(((Number) driver.value("SELECT oid FROM pg_class WHERE relname = 't'"))
                .intValue());
        assertThat(first.columnNumber()).isEqualTo((short) 1);
    }

    @Test
    void selectWithoutFromNamesColumnsLikePostgres() {
        var result = driver.run("SELECT 1 + 2, 'abc', count(*), length('four')");
        assertThat(result.rows()).containsExactly(new Object[] {3, "abc", 1L, 4});
        assertThat(result.query().resultColumns()).extracting(column -> column.name())
                .containsExactly("?column?", "?column?", "count", "length");
        assertThat(result.query().resultColumns().get(1).typeOid()).isEqualTo(TypeOids.TEXT);
    }

    @Test
    void aggregatesWithGroupByAndHaving() {
        driver.run("INSERT INTO t (a, b) VALUES (10, 'x')");
        var result = driver.run("SELECT b, count(*), sum(a) FROM t GROUP BY b HAVING count(*) > 0 ORDER BY b");
        assertThat(result.rows()).containsExactly(new Object[] {"x", 2L, 11L}, new Object[] {"y", 1L, 2L},
                new Object[] {null, 1L, 3L});
        assertThatThrownBy(() -> driver.run("SELECT a, count(*) FROM t")).satisfies(thrown -> {
            SqlException error = sqlError(thrown);
            assertThat(error.sqlState()).isEqualTo(SqlState.GROUPING_ERROR);
            assertThat(error.getMessage())
                    .isEqualTo("column \"t.a\" must appear in the GROUP BY clause or be used in an aggregate function");
            assertThat(error.position()).isEqualTo(8);
        });
    }

    @Test
    void aggregateOverEmptyInputYieldsOneRow() {
        assertThat(driver.run("SELECT count(*), max(a) FROM t WHERE a < 0").rows()).containsExactly(new Object[] {0L, null});
    }

    @Test
    void updateAndDeleteReportCounts() {
        assertThat(driver.run("UPDATE t SET b = 'z' WHERE a <= 2").tag()).isEqualTo("UPDATE 2");
        assertThat(driver.run("DELETE FROM t WHERE b = 'z'").tag()).isEqualTo("DELETE 2");
        assertThat(driver.run("SELECT a FROM t").rows()).containsExactly(new Object[] {3});
    }

    @Test
    void notNullViolationNamesColumnAndRow() {
        assertThatThrownBy(() -> driver.run("INSERT INTO t (b) VALUES ('q')")).satisfies(thrown -> {
            SqlException error = sqlError(thrown);
            assertThat(error.sqlState()).isEqualTo(SqlState.NOT_NULL_VIOLATION);
            assertThat(error.getMessage()).isEqualTo("null value in column \"a\" of relation \"t\" violates not-null constraint");
            assertThat(error.detail()).isEqualTo("Failing row contains (null, q, 7).");
        });
    }

    @Test
    void rollbackLeavesNothingAndFailedBlockRejectsStatements() {
        driver.run("BEGIN");
        driver.run("INSERT INTO t (a) VALUES (100)");
        assertThat(driver.engine().transactionStatus()).isEqualTo(TransactionStatus.IN_BLOCK);
        assertThatThrownBy(() -> driver.run("SELECT nope FROM t")).hasMessage("column \"nope\" does not exist");
        assertThat(driver.engine().transactionStatus()).isEqualTo(TransactionStatus.FAILED);
        assertThatThrownBy(() -> driver.run("SELECT 1"))
                .satisfies(thrown -> assertThat(sqlError(thrown).sqlState()).isEqualTo(SqlState.IN_FAILED_SQL_TRANSACTION));
        assertThat(driver.run("COMMIT").tag()).isEqualTo("ROLLBACK");
        assertThat(driver.engine().transactionStatus()).isEqualTo(TransactionStatus.IDLE);
        assertThat(driver.value("SELECT count(*) FROM t")).isEqualTo(3L);
    }

    @Test
    void uncommittedRowsAreInvisibleToOtherSessions() {
        try (TestSession other = cluster.session()) {
            driver.run("BEGIN");
            driver.run("INSERT INTO t (a) VALUES (50)");
            assertThat(driver.value("SELECT count(*) FROM t")).isEqualTo(4L);
            assertThat(other.value("SELECT count(*) FROM t")).isEqualTo(3L);
            driver.run("COMMIT");
            assertThat(other.value("SELECT count(*) FROM t")).isEqualTo(4L);
        }
    }

    @Test
    void transactionWarningsAreNotices() {
        driver.run("COMMIT");
        driver.run("BEGIN");
        driver.run("BEGIN");
        driver.run("ROLLBACK");
        assertThat(driver.notices).extracting(SqlException::sqlState)
                .containsExactly(SqlState.NO_ACTIVE_SQL_TRANSACTION, SqlState.ACTIVE_SQL_TRANSACTION);
        assertThat(driver.notices).allMatch(notice -> notice.severity() == Severity.WARNING);
    }

    @Test
    void portalSuspendsAndResumes() {
        PreparedQuery query = driver.prepare("SELECT a FROM t ORDER BY a");
        List<Object> values = new ArrayList<>();
        try (Portal portal = driver.engine().bind(query, new Object[0])) {
            assertThat(portal.run(2, row -> values.add(row[0]))).isNull();
            assertThat(portal.run(2, row -> values.add(row[0]))).isEqualTo("SELECT 3");
        }
        driver.engine().finishImplicitTransaction();
        assertThat(values).containsExactly(1, 2, 3);
    }

    @Test
    void parameterTypesAreInferredFromContext() {
        PreparedQuery query = driver.prepare("SELECT b FROM t WHERE a = $1");
        assertThat(query.parameterTypes()).containsExactly(TypeOids.INT4);
        driver.engine().abortAfterError();
        assertThat(driver.run("SELECT b FROM t WHERE a = $1", 2).rows()).containsExactly(new Object[] {"y"});
        assertThatThrownBy(() -> driver.prepare("SELECT $1")).hasMessage("could not determine data type of parameter $1");
    }

    @Test
    void joinsMatchRowsAndNullExtend() {
        driver.run("CREATE TABLE u (a int4, d text)");
        driver.run("INSERT INTO u VALUES (1, 'one'), (1, 'uno')");
        assertThat(driver.run("SELECT t.a, d FROM t JOIN u ON t.a = u.a ORDER BY d").rows())
                .containsExactly(new Object[] {1, "one"}, new Object[] {1, "uno"});
        assertThat(driver.run("SELECT t.a, d FROM t LEFT JOIN u ON t.a = u.a ORDER BY t.a, d").rows())
                .containsExactly(new Object[] {1, "one"}, new Object[] {1, "uno"}, new Object[] {2, null},
                        new Object[] {3, null});
        assertThat(driver.value("SELECT count(*) FROM t, u WHERE t.a = u.a")).isEqualTo(2L);
        assertThatThrownBy(() -> driver.run("SELECT a FROM t, u")).satisfies(thrown -> {
            assertThat(sqlError(thrown).sqlState()).isEqualTo(SqlState.AMBIGUOUS_COLUMN);
            assertThat(thrown.getMessage()).isEqualTo("column reference \"a\" is ambiguous");
        });
    }

    @Test
    void explainShowsPostgresCosts() {
        driver.run("CREATE TABLE n (x int4)");
        assertThat(driver.run("EXPLAIN SELECT x FROM n WHERE x = 1").rows()).extracting(row -> row[0])
                .containsExactly("Seq Scan on n  (cost=0.00..41.88 rows=13 width=4)", "  Filter: (x = 1)");
        assertThat(driver.value("EXPLAIN SELECT x FROM n")).isEqualTo("Seq Scan on n  (cost=0.00..35.50 rows=2550 width=4)");
    }

    @Test
    void showAndSetGoThroughSettings() {
        driver.run("SET work_mem = '8MB'");
        var show = driver.run("SHOW work_mem");
        assertThat(show.tag()).isEqualTo("SHOW");
        assertThat(show.value()).isEqualTo("8MB");
        assertThat(show.query().resultColumns().getFirst().name()).isEqualTo("work_mem");
    }

    @Test
    void missingTableHasPosition() {
        assertThatThrownBy(() -> driver.run("SELECT 1 FROM nope")).satisfies(thrown -> {
            SqlException error = sqlError(thrown);
            assertThat(error.sqlState()).isEqualTo(SqlState.UNDEFINED_TABLE);
            assertThat(error.getMessage()).isEqualTo("relation \"nope\" does not exist");
            assertThat(error.position()).isEqualTo(15);
        });
    }

    @Test
    void assignmentMismatchHasHint() {
        assertThatThrownBy(() -> driver.run("INSERT INTO t (a) VALUES (true)")).satisfies(thrown -> {
            SqlException error = sqlError(thrown);
            assertThat(error.sqlState()).isEqualTo(SqlState.DATATYPE_MISMATCH);
            assertThat(error.getMessage()).isEqualTo("column \"a\" is of type integer but expression is of type boolean");
            assertThat(error.hint()).isEqualTo("You will need to rewrite or cast the expression.");
        });
    }

    @Test
    void dropTableIfExistsNotices() {
        driver.run("DROP TABLE IF EXISTS ghost");
        assertThat(driver.notices).extracting(Throwable::getMessage).containsExactly("table \"ghost\" does not exist, skipping");
        assertThat(driver.run("DROP TABLE t").tag()).isEqualTo("DROP TABLE");
        assertThatThrownBy(() -> driver.run("SELECT 1 FROM t")).hasMessage("relation \"t\" does not exist");
    }

    @Test
    void insertSelectDistinctAndOffset() {
        driver.run("CREATE TABLE copy (a int4, b text)");
        assertThat(driver.run("INSERT INTO copy SELECT a, b FROM t").tag()).isEqualTo("INSERT 0 3");
        driver.run("INSERT INTO copy SELECT a, b FROM t");
        assertThat(driver.run("SELECT DISTINCT b FROM copy ORDER BY b").rows())
                .containsExactly(new Object[] {"x"}, new Object[] {"y"}, new Object[] {null});
        assertThat(driver.run("SELECT a FROM copy ORDER BY a DESC LIMIT 2 OFFSET 1").rows())
                .containsExactly(new Object[] {3}, new Object[] {2});
    }

    @Test
    void prepareExecuteDeallocate() {
        driver.run("PREPARE q (int4) AS SELECT b FROM t WHERE a = $1");
        var executed = driver.run("EXECUTE q ('2')");
        assertThat(executed.tag()).isEqualTo("SELECT 1");
        assertThat(executed.value()).isEqualTo("y");
        assertThat(executed.query().resultColumns()).extracting(column -> column.name()).containsExactly("b");
        assertThat(driver.run("DEALLOCATE q").tag()).isEqualTo("DEALLOCATE");
        assertThatThrownBy(() -> driver.run("EXECUTE q")).hasMessage("prepared statement \"q\" does not exist");
    }

    @Test
    void explainAnalyzeRunsThePlanAndShowsHashJoin() {
        driver.run("CREATE TABLE u (a int4)");
        driver.run("INSERT INTO u VALUES (1), (2)");
        // unanalyzed tables are estimated large: PostgreSQL 15 itself merge-joins them unless told not to
        driver.run("SET enable_mergejoin = off");
        List<String> lines = driver.run("EXPLAIN ANALYZE SELECT count(*) FROM t JOIN u ON t.a = u.a").rows().stream()
                .map(row -> (String) row[0]).toList();
        assertThat(lines.get(0)).startsWith("Aggregate  (cost=").contains("(actual time=").endsWith("rows=1 loops=1)");
        assertThat(lines.get(1)).startsWith("  ->  Hash Join  (cost=").contains("rows=2 loops=1");
        // as PostgreSQL 15 plans it: t is estimated the smaller (wider rows), so t is hashed
        assertThat(lines.get(2)).isEqualTo("        Hash Cond: (u.a = t.a)");
        assertThat(lines.get(3)).startsWith("        ->  Seq Scan on u  (cost=0.00..");
        assertThat(lines.get(4)).startsWith("        ->  Hash  (cost=");
        assertThat(lines.get(5)).matches("              Buckets: \\d+  Batches: 1  Memory Usage: \\d+kB");
        assertThat(lines.get(6)).startsWith("              ->  Seq Scan on t  (cost=");
        assertThat(lines.getLast()).startsWith("Execution Time: ");
    }

    @Test
    void repeatableReadKeepsTheFirstSnapshot() {
        try (TestSession other = cluster.session()) {
            driver.run("BEGIN ISOLATION LEVEL REPEATABLE READ");
            assertThat(driver.value("SELECT count(*) FROM t")).isEqualTo(3L);
            other.run("INSERT INTO t (a) VALUES (9)");
            assertThat(driver.value("SELECT count(*) FROM t")).isEqualTo(3L);
            driver.run("COMMIT");
            assertThat(driver.value("SELECT count(*) FROM t")).isEqualTo(4L);
        }
    }

    @Test
    void returningReportsNewAndOldRows() {
        var inserted = driver.run("INSERT INTO t (a) VALUES (20) RETURNING c, a * 2 AS twice");
        assertThat(inserted.tag()).isEqualTo("INSERT 0 1");
        assertThat(inserted.rows()).containsExactly(new Object[] {7, 40});
        assertThat(inserted.query().resultColumns()).extracting(column -> column.name()).containsExactly("c", "twice");
        assertThat(driver.run("UPDATE t SET a = a + 1 WHERE a = 20 RETURNING a").rows()).containsExactly(new Object[] {21});
        var deleted = driver.run("DELETE FROM t WHERE a = 21 RETURNING b");
        assertThat(deleted.tag()).isEqualTo("DELETE 1");
        assertThat(deleted.rows()).containsExactly(new Object[] {null});
    }

    @Test
    void rightAndFullJoinsKeepUnmatchedRows() {
        driver.run("CREATE TABLE u (a int4)");
        driver.run("INSERT INTO u VALUES (1), (9)");
        assertThat(driver.run("SELECT t.a, u.a FROM t RIGHT JOIN u ON t.a = u.a ORDER BY u.a").rows())
                .containsExactly(new Object[] {1, 1}, new Object[] {null, 9});
        assertThat(driver.value("SELECT count(*) FROM t FULL JOIN u ON t.a = u.a")).isEqualTo(4L);
    }

    @Test
    void subqueryInFromIsScannedLikeATable() {
        assertThat(driver.run("SELECT s.b, total FROM (SELECT b, count(*) AS n FROM t GROUP BY b) AS s (b, total) "
                + "WHERE total > 0 ORDER BY b").rows())
                .containsExactly(new Object[] {"x", 1L}, new Object[] {"y", 1L}, new Object[] {null, 1L});
        assertThatThrownBy(() -> driver.run("SELECT 1 FROM (SELECT b FROM t)"))
                .hasMessage("subquery in FROM must have an alias");
    }

    @Test
    void uncorrelatedSubqueriesInExpressions() {
        assertThat(driver.run("SELECT b FROM t WHERE a = (SELECT max(a) FROM t)").rows()).containsExactly(new Object[] {null});
        assertThat(driver.run("SELECT a FROM t WHERE a IN (SELECT a + 1 FROM t) ORDER BY a").rows())
                .containsExactly(new Object[] {2}, new Object[] {3});
        assertThat(driver.value("SELECT EXISTS (SELECT 1 FROM t WHERE a > 2)")).isEqualTo(true);
        assertThatThrownBy(() -> driver.run("SELECT (SELECT a FROM t)"))
                .hasMessage("more than one row returned by a subquery used as an expression");
    }

    @Test
    void truncateCreateIfNotExistsAndSettingsCommands() {
        assertThat(driver.run("TRUNCATE t").tag()).isEqualTo("TRUNCATE TABLE");
        assertThat(driver.value("SELECT count(*) FROM t")).isEqualTo(0L);
        assertThat(driver.run("CREATE TABLE IF NOT EXISTS t (z int4)").tag()).isEqualTo("CREATE TABLE");
        assertThat(driver.notices.getLast().getMessage()).isEqualTo("relation \"t\" already exists, skipping");
        assertThat(driver.notices.getLast().sqlState()).isEqualTo(SqlState.DUPLICATE_TABLE);
        driver.run("SET LOCAL work_mem = '1MB'");
        assertThat(driver.notices.getLast().getMessage()).isEqualTo("SET LOCAL can only be used in transaction blocks");
        var all = driver.run("SHOW ALL");
        assertThat(all.query().resultColumns()).extracting(column -> column.name())
                .containsExactly("name", "setting", "description");
        assertThat(all.rows()).isNotEmpty();
        driver.run("BEGIN");
        driver.run("SET work_mem = '2MB'");
        driver.run("ROLLBACK");
        assertThat(driver.value("SHOW work_mem")).isEqualTo("4MB");
        assertThat(driver.run("DISCARD ALL").tag()).isEqualTo("DISCARD ALL");
    }

    private static final String SLOW_CROSS_JOIN = "SELECT count(*) FROM big x, big y, big z";

    private void createBigTable() {
        StringBuilder values = new StringBuilder("INSERT INTO big VALUES (0)");
        for (int n = 1; n < 1000; n++) {
            values.append(", (").append(n).append(')');
        }
        driver.run("CREATE TABLE big (v int4)");
        driver.run(values.toString());
    }

    @Test
    void cancelStopsARunningStatement() throws Exception {
        createBigTable();
        var running = CompletableFuture.runAsync(() -> driver.run(SLOW_CROSS_JOIN));
        Thread.sleep(300);
        driver.engine().cancel();
        assertThatThrownBy(() -> running.get(10, TimeUnit.SECONDS))
                .hasCauseInstanceOf(SqlException.class)
                .cause().hasMessage("canceling statement due to user request");
        assertThat(driver.engine().transactionStatus()).isEqualTo(TransactionStatus.IDLE);
    }

    @Test
    void statementTimeoutCancels() {
        createBigTable();
        driver.run("SET statement_timeout = 100");
        assertThatThrownBy(() -> driver.run(SLOW_CROSS_JOIN)).satisfies(thrown -> {
            assertThat(sqlError(thrown).sqlState()).isEqualTo(SqlState.QUERY_CANCELED);
            assertThat(thrown.getMessage()).isEqualTo("canceling statement due to statement timeout");
        });
    }

    @Test
    void aMultiStatementMessageIsOneImplicitBlock() {
        assertThat(driver.value("SET LOCAL work_mem = '1MB'; SHOW work_mem")).isEqualTo("1MB");
        assertThat(driver.notices).isEmpty();
        assertThat(driver.value("SHOW work_mem")).isEqualTo("4MB");
        assertThatThrownBy(() -> driver.run("DISCARD ALL; SELECT 1"))
                .hasMessage("DISCARD ALL cannot run inside a transaction block");
        driver.run("SET LOCAL work_mem = '1MB'");
        assertThat(driver.notices).extracting(Throwable::getMessage)
                .containsExactly("SET LOCAL can only be used in transaction blocks");
    }
}
