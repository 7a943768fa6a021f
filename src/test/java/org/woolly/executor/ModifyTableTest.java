package org.woolly.executor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.woolly.testsupport.TestCluster;
import org.woolly.testsupport.TestSession;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

/**
 * UPDATE/DELETE against rows a concurrent transaction changed, on the real stack: under READ
 * COMMITTED the waiting statement re-checks the newest version of the row (PostgreSQL's
 * EvalPlanQual); under REPEATABLE READ it fails with 40001.
 */
class ModifyTableTest {
    @TempDir
    Path dataDirectory;
    private TestCluster cluster;
    private TestSession first;
    private TestSession concurrent;

    @BeforeEach
    void setUp() {
        cluster = TestCluster.create(dataDirectory.resolve("data"));
        first = cluster.session();
        concurrent = cluster.session();
        first.run("CREATE TABLE t (id int4 NOT NULL, n int4)");
        first.run("INSERT INTO t VALUES (1, 0), (2, 0)");
    }

    @AfterEach
    void tearDown() {
        first.close();
        concurrent.close();
        cluster.close();
    }

    /** Runs {@code sql} in {@code first} while {@code concurrent} holds an uncommitted change, then commits that change. */
    private String runAfterConcurrentChange(String change, String sql) throws Exception {
        concurrent.run("BEGIN");
        concurrent.run(change);
        CompletableFuture<String> waiting = CompletableFuture.supplyAsync(() -> first.run(sql).tag());
        Thread.sleep(200);
        assertThat(waiting).as("waits for the concurrent transaction").isNotDone();
        concurrent.run("COMMIT");
        return waiting.get(10, TimeUnit.SECONDS);
    }

    private List<Object[]> rows() {
        return first.run("SELECT id, n FROM t ORDER BY id").rows();
    }

    @Test
    void updateRechecksTheNewerVersionUnderReadCommitted() throws Exception {
        assertThat(runAfterConcurrentChange("UPDATE t SET n = n + 10 WHERE id = 1", "UPDATE t SET n = n + 1 WHERE n < 5"))
                .isEqualTo("UPDATE 1");
        assertThat(rows()).containsExactly(new Object[] {1, 10}, new Object[] {2, 1});
    }

    @Test
    void updateAppliesToTheNewerVersionWhenItStillQualifies() throws Exception {
        assertThat(runAfterConcurrentChange("UPDATE t SET n = n + 1 WHERE id = 1", "UPDATE t SET n = n + 1 WHERE id = 1"))
                .isEqualTo("UPDATE 1");
        assertThat(rows().getFirst()).containsExactly(1, 2);
    }

    @Test
    void deletedRowIsSkipped() throws Exception {
        assertThat(runAfterConcurrentChange("DELETE FROM t WHERE id = 1", "DELETE FROM t")).isEqualTo("DELETE 1");
        assertThat(rows()).isEmpty();
    }

    @Test
    void repeatableReadFailsOnARowChangedSinceItsSnapshot() {
        first.run("BEGIN ISOLATION LEVEL REPEATABLE READ");
        assertThat(first.value("SELECT count(*) FROM t")).isEqualTo(2L);
        concurrent.run("UPDATE t SET n = 9");
        assertThatThrownBy(() -> first.run("UPDATE t SET n = 3")).isInstanceOfSatisfying(SqlException.class, error -> {
            assertThat(error.sqlState()).isEqualTo(SqlState.SERIALIZATION_FAILURE);
            assertThat(error.getMessage()).isEqualTo("could not serialize access due to concurrent update");
        });
        first.run("ROLLBACK");
        assertThat(rows()).containsExactly(new Object[] {1, 9}, new Object[] {2, 9});
    }
}
