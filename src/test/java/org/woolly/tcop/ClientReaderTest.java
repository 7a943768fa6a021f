package org.woolly.tcop;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.woolly.protocol.MessageReader;
import org.woolly.protocol.MessageTypes;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;
import org.woolly.utils.misc.Interrupts;

/** Who reads the client's stream: the backend itself, or the reading thread while it must watch. */
class ClientReaderTest {
    private final PipedOutputStream client = new PipedOutputStream();
    private final PipedInputStream server = new PipedInputStream(64 * 1024);

    ClientReaderTest() throws IOException {
        server.connect(client);
    }

    /** Query messages, written in one go (a pipe refuses writes once its last reader thread ended). */
    private void send(String... queries) throws IOException {
        java.io.ByteArrayOutputStream frames = new java.io.ByteArrayOutputStream();
        for (String query : queries) {
            byte[] text = (query + "\0").getBytes(StandardCharsets.UTF_8);
            int length = 4 + text.length;
            frames.write(new byte[] {MessageTypes.QUERY, (byte) (length >>> 24), (byte) (length >>> 16),
                    (byte) (length >>> 8), (byte) length});
            frames.write(text);
        }
        client.write(frames.toByteArray());
        client.flush();
    }

    private static String text(MessageReader.Message message) {
        return new String(message.body(), 0, message.body().length - 1, StandardCharsets.UTF_8);
    }

    @Test
    void messagesKeepTheirOrderWhileTheStreamPassesBetweenBackendAndReadingThread() throws Exception {
        ClientReader reader = new ClientReader(new MessageReader(server));
        reader.start(null);
        send("one", "two");
        assertThat(text(reader.next())).as("read by the backend itself").isEqualTo("one");
        reader.watchWhileIdle(true);
        assertThat(text(reader.next())).isEqualTo("two");
        reader.watchWhileIdle(false);
        send("three", "four", "five");
        assertThat(text(reader.next())).isEqualTo("three");
        assertThat(text(reader.next())).isEqualTo("four");
        assertThat(text(reader.next())).isEqualTo("five");
        client.close();
        assertThat(reader.next()).as("end of stream").isNull();
    }

    @Test
    void anIdleTimeoutEndsTheWaitOnlyThroughTheReadingThread() throws Exception {
        ClientReader reader = new ClientReader(new MessageReader(server));
        reader.start(null);
        reader.watchWhileIdle(true);
        Thread.ofVirtual().start(() -> {
            try {
                TimeUnit.MILLISECONDS.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            reader.endWait();
        });
        assertThat(reader.next()).as("the wait ended as at the end of the stream").isNull();
    }

    @Test
    void aClientGoneAwayDuringALongWaitRaisesFatalOnTheBackend() throws Exception {
        Interrupts interrupts = new Interrupts();
        ClientReader reader = new ClientReader(new MessageReader(server));
        reader.start(interrupts);
        Interrupts.bind(interrupts);
        try {
            java.util.concurrent.locks.ReentrantLock lock = new java.util.concurrent.locks.ReentrantLock();
            java.util.concurrent.locks.Condition never = lock.newCondition();
            lock.lock();
            try {
                // a lock wait of one whole slice starts the reading thread
                Interrupts.awaitInterruptibly(never, TimeUnit.MILLISECONDS.toNanos(Interrupts.WAIT_SLICE_MILLIS));
                client.close();
                SqlException raised = null;
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (raised == null && System.nanoTime() < deadline) {
                    try {
                        Interrupts.awaitInterruptibly(never, TimeUnit.MILLISECONDS.toNanos(Interrupts.WAIT_SLICE_MILLIS));
                    } catch (SqlException e) {
                        raised = e;
                    }
                }
                assertThat(raised).isNotNull();
                assertThat(raised.sqlState()).isEqualTo(SqlState.CONNECTION_FAILURE);
                assertThat(raised.getMessage()).isEqualTo("connection to client lost");
            } finally {
                lock.unlock();
            }
        } finally {
            Interrupts.unbind();
        }
    }
}
