package org.woolly.commands.async;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.woolly.utils.adt.NotificationFunctions;
import org.woolly.utils.error.NoticeSink;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

/**
 * One backend's side of LISTEN/NOTIFY: the backend-local state of {@code src/backend/commands/async.c}
 * ({@code pendingActions}, {@code pendingNotifies}, {@code listenChannels}) over the server's
 * {@link NotificationQueue}.
 *
 * <p>Everything is transactional. LISTEN and UNLISTEN are recorded and applied at commit
 * ({@code Exec_ListenPreCommit} registers the backend with the queue before the commit record,
 * so nothing committed after it is missed; {@code AtCommit_Notify} changes the channel list).
 * NOTIFY is recorded with duplicates (same channel and payload) dropped, and the transaction's
 * notifications go into the queue before its commit record ({@code PreCommit_Notify}), become
 * readable when it committed and are skipped when it aborted. A savepoint rolled back drops what
 * was recorded since it began ({@code AtSubAbort_Notify}); one released keeps it for the parent.
 * The transaction's owner calls {@link #preCommit()}, {@link #atCommit()}, {@link #atAbort()} and
 * the subtransaction hooks, and reads what arrived with {@link #takeDeliverable()} only when no
 * transaction is open (the backend loop: {@code ProcessIncomingNotify}).
 */
public final class SessionNotifications implements NotificationFunctions {
    /** {@code NOTIFY_PAYLOAD_MAX_LENGTH}: BLCKSZ - NAMEDATALEN - 128. */
    static final int PAYLOAD_MAX_BYTES = 8000;
    /** {@code NAMEDATALEN}: a channel name is a name, at most 63 bytes. */
    static final int NAME_DATA_LENGTH = 64;

    private enum ActionKind { LISTEN, UNLISTEN, UNLISTEN_ALL }

    private record Action(ActionKind kind, String channel) {}

    private record Pending(String channel, String payload) {}

    private final NotificationQueue queue;
    private final int pid;
    private final int databaseOid;
    private final NoticeSink notices;
    private final List<Action> actions = new ArrayList<>();
    private final List<Pending> notifications = new ArrayList<>();
    private final Set<Pending> notified = new HashSet<>();
    /** Sizes of {@link #actions} and {@link #notifications} when each open savepoint began. */
    private final Deque<int[]> savepoints = new ArrayDeque<>();
    /** The channels listened on as of the last commit ({@code listenChannels}), in LISTEN order. */
    private final Set<String> channels = new LinkedHashSet<>();
    private NotificationQueue.Listener listener;
    /** Whether the backend ever listened ({@code unlistenExitRegistered}): UNLISTEN is a no-op until then. */
    private boolean everListened;
    private NotificationQueue.Batch batch;
    private volatile Runnable signal = () -> { };

    /**
     * @param notices where the queue's fill warning goes
     */
    public SessionNotifications(NotificationQueue queue, int pid, int databaseOid, NoticeSink notices) {
        this.queue = queue;
        this.pid = pid;
        this.databaseOid = databaseOid;
        this.notices = notices;
    }

    /**
     * What to run, from another backend's thread and without blocking, when notifications may be
     * waiting for this one ({@code HandleNotifyInterrupt}).
     */
    public void onSignal(Runnable action) {
        this.signal = action;
    }

    /** {@code Async_Listen}: LISTEN at commit. */
    public void listen(String channel) {
        actions.add(new Action(ActionKind.LISTEN, channel));
    }

    /** {@code Async_Unlisten} and {@code Async_UnlistenAll} (channel null): UNLISTEN at commit. */
    public void unlisten(String channel) {
        if (actions.isEmpty() && !everListened) {
            // as Async_Unlisten: a backend that never listened has nothing to undo
            return;
        }
        actions.add(new Action(channel == null ? ActionKind.UNLISTEN_ALL : ActionKind.UNLISTEN, channel));
    }

    /** {@code Async_Notify}; see {@link NotificationFunctions#notify}. */
    @Override
    public void notify(String channel, String payload) {
        if (channel == null || channel.isEmpty()) {
            throw SqlException.of(SqlState.INVALID_PARAMETER_VALUE, "channel name cannot be empty");
        }
        if (channel.getBytes(StandardCharsets.UTF_8).length >= NAME_DATA_LENGTH) {
            throw SqlException.of(SqlState.INVALID_PARAMETER_VALUE, "channel name too long");
        }
        String text = payload == null ? "" : payload;
        if (text.getBytes(StandardCharsets.UTF_8).length >= PAYLOAD_MAX_BYTES) {
            throw SqlException.of(SqlState.INVALID_PARAMETER_VALUE, "payload string too long");
        }
        Pending pending = new Pending(channel, text);
        if (notified.add(pending)) {
            notifications.add(pending);
        }
    }

    @Override
    public List<String> listeningChannels() {
        return List.copyOf(channels);
    }

    @Override
    public double queueUsage() {
        return queue.usage();
    }

    /** Whether the transaction ran LISTEN, UNLISTEN or NOTIFY: PREPARE TRANSACTION refuses it ({@code AtPrepare_Notify}). */
    public boolean hasPendingActions() {
        return !actions.isEmpty() || !notifications.isEmpty();
    }

    /**
     * {@code PreCommit_Notify}, before the commit record: registers with the queue if the
     * transaction listens, and appends its notifications (54000 when the queue is full, which
     * rolls the transaction back).
     */
    public void preCommit() {
        if (listener == null && actions.stream().anyMatch(action -> action.kind() == ActionKind.LISTEN)) {
            listener = queue.register(pid, databaseOid, () -> signal.run());
            everListened = true;
        }
        if (!notifications.isEmpty()) {
            List<Notification> queued = new ArrayList<>(notifications.size());
            for (Pending pending : notifications) {
                queued.add(new Notification(pid, pending.channel(), pending.payload()));
            }
            NotificationQueue.Appended appended = queue.append(databaseOid, queued);
            batch = appended.batch();
            if (appended.warning() != null) {
                notices.notice(appended.warning());
            }
        }
    }

    /** {@code AtCommit_Notify}: the LISTENs and UNLISTENs take effect, the notifications become readable. */
    public void atCommit() {
        for (Action action : actions) {
            switch (action.kind()) {
                case LISTEN -> channels.add(action.channel());
                case UNLISTEN -> channels.remove(action.channel());
                case UNLISTEN_ALL -> channels.clear();
            }
        }
        end(true);
    }

    /** {@code AtAbort_Notify}: what the transaction recorded is dropped, its queued notifications skipped. */
    public void atAbort() {
        end(false);
    }

    /**
     * The transaction's end: its records go, a backend left without channels leaves the queue
     * (also one registered by a pre-commit whose commit failed), and its batch is settled.
     */
    private void end(boolean committed) {
        NotificationQueue.Batch ended = batch;
        clear();
        if (channels.isEmpty()) {
            stopListening();
        }
        if (ended != null && committed) {
            queue.commit(ended);
        } else if (ended != null) {
            queue.abort(ended);
        }
    }

    private void clear() {
        actions.clear();
        notifications.clear();
        notified.clear();
        savepoints.clear();
        batch = null;
    }

    private void stopListening() {
        if (listener != null) {
            queue.unregister(listener);
            listener = null;
        }
    }

    /** A savepoint begins ({@code AtSubStart_Notify}). */
    public void atSubtransactionStart() {
        savepoints.push(new int[] {actions.size(), notifications.size()});
    }

    /**
     * A savepoint ends: released, its actions and notifications pass to the parent
     * ({@code AtSubCommit_Notify}); rolled back, they are dropped ({@code AtSubAbort_Notify}).
     */
    public void atSubtransactionEnd(boolean committed) {
        int[] start = savepoints.poll();
        if (start == null || committed) {
            return;
        }
        actions.subList(start[0], actions.size()).clear();
        List<Pending> dropped = notifications.subList(start[1], notifications.size());
        dropped.forEach(notified::remove);
        dropped.clear();
    }

    /**
     * The notifications that arrived for this backend's channels since it last read, in the
     * order their transactions queued them ({@code asyncQueueReadAllNotifications}); empty when
     * it does not listen. Called only outside a transaction.
     */
    public List<Notification> takeDeliverable() {
        NotificationQueue.Listener reading = listener;
        if (reading == null) {
            return List.of();
        }
        return queue.read(reading, channels::contains);
    }

    /** The session ends ({@code Async_UnlistenOnExit}): its transaction is gone, it listens no more. */
    public void close() {
        atAbort();
        channels.clear();
        stopListening();
    }
}
