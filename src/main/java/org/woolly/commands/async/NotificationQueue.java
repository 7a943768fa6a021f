package org.woolly.commands.async;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;
import org.woolly.utils.error.Severity;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

/**
 * The server's notification queue, shared by every backend: PostgreSQL's {@code AsyncQueueControl}
 * and its SLRU of {@code AsyncQueueEntry} pages ({@code src/backend/commands/async.c}), kept in
 * memory here.
 *
 * <p>Rules, as async.c's header comment gives them:
 * <ul>
 * <li>A committing transaction appends all its notifications at once before its commit record
 *     ({@code PreCommit_Notify}), as one batch whose state says whether it committed. Readers
 *     deliver a committed batch's entries, skip an aborted one's and stop at one still in
 *     progress, so entries come out in queue order and only once their transaction committed.</li>
 * <li>Each listening backend has a read position ({@code QUEUE_BACKEND_POS}); the tail is the
 *     oldest of them, and entries behind it are dropped ({@code asyncQueueAdvanceTail}). With no
 *     listener every entry is behind the tail at once.</li>
 * <li>The queue is bounded ({@link #capacityBytes()}, counted as PostgreSQL sizes its entries);
 *     a batch that does not fit fails the committing transaction with 54000 "too many
 *     notifications in the NOTIFY queue" ({@code asyncQueueIsFull}), so a listener that stays in
 *     a transaction makes senders fail instead of the server's memory grow. From half full on,
 *     senders get a WARNING naming the backend that holds the tail, at most every 5 seconds
 *     ({@code asyncQueueFillWarning}).</li>
 * <li>After a commit every listener that has something unread is signalled
 *     ({@code SignalBackends}); the signal only asks the backend to read when it is idle.</li>
 * </ul>
 * Positions count entries from the server start; one lock guards the entries and positions
 * ({@code NotifyQueueLock}).
 */
public final class NotificationQueue {
    /**
     * The default bound: 64 MB of entries. PostgreSQL 15's queue holds up to 8 GB in
     * {@code pg_notify/} files; Woolly's is in memory, so it is smaller.
     */
    public static final long DEFAULT_CAPACITY_BYTES = 64L << 20;

    /** {@code AsyncQueueEntry}'s fixed part: length, database OID, XID and sender pid. */
    private static final int ENTRY_HEADER_BYTES = 16;
    /** {@code QUEUE_FULL_WARN_INTERVAL}: the fill warning repeats at most this often. */
    private static final long FULL_WARNING_INTERVAL_NANOS = 5_000_000_000L;

    /** Where a batch's transaction is: readers stop at IN_PROGRESS ({@code TransactionIdIsInProgress}). */
    enum BatchState { IN_PROGRESS, COMMITTED, ABORTED }

    /** The notifications one transaction appended; its state changes once, at commit or abort. */
    public static final class Batch {
        private volatile BatchState state = BatchState.IN_PROGRESS;
    }

    private record Entry(int databaseOid, Notification notification, Batch batch, int size) {}

    /** One listening backend ({@code QueueBackendStatus}). */
    public static final class Listener {
        private final int pid;
        private final int databaseOid;
        private final Runnable signal;
        private long position;

        private Listener(int pid, int databaseOid, Runnable signal, long position) {
            this.pid = pid;
            this.databaseOid = databaseOid;
            this.signal = signal;
            this.position = position;
        }
    }

    private final long capacityBytes;
    private final ReentrantLock lock = new ReentrantLock();
    /** Entries from {@link #firstPosition}; those before {@link #tail} are null, removed in bulk. */
    private final List<Entry> entries = new ArrayList<>();
    private long firstPosition;
    private long tail;
    private long usedBytes;
    private final Map<Integer, Listener> listeners = new ConcurrentHashMap<>();
    private long lastFullWarning = System.nanoTime() - FULL_WARNING_INTERVAL_NANOS;

    public NotificationQueue() {
        this(DEFAULT_CAPACITY_BYTES);
    }

    public NotificationQueue(long capacityBytes) {
        this.capacityBytes = capacityBytes;
    }

    public long capacityBytes() {
        return capacityBytes;
    }

    /** The position the next entry gets ({@code QUEUE_HEAD}). */
    private long head() {
        return firstPosition + entries.size();
    }

    /** Bytes an entry takes, as {@code asyncQueueNotificationToEntry} sizes it (aligned to 4). */
    static int entrySize(Notification notification) {
        int length = ENTRY_HEADER_BYTES + notification.channel().getBytes(StandardCharsets.UTF_8).length + 1
                + notification.payload().getBytes(StandardCharsets.UTF_8).length + 1;
        return (length + 3) & ~3;
    }

    /**
     * Registers a listening backend at the queue's head ({@code Exec_ListenPreCommit}): it reads
     * what commits from now on. {@code signal} is run, on the committing backend's thread, when
     * there may be something to read: it must only hand the work on.
     */
    public Listener register(int pid, int databaseOid, Runnable signal) {
        lock.lock();
        try {
            Listener listener = new Listener(pid, databaseOid, signal, head());
            listeners.put(pid, listener);
            return listener;
        } finally {
            lock.unlock();
        }
    }

    /** The backend stops listening ({@code asyncQueueUnregister}); the tail may move on. */
    public void unregister(Listener listener) {
        lock.lock();
        try {
            listeners.remove(listener.pid, listener);
            advanceTail();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Appends a transaction's notifications, in order, as one batch still in progress
     * ({@code asyncQueueAddEntries}); 54000 if they do not fit. Returns the batch and, when the
     * queue is at least half full, the WARNING to give the sender (null otherwise).
     */
    public Appended append(int databaseOid, List<Notification> notifications) {
        lock.lock();
        try {
            advanceTail();
            long bytes = 0;
            for (Notification notification : notifications) {
                bytes += entrySize(notification);
            }
            if (usedBytes + bytes > capacityBytes) {
                throw SqlException.of(SqlState.PROGRAM_LIMIT_EXCEEDED, "too many notifications in the NOTIFY queue");
            }
            Batch batch = new Batch();
            for (Notification notification : notifications) {
                int size = entrySize(notification);
                entries.add(new Entry(databaseOid, notification, batch, size));
                usedBytes += size;
            }
            return new Appended(batch, fillWarning());
        } finally {
            lock.unlock();
        }
    }

    /** What {@link #append} did: the batch to commit or abort, and a warning for the sender or null. */
    public record Appended(Batch batch, SqlException warning) {}

    /** {@code asyncQueueFillWarning}: from half full on, at most every 5 seconds. */
    private SqlException fillWarning() {
        double fill = usage();
        long now = System.nanoTime();
        if (fill < 0.5 || now - lastFullWarning < FULL_WARNING_INTERVAL_NANOS) {
            return null;
        }
        lastFullWarning = now;
        Listener oldest = null;
        for (Listener listener : listeners.values()) {
            if (listener.position == tail && (oldest == null || listener.pid < oldest.pid)) {
                oldest = listener;
            }
        }
        String message = String.format("NOTIFY queue is %.0f%% full", fill * 100);
        if (oldest == null) {
            return new SqlException(Severity.WARNING, SqlState.WARNING, message, null, null, 0, null);
        }
        return new SqlException(Severity.WARNING, SqlState.WARNING, message,
                "The server process with PID " + oldest.pid + " is among those with the oldest transactions.",
                "The NOTIFY queue cannot be emptied until that process ends its current transaction.", 0, null);
    }

    /** The batch's transaction committed: its entries may be read; the listeners are signalled. */
    public void commit(Batch batch) {
        batch.state = BatchState.COMMITTED;
        signalListeners();
    }

    /** The batch's transaction aborted: readers skip its entries (and may go past them now). */
    public void abort(Batch batch) {
        batch.state = BatchState.ABORTED;
        signalListeners();
    }

    /** {@code SignalBackends}: every listener with entries it has not read yet. */
    private void signalListeners() {
        List<Runnable> signals = new ArrayList<>();
        lock.lock();
        try {
            long head = head();
            for (Listener listener : listeners.values()) {
                if (listener.position < head) {
                    signals.add(listener.signal);
                }
            }
        } finally {
            lock.unlock();
        }
        signals.forEach(Runnable::run);
    }

    /**
     * Reads the listener's entries from its position up to the head or to the first batch still
     * in progress ({@code asyncQueueReadAllNotifications}), and returns the committed ones of its
     * database on a channel {@code listening} accepts, in queue order. The position moves past
     * everything read, and the tail with it.
     */
    public List<Notification> read(Listener listener, Predicate<String> listening) {
        List<Notification> delivered = new ArrayList<>();
        lock.lock();
        try {
            long head = head();
            while (listener.position < head) {
                Entry entry = entries.get((int) (listener.position - firstPosition));
                BatchState state = entry.batch.state;
                if (state == BatchState.IN_PROGRESS) {
                    break;
                }
                if (state == BatchState.COMMITTED && entry.databaseOid == listener.databaseOid
                        && listening.test(entry.notification.channel())) {
                    delivered.add(entry.notification);
                }
                listener.position++;
            }
            advanceTail();
        } finally {
            lock.unlock();
        }
        return delivered;
    }

    /** {@code pg_notification_queue_usage}: the fraction of the capacity the entries from the tail take. */
    public double usage() {
        lock.lock();
        try {
            return (double) usedBytes / capacityBytes;
        } finally {
            lock.unlock();
        }
    }

    /** Entries not yet dropped (for tests). */
    int size() {
        lock.lock();
        try {
            return (int) (head() - tail);
        } finally {
            lock.unlock();
        }
    }

    /** {@code asyncQueueAdvanceTail}: drops what every listener has read. Called with the lock held. */
    private void advanceTail() {
        long newTail = head();
        for (Listener listener : listeners.values()) {
            newTail = Math.min(newTail, listener.position);
        }
        while (tail < newTail) {
            int index = (int) (tail - firstPosition);
            usedBytes -= entries.get(index).size;
            entries.set(index, null);
            tail++;
        }
        int dropped = (int) (tail - firstPosition);
        if (dropped > 1024 && dropped > entries.size() / 2) {
            entries.subList(0, dropped).clear();
            firstPosition = tail;
        }
    }
}
