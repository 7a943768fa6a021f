package org.woolly.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.woolly.it.TestSessions.execute;
import static org.woolly.it.TestSessions.firstValue;
import static org.woolly.it.TestSessions.rows;
import static org.woolly.it.WoollyServerExtension.assertError;
import static org.woolly.it.WoollyServerExtension.errorOf;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Temporary tables as two sessions see them: each session has its own pg_temp_N schema,
 * searched before the others, invisible to the other session; ON COMMIT actions with
 * transactions and savepoints; the tables go when the session ends, also when the client just
 * drops the connection; and a psql script whose expected output PostgreSQL 15 produced.
 */
class TempTablesIT {
    @RegisterExtension
    static final WoollyServerExtension server = new WoollyServerExtension();

    @Test
    void psqlScriptMatchesPostgres() throws Exception {
        PsqlIT.assertScriptMatchesPostgres(server, "temp/temp");
    }

    @Test
    void eachSessionSeesOnlyItsOwnTemporaryTables() throws Exception {
        try (Connection one = server.connect(); Connection two = server.connect()) {
            execute(one, "CREATE TABLE tt_shared (who text)");
            execute(one, "INSERT INTO tt_shared VALUES ('permanent')");
            execute(one, "CREATE TEMP TABLE tt_shared (who text)");
            execute(one, "INSERT INTO tt_shared VALUES ('one')");
            // the temporary table hides the permanent one of the same name in its own session only
            assertThat(rows(one, "SELECT who FROM tt_shared")).containsExactly("one");
            assertThat(rows(two, "SELECT who FROM tt_shared")).containsExactly("permanent");
            assertThat(rows(one, "SELECT who FROM public.tt_shared")).containsExactly("permanent");

            execute(two, "CREATE TEMP TABLE tt_shared (who text)");
            execute(two, "INSERT INTO tt_shared VALUES ('two')");
            assertThat(rows(two, "SELECT who FROM pg_temp.tt_shared")).containsExactly("two");
            assertThat(rows(one, "SELECT who FROM tt_shared")).containsExactly("one");

            String schemaOfOne = firstValue(one, "SELECT nspname FROM pg_namespace WHERE oid = pg_my_temp_schema()");
            String schemaOfTwo = firstValue(two, "SELECT nspname FROM pg_namespace WHERE oid = pg_my_temp_schema()");
            assertThat(schemaOfOne).startsWith("pg_temp_").isNotEqualTo(schemaOfTwo);
            assertThat(rows(one, "SELECT relpersistence, count(*) FROM pg_class WHERE relname = 'tt_shared' "
                    + "GROUP BY 1 ORDER BY 1")).containsExactly("p|1", "t|2");
            assertThat(rows(one, "SELECT (current_schemas(true))[1], current_schemas(false), current_schema()"))
                    .containsExactly(schemaOfOne + "|{public}|public");
            assertThat(rows(one, "SELECT pg_is_other_temp_schema(pg_my_temp_schema()), "
                    + "pg_is_other_temp_schema('" + schemaOfTwo + "'::regnamespace)")).containsExactly("f|t");
            assertError(errorOf(one, "SELECT * FROM " + schemaOfTwo + ".tt_shared"), "0A000",
                    "cannot access temporary tables of other sessions", null);
            assertError(errorOf(one, "CREATE TABLE " + schemaOfTwo + ".intruder (a int)"), "42P16",
                    "cannot create relations in temporary schemas of other sessions", null);
            execute(one, "DROP TABLE public.tt_shared");
        }
    }

    @Test
    void temporaryTablesHaveIndexesSequencesAndForeignKeysAmongThemselves() throws Exception {
        try (Connection one = server.connect()) {
            execute(one, "CREATE TEMP TABLE tt_parent (id serial PRIMARY KEY, name text UNIQUE)");
            execute(one, "CREATE TEMP TABLE tt_child (parent int REFERENCES tt_parent (id))");
            execute(one, "INSERT INTO tt_parent (name) VALUES ('a'), ('b')");
            execute(one, "INSERT INTO tt_child VALUES (2)");
            assertError(errorOf(one, "INSERT INTO tt_child VALUES (3)"), "23503",
                    "insert or update on table \"tt_child\" violates foreign key constraint \"tt_child_parent_fkey\"",
                    "Key (parent)=(3) is not present in table \"tt_parent\".");
            assertThat(rows(one, "SELECT relname, relpersistence FROM pg_class "
                    + "WHERE relnamespace = pg_my_temp_schema() ORDER BY relname")).containsExactly(
                    "tt_child|t", "tt_parent|t", "tt_parent_id_seq|t", "tt_parent_name_key|t", "tt_parent_pkey|t");
            execute(one, "CREATE TABLE tt_permanent (id int PRIMARY KEY)");
            assertError(errorOf(one, "CREATE TABLE tt_bad (p int REFERENCES tt_parent (id))"), "42P16",
                    "constraints on permanent tables may reference only permanent tables", null);
            assertError(errorOf(one, "CREATE TEMP TABLE tt_bad (p int REFERENCES tt_permanent (id))"), "42P16",
                    "constraints on temporary tables may reference only temporary tables", null);
            execute(one, "DROP TABLE tt_permanent");
        }
    }

    @Test
    void onCommitActionsFollowTransactionsAndSavepoints() throws Exception {
        try (Connection one = server.connect()) {
            execute(one, "CREATE TEMP TABLE tt_delete (a int PRIMARY KEY) ON COMMIT DELETE ROWS");
            one.setAutoCommit(false);
            execute(one, "INSERT INTO tt_delete VALUES (1)");
            execute(one, "SAVEPOINT s");
            execute(one, "INSERT INTO tt_delete VALUES (2)");
            execute(one, "ROLLBACK TO SAVEPOINT s");
            assertThat(rows(one, "SELECT a FROM tt_delete")).containsExactly("1");
            one.commit();
            assertThat(rows(one, "SELECT count(*) FROM tt_delete")).containsExactly("0");
            // the index was emptied with the table: the key may come again, and an index scan finds it
            execute(one, "INSERT INTO tt_delete VALUES (1)");
            execute(one, "SET LOCAL enable_seqscan = off");
            assertThat(rows(one, "SELECT a FROM tt_delete WHERE a = 1")).containsExactly("1");
            one.commit();

            execute(one, "CREATE TEMP TABLE tt_drop (a int) ON COMMIT DROP");
            execute(one, "INSERT INTO tt_drop VALUES (1)");
            assertThat(rows(one, "SELECT a FROM tt_drop")).containsExactly("1");
            one.commit();
            assertError(errorOf(one, "SELECT * FROM tt_drop"), "42P01", "relation \"tt_drop\" does not exist", null);
            one.rollback();

            // created in a transaction that rolls back: nothing to drop, nothing left
            execute(one, "CREATE TEMP TABLE tt_rolled_back (a int) ON COMMIT DROP");
            one.rollback();
            execute(one, "CREATE TEMP TABLE tt_rolled_back (a int)");
            one.commit();
            assertThat(rows(one, "SELECT count(*) FROM tt_rolled_back")).containsExactly("0");
            one.setAutoCommit(true);
            execute(one, "DISCARD TEMP");
            assertThat(rows(one, "SELECT count(*) FROM pg_class WHERE relnamespace = pg_my_temp_schema()"))
                    .containsExactly("0");
        }
    }

    /**
     * A plan made before the session had a temporary schema is made again once it has one (the
     * active search path changed), so it reads the temporary table that now hides the permanent
     * one, as in PostgreSQL.
     */
    @Test
    void aPlanMadeBeforeTheTemporarySchemaExistedIsMadeAgain() throws Exception {
        try (Connection one = server.connect()) {
            execute(one, "CREATE TABLE tt_plan (a int)");
            execute(one, "INSERT INTO tt_plan VALUES (1)");
            execute(one, "PREPARE tt_query AS SELECT a FROM tt_plan");
            assertThat(rows(one, "EXECUTE tt_query")).containsExactly("1");
            execute(one, "CREATE TEMP TABLE tt_plan (a int)");
            execute(one, "INSERT INTO tt_plan VALUES (2)");
            assertThat(rows(one, "EXECUTE tt_query")).containsExactly("2");
            execute(one, "DROP TABLE public.tt_plan");
        }
    }

    @Test
    void theTablesGoWhenTheSessionEndsEvenAbruptly() throws Exception {
        try (Connection observer = server.connect()) {
            Connection closed = server.connect();
            execute(closed, "CREATE TEMP TABLE tt_closed (a int)");
            String countSql = "SELECT count(*) FROM pg_class WHERE relname IN ('tt_closed', 'tt_dropped', 'tt_dropped_pkey')";
            // a client that dies: its socket closes with no Terminate message
            try (Socket socket = new Socket("127.0.0.1", server.port())) {
                socket.setSoTimeout(20_000);
                DataOutputStream out = new DataOutputStream(socket.getOutputStream());
                DataInputStream in = new DataInputStream(socket.getInputStream());
                ProtocolRobustnessIT.sendStartup(out, server.superuser(), "postgres");
                ProtocolRobustnessIT.readUntilReadyForQuery(in);
                byte[] query = ("CREATE TEMP TABLE tt_dropped (a int PRIMARY KEY); "
                        + "INSERT INTO tt_dropped SELECT generate_series(1, 100)\0").getBytes(StandardCharsets.UTF_8);
                out.writeByte('Q');
                out.writeInt(query.length + 4);
                out.write(query);
                out.flush();
                ProtocolRobustnessIT.readUntilReadyForQuery(in);
                assertThat(firstValue(observer, countSql)).isEqualTo("3");
                closed.close();
            }
            assertThat(awaitZero(observer, countSql)).isZero();
        }
    }

    /** Polls a count until it is 0 (the server ends a session after its client went): generous, not a fixed sleep. */
    private static long awaitZero(Connection connection, String sql) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        long value = Long.parseLong(firstValue(connection, sql));
        while (value != 0 && System.nanoTime() < deadline) {
            Thread.sleep(100);
            value = Long.parseLong(firstValue(connection, sql));
        }
        return value;
    }
}
