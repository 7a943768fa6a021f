package org.woolly.tcop;

import java.io.IOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.woolly.protocol.MessageReader;
import org.woolly.utils.error.Severity;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;
import org.woolly.utils.misc.Interrupts;

/**
 * The client's messages for one backend. The backend reads them itself, on its own thread, as
 * PostgreSQL's {@code pq_getmessage} does: a message that arrives wakes the backend directly,
 * with no second thread to hand it over (that hand-over cost a wake-up per message and halved
 * single-client throughput).
 *
 * <p>A thread of its own reads ahead only while someone must notice a client that goes away
 * while the backend is not reading: when the backend has waited a while (a lock wait above all:
 * {@link Interrupts#onLongWait}) and while an idle timeout is armed. The end of the stream then
 * raises FATAL 08006 "connection to client lost" on the backend's interrupts, so a backend
 * waiting for a lock aborts and releases its locks (and its place in lock queues) at once
 * instead of when the wait would have ended. PostgreSQL checks this with
 * {@code client_connection_check_interval} ({@code pq_check_connection} in {@code pqcomm.c}).
 * Once the backend reads again with no reason to watch, the reading thread stops after the next
 * message and hands the stream back.
 */
final class ClientReader {
    /** What the backend takes: a message, the end of the stream, the reader's failure, or the stream back. */
    private sealed interface Item {}

    private record Received(MessageReader.Message message) implements Item {}

    private record EndOfStream() implements Item {}

    private record Failed(Exception error) implements Item {}

    /** The reading thread has stopped: the backend reads the stream itself again. */
    private record HandedBack() implements Item {}

    private static final int READ_AHEAD = 16;

    /** Who reads the stream: the backend itself. */
    private static final int DIRECT = 0;
    /** Who reads the stream: the reading thread, which goes on. */
    private static final int WATCHING = 1;
    /** Who reads the stream: the reading thread, which stops after its next message. */
    private static final int STOP_REQUESTED = 2;
    /** The reading thread has stopped; its {@link HandedBack} is (or is about to be) queued. */
    private static final int STOPPED = 3;

    private final MessageReader reader;
    private final BlockingQueue<Item> received = new ArrayBlockingQueue<>(READ_AHEAD);
    /** Messages taken off {@link #received} in one go by {@link #nextTakingAhead}, handed out first. */
    private final java.util.ArrayDeque<MessageReader.Message> taken = new java.util.ArrayDeque<>();
    private final AtomicInteger state = new AtomicInteger(DIRECT);
    private Interrupts interrupts;
    /** Set by the backend while an idle timeout is armed: {@link #endWait} must be able to end its wait. */
    private boolean watchWhileIdle;

    ClientReader(MessageReader reader) {
        this.reader = reader;
    }

    /**
     * Makes a client gone away raise FATAL on {@code interrupts} (if not null) while the backend
     * waits: the reading thread starts when a wait of the backend lasts.
     */
    void start(Interrupts interrupts) {
        this.interrupts = interrupts;
        if (interrupts != null) {
            interrupts.onLongWait(this::watch);
        }
    }

    /**
     * Whether the next wait for a message must be endable by {@link #endWait} (an idle timeout is
     * armed): the reading thread then reads while the backend waits. Called by the backend.
     */
    void watchWhileIdle(boolean on) {
        watchWhileIdle = on;
        if (on) {
            watch();
        }
    }

    /** Starts (or keeps) the reading thread. Called on the backend's thread, never while it reads. */
    private void watch() {
        while (true) {
            int current = state.get();
            if (current == WATCHING || (current == STOP_REQUESTED && state.compareAndSet(STOP_REQUESTED, WATCHING))) {
                return;
            }
            // DIRECT, or STOPPED: the last reading thread has done its last read, a new one may start
            if ((current == DIRECT || current == STOPPED) && state.compareAndSet(current, WATCHING)) {
                Thread.ofVirtual().name("woolly: client reader").start(this::readLoop);
                return;
            }
        }
    }

    private void readLoop() {
        Item last;
        try {
            while (true) {
                MessageReader.Message message = reader.readMessage();
                if (message == null) {
                    last = new EndOfStream();
                    break;
                }
                received.put(new Received(message));
                if (state.compareAndSet(STOP_REQUESTED, STOPPED)) {
                    received.put(new HandedBack());
                    return;
                }
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
     * after they sent their FATAL; the reading thread runs while they are armed). Interrupting
     * the backend thread instead could leave its interrupt flag set, and a FileChannel written
     * by an interrupted thread is closed for all.
     */
    void endWait() {
        // a full queue means the backend is not waiting: it will see that the session ended
        received.offer(new EndOfStream());
    }

    /**
     * {@link #next()}, and besides up to {@code max} more messages already received taken off
     * the queue without waiting (not the end of the stream or a failure, left for later calls).
     * COPY FROM reads this way while the reading thread runs: a client sends one CopyData message
     * per row, and handing each over on its own would cost a wake-up of the reading thread and
     * the backend per row.
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
        while (true) {
            MessageReader.Message first = taken.poll();
            if (first != null) {
                return first;
            }
            int current = state.get();
            if (current == DIRECT && received.isEmpty()) {
                return reader.readMessage();
            }
            if (current == WATCHING && !watchWhileIdle) {
                state.compareAndSet(WATCHING, STOP_REQUESTED);
            }
            Item item;
            try {
                item = received.take();
            } catch (InterruptedException e) {
                return null;
            }
            switch (item) {
                case Received message -> {
                    return message.message();
                }
                case HandedBack ignored -> {
                    // a newer reading thread may have started since: then it keeps the stream
                    state.compareAndSet(STOPPED, DIRECT);
                }
                case EndOfStream ignored -> {
                    return null;
                }
                case Failed failed when failed.error() instanceof IOException io -> throw io;
                case Failed failed -> throw (SqlException) failed.error();
            }
        }
    }
}
