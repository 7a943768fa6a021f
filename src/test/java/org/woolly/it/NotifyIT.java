package org.woolly.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLWarning;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * LISTEN / NOTIFY as pgjdbc's users see them (PostgreSQL's {@code commands/async.c}): delivery
 * at the sender's commit and never on rollback, duplicates folded, order kept, LISTEN effective
 * at commit, a listener in a transaction served after it, an idle listener served without
 * asking, sessions of other databases left out, the errors of pg_notify, and a full queue.
 * Listeners wait with {@code getNotifications(timeout)}; a check that nothing arrived waits a
 * short while after a later notification that must arrive, so it does not depend on timing.
 */
@Timeout(value = 180, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class NotifyIT {
    @RegisterExtension
    static final WoollyServerExtension server = new WoollyServerExtension(builder -> builder
            .setting("max_prepared_transactions", "2"));

    @RegisterExtension
    final TestSessions sessions = new TestSessions(server);

    private static void execute(Connection connection, String sql) throws SQLException {
        TestSessions.execute(connection, sql);
    }

    private static int pid(Connection connection) throws SQLException {
        return Integer.parseInt(TestSessions.firstValue(connection, "SELECT pg_backend_pid()"));
    }

    /** "channel:payload" of the notifications that arrive within {@code millis} (at least one wait). */
    private static List<String> receive(Connection listener, int expected, long millis) throws SQLException {
        PGConnection pg = listener.unwrap(PGConnection.class);
        List<String> received = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        do {
            long left = Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
            PGNotification[] notifications = pg.getNotifications((int) left);
            if (notifications != null) {
                for (PGNotification notification : notifications) {
                    received.add(notification.getName() + ":" + notification.getParameter());
                }
            }
        } while (received.size() < expected && System.nanoTime() < deadline);
        return received;
    }

    /** Sends a marker and returns what {@code listener} got up to and including it. */
    private static List<String> receiveUpToMarker(Connection sender, Connection listener, String channel)
            throws SQLException {
        execute(sender, "NOTIFY " + channel + ", 'marker'");
        List<String> received = new ArrayList<>();
        while (!received.contains(channel + ":marker")) {
            List<String> batch = receive(listener, 1, 30_000);
            assertThat(batch).as("the marker should arrive").isNotEmpty();
            received.addAll(batch);
        }
        return received;
    }

    private static PSQLException error(Connection connection, String sql) {
        return catchThrowableOfType(PSQLException.class, () -> execute(connection, sql));
    }

    @Test
    void notificationsArriveAtCommitOnceEachInOrderAndNeverOnRollback() throws Exception {
        Connection listener = sessions.connect();
        Connection sender = sessions.connect();
        execute(listener, "LISTEN orders");
        sender.setAutoCommit(false);
        execute(sender, "NOTIFY orders, 'one'");
        execute(sender, "SELECT pg_notify('orders', 'two')");
        execute(sender, "NOTIFY orders, 'one'");
        execute(sender, "NOTIFY orders, 'three'");
        execute(sender, "NOTIFY other_channel, 'not listened'");
        assertThat(receive(listener, 1, 300)).as("nothing before the commit").isEmpty();
        sender.commit();
        assertThat(receive(listener, 3, 30_000)).containsExactly("orders:one", "orders:two", "orders:three");

        execute(sender, "NOTIFY orders, 'rolled back'");
        sender.rollback();
        execute(sender, "NOTIFY orders, 'kept'");
        execute(sender, "SAVEPOINT s");
        execute(sender, "NOTIFY orders, 'in rolled back savepoint'");
        execute(sender, "ROLLBACK TO SAVEPOINT s");
        execute(sender, "SAVEPOINT t");
        execute(sender, "NOTIFY orders, 'in released savepoint'");
        execute(sender, "NOTIFY orders, 'kept'");
        execute(sender, "RELEASE SAVEPOINT t");
        sender.commit();
        sender.setAutoCommit(true);
        assertThat(receiveUpToMarker(sender, listener, "orders"))
                .containsExactly("orders:kept", "orders:in released savepoint", "orders:marker");
    }

    @Test
    void theSenderPidChannelAndPayloadReachTheListenerAndTheSenderGetsItsOwn() throws Exception {
        Connection listener = sessions.connect();
        Connection sender = sessions.connect();
        execute(listener, "LISTEN \"Mixed Case\"");
        execute(sender, "LISTEN \"Mixed Case\"");
        execute(sender, "NOTIFY \"Mixed Case\"");
        PGNotification[] got = listener.unwrap(PGConnection.class).getNotifications(30_000);
        assertThat(got).hasSize(1);
        assertThat(got[0].getName()).isEqualTo("Mixed Case");
        assertThat(got[0].getParameter()).isEmpty();
        assertThat(got[0].getPID()).isEqualTo(pid(sender));
        PGNotification[] own = sender.unwrap(PGConnection.class).getNotifications(30_000);
        assertThat(own).hasSize(1);
        assertThat(own[0].getPID()).isEqualTo(pid(sender));
        assertThat(TestSessions.rows(sender, "SELECT * FROM pg_listening_channels()")).containsExactly("Mixed Case");
    }

    @Test
    void listenTakesEffectAtCommitAndUnlistenStopsDelivery() throws Exception {
        Connection listener = sessions.connect();
        Connection sender = sessions.connect();
        listener.setAutoCommit(false);
        execute(listener, "LISTEN late");
        execute(listener, "LISTEN early");
        assertThat(TestSessions.rows(listener, "SELECT * FROM pg_listening_channels()")).isEmpty();
        listener.rollback();
        execute(listener, "LISTEN early");
        listener.commit();
        listener.setAutoCommit(true);
        assertThat(TestSessions.rows(listener, "SELECT * FROM pg_listening_channels()")).containsExactly("early");
        execute(sender, "NOTIFY late, 'rolled back listen'");
        assertThat(receiveUpToMarker(sender, listener, "early")).containsExactly("early:marker");

        execute(listener, "LISTEN second");
        execute(listener, "UNLISTEN early");
        assertThat(TestSessions.rows(listener, "SELECT * FROM pg_listening_channels()")).containsExactly("second");
        execute(sender, "NOTIFY early, 'after unlisten'");
        assertThat(receiveUpToMarker(sender, listener, "second")).containsExactly("second:marker");
        execute(listener, "UNLISTEN *");
        assertThat(TestSessions.rows(listener, "SELECT * FROM pg_listening_channels()")).isEmpty();
        execute(listener, "LISTEN third");
        execute(listener, "DISCARD ALL");
        assertThat(TestSessions.rows(listener, "SELECT * FROM pg_listening_channels()")).isEmpty();
    }

    @Test
    void triggersAndDoBlocksNotifyThroughPgNotifyAndNotify() throws Exception {
        Connection listener = sessions.connect();
        Connection writer = sessions.connect();
        execute(listener, "LISTEN table_changes");
        execute(writer, "CREATE TABLE notified_rows (id int)");
        execute(writer, """
                CREATE FUNCTION notify_row() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN PERFORM pg_notify('table_changes', 'row ' || NEW.id); RETURN NEW; END $$""");
        execute(writer, "CREATE TRIGGER notify_row AFTER INSERT ON notified_rows FOR EACH ROW EXECUTE FUNCTION notify_row()");
        execute(writer, "INSERT INTO notified_rows VALUES (1), (2)");
        execute(writer, "DO $$ BEGIN NOTIFY table_changes, 'from do'; END $$");
        assertThat(receive(listener, 3, 30_000))
                .containsExactly("table_changes:row 1", "table_changes:row 2", "table_changes:from do");
    }

    @Test
    void aListenerInATransactionGetsTheNotificationsAfterItAndAnIdleOneAtOnce() throws Exception {
        Connection listener = sessions.connect();
        Connection sender = sessions.connect();
        execute(listener, "LISTEN jobs");
        listener.setAutoCommit(false);
        execute(listener, "SELECT 1");
        execute(sender, "NOTIFY jobs, 'during transaction'");
        assertThat(receive(listener, 1, 300)).as("not while in a transaction").isEmpty();
        listener.commit();
        listener.setAutoCommit(true);
        assertThat(receive(listener, 1, 30_000)).containsExactly("jobs:during transaction");

        // idle, blocked in getNotifications: the server sends without the client asking
        Future<List<String>> waiting = sessions.inBackground(() -> receive(listener, 2, 60_000));
        Thread.sleep(200);
        execute(sender, "NOTIFY jobs, 'while idle'");
        execute(sender, "SELECT pg_notify('jobs', 'again')");
        assertThat(waiting.get(60, TimeUnit.SECONDS)).containsExactly("jobs:while idle", "jobs:again");
    }

    @Test
    void sessionsOfAnotherDatabaseGetNothing() throws Exception {
        Connection postgres = sessions.connect();
        execute(postgres, "DROP DATABASE IF EXISTS notify_other");
        execute(postgres, "CREATE DATABASE notify_other");
        Connection elsewhere = sessions.connectTo("notify_other", server.superuser());
        Connection elsewhereSender = sessions.connectTo("notify_other", server.superuser());
        execute(elsewhere, "LISTEN shared_name");
        execute(postgres, "NOTIFY shared_name, 'postgres only'");
        assertThat(receiveUpToMarker(elsewhereSender, elsewhere, "shared_name")).containsExactly("shared_name:marker");
        elsewhere.close();
        elsewhereSender.close();
    }

    @Test
    void badChannelsPayloadsAndPrepareAreRefusedAsInPostgres() throws Exception {
        Connection session = sessions.connect();
        PSQLException empty = error(session, "SELECT pg_notify('', 'x')");
        assertThat(empty.getSQLState()).isEqualTo("22023");
        assertThat(empty.getServerErrorMessage().getMessage()).isEqualTo("channel name cannot be empty");
        assertThat(error(session, "SELECT pg_notify(NULL, 'x')").getServerErrorMessage().getMessage())
                .isEqualTo("channel name cannot be empty");
        PSQLException longName = error(session, "SELECT pg_notify(repeat('c', 64), 'x')");
        assertThat(longName.getSQLState()).isEqualTo("22023");
        assertThat(longName.getServerErrorMessage().getMessage()).isEqualTo("channel name too long");
        PSQLException longPayload = error(session, "SELECT pg_notify('c', repeat('p', 8000))");
        assertThat(longPayload.getSQLState()).isEqualTo("22023");
        assertThat(longPayload.getServerErrorMessage().getMessage()).isEqualTo("payload string too long");
        execute(session, "SELECT pg_notify(repeat('c', 63), repeat('p', 7999))");
        execute(session, "SELECT pg_notify('c', NULL)");
        PSQLException syntax = error(session, "NOTIFY c, 42");
        assertThat(syntax.getSQLState()).isEqualTo("42601");

        for (String command : List.of("LISTEN c", "UNLISTEN c", "NOTIFY c")) {
            execute(session, "LISTEN warm_up");
            execute(session, "BEGIN");
            execute(session, command);
            PSQLException prepare = error(session, "PREPARE TRANSACTION 'p'");
            assertThat(prepare.getSQLState()).as(command).isEqualTo("0A000");
            assertThat(prepare.getServerErrorMessage().getMessage())
                    .isEqualTo("cannot PREPARE a transaction that has executed LISTEN, UNLISTEN, or NOTIFY");
            assertThat(TestSessions.firstValue(session, "SELECT count(*) FROM pg_listening_channels()"))
                    .as("the transaction rolled back").isEqualTo("1");
        }
    }

    @Test
    void aListenerStuckInATransactionFillsTheQueueAndNotifyThenFails() throws Exception {
        Connection listener = sessions.connect();
        Connection sender = sessions.connect();
        execute(listener, "LISTEN bulk");
        listener.setAutoCommit(false);
        execute(listener, "SELECT 1");
        int listenerPid = pid(listener);
        String batch = "SELECT pg_notify('bulk', i || repeat('x', 7990)) FROM generate_series(1, 1000) i";
        List<String> warnings = new ArrayList<>();
        PSQLException full = null;
        int committed = 0;
        while (full == null && committed < 20) {
            try (Statement statement = sender.createStatement()) {
                statement.execute(batch);
                for (java.sql.SQLWarning warning = statement.getWarnings(); warning != null; warning = warning.getNextWarning()) {
                    var message = ((PSQLWarning) warning).getServerErrorMessage();
                    warnings.add(message.getMessage() + "|" + message.getDetail());
                }
                committed++;
            } catch (PSQLException e) {
                full = e;
            }
        }
        assertThat((Object) full).as("the queue fills").isNotNull();
        assertThat(full.getSQLState()).isEqualTo("54000");
        assertThat(full.getServerErrorMessage().getMessage()).isEqualTo("too many notifications in the NOTIFY queue");
        assertThat(committed).isBetween(4, 16);
        assertThat(warnings).isNotEmpty();
        assertThat(warnings.get(0)).matches("NOTIFY queue is \\d+% full\\|The server process with PID " + listenerPid
                + " is among those with the oldest transactions\\.");
        double usage = Double.parseDouble(TestSessions.firstValue(sender, "SELECT pg_notification_queue_usage()"));
        assertThat(usage).isGreaterThan(0.5);

        listener.commit();
        listener.setAutoCommit(true);
        assertThat(receive(listener, committed * 1000, 60_000)).hasSize(committed * 1000);
        assertThat(Double.parseDouble(TestSessions.firstValue(sender, "SELECT pg_notification_queue_usage()")))
                .isZero();
        execute(sender, "NOTIFY bulk, 'room again'");
        assertThat(receive(listener, 1, 30_000)).containsExactly("bulk:room again");
    }

    @Test
    void psqlPrintsTheNotificationsItReceives() throws Exception {
        String output = PsqlIT.run(server, """
                LISTEN "psql channel";
                SELECT pg_backend_pid() AS pid \\gset
                NOTIFY "psql channel", 'with payload';
                BEGIN;
                NOTIFY "psql channel";
                SELECT 'in transaction';
                COMMIT;
                \\echo pid :pid
                """, "-A", "-t");
        String pid = output.lines().filter(line -> line.startsWith("pid ")).findFirst().orElseThrow().substring(4);
        assertThat(output).isEqualTo("LISTEN\n"
                + "NOTIFY\n"
                + "Asynchronous notification \"psql channel\" with payload \"with payload\" received from server "
                + "process with PID " + pid + ".\n"
                + "BEGIN\n"
                + "NOTIFY\n"
                + "in transaction\n"
                + "COMMIT\n"
                + "Asynchronous notification \"psql channel\" received from server process with PID " + pid + ".\n"
                + "pid " + pid + "\n");
    }
}
