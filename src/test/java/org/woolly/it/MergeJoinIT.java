package org.woolly.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.woolly.it.TestSessions.execute;
import static org.woolly.it.TestSessions.rows;

import java.sql.Connection;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Merge joins (chosen here with hash joins switched off) return the rows PostgreSQL 15 returns
 * for every join type, with duplicate keys and NULL keys on both sides; a FULL JOIN on equality
 * keys is a Hash Full Join as in PostgreSQL; an inner join hashes the smaller table whichever
 * order FROM names them in. The expected figures are PostgreSQL's for the same statements.
 */
class MergeJoinIT {
    @RegisterExtension
    static final WoollyServerExtension server = new WoollyServerExtension();

    @BeforeAll
    static void createTables() throws Exception {
        try (Connection connection = server.connect()) {
            execute(connection, "CREATE TABLE mj_a (id int, x int, t text)");
            execute(connection, "CREATE TABLE mj_b (id int, y int, t text)");
            execute(connection, "INSERT INTO mj_a SELECT i, i % 10, 'a' || i FROM generate_series(1, 1000) i");
            execute(connection, "INSERT INTO mj_b SELECT i * 2, i % 7, 'b' || i FROM generate_series(1, 1000) i");
            execute(connection, "INSERT INTO mj_a VALUES (NULL, NULL, 'anull'), (2000, 1, 'a2000'), (2000, 2, 'a2000b')");
            execute(connection, "INSERT INTO mj_b VALUES (NULL, NULL, 'bnull'), (2000, 3, 'b2000')");
            execute(connection, "ANALYZE mj_a");
            execute(connection, "ANALYZE mj_b");
        }
    }

    @Test
    void everyJoinTypeMergesToPostgresRows() throws Exception {
        try (Connection connection = server.connect()) {
            execute(connection, "SET enable_hashjoin = off");
            assertThat(rows(connection, "EXPLAIN (COSTS OFF) SELECT * FROM mj_a a FULL JOIN mj_b b ON a.id = b.id")
                    .getFirst()).isEqualTo("Merge Full Join");
            assertThat(rows(connection, "SELECT count(*), count(a.id), count(b.id), sum(a.id), sum(b.id)"
                    + " FROM mj_a a FULL JOIN mj_b b ON a.id = b.id")).containsExactly("1505|1004|1003|508500|1007000");
            assertThat(rows(connection, "SELECT count(*), count(a.id), count(b.id), sum(a.id), sum(b.id)"
                    + " FROM mj_a a FULL JOIN mj_b b ON a.id = b.id AND a.x < b.y"))
                    .containsExactly("1834|1004|1003|508500|1007000");
            assertThat(rows(connection, "SELECT count(*), count(a.id), count(b.id) FROM mj_a a RIGHT JOIN mj_b b"
                    + " ON a.id = b.id")).containsExactly("1004|504|1003");
            assertThat(rows(connection, "SELECT count(*), count(a.id), count(b.id) FROM mj_a a LEFT JOIN mj_b b"
                    + " ON a.id = b.id AND b.y > 2")).containsExactly("1005|1004|289");
            assertThat(rows(connection, "SELECT count(*) FROM mj_a a WHERE EXISTS"
                    + " (SELECT 1 FROM mj_b b WHERE b.id = a.id)")).containsExactly("502");
            assertThat(rows(connection, "SELECT count(*) FROM mj_a a WHERE NOT EXISTS"
                    + " (SELECT 1 FROM mj_b b WHERE b.id = a.id)")).containsExactly("501");
            assertThat(rows(connection, "SELECT a.t, b.t FROM mj_a a JOIN mj_b b ON a.id = b.id WHERE a.id >= 1998"
                    + " ORDER BY 1, 2")).containsExactly("a2000|b1000", "a2000|b2000", "a2000b|b1000", "a2000b|b2000");
        }
    }

    @Test
    void aFullJoinOnEqualityKeysIsAHashFullJoin() throws Exception {
        try (Connection connection = server.connect()) {
            assertThat(rows(connection, "EXPLAIN (COSTS OFF) SELECT * FROM mj_a a FULL JOIN mj_b b ON a.id = b.id"))
                    .containsExactly("Hash Full Join", "  Hash Cond: (a.id = b.id)", "  ->  Seq Scan on mj_a a",
                            "  ->  Hash", "        ->  Seq Scan on mj_b b");
            assertThat(rows(connection, "SELECT count(*), count(a.id), count(b.id), sum(a.id), sum(b.id)"
                    + " FROM mj_a a FULL JOIN mj_b b ON a.id = b.id")).containsExactly("1505|1004|1003|508500|1007000");
        }
    }

    @Test
    void anInnerJoinHashesTheSmallerTableWhicheverComesFirst() throws Exception {
        try (Connection connection = server.connect()) {
            execute(connection, "CREATE TABLE jo_big (id int PRIMARY KEY, sid int, v int)");
            execute(connection, "CREATE TABLE jo_small (id int PRIMARY KEY, name text)");
            execute(connection, "INSERT INTO jo_big SELECT i, i % 100, i FROM generate_series(1, 50000) i");
            execute(connection, "INSERT INTO jo_small SELECT i, 's' || i FROM generate_series(1, 100) i");
            execute(connection, "ANALYZE jo_big");
            execute(connection, "ANALYZE jo_small");
            for (String from : new String[] {"jo_big, jo_small", "jo_small, jo_big"}) {
                String sql = "SELECT * FROM " + from + " WHERE jo_big.sid = jo_small.id";
                assertThat(rows(connection, "EXPLAIN (COSTS OFF) " + sql)).containsExactly("Hash Join",
                        "  Hash Cond: (jo_big.sid = jo_small.id)", "  ->  Seq Scan on jo_big", "  ->  Hash",
                        "        ->  Seq Scan on jo_small");
            }
            assertThat(rows(connection, "SELECT jo_small.*, jo_big.v FROM jo_small JOIN jo_big ON jo_big.sid = jo_small.id"
                    + " WHERE jo_small.name = 's5' ORDER BY jo_big.id LIMIT 2")).containsExactly("5|s5|5", "5|s5|105");
        }
    }
}
