package org.woolly.tcop.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.woolly.catalog.RoleInfo;
import org.woolly.testsupport.TestCluster;
import org.woolly.testsupport.TestSession;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

/** Sessions over the real storage, heap, transactions, catalog and type system in a temporary data directory. */
class RealStackSessionTest {
    @TempDir
    Path dataDirectory;
    private TestCluster cluster;

    @BeforeEach
    void start() {
        cluster = TestCluster.create(dataDirectory.resolve("data"));
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    /** CHECKPOINT is for superusers (PostgreSQL 15: 42501); a superuser's runs one now. */
    @Test
    void checkpointIsForSuperusersOnly() {
        try (TestSession bob = cluster.session(new RoleInfo(11, "bob", false, true, null));
             TestSession alice = cluster.session()) {
            assertThatThrownBy(() -> bob.run("CHECKPOINT")).isInstanceOfSatisfying(SqlException.class, error -> {
                assertThat(error.sqlState()).isEqualTo(SqlState.INSUFFICIENT_PRIVILEGE);
                assertThat(error.getMessage()).isEqualTo("must be superuser to do CHECKPOINT");
            });
            assertThat(alice.run("CHECKPOINT").tag()).isEqualTo("CHECKPOINT");
        }
    }

    @Test
    void ddlDmlAndRollbackOnRealStorage() {
        try (TestSession driver = cluster.session()) {
            driver.run("CREATE TABLE t (id int4 NOT NULL, n int4 DEFAULT 0)");
            assertThat(driver.run("INSERT INTO t (id) VALUES (1), (2)").tag()).isEqualTo("INSERT 0 2");
            assertThat(driver.run("UPDATE t SET n = 5 WHERE id = 2").tag()).isEqualTo("UPDATE 1");
            assertThat(driver.run("SELECT id, n FROM t ORDER BY id").rows())
                    .containsExactly(new Object[] {1, 0}, new Object[] {2, 5});
            driver.run("BEGIN");
            driver.run("DELETE FROM t");
            driver.run("CREATE TABLE gone (x int4)");
            assertThat(driver.value("SELECT count(*) FROM t")).isEqualTo(0L);
            driver.run("ROLLBACK");
            assertThat(driver.value("SELECT count(*) FROM t")).isEqualTo(2L);
            assertThat(driver.value("SELECT count(*) FROM pg_class WHERE relname = 'gone'")).isEqualTo(0L);
        }
    }

    @Test
    void concurrentUpdateWaitsThenUpdatesTheNewVersion() throws Exception {
        try (TestSession first = cluster.session(); TestSession second = cluster.session()) {
            first.run("CREATE TABLE t (id int4, n int4)");
            first.run("INSERT INTO t VALUES (1, 0)");
            first.run("BEGIN");
            first.run("UPDATE t SET n = n + 1 WHERE id = 1");
            CompletableFuture<String> waiting = CompletableFuture.supplyAsync(
                    () -> second.run("UPDATE t SET n = n + 1 WHERE id = 1").tag());
            Thread.sleep(300);
            assertThat(waiting).isNotDone();
            first.run("COMMIT");
            assertThat(waiting.get(10, TimeUnit.SECONDS)).isEqualTo("UPDATE 1");
            assertThat(first.value("SELECT n FROM t")).isEqualTo(2);
        }
    }

    @Test
    void builtinOperatorsFunctionsAggregatesAndTypmods() {
        try (TestSession driver = cluster.session()) {
            driver.run("CREATE TABLE t (id int4 NOT NULL, name varchar(3), price numeric(5,2))");
            assertThat(driver.run("INSERT INTO t VALUES (1, 'ab', '1.5'), (2, 'cd', 2.255)").tag()).isEqualTo("INSERT 0 2");
            Object[] first = driver.run("SELECT id, name || '!', price * 2 FROM t ORDER BY id DESC").rows().getFirst();
            assertThat(first).containsExactly(2, "cd!", new BigDecimal("4.52"));
            Object[] aggregate = driver.run("SELECT count(*), sum(price), max(name), avg(id) FROM t").rows().getFirst();
            assertThat(aggregate[0]).isEqualTo(2L);
            assertThat(aggregate[1]).isEqualTo(new BigDecimal("3.76"));
            assertThat(aggregate[2]).isEqualTo("cd");
            assertThat((BigDecimal) aggregate[3]).isEqualByComparingTo("1.5");
            assertThatThrownBy(() -> driver.run("INSERT INTO t (id, name) VALUES (3, 'abcd')"))
                    .isInstanceOfSatisfying(SqlException.class, error -> {
                        assertThat(error.sqlState()).isEqualTo(SqlState.STRING_DATA_RIGHT_TRUNCATION);
                        assertThat(error.getMessage()).isEqualTo("value too long for type character varying(3)");
                    });
            assertThatThrownBy(() -> driver.run("SELECT name + 1 FROM t")).isInstanceOfSatisfying(SqlException.class,
                    error -> assertThat(error.sqlState()).isEqualTo(SqlState.UNDEFINED_FUNCTION));
            assertThatThrownBy(() -> driver.run("SELECT 1 / 0")).hasMessage("division by zero");
            assertThat(driver.run("EXPLAIN SELECT id FROM t WHERE name = 'ab'").rows()).extracting(row -> row[0])
                    .containsExactly("Seq Scan on t  (cost=0.00..27.00 rows=7 width=4)",
                            "  Filter: ((name)::text = 'ab'::text)");
        }
    }
}
