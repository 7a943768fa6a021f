package org.woolly.tcop.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.woolly.testsupport.TestCluster;
import org.woolly.testsupport.TestSession;
import org.woolly.utils.adt.BuiltinTypes;
import org.woolly.utils.adt.FormatSettings;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

/** SQL text through the real parser, types, catalog, heap and transactions, as a client would send it. */
class SqlEndToEndTest {
    @TempDir
    Path dataDirectory;
    private TestCluster cluster;
    private TestSession client;

    @BeforeEach
    void start() {
        cluster = TestCluster.create(dataDirectory.resolve("data"));
        client = cluster.session();
    }

    @AfterEach
    void stop() {
        client.close();
        cluster.close();
    }

    /** Runs a query string like a simple Query message; returns the last statement's rows as text, then its tag. */
    private List<String> sql(String text) {
        TestSession.Result result = client.run(text);
        List<String> output = new ArrayList<>();
        for (Object[] row : result.rows()) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                if (i > 0) {
                    line.append('|');
                }
                int type = result.query().resultColumns().get(i).typeOid();
                line.append(row[i] == null ? "" : BuiltinTypes.byOid(type).io().output(row[i], FormatSettings.DEFAULT));
            }
            output.add(line.toString());
        }
        output.add(result.tag());
        return output;
    }

    private SqlException error(String text) {
        try {
            sql(text);
        } catch (SqlException error) {
            return error;
        }
        throw new AssertionError("no error for " + text);
    }

    @Test
    void tablesRowsAndAggregates() {
        assertThat(sql("CREATE TABLE t (a int NOT NULL, b text, c numeric(5,2) DEFAULT 1.5)")).containsExactly("CREATE TABLE");
        assertThat(sql("INSERT INTO t (a, b) VALUES (1, 'x'), (2, 'y'), (3, NULL)")).containsExactly("INSERT 0 3");
        assertThat(sql("SELECT a, b, c FROM t WHERE a >= 2 ORDER BY a DESC")).containsExactly("3||1.50", "2|y|1.50", "SELECT 2");
        assertThat(sql("SELECT b, count(*), sum(a) FROM t GROUP BY b ORDER BY 1 NULLS FIRST"))
                .containsExactly("|1|3", "x|1|1", "y|1|2", "SELECT 3");
        assertThat(sql("UPDATE t SET c = c * 2 WHERE a = 1 RETURNING c")).containsExactly("3.00", "UPDATE 1");
        assertThat(sql("DELETE FROM t WHERE b IS NULL")).containsExactly("DELETE 1");
        assertThat(sql("SELECT 1 + 2 AS three, 'abc' || 'd', length('hello'), CASE WHEN true THEN 1 END"))
                .containsExactly("3|abcd|5|1", "SELECT 1");
    }

    @Test
    void errorsCarryPostgresStateTextAndPosition() {
        sql("CREATE TABLE t (a int NOT NULL, b varchar(3))");
        SqlException missing = error("SELECT * FROM nope");
        assertThat(missing.sqlState()).isEqualTo(SqlState.UNDEFINED_TABLE);
        assertThat(missing.position()).isEqualTo(15);
        SqlException column = error("SELECT zz FROM t");
        assertThat(column.getMessage()).isEqualTo("column \"zz\" does not exist");
        assertThat(column.position()).isEqualTo(8);
        SqlException notNull = error("INSERT INTO t (b) VALUES ('q')");
        assertThat(notNull.detail()).isEqualTo("Failing row contains (null, q).");
        SqlException tooLong = error("INSERT INTO t VALUES (1, 'abcd')");
        assertThat(tooLong.sqlState()).isEqualTo(SqlState.STRING_DATA_RIGHT_TRUNCATION);
        SqlException mismatch = error("INSERT INTO t (a) VALUES (true)");
        assertThat(mismatch.getMessage()).isEqualTo("column \"a\" is of type integer but expression is of type boolean");
        SqlException grouping = error("SELECT a, count(*) FROM t");
        assertThat(grouping.getMessage())
                .isEqualTo("column \"t.a\" must appear in the GROUP BY clause or be used in an aggregate function");
        assertThat(error("SELECT 1/0").sqlState()).isEqualTo(SqlState.DIVISION_BY_ZERO);
    }

    @Test
    void transactionBlocksAndExplain() {
        sql("CREATE TABLE t (a int)");
        assertThat(sql("BEGIN; INSERT INTO t VALUES (1); ROLLBACK")).containsExactly("ROLLBACK");
        assertThat(sql("SELECT count(*) FROM t")).containsExactly("0", "SELECT 1");
        assertThat(sql("EXPLAIN SELECT a FROM t WHERE a = 1"))
                .containsExactly("Seq Scan on t  (cost=0.00..41.88 rows=13 width=4)", "  Filter: (a = 1)", "EXPLAIN");
        assertThat(sql("SHOW work_mem")).containsExactly("4MB", "SHOW");
    }

    @Test
    void unionSubqueriesAndJoins() {
        sql("CREATE TABLE t (a int, b text)");
        sql("INSERT INTO t VALUES (1, 'x'), (2, 'y'), (2, 'y')");
        assertThat(sql("SELECT a, b FROM t UNION SELECT 3, 'z' ORDER BY 1 DESC")).containsExactly("3|z", "2|y", "1|x", "SELECT 3");
        assertThat(sql("SELECT a FROM t UNION ALL SELECT a FROM t")).hasSize(7);
        assertThat(sql("SELECT b FROM t WHERE a IN (SELECT a FROM t WHERE b = 'y') LIMIT 1")).containsExactly("y", "SELECT 1");
        assertThat(sql("SELECT s.n FROM (SELECT count(*) AS n FROM t) s")).containsExactly("3", "SELECT 1");
        assertThat(sql("VALUES (1, 'a'), (2, 'b') ORDER BY 1 DESC")).containsExactly("2|b", "1|a", "SELECT 2");
        assertThat(sql("SELECT x FROM (VALUES (1.5), (2)) v(x) WHERE x > 1.6")).containsExactly("2", "SELECT 1");
        assertThat(sql("SELECT count(*) FROM t x JOIN t y USING (a)")).containsExactly("5", "SELECT 1");
        assertThat(sql("SELECT x.a, y.b FROM t x LEFT JOIN t y ON x.a = y.a + 1 ORDER BY 1, 2")).containsExactly("1|",
                "2|x", "2|x", "SELECT 3");
    }

    /** What Woolly does not do yet answers 0A000 with a message naming it and the position of the construct. */
    @Test
    void unsupportedFeaturesAnswerFeatureNotSupported() {
        sql("CREATE TABLE t (a int)");
        Map<String, String> cases = new LinkedHashMap<>();
        cases.put("CREATE TABLE j (a timetz)", "type timetz is not supported yet");
        cases.forEach((query, message) -> {
            SqlException error = error(query);
            assertThat(error.sqlState()).as(query).isEqualTo(SqlState.FEATURE_NOT_SUPPORTED);
            assertThat(error.getMessage()).as(query).isEqualTo(message);
            assertThat(error.position()).as(query).isPositive();
        });
    }
}
