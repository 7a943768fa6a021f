package org.woolly.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.woolly.it.TestSessions.execute;
import static org.woolly.it.TestSessions.rows;
import static org.woolly.it.WoollyServerExtension.assertError;
import static org.woolly.it.WoollyServerExtension.errorOf;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Hash partitioning as PostgreSQL 15 does it: a psql script whose expected output PostgreSQL
 * printed (bound checks, rows of several key types in the partitions PostgreSQL puts them in,
 * pruning in EXPLAIN, {@code \d+}, {@code satisfies_hash_partition}, ATTACH/DETACH); through
 * pgjdbc the SQLSTATEs clients match on; and PostgreSQL 15's pg_dump round trip of a hash
 * partitioned table.
 */
class HashPartitioningIT {
    @RegisterExtension
    static final WoollyServerExtension server = new WoollyServerExtension();

    @Test
    void psqlScriptMatchesPostgres() throws Exception {
        PsqlIT.assertScriptMatchesPostgres(server, "partition/hash");
    }

    @Test
    void hashBoundErrorsCarryPostgresStates() throws Exception {
        try (Connection connection = server.connect()) {
            execute(connection, "CREATE TABLE herr (a int, b text) PARTITION BY HASH (a)");
            execute(connection, "CREATE TABLE herr0 PARTITION OF herr FOR VALUES WITH (MODULUS 2, REMAINDER 0)");
            assertError(errorOf(connection, "CREATE TABLE herr1 PARTITION OF herr FOR VALUES WITH (MODULUS 3, "
                    + "REMAINDER 1)"), "42P17", "every hash partition modulus must be a factor of the next larger "
                    + "modulus", "The new modulus 3 is not divisible by 2, the modulus of existing partition \"herr0\".");
            assertError(errorOf(connection, "CREATE TABLE herr1 PARTITION OF herr FOR VALUES WITH (MODULUS 4, "
                    + "REMAINDER 2)"), "42P17", "partition \"herr1\" would overlap partition \"herr0\"", null);
            assertError(errorOf(connection, "CREATE TABLE herr1 PARTITION OF herr DEFAULT"), "42P16",
                    "a hash-partitioned table may not have a default partition", null);
            assertError(errorOf(connection, "INSERT INTO herr VALUES (3)"), "23514",
                    "no partition of relation \"herr\" found for row", "Partition key of the failing row contains (a) = (3).");
            assertError(errorOf(connection, "CREATE TABLE herr_pt (p point) PARTITION BY HASH (p)"), "42704",
                    "data type point has no default operator class for access method \"hash\"", null);
            execute(connection, "CREATE TABLE herr1 PARTITION OF herr FOR VALUES WITH (MODULUS 2, REMAINDER 1)");
            assertThat(rows(connection, "INSERT INTO herr SELECT g FROM generate_series(1, 100) g RETURNING 1"))
                    .hasSize(100);
            // every row sits in the partition satisfies_hash_partition names, and only there
            assertThat(rows(connection, "SELECT count(*) FROM herr0 WHERE satisfies_hash_partition('herr'::regclass, 2, 0, a) "
                    + "UNION ALL SELECT count(*) FROM herr1 WHERE satisfies_hash_partition('herr'::regclass, 2, 1, a)"))
                    .satisfies(counts -> assertThat(Integer.parseInt(counts.get(0)) + Integer.parseInt(counts.get(1)))
                            .isEqualTo(100));
        }
    }

    @Test
    void pgDumpOfAHashPartitionedTableRestoresTheSameTree() throws Exception {
        try (Connection connection = server.connect()) {
            execute(connection, "CREATE DATABASE hash_source");
            execute(connection, "CREATE DATABASE hash_copy");
        }
        try (Connection source = DriverManager.getConnection(server.jdbcUrl("hash_source"), server.superuser(), "")) {
            execute(source, "CREATE TABLE orders (id bigint, customer text, total numeric) PARTITION BY HASH (customer, id)");
            for (int remainder = 0; remainder < 3; remainder++) {
                execute(source, "CREATE TABLE orders_%d PARTITION OF orders FOR VALUES WITH (MODULUS 3, REMAINDER %d)"
                        .formatted(remainder, remainder));
            }
            execute(source, "INSERT INTO orders SELECT g, 'c' || (g % 11), g * 1.5 FROM generate_series(1, 60) g");
        }
        String dump = pgDump(server, "hash_source");
        assertThat(dump).contains("PARTITION BY HASH (customer, id);",
                "ALTER TABLE ONLY public.orders ATTACH PARTITION public.orders_1 FOR VALUES WITH (modulus 3, remainder 1);");
        restore(server, "hash_copy", dump);
        assertThat(pgDump(server, "hash_copy")).isEqualTo(dump);
        try (Connection copy = DriverManager.getConnection(server.jdbcUrl("hash_copy"), server.superuser(), "")) {
            // rows inserted after the restore land where the dumped ones did
            execute(copy, "INSERT INTO orders SELECT g, 'c' || (g % 11), 0 FROM generate_series(1, 60) g");
            for (int remainder = 0; remainder < 3; remainder++) {
                assertThat(rows(copy, "SELECT count(*) FROM orders_%d GROUP BY total = 0".formatted(remainder)))
                        .as("orders_%d", remainder).hasSize(2).satisfies(counts -> assertThat(counts.get(0))
                                .isEqualTo(counts.get(1)));
            }
        }
    }

    /** Runs a plain dump through PostgreSQL 15's psql into {@code database}, stopping at the first error. */
    static void restore(WoollyServerExtension server, String database, String dump) throws Exception {
        Process restore = new ProcessBuilder("/usr/lib/postgresql/15/bin/psql", "-X", "-q", "-v", "ON_ERROR_STOP=1",
                "-h", "127.0.0.1", "-p", Integer.toString(server.port()), "-U", server.superuser(), "-d", database)
                .redirectErrorStream(true).start();
        restore.getOutputStream().write(dump.getBytes(StandardCharsets.UTF_8));
        restore.getOutputStream().close();
        String output = new String(restore.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(restore.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(restore.exitValue()).as(output).isZero();
    }

    /** PostgreSQL 15's pg_dump of a database, without the random key of its \restrict lines. */
    static String pgDump(WoollyServerExtension server, String database) throws Exception {
        Process dump = new ProcessBuilder("/usr/lib/postgresql/15/bin/pg_dump", "-h", "127.0.0.1", "-p",
                Integer.toString(server.port()), "-U", server.superuser(), "-d", database).start();
        String output = new String(dump.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(dump.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(dump.exitValue()).isZero();
        List<String> lines = output.lines().filter(line -> !line.startsWith("\\restrict")
                && !line.startsWith("\\unrestrict")).toList();
        return String.join("\n", lines) + "\n";
    }
}
