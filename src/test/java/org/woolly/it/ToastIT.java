package org.woolly.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.woolly.it.TestSessions.execute;
import static org.woolly.it.TestSessions.firstValue;
import static org.woolly.it.TestSessions.rows;
import static org.woolly.it.WoollyServerExtension.assertError;
import static org.woolly.it.WoollyServerExtension.errorOf;

import java.io.StringWriter;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postgresql.PGConnection;

/**
 * TOAST through JDBC: values far wider than a page round-trip unchanged whether they compress
 * (stored inline, pglz) or not (stored out of line in {@code pg_toast.pg_toast_<oid>}); the
 * TOAST relation and its index exist as in PostgreSQL; UPDATE, DELETE, VACUUM, TRUNCATE and
 * DROP keep its chunks in step with the table; a failed insert leaves nothing visible.
 */
class ToastIT {
    @RegisterExtension
    static final WoollyServerExtension server = new WoollyServerExtension();

    /** Text of {@code length} characters that pglz cannot shrink by a quarter (seeded, printed on failure). */
    private static String randomText(Random random, int length) {
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append((char) (' ' + random.nextInt(94)));
        }
        return text.toString();
    }

    private static String md5(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
    }

    private static String toastTableOf(Connection connection, String table) throws Exception {
        return firstValue(connection, "SELECT reltoastrelid::regclass FROM pg_class WHERE relname = '" + table + "'");
    }

    private static long chunks(Connection connection, String toastTable) throws Exception {
        return Long.parseLong(firstValue(connection, "SELECT count(*) FROM " + toastTable));
    }

    @Test
    void wideValuesRoundTripCompressedOrOutOfLine() throws Exception {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        String compressible = "woolly toast ".repeat(20_000);
        String incompressible = randomText(random, 200_000);
        byte[] bytes = new byte[300_000];
        random.nextBytes(bytes);
        try (Connection connection = server.connect()) {
            execute(connection, "CREATE TABLE wide (id int PRIMARY KEY, t text, b bytea, n int)");
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO wide VALUES (?, ?, ?, ?)")) {
                insert.setInt(1, 1);
                insert.setString(2, compressible);
                insert.setBytes(3, null);
                insert.setInt(4, 10);
                insert.executeUpdate();
                insert.setInt(1, 2);
                insert.setString(2, incompressible);
                insert.setBytes(3, bytes);
                insert.setInt(4, 20);
                insert.executeUpdate();
            }
            try (PreparedStatement select = connection.prepareStatement("SELECT t, b, n FROM wide WHERE id = ?")) {
                select.setInt(1, 1);
                try (ResultSet result = select.executeQuery()) {
                    assertThat(result.next()).isTrue();
                    assertThat(result.getString(1)).isEqualTo(compressible);
                    assertThat(result.getBytes(2)).isNull();
                    assertThat(result.getInt(3)).isEqualTo(10);
                }
                select.setInt(1, 2);
                try (ResultSet result = select.executeQuery()) {
                    assertThat(result.next()).isTrue();
                    assertThat(result.getString(1)).as("seed %d", seed).isEqualTo(incompressible);
                    assertThat(result.getBytes(2)).as("seed %d", seed).isEqualTo(bytes);
                    assertThat(result.getInt(3)).isEqualTo(20);
                }
            }
            // functions and comparisons see the whole value
            assertThat(rows(connection, "SELECT id, length(t), octet_length(b), md5(b) FROM wide ORDER BY id"))
                    .containsExactly("1|260000|null|null", "2|200000|300000|" + md5(bytes));
            assertThat(rows(connection, "SELECT a.id FROM wide a JOIN wide b ON a.t = b.t ORDER BY 1"))
                    .containsExactly("1", "2");
            // all three values went out of line: the random ones as they are (200,000 + 300,000 bytes), the
            // repetitive one compressed to 2,997 bytes (PostgreSQL 15's pg_column_size of that value), which
            // is still over the 2,000 a row may keep inline; 1984-byte chunks
            String toast = toastTableOf(connection, "wide");
            assertThat(rows(connection, "SELECT count(*), sum(octet_length(chunk_data)), count(DISTINCT chunk_id) FROM "
                    + toast)).containsExactly("255|502997|3");
            // COPY TO sends the detoasted value
            StringWriter copied = new StringWriter();
            connection.unwrap(PGConnection.class).getCopyAPI()
                    .copyOut("COPY (SELECT t FROM wide WHERE id = 2) TO STDOUT", copied);
            assertThat(copied.toString()).isEqualTo(incompressible.replace("\\", "\\\\") + "\n");
            execute(connection, "DROP TABLE wide");
        }
    }

    @Test
    void theToastRelationLooksAsInPostgres() throws Exception {
        try (Connection connection = server.connect()) {
            execute(connection, "CREATE TABLE shaped (id int, note text)");
            execute(connection, "CREATE TABLE narrow (id int, at timestamp)");
            String oid = firstValue(connection, "SELECT oid FROM pg_class WHERE relname = 'shaped'");
            assertThat(toastTableOf(connection, "shaped")).isEqualTo("pg_toast.pg_toast_" + oid);
            assertThat(toastTableOf(connection, "narrow")).isEqualTo("-");
            assertThat(rows(connection, "SELECT relname, relkind FROM pg_class c JOIN pg_namespace n "
                    + "ON n.oid = c.relnamespace WHERE nspname = 'pg_toast' AND relname LIKE 'pg_toast_" + oid + "%' "
                    + "ORDER BY 1")).containsExactly("pg_toast_" + oid + "|t", "pg_toast_" + oid + "_index|i");
            assertThat(rows(connection, "SELECT attname, atttypid::regtype, attstorage FROM pg_attribute "
                    + "WHERE attrelid = 'pg_toast.pg_toast_" + oid + "'::regclass AND attnum > 0 ORDER BY attnum"))
                    .containsExactly("chunk_id|oid|p", "chunk_seq|integer|p", "chunk_data|bytea|p");
            assertThat(rows(connection, "SELECT indisunique, indkey FROM pg_index "
                    + "WHERE indrelid = 'pg_toast.pg_toast_" + oid + "'::regclass")).containsExactly("t|1 2");
            execute(connection, "DROP TABLE shaped");
            execute(connection, "DROP TABLE narrow");
            assertThat(rows(connection, "SELECT count(*) FROM pg_class WHERE relname LIKE 'pg_toast_" + oid + "%'"))
                    .containsExactly("0");
        }
    }

    @Test
    void updateDeleteVacuumAndTruncateKeepTheChunksInStep() throws Exception {
        try (Connection connection = server.connect()) {
            execute(connection, "CREATE TABLE docs (id int PRIMARY KEY, body text)");
            execute(connection, "INSERT INTO docs SELECT i, (SELECT string_agg(md5((i * 1000 + j)::text), '') "
                    + "FROM generate_series(1, 400) j) FROM generate_series(1, 10) i");
            String toast = toastTableOf(connection, "docs");
            long perValue = chunks(connection, toast) / 10;
            assertThat(perValue).isPositive();
            long tableSize = Long.parseLong(firstValue(connection, "SELECT pg_table_size('docs')"));
            assertThat(tableSize).isGreaterThan(Long.parseLong(
                    firstValue(connection, "SELECT pg_relation_size('docs')")) + 10 * 12_800 / 2);

            execute(connection, "UPDATE docs SET body = body || '!' WHERE id = 1");
            execute(connection, "DELETE FROM docs WHERE id > 5");
            assertThat(rows(connection, "SELECT id, length(body), right(body, 1) FROM docs WHERE id = 1"))
                    .containsExactly("1|12801|!");
            // the old version's chunks and the deleted rows' are dead, and VACUUM removes them
            execute(connection, "VACUUM docs");
            assertThat(chunks(connection, toast)).isEqualTo(5 * perValue);
            assertThat(rows(connection, "SELECT count(*), sum(length(body)) FROM docs")).containsExactly("5|64001");

            // an expression index over a toasted column, built and maintained
            execute(connection, "CREATE INDEX docs_md5 ON docs (md5(body))");
            execute(connection, "INSERT INTO docs VALUES (42, repeat('x', 100000) || (SELECT string_agg(md5(j::text), '') "
                    + "FROM generate_series(1, 300) j))");
            execute(connection, "SET enable_seqscan = off");
            assertThat(rows(connection, "SELECT id FROM docs WHERE md5(body) = (SELECT md5(body) FROM docs WHERE id = 42)"))
                    .containsExactly("42");
            execute(connection, "RESET enable_seqscan");

            execute(connection, "TRUNCATE docs");
            assertThat(chunks(connection, toast)).isZero();
            execute(connection, "INSERT INTO docs VALUES (1, (SELECT string_agg(md5(j::text), '') FROM generate_series(1, 400) j))");
            assertThat(rows(connection, "SELECT length(body) FROM docs")).containsExactly("12800");
            execute(connection, "DROP TABLE docs");
        }
    }

    @Test
    void anInsertThatFailsAfterStoringItsValueLeavesNothingVisible() throws Exception {
        try (Connection connection = server.connect()) {
            execute(connection, "CREATE TABLE once (id int PRIMARY KEY, body text)");
            String value = "(SELECT string_agg(md5(j::text), '') FROM generate_series(1, 300) j)";
            execute(connection, "INSERT INTO once VALUES (1, " + value + ")");
            String toast = toastTableOf(connection, "once");
            long before = chunks(connection, toast);
            // the value reaches the TOAST table before the primary key refuses the row
            assertError(errorOf(connection, "INSERT INTO once VALUES (1, " + value + " || 'again')"), "23505",
                    "duplicate key value violates unique constraint \"once_pkey\"", "Key (id)=(1) already exists.");
            connection.setAutoCommit(false);
            execute(connection, "INSERT INTO once VALUES (2, " + value + ")");
            execute(connection, "SAVEPOINT s");
            execute(connection, "INSERT INTO once VALUES (3, " + value + ")");
            execute(connection, "ROLLBACK TO SAVEPOINT s");
            connection.commit();
            connection.setAutoCommit(true);
            assertThat(rows(connection, "SELECT id, length(body) FROM once ORDER BY id")).containsExactly("1|9600", "2|9600");
            execute(connection, "VACUUM once");
            assertThat(chunks(connection, toast)).isEqualTo(2 * before);
            execute(connection, "DROP TABLE once");
        }
    }

    @Test
    void storageAndCompressionSettingsChooseTheStoredForm() throws Exception {
        try (Connection connection = server.connect()) {
            execute(connection, "CREATE TABLE stored (id int, v text)");
            String toast = toastTableOf(connection, "stored");
            // EXTERNAL: out of line without compression, so every byte of the repetitive value is in chunks
            execute(connection, "ALTER TABLE stored ALTER COLUMN v SET STORAGE external");
            execute(connection, "INSERT INTO stored VALUES (1, repeat('ab', 5000))");
            assertThat(rows(connection, "SELECT sum(octet_length(chunk_data)) FROM " + toast)).containsExactly("10000");
            // MAIN: compressed and kept in the row
            execute(connection, "ALTER TABLE stored ALTER COLUMN v SET STORAGE main");
            execute(connection, "INSERT INTO stored VALUES (2, repeat('ab', 5000))");
            assertThat(chunks(connection, toast)).isEqualTo(6);
            // PLAIN: neither, so a value wider than a page does not fit
            execute(connection, "ALTER TABLE stored ALTER COLUMN v SET STORAGE plain");
            assertThat(errorOf(connection, "INSERT INTO stored VALUES (3, repeat('ab', 5000))").getSQLState())
                    .isEqualTo("54000");
            assertThat(rows(connection, "SELECT attstorage FROM pg_attribute WHERE attrelid = 'stored'::regclass "
                    + "AND attname = 'v'")).containsExactly("p");
            assertThat(rows(connection, "SELECT id, length(v) FROM stored ORDER BY id"))
                    .containsExactly("1|10000", "2|10000");

            assertError(errorOf(connection, "ALTER TABLE stored ALTER COLUMN id SET STORAGE main"), "42804",
                    "column data type integer can only have storage PLAIN", null);
            assertError(errorOf(connection, "ALTER TABLE stored ALTER COLUMN v SET STORAGE foo"), "22023",
                    "invalid storage type \"foo\"", null);
            execute(connection, "ALTER TABLE stored ALTER COLUMN v SET COMPRESSION pglz");
            assertThat(rows(connection, "SELECT attcompression FROM pg_attribute WHERE attrelid = 'stored'::regclass "
                    + "AND attname = 'v'")).containsExactly("p");
            execute(connection, "ALTER TABLE stored ALTER COLUMN v SET COMPRESSION default");
            assertError(errorOf(connection, "ALTER TABLE stored ALTER COLUMN v SET COMPRESSION lz4"), "0A000",
                    "compression method lz4 not supported",
                    "This functionality requires the server to be built with lz4 support.");
            assertError(errorOf(connection, "ALTER TABLE stored ALTER COLUMN v SET COMPRESSION zz"), "22023",
                    "invalid compression method \"zz\"", null);
            assertError(errorOf(connection, "ALTER TABLE stored ALTER COLUMN id SET COMPRESSION pglz"), "0A000",
                    "column data type integer does not support compression", null);
            assertThat(firstValue(connection, "SHOW default_toast_compression")).isEqualTo("pglz");
            assertError(errorOf(connection, "SET default_toast_compression = lz4"), "22023",
                    "invalid value for parameter \"default_toast_compression\": \"lz4\"", null);
            execute(connection, "DROP TABLE stored");
        }
    }
}
