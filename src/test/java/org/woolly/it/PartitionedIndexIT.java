package org.woolly.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.woolly.it.TestSessions.execute;
import static org.woolly.it.TestSessions.rows;
import static org.woolly.it.WoollyServerExtension.assertError;
import static org.woolly.it.WoollyServerExtension.errorOf;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Indexes and keys of partitioned tables as PostgreSQL 15 has them: a cut of its
 * {@code indexing.sql} run through psql against PostgreSQL's own output (partitioned indexes,
 * their partitions' indexes and pg_inherits links, ONLY and ALTER INDEX ATTACH PARTITION, DROP,
 * DETACH, PRIMARY KEY and UNIQUE with their errors, {@code \d}, ON CONFLICT, plans); through
 * pgjdbc, INSERT ... ON CONFLICT on a partitioned table with a batch; and pg_dump's round trip of
 * a partitioned table with a primary key.
 */
class PartitionedIndexIT {
    @RegisterExtension
    static final WoollyServerExtension server = new WoollyServerExtension();

    @Test
    void psqlScriptMatchesPostgres() throws Exception {
        PsqlIT.assertScriptMatchesPostgres(server, "partition/indexing");
    }

    @Test
    void onConflictThroughPgjdbcUsesEachPartitionsKey() throws Exception {
        try (Connection connection = server.connect()) {
            execute(connection, "CREATE TABLE counters (region text, id int, hits int, PRIMARY KEY (region, id)) "
                    + "PARTITION BY LIST (region)");
            execute(connection, "CREATE TABLE counters_eu PARTITION OF counters FOR VALUES IN ('eu')");
            execute(connection, "CREATE TABLE counters_us PARTITION OF counters FOR VALUES IN ('us')");
            String upsert = "INSERT INTO counters VALUES (?, ?, 1) ON CONFLICT (region, id) "
                    + "DO UPDATE SET hits = counters.hits + 1 RETURNING hits";
            try (PreparedStatement statement = connection.prepareStatement(upsert)) {
                for (int round = 1; round <= 3; round++) {
                    for (String region : List.of("eu", "us")) {
                        statement.setString(1, region);
                        statement.setInt(2, 7);
                        try (ResultSet result = statement.executeQuery()) {
                            assertThat(result.next()).isTrue();
                            assertThat(result.getInt(1)).isEqualTo(round);
                        }
                    }
                }
            }
            try (PreparedStatement statement = connection.prepareStatement(
                    "INSERT INTO counters VALUES (?, ?, 0) ON CONFLICT DO NOTHING")) {
                for (int id = 6; id <= 8; id++) {
                    statement.setString(1, "us");
                    statement.setInt(2, id);
                    statement.addBatch();
                }
                assertThat(statement.executeBatch()).containsExactly(1, 0, 1);
            }
            assertThat(rows(connection, "SELECT tableoid::regclass || ' ' || id || ' ' || hits FROM counters "
                    + "ORDER BY region, id")).containsExactly("counters_eu 7 3", "counters_us 6 0",
                    "counters_us 7 3", "counters_us 8 0");
            // the key is each partition's unique index: a duplicate fails naming it
            assertError(errorOf(connection, "INSERT INTO counters VALUES ('eu', 7, 0)"), "23505",
                    "duplicate key value violates unique constraint \"counters_eu_pkey\"",
                    "Key (region, id)=(eu, 7) already exists.");
            assertError(errorOf(connection, "ALTER TABLE counters ADD UNIQUE (id)"), "0A000",
                    "unique constraint on partitioned table must include all partitioning columns",
                    "UNIQUE constraint on table \"counters\" lacks column \"region\" which is part of the partition key.");
            assertError(errorOf(connection, "DROP INDEX counters_us_pkey"), "2BP01",
                    "cannot drop index counters_us_pkey because index counters_pkey requires it", null);
            execute(connection, "DROP TABLE counters");
        }
    }

    @Test
    void pgDumpOfAPartitionedTableWithAPrimaryKeyRestoresIt() throws Exception {
        try (Connection connection = server.connect()) {
            execute(connection, "CREATE DATABASE pkey_source");
            execute(connection, "CREATE DATABASE pkey_copy");
        }
        try (Connection source = DriverManager.getConnection(server.jdbcUrl("pkey_source"), server.superuser(), "")) {
            execute(source, "CREATE TABLE events (day date, id int, note text, PRIMARY KEY (day, id)) "
                    + "PARTITION BY RANGE (day)");
            execute(source, "CREATE TABLE events_2024 PARTITION OF events FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')");
            execute(source, "CREATE TABLE events_2025 PARTITION OF events FOR VALUES FROM ('2025-01-01') TO ('2026-01-01')");
            execute(source, "CREATE INDEX ON events (note)");
            execute(source, "INSERT INTO events SELECT date '2024-06-01' + g * 3, g, 'n' || g FROM generate_series(1, 100) g");
        }
        String dump = HashPartitioningIT.pgDump(server, "pkey_source");
        assertThat(dump).contains("ADD CONSTRAINT events_pkey PRIMARY KEY (day, id);",
                "CREATE INDEX events_note_idx ON ONLY public.events USING btree (note);",
                "ALTER INDEX public.events_pkey ATTACH PARTITION public.events_2024_pkey;");
        HashPartitioningIT.restore(server, "pkey_copy", dump);
        assertThat(HashPartitioningIT.pgDump(server, "pkey_copy")).isEqualTo(dump);
        try (Connection copy = DriverManager.getConnection(server.jdbcUrl("pkey_copy"), server.superuser(), "")) {
            assertThat(rows(copy, "SELECT relname || ' ' || indisvalid FROM pg_index JOIN pg_class ON oid = indexrelid "
                    + "WHERE relname LIKE 'events%pkey' ORDER BY 1"))
                    .containsExactly("events_2024_pkey t", "events_2025_pkey t", "events_pkey t");
            assertError(errorOf(copy, "INSERT INTO events VALUES ('2024-06-04', 1, 'again')"), "23505",
                    "duplicate key value violates unique constraint \"events_2024_pkey\"",
                    "Key (day, id)=(2024-06-04, 1) already exists.");
        }
    }
}
