package org.woolly.optimizer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.woolly.testsupport.TestCluster;
import org.woolly.testsupport.TestSession;

/**
 * Which sublinks the planner pulls up into semi and anti joins (and which it leaves as
 * SubPlans), and that the joins give the rows the SubPlans gave, NULLs included.
 */
class SubLinkPullUpTest {
    @TempDir
    Path dataDirectory;
    private TestCluster cluster;
    private TestSession session;

    @BeforeEach
    void setUp() {
        cluster = TestCluster.create(dataDirectory.resolve("data"));
        session = cluster.session();
        session.run("CREATE TABLE o (k int4, v int4)");
        session.run("CREATE TABLE i (k int4, w int4)");
        session.run("INSERT INTO o SELECT g % 50, g FROM generate_series(1, 400) g");
        session.run("INSERT INTO o VALUES (NULL, 0)");
        session.run("INSERT INTO i SELECT g * 2, g FROM generate_series(1, 30) g");
        session.run("INSERT INTO i VALUES (NULL, 99)");
        session.run("ANALYZE o");
        session.run("ANALYZE i");
    }

    @AfterEach
    void tearDown() {
        session.close();
        cluster.close();
    }

    private String plan(String query) {
        List<String> lines = new ArrayList<>();
        for (Object[] row : session.run("EXPLAIN (COSTS OFF) " + query).rows()) {
            lines.add((String) row[0]);
        }
        return String.join("\n", lines);
    }

    private long count(String query) {
        return ((Number) session.value("SELECT count(*) FROM (" + query + ") s")).longValue();
    }

    @Test
    void existsAndInBecomeHashSemiJoins() {
        assertThat(plan("SELECT * FROM o WHERE EXISTS (SELECT 1 FROM i WHERE i.k = o.k)"))
                .startsWith("Hash Semi Join\n  Hash Cond: (o.k = i.k)").doesNotContain("SubPlan");
        assertThat(plan("SELECT * FROM o WHERE o.k IN (SELECT k FROM i)"))
                .startsWith("Hash Semi Join\n  Hash Cond: (o.k = i.k)");
        assertThat(plan("SELECT * FROM o WHERE NOT EXISTS (SELECT 1 FROM i WHERE i.k = o.k)"))
                .startsWith("Hash Anti Join\n  Hash Cond: (o.k = i.k)");
        // the same rows the per-row SubPlan gives: k even and at most 60, each outer row once
        long semi = count("SELECT * FROM o WHERE EXISTS (SELECT 1 FROM i WHERE i.k = o.k)");
        long anti = count("SELECT * FROM o WHERE NOT EXISTS (SELECT 1 FROM i WHERE i.k = o.k)");
        assertThat(semi).isEqualTo(count("SELECT * FROM o WHERE k % 2 = 0 AND k BETWEEN 2 AND 60"));
        assertThat(semi + anti).isEqualTo(401);
        assertThat(count("SELECT * FROM o WHERE o.k IN (SELECT k FROM i)")).isEqualTo(semi);
    }

    @Test
    void correlationThatIsNotAnEqualityBecomesAJoinFilter() {
        String query = "SELECT * FROM o WHERE EXISTS (SELECT 1 FROM i WHERE i.k = o.k AND i.w * 20 > o.v)";
        assertThat(plan(query)).contains("Hash Semi Join").contains("Join Filter: ((i.w * 20) > o.v)");
        assertThat(count(query)).isPositive()
                .isEqualTo(count("SELECT * FROM o WHERE k % 2 = 0 AND k BETWEEN 2 AND 60 AND v < k * 10"));
    }

    @Test
    void notInUncorrelatedAndAggregatingSubqueriesStaySubPlans() {
        assertThat(plan("SELECT * FROM o WHERE o.k NOT IN (SELECT k FROM i)"))
                .contains("Filter: (NOT (hashed SubPlan 1))").contains("SubPlan 1");
        // i.k has a NULL: NOT IN is never true
        assertThat(count("SELECT * FROM o WHERE o.k NOT IN (SELECT k FROM i)")).isZero();
        assertThat(count("SELECT * FROM o WHERE o.k NOT IN (SELECT k FROM i WHERE k IS NOT NULL)")).isEqualTo(count("SELECT * FROM o WHERE k IS NOT NULL AND NOT (k % 2 = 0 AND k BETWEEN 2 AND 60)"));
        assertThat(plan("SELECT * FROM o WHERE EXISTS (SELECT 1 FROM i WHERE i.w > 10)")).contains("InitPlan 1");
        assertThat(plan("SELECT * FROM o WHERE EXISTS (SELECT 1 FROM i WHERE i.k = o.k HAVING count(*) > 0)"))
                .contains("SubPlan 1").doesNotContain("Semi Join");
        assertThat(plan("SELECT * FROM o WHERE EXISTS (SELECT 1 FROM i WHERE i.k = o.k) OR o.v = 1"))
                .doesNotContain("Semi Join");
    }

    @Test
    void nestedExistsBecomesNestedSemiJoins() {
        String query = "SELECT * FROM o WHERE EXISTS (SELECT 1 FROM i WHERE i.k = o.k "
                + "AND EXISTS (SELECT 1 FROM o o2 WHERE o2.v = i.w * 3))";
        String plan = plan(query);
        assertThat(plan).doesNotContain("SubPlan").startsWith("Hash Semi Join\n  Hash Cond: (o.k = i.k)")
                .contains("Hash Cond: ((i.w * 3) = o2.v)");
        assertThat(plan.split("Semi Join", -1)).hasSize(3);
        assertThat(count(query)).isEqualTo(count("SELECT * FROM o WHERE k % 2 = 0 AND k BETWEEN 2 AND 60"));
    }

    @Test
    void subqueryConjunctReadingOnlyTheOuterRowMovesUpAndBecomesItsOwnJoin() {
        // subselect.sql's "nested EXISTS" case: the NOT EXISTS reads o, not i
        String query = "SELECT * FROM o WHERE EXISTS (SELECT 1 FROM i WHERE i.k = o.k "
                + "AND NOT EXISTS (SELECT 1 FROM i i2 WHERE i2.w = o.v))";
        String plan = plan(query);
        assertThat(plan).doesNotContain("SubPlan").contains("Hash Anti Join").contains("Hash Cond: (o.v = i2.w)")
                .contains("Hash Semi Join").contains("Hash Cond: (o.k = i.k)");
        // k in i (even, 2..60) and v not a w of i (v > 30 or v = 99 absent)
        assertThat(count(query)).isPositive()
                .isEqualTo(count("SELECT * FROM o WHERE k % 2 = 0 AND k BETWEEN 2 AND 60 AND v > 30 AND v <> 99"));
        // under NOT EXISTS the same conjunct cannot move: NOT (a AND b) is no conjunction
        String anti = "SELECT * FROM o WHERE NOT EXISTS (SELECT 1 FROM i WHERE i.k = o.k "
                + "AND NOT EXISTS (SELECT 1 FROM i i2 WHERE i2.w = o.v))";
        assertThat(plan(anti)).contains("SubPlan");
        assertThat(count(anti)).isEqualTo(401 - count(query));
    }
}
