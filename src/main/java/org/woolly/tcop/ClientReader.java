package org.woolly.tcop;

import java.io.IOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.woolly.protocol.MessageReader;
import org.woolly.utils.error.Severity;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;
import org.woolly.utils.misc.Interrupts;

/**
 * Reads the client's messages on a thread of its own, a few ahead of the backend, so that a
 * client that goes away is noticed while its backend is busy, in a lock wait above all: the
 * backend is then interrupted with FATAL 08006 "connection to client lost", its transaction
 * aborts and its locks (and its place in lock queues) are released at once instead of when the
 * wait would have ended. PostgreSQL checks this with {@code client_connection_check_interval}
 * ({@code pq_check_connection} in {@code pqcomm.c}); here the reading thread sees the end of
 * the stream as soon as it arrives.
 */
final class ClientReader {
    /** What the backend takes: a message, the end of the stream, or the reader's failure. */
    private sealed interface Item {}

    private record Received(MessageReader.Message message) implements Item {}

    private record EndOfStream() implements Item {}

    private record Failed(Exception error) implements Item {}

    private static final int READ_AHEAD = 16;

    private final MessageReader reader;
    private final BlockingQueue<Item> received = new ArrayBlockingQueue<>(READ_AHEAD);
    /** Messages taken off {@link #received} in one go by {@link #nextTakingAhead}, handed out first. */
    private final java.util.ArrayDeque<MessageReader.Message> taken = new java.util.ArrayDeque<>();

    ClientReader(MessageReader reader) {
        this.reader = reader;
    }

    /** Starts reading; a client gone away raises FATAL on {@code interrupts} (if not null). */
    void start(Interrupts interrupts) {
        Thread.ofVirtual().name("woolly: client reader").start(() -> readLoop(interrupts));
    }

    private void readLoop(Interrupts interrupts) {
        Item last;
        try {
            while (true) {
                MessageReader.Message message = reader.readMessage();
                if (message == null) {
                    last = new EndOfStream();
                    break;
                }
                received.put(new Received(message));
            }
        } catch (InterruptedException e) {
            return;
        } catch (SqlException e) {
            // a protocol violation: reported when the backend comes to read it, as PostgreSQL does
            last = new Failed(e);
        } catch (IOException e) {
            last = new Failed(e);
        }
        if (interrupts != null && !(last instanceof Failed failed && failed.error() instanceof SqlException)) {
            interrupts.raise(new SqlException(Severity.FATAL, SqlState.CONNECTION_FAILURE, "connection to client lost",
                    null, null, 0, null));
        }
        try {
            received.put(last);
        } catch (InterruptedException e) {
            // nobody will take it: the backend has ended
        }
    }

    /**
     * Ends the backend's wait for the next message as an end of stream would (the idle timeouts,
     * after they sent their FATAL). Interrupting the backend thread instead could leave its
     * interrupt flag set, and a FileChannel written by an interrupted thread is closed for all.
     */
    void endWait() {
        // a full queue means the backend is not waiting: it will see that the session ended
        received.offer(new EndOfStream());
    }

    /**
     * {@link #next()}, and besides up to {@code max} more messages already received taken off
     * the queue without waiting (not the end of the stream or a failure, left for later calls).
     * COPY FROM reads this way: a client sends one CopyData message per row, and handing each
     * over on its own would cost a wake-up of the reading thread and the backend per row.
     */
    MessageReader.Message nextTakingAhead(int max) throws IOException {
        MessageReader.Message message = next();
        if (message != null && taken.isEmpty()) {
            for (int i = 0; i < max && received.peek() instanceof Received ahead; i++) {
                received.poll();
                taken.add(ahead.message());
            }
        }
        return message;
    }

    /**
     * The next message as {@link MessageReader#readMessage()} returns it: null at the end of the
     * stream (or after {@link #endWait}).
     */
    MessageReader.Message next() throws IOException {
        MessageReader.Message first = taken.poll();
        if (first != null) {
            return first;
        }
        Item item;
        try {
            item = received.take();
        } catch (InterruptedException e) {
            return null;
        }
        return switch (item) {
            case Received message -> message.message();
            case EndOfStream ignored -> null;
            case Failed failed when failed.error() instanceof IOException io -> throw io;
            case Failed failed -> throw (SqlException) failed.error();
        };
    }
}
