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
 * The join-order search: a chain of tables written largest first joins from the smallest,
 * {@code join_collapse_limit} and {@code from_collapse_limit} keep written groups together, a
 * LEFT join moves only where the optimizer README's identities allow, and a join relation's row
 * estimate does not depend on the order its tables are written in. Each query also returns the
 * rows of the written order.
 */
class JoinSearchTest {
    @TempDir
    Path dataDirectory;
    private TestCluster cluster;
    private TestSession session;

    @BeforeEach
    void setUp() {
        cluster = TestCluster.create(dataDirectory.resolve("data"));
        session = cluster.session();
        int[] sizes = {10, 1000, 5000, 20000};
        for (int i = 0; i < sizes.length; i++) {
            session.run("CREATE TABLE c" + (i + 1) + " (id int4 PRIMARY KEY, next int4)");
            session.run("INSERT INTO c" + (i + 1) + " SELECT g, g FROM generate_series(1, " + sizes[i] + ") g");
            session.run("ANALYZE c" + (i + 1));
        }
    }

    @AfterEach
    void tearDown() {
        session.close();
        cluster.close();
    }

    private List<String> plan(String query) {
        List<String> lines = new ArrayList<>();
        for (Object[] row : session.run("EXPLAIN (COSTS OFF) " + query).rows()) {
            lines.add((String) row[0]);
        }
        return lines;
    }

    /** The tables in the order the plan reads them (its scan lines, top to bottom). */
    private List<String> scanOrder(String query) {
        List<String> tables = new ArrayList<>();
        for (String line : plan(query)) {
            int on = line.indexOf(" on c");
            if (line.contains("Scan") && on >= 0) {
                tables.add(line.substring(on + 4).split(" ")[0]);
            }
        }
        return tables;
    }

    private List<String> rows(String query) {
        List<String> rows = new ArrayList<>();
        for (Object[] row : session.run(query).rows()) {
            List<String> values = new ArrayList<>();
            for (Object value : row) {
                values.add(String.valueOf(value));
            }
            rows.add(String.join("|", values));
        }
        return rows;
    }

    private static final String CHAIN = "SELECT c1.id, c2.id, c3.id, c4.id FROM c4, c3, c2, c1"
            + " WHERE c1.next = c2.id AND c2.next = c3.id AND c3.next = c4.id";

    @Test
    void aChainWrittenLargestFirstJoinsFromTheSmallestTable() {
        List<String> order = scanOrder(CHAIN);
        assertThat(order).containsExactlyInAnyOrder("c1", "c2", "c3", "c4");
        // the ten rows of c1 and the c2 rows they find join first; c4 is probed last
        assertThat(order.subList(0, 2)).containsExactlyInAnyOrder("c1", "c2");
        assertThat(order.getLast()).isEqualTo("c4");
        List<String> expected = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            expected.add(i + "|" + i + "|" + i + "|" + i);
        }
        assertThat(rows(CHAIN + " ORDER BY 1")).isEqualTo(expected);
        // the output columns keep the written order whatever the join order
        assertThat(rows("SELECT * FROM c4, c3, c2, c1 WHERE c1.next = c2.id AND c2.next = c3.id"
                + " AND c3.next = c4.id AND c1.id = 3")).containsExactly("3|3|3|3|3|3|3|3");
    }

    @Test
    void joinCollapseLimitOneKeepsTheWrittenJoinOrder() {
        String query = "SELECT count(*) FROM c3 JOIN c2 ON c2.next = c3.id JOIN c1 ON c1.next = c2.id"
                + " WHERE c1.id < 5";
        assertThat(scanOrder(query).subList(0, 2)).containsExactlyInAnyOrder("c1", "c2");
        session.run("SET join_collapse_limit = 1");
        // c3 and c2 join first (either side may be the outer one), c1 last
        assertThat(scanOrder(query).subList(0, 2)).containsExactlyInAnyOrder("c3", "c2");
        assertThat(scanOrder(query).getLast()).isEqualTo("c1");
        assertThat(rows(query)).containsExactly("4");
        // a FROM list is still one join problem
        assertThat(scanOrder("SELECT count(*) FROM c3, c2, c1 WHERE c2.next = c3.id AND c1.next = c2.id")
                .subList(0, 2)).containsExactlyInAnyOrder("c1", "c2");
    }

    @Test
    void fromCollapseLimitKeepsAJoinOfTheFromListTogether() {
        String query = "SELECT count(*) FROM c4 JOIN c3 ON c3.next = c4.id, c2 JOIN c1 ON c1.next = c2.id"
                + " WHERE c2.next = c3.id";
        assertThat(scanOrder(query).subList(0, 2)).containsExactlyInAnyOrder("c1", "c2");
        session.run("SET from_collapse_limit = 2");
        List<String> order = scanOrder(query);
        // each FROM item is joined on its own, then the two results
        assertThat(List.of(order.get(0), order.get(1))).containsExactlyInAnyOrder("c3", "c4");
        assertThat(List.of(order.get(2), order.get(3))).containsExactlyInAnyOrder("c1", "c2");
        assertThat(rows(query)).containsExactly("10");
    }

    @Test
    void aLeftJoinMovesAboveAnInnerJoinOnlyWhenNoOtherClauseReadsItsNullableSide() {
        String movable = "SELECT count(*), sum(c3.id) FROM c4 LEFT JOIN c3 ON c3.next = c4.id + 5"
                + " JOIN c1 ON c1.next = c4.id";
        List<String> plan = plan(movable);
        // (c4 leftjoin c3) join c1 = (c4 join c1) leftjoin c3: c3 is joined last, keeping every c4 row
        assertThat(plan.get(1)).isEqualTo("  ->  Hash Right Join");
        assertThat(scanOrder(movable).getFirst()).isEqualTo("c3");
        assertThat(rows(movable)).containsExactly("10|105");
        String pinned = "SELECT count(*) FROM c4 LEFT JOIN c3 ON c3.next = c4.id JOIN c1 ON c1.next = c3.id";
        // c1's clause reads the nullable side: the LEFT join stays below it
        List<String> order = scanOrder(pinned);
        assertThat(order.subList(0, 2)).containsExactlyInAnyOrder("c4", "c3");
        assertThat(rows(pinned)).containsExactly("10");
        // the nullable side never joins before the table its ON clause needs
        assertThat(rows("SELECT count(*), count(c2.id) FROM c1 LEFT JOIN c2 ON c2.id = c1.next + 995"
                + " JOIN c3 ON c3.id = c1.id")).containsExactly("10|5");
    }

    @Test
    void theRowEstimateOfAJoinDoesNotDependOnTheWrittenOrder() {
        String estimate = rows("EXPLAIN SELECT * FROM c1, c2, c3 WHERE c1.next = c2.id AND c2.next = c3.id")
                .getFirst();
        String reversed = rows("EXPLAIN SELECT * FROM c3, c2, c1 WHERE c1.next = c2.id AND c2.next = c3.id")
                .getFirst();
        assertThat(estimate.substring(estimate.indexOf("rows=")))
                .isEqualTo(reversed.substring(reversed.indexOf("rows=")));
    }
}
