package org.woolly.it;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postgresql.util.PSQLException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * ANALYZE and the planner's use of its statistics, compared with what PostgreSQL 15 gives for
 * the same deterministic data (expected values taken from a PostgreSQL 15 server): pg_stats
 * rows, pg_class.reltuples, EXPLAIN row estimates, cost settings and enable_* switches.
 */
class AnalyzeIT {
    @RegisterExtension
    static final WoollyServerExtension server = new WoollyServerExtension();

    private static void createTable(Statement statement, String name) throws SQLException {
        PlannerTestData.createTable(statement, name, 50);
    }

    private static List<String> rows(Statement statement, String sql) throws SQLException {
        return PlannerTestData.rows(statement, sql, "");
    }

    private static void assertError(Statement statement, String sql, String state, String message) {
        PSQLException error = catchThrowableOfType(PSQLException.class, () -> statement.execute(sql));
        assertThat(error.getSQLState()).as(sql).isEqualTo(state);
        assertThat(error.getServerErrorMessage().getMessage()).as(sql).isEqualTo(message);
    }

    private static String estimate(Statement statement, String query) throws SQLException {
        String plan = rows(statement, "EXPLAIN " + query).getFirst();
        return plan.substring(plan.indexOf("rows="), plan.indexOf(" width"));
    }

    @Test
    void analyzeFillsPgStatsAsPostgresDoes() throws Exception {
        try (Connection connection = server.connect(); Statement statement = connection.createStatement()) {
            createTable(statement, "stats_t");
            assertThat(rows(statement, "SELECT reltuples FROM pg_class WHERE relname = 'stats_t'"))
                    .containsExactly("-1");
            statement.execute("ANALYZE stats_t");
            assertThat(rows(statement, "SELECT attname, null_frac, avg_width, n_distinct, most_common_vals, "
                    + "most_common_freqs, histogram_bounds, correlation FROM pg_stats WHERE tablename = 'stats_t' "
                    + "ORDER BY attname")).containsExactly(
                    "a|0.04761905|4|-0.95238096|||{1,10,20,30,40,50,60,70,80,90,100,110,120,130,140,150,160,170,180,190,200,210,220,230,240,250,260,270,280,290,300,310,320,330,340,350,360,370,380,390,400,410,420,430,440,450,460,470,480,490,500,510,520,530,540,550,560,570,580,590,600,610,620,630,640,650,660,670,680,690,700,710,720,730,740,750,760,770,780,790,800,810,820,830,840,850,860,870,880,890,900,910,920,930,940,950,960,970,980,990,1000}|1",
                    "b|0.04761905|3|10|{v0,v1,v2,v3,v4,v5,v6,v7,v8,v9}|{0.0952381,0.0952381,0.0952381,0.0952381,0.0952381,0.0952381,0.0952381,0.0952381,0.0952381,0.0952381}||0.1044901",
                    "c|0.04761905|8|37|{1.5,0,3,4.5,6,7.5,9,10.5,12,13.5,15,16.5,18,19.5,21,22.5,24,25.5,27,28.5,30,31.5,33,34.5,36,37.5,39,40.5,42,43.5,45,46.5,48,49.5,51,52.5,54}|{0.026666667,0.025714286,0.025714286,0.025714286,0.025714286,0.025714286,0.025714286,0.025714286,0.025714286,0.025714286,0.025714286,0.025714286,0.025714286,0.025714286,0.025714286,0.025714286,0.025714286,0.025714286,0.025714286,0.025714286,0.025714286,0.025714286,0.025714286,0.025714286,0.025714286,0.025714286,0.025714286,0.025714286,0.025714286,0.025714286,0.025714286,0.025714286,0.025714286,0.025714286,0.025714286,0.025714286,0.025714286}||0.055309016");
            assertThat(rows(statement, "SELECT reltuples FROM pg_class WHERE relname = 'stats_t'"))
                    .containsExactly("1050");
            assertThat(rows(statement, "SELECT count(*) FROM pg_statistic s JOIN pg_class c ON s.starelid = c.oid "
                    + "WHERE c.relname = 'stats_t'")).containsExactly("3");
            // analyzing again replaces the rows; DROP TABLE removes them
            statement.execute("ANALYZE VERBOSE stats_t (b)");
            assertThat(rows(statement, "SELECT count(*) FROM pg_stats WHERE tablename = 'stats_t'"))
                    .containsExactly("3");
            statement.execute("DROP TABLE stats_t");
            assertThat(rows(statement, "SELECT count(*) FROM pg_stats WHERE tablename = 'stats_t'"))
                    .containsExactly("0");
        }
    }

    @Test
    void rowEstimatesFollowTheStatistics() throws Exception {
        try (Connection connection = server.connect(); Statement statement = connection.createStatement()) {
            createTable(statement, "est_t");
            statement.execute("ANALYZE");
            // the figures PostgreSQL 15 prints for the same table
            assertThat(estimate(statement, "SELECT * FROM est_t WHERE a = 5")).isEqualTo("rows=1");
            assertThat(estimate(statement, "SELECT * FROM est_t WHERE a < 100")).isEqualTo("rows=99");
            assertThat(estimate(statement, "SELECT * FROM est_t WHERE a >= 995")).isEqualTo("rows=6");
            assertThat(estimate(statement, "SELECT * FROM est_t WHERE a <> 5")).isEqualTo("rows=999");
            assertThat(estimate(statement, "SELECT * FROM est_t WHERE b = 'v3'")).isEqualTo("rows=100");
            assertThat(estimate(statement, "SELECT * FROM est_t WHERE b > 'v3'")).isEqualTo("rows=600");
            assertThat(estimate(statement, "SELECT * FROM est_t WHERE b >= 'v35'")).isEqualTo("rows=600");
            assertThat(estimate(statement, "SELECT * FROM est_t WHERE a IS NULL")).isEqualTo("rows=50");
            assertThat(estimate(statement, "SELECT * FROM est_t WHERE a > 10 AND b = 'v1' OR c IS NULL"))
                    .isEqualTo("rows=140");
            assertThat(estimate(statement, "SELECT * FROM est_t t1 JOIN est_t t2 ON t1.a = t2.a"))
                    .isEqualTo("rows=1000");
            assertThat(estimate(statement, "SELECT * FROM est_t t1 JOIN est_t t2 ON t1.b = t2.b"))
                    .isEqualTo("rows=100000");
            assertThat(estimate(statement, "SELECT * FROM est_t t1 JOIN est_t t2 ON t1.c = t2.c WHERE t1.a < 100"))
                    .isEqualTo("rows=2548");
            assertThat(estimate(statement, "SELECT * FROM est_t t1 LEFT JOIN est_t t2 ON t1.a = t2.a"))
                    .isEqualTo("rows=1050");
            // the output width is ANALYZE's average width of each column (4 + 3 + 8)
            assertThat(rows(statement, "EXPLAIN SELECT * FROM est_t WHERE a = 5").getFirst()).endsWith("width=15)");
        }
    }

    @Test
    void anotherSessionsEstimatesFollowEachAnalyze() throws Exception {
        // the planner's decoded statistics are kept per catalog image: a new ANALYZE must replace
        // them for every session, not only the one that ran it (figures from PostgreSQL 15)
        try (Connection first = server.connect(); Statement analyzer = first.createStatement();
             Connection second = server.connect(); Statement planner = second.createStatement()) {
            analyzer.execute("CREATE TABLE restat_t (a int, b text)");
            analyzer.execute("INSERT INTO restat_t SELECT g, 'x' FROM generate_series(1, 1000) g");
            analyzer.execute("ANALYZE restat_t");
            assertThat(estimate(planner, "SELECT * FROM restat_t WHERE b = 'x'")).isEqualTo("rows=1000");
            assertThat(estimate(planner, "SELECT * FROM restat_t WHERE b = 'x'")).isEqualTo("rows=1000");
            analyzer.execute("UPDATE restat_t SET b = 'y' WHERE a <= 300");
            analyzer.execute("ANALYZE restat_t");
            assertThat(estimate(planner, "SELECT * FROM restat_t WHERE b = 'x'")).isEqualTo("rows=700");
            assertThat(estimate(planner, "SELECT * FROM restat_t WHERE b = 'y'")).isEqualTo("rows=300");
        }
    }

    @Test
    void costSettingsAndSwitchesAreReadWhenPlanning() throws Exception {
        try (Connection connection = server.connect(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE sw_t (a int)");
            assertThat(rows(statement, "SHOW cpu_index_tuple_cost")).containsExactly("0.005");
            assertThat(rows(statement, "SHOW default_statistics_target")).containsExactly("100");
            assertThat(rows(statement, "SHOW enable_bitmapscan")).containsExactly("on");
            assertThat(rows(statement, "EXPLAIN SELECT * FROM sw_t"))
                    .containsExactly("Seq Scan on sw_t  (cost=0.00..35.50 rows=2550 width=4)");
            statement.execute("SET enable_seqscan = off");
            assertThat(rows(statement, "EXPLAIN SELECT * FROM sw_t"))
                    .containsExactly("Seq Scan on sw_t  (cost=10000000000.00..10000000035.50 rows=2550 width=4)");
            statement.execute("RESET enable_seqscan");
            statement.execute("SET seq_page_cost = 2");
            statement.execute("SET cpu_tuple_cost = 0.02");
            assertThat(rows(statement, "EXPLAIN SELECT * FROM sw_t"))
                    .containsExactly("Seq Scan on sw_t  (cost=0.00..71.00 rows=2550 width=4)");
        }
    }

    @Test
    void analyzeOfAMissingTableOrColumnFailsAsPostgresDoes() throws Exception {
        try (Connection connection = server.connect(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE err_t (a int)");
            assertError(statement, "ANALYZE nosuch", "42P01", "relation \"nosuch\" does not exist");
            assertError(statement, "ANALYZE err_t (nosuch)", "42703",
                    "column \"nosuch\" of relation \"err_t\" does not exist");
        }
    }
}
