package org.woolly.storage.lmgr;

import java.time.Duration;
import java.util.ArrayList;
import java.util.ArrayDeque;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.woolly.utils.error.Severity;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;
import org.woolly.utils.misc.Interrupts;

/**
 * Heavyweight locks on relations and transactions, held by lock owners (one per transaction,
 * identified by a number like a backend's PID) until {@link #releaseAll}. A request that
 * conflicts with a lock held by another owner, or with an earlier waiter's request, waits in
 * FIFO order. After {@code deadlockTimeout} of waiting, the waiter builds the wait-for graph
 * (holders and earlier conflicting waiters) and, if it is part of a cycle, gives up its request
 * with 40P01 "deadlock detected". Waiting uses {@link Condition}s, so virtual threads unmount.
 * Counterpart of {@code src/backend/storage/lmgr/lock.c}, {@code proc.c} (ProcSleep) and
 * {@code deadlock.c}.
 */
public final class LockManager {

    private final ReentrantLock mutex = new ReentrantLock();
    private final Map<LockTag, LockState> locks = new HashMap<>();
    /** What each waiting owner waits for: the wait-for graph's source. */
    private final Map<Long, Waiter> waiting = new HashMap<>();
    private final Map<Long, Set<LockTag>> heldByOwner = new HashMap<>();
    /**
     * The backend pid of each owner that named one ({@code PGPROC}): a backend's transactions and
     * its session-level owner are all that backend in the wait-for graph, and locks of the same
     * backend never conflict when one of them is a session lock.
     */
    private final Map<Long, Long> processOf = new HashMap<>();
    /** What each backend waits for, by pid (a backend waits for one lock at a time). */
    private final Map<Long, Waiter> waitingByProcess = new HashMap<>();
    private final Duration deadlockTimeout;

    private final class LockState {
        final Map<Long, EnumMap<LockMode, Integer>> holders = new LinkedHashMap<>();
        final ArrayDeque<Waiter> queue = new ArrayDeque<>();
        final Condition changed = mutex.newCondition();
    }

    private record Waiter(long owner, long processId, LockTag tag, LockMode mode, long sinceMillis) {
        Waiter(long owner, long processId, LockTag tag, LockMode mode) {
            this(owner, processId, tag, mode, System.currentTimeMillis());
        }
    }

    /**
     * One held or awaited lock as {@code pg_locks} shows it ({@code LockInstanceData} of
     * {@code GetLockStatusData}).
     *
     * @param processId the owner's backend pid, or null for an owner that named none
     * @param waitStartMillis when the wait began (epoch milliseconds), or 0 for a granted lock
     */
    public record LockStatus(LockTag tag, long owner, Long processId, LockMode mode, boolean granted,
                             long waitStartMillis) {}

    public LockManager(Duration deadlockTimeout) {
        this.deadlockTimeout = deadlockTimeout;
    }

    /** PostgreSQL's default deadlock_timeout (1s). */
    public LockManager() {
        this(Duration.ofSeconds(1));
    }

    /**
     * The owner of a backend's session-level locks (advisory locks taken with
     * {@code pg_advisory_lock}, PostgreSQL's {@code sessionLock = true}): held across
     * transactions until released or {@link #releaseAll} at disconnect. Negative, so it never
     * meets a transaction's owner number.
     */
    public static long sessionOwner(int processId) {
        return -(long) processId;
    }

    /** Acquires {@code mode} on {@code tag} for {@code owner} (reported as process {@code owner}). */
    public void acquire(long owner, LockTag tag, LockMode mode) {
        acquire(owner, owner, tag, mode);
    }

    /**
     * Acquires {@code mode} on {@code tag} for {@code owner}, waiting as long as needed
     * ({@code ProcSleep}). {@code processId} names the owner in deadlock reports (the backend
     * pid clients see). The wait checks the calling thread's {@link Interrupts} (cancel,
     * statement_timeout, termination) and honours its lock_timeout (55P03); every way out of the
     * wait leaves the queue and wakes the other waiters, whose requests may be grantable now.
     * After deadlock_timeout, and again every deadlock_timeout while still waiting, the wait-for
     * graph is searched for a cycle through this owner (40P01).
     */
    public void acquire(long owner, long processId, LockTag tag, LockMode mode) {
        mutex.lock();
        try {
            noteProcess(owner, processId);
            LockState state = locks.computeIfAbsent(tag, t -> new LockState());
            Waiter me = new Waiter(owner, processId, tag, mode);
            if (grantable(state, me)) {
                grant(state, owner, tag, mode);
                return;
            }
            Interrupts interrupts = Interrupts.current();
            long lockTimeout = interrupts == null ? 0 : TimeUnit.MILLISECONDS.toNanos(interrupts.lockTimeoutMillis());
            long started = System.nanoTime();
            long nextDeadlockCheck = started + deadlockTimeout.toNanos();
            state.queue.addLast(me);
            waiting.put(owner, me);
            Long process = processOf.get(owner);
            if (process != null) {
                waitingByProcess.put(process, me);
            }
            // pg_stat_activity shows the wait as PostgreSQL's WaitOnLock does: Lock / relation or transactionid
            org.woolly.pgstat.BackendStatus status = org.woolly.pgstat.BackendStatus.current();
            if (status != null) {
                status.waitStart("Lock", switch (tag) {
                    case LockTag.Relation r -> "relation";
                    case LockTag.Advisory a -> "advisory";
                    case LockTag.Tuple t -> "tuple";
                    case LockTag.SpeculativeToken t -> "spectoken";
                    default -> "transactionid";
                });
            }
            boolean waitLogged = false;
            boolean acquired = false;
            try {
                while (!grantable(state, me)) {
                    long now = System.nanoTime();
                    if (lockTimeout > 0 && now - started >= lockTimeout) {
                        throw new SqlException(SqlState.LOCK_NOT_AVAILABLE, "canceling statement due to lock timeout");
                    }
                    if (now - nextDeadlockCheck >= 0) {
                        List<Waiter> cycle = findCycle(owner);
                        if (cycle != null) {
                            throw deadlock(cycle);
                        }
                        if (!waitLogged && interrupts != null && interrupts.logLockWaits()) {
                            waitLogged = true;
                            logWait(me, state, "still waiting for", started, true);
                        }
                        nextDeadlockCheck = now + deadlockTimeout.toNanos();
                    }
                    long sleep = nextDeadlockCheck - now;
                    if (lockTimeout > 0) {
                        sleep = Math.min(sleep, started + lockTimeout - now);
                    }
                    Interrupts.awaitInterruptibly(state.changed, Math.max(sleep, 1));
                }
                acquired = true;
            } finally {
                if (waitLogged) {
                    logWait(me, state, acquired ? "acquired" : "failed to acquire", started, false);
                }
                if (status != null) {
                    status.waitEnd();
                }
                state.queue.remove(me);
                waiting.remove(owner);
                if (process != null) {
                    waitingByProcess.remove(process, me);
                }
                if (state.holders.isEmpty() && state.queue.isEmpty()) {
                    locks.remove(tag);
                }
                state.changed.signalAll();
            }
            locks.putIfAbsent(tag, state);
            grant(state, owner, tag, mode);
        } finally {
            mutex.unlock();
        }
    }

    /** Acquires the lock only if that needs no waiting; returns whether it did. */
    public boolean tryAcquire(long owner, LockTag tag, LockMode mode) {
        return tryAcquire(owner, owner, tag, mode);
    }

    /** As {@link #tryAcquire(long, LockTag, LockMode)}, for an owner of backend {@code processId}. */
    public boolean tryAcquire(long owner, long processId, LockTag tag, LockMode mode) {
        mutex.lock();
        try {
            noteProcess(owner, processId);
            LockState state = locks.computeIfAbsent(tag, t -> new LockState());
            Waiter me = new Waiter(owner, processId, tag, mode);
            if (!grantable(state, me)) {
                if (state.holders.isEmpty() && state.queue.isEmpty()) {
                    locks.remove(tag);
                }
                return false;
            }
            grant(state, owner, tag, mode);
            return true;
        } finally {
            mutex.unlock();
        }
    }

    /**
     * Grants {@code mode} on {@code to} to every owner that holds {@code mode} on {@code from},
     * except an owner that also holds {@code skippedHolderMode} there; returns how many it
     * granted. One step under the mutex, so an owner still holds {@code from} when it gets
     * {@code to} and its {@link #releaseAll} frees both. The row-lock stand-in for a multixact
     * passed on to a tuple's new version ({@code heap_update}'s {@code xmax_new_tuple}): the
     * FOR KEY SHARE lockers of the old version keep the new one. An owner that would conflict
     * with a holder of {@code to} is left out.
     */
    public int carryHolders(LockTag from, LockTag to, LockMode mode, LockMode skippedHolderMode) {
        mutex.lock();
        try {
            LockState source = locks.get(from);
            if (source == null) {
                return 0;
            }
            int carried = 0;
            for (var holder : List.copyOf(source.holders.entrySet())) {
                if (!holder.getValue().containsKey(mode) || holder.getValue().containsKey(skippedHolderMode)) {
                    continue;
                }
                LockState target = locks.get(to);
                if (target != null && conflictsWithHolders(target, new Waiter(holder.getKey(), holder.getKey(), to,
                        mode))) {
                    continue;
                }
                grant(target != null ? target : locks.computeIfAbsent(to, t -> new LockState()), holder.getKey(), to,
                        mode);
                carried++;
            }
            return carried;
        } finally {
            mutex.unlock();
        }
    }

    /** Releases one acquisition of {@code mode} on {@code tag}; false if {@code owner} held none. */
    public boolean release(long owner, LockTag tag, LockMode mode) {
        mutex.lock();
        try {
            LockState state = locks.get(tag);
            if (state == null) {
                return false;
            }
            EnumMap<LockMode, Integer> modes = state.holders.get(owner);
            if (modes == null || !modes.containsKey(mode)) {
                return false;
            }
            if (modes.merge(mode, -1, Integer::sum) == 0) {
                modes.remove(mode);
            }
            if (modes.isEmpty()) {
                state.holders.remove(owner);
                Set<LockTag> held = heldByOwner.get(owner);
                if (held != null) {
                    held.remove(tag);
                }
            }
            afterRelease(tag, state);
            return true;
        } finally {
            mutex.unlock();
        }
    }

    /** Releases every lock {@code owner} holds (at transaction end; a session owner's at disconnect). */
    public void releaseAll(long owner) {
        mutex.lock();
        try {
            processOf.remove(owner);
            Set<LockTag> held = heldByOwner.remove(owner);
            if (held == null) {
                return;
            }
            for (LockTag tag : held) {
                LockState state = locks.get(tag);
                if (state != null) {
                    state.holders.remove(owner);
                    afterRelease(tag, state);
                }
            }
        } finally {
            mutex.unlock();
        }
    }

    /**
     * {@code pg_blocking_pids}: the backends whose locks, held or requested ahead in the queue,
     * keep backend {@code processId} waiting (GetBlockerStatusData); empty when it does not wait.
     */
    public List<Long> blockingProcesses(long processId) {
        mutex.lock();
        try {
            Waiter waiter = waitingByProcess.get(processId);
            List<Long> result = new ArrayList<>();
            if (waiter != null) {
                for (long blocker : blockers(waiter)) {
                    Long process = process(blocker);
                    long pid = process != null ? process : blocker;
                    if (!result.contains(pid)) {
                        result.add(pid);
                    }
                }
            }
            return result;
        } finally {
            mutex.unlock();
        }
    }

    /**
     * Every lock held and every request waiting, at one instant ({@code GetLockStatusData}):
     * holders first, then each lock's waiters in queue order.
     */
    public List<LockStatus> status() {
        mutex.lock();
        try {
            List<LockStatus> result = new ArrayList<>();
            for (var lock : locks.entrySet()) {
                for (var holder : lock.getValue().holders.entrySet()) {
                    for (LockMode mode : holder.getValue().keySet()) {
                        result.add(new LockStatus(lock.getKey(), holder.getKey(), process(holder.getKey()), mode,
                                true, 0));
                    }
                }
                for (Waiter waiter : lock.getValue().queue) {
                    result.add(new LockStatus(lock.getKey(), waiter.owner(), process(waiter.owner()), waiter.mode(),
                            false, waiter.sinceMillis()));
                }
            }
            return result;
        } finally {
            mutex.unlock();
        }
    }

    /** One lock an owner holds, in one mode. */
    public record HeldLock(LockTag tag, LockMode mode) {}

    /**
     * The locks {@code owner} holds, each mode once: what PREPARE TRANSACTION writes into its
     * state so recovery can take them again ({@code lock_twophase_recover}).
     */
    public List<HeldLock> heldLocks(long owner) {
        mutex.lock();
        try {
            List<HeldLock> result = new ArrayList<>();
            for (LockTag tag : heldByOwner.getOrDefault(owner, Set.of())) {
                LockState state = locks.get(tag);
                EnumMap<LockMode, Integer> modes = state == null ? null : state.holders.get(owner);
                if (modes != null) {
                    for (LockMode mode : modes.keySet()) {
                        result.add(new HeldLock(tag, mode));
                    }
                }
            }
            return result;
        } finally {
            mutex.unlock();
        }
    }

    /**
     * The owner's locks stop belonging to its backend: a prepared transaction's locks are held
     * by no process ({@code AtPrepare_Locks} / {@code PostPrepare_Locks} move them to the
     * prepared transaction's dummy PGPROC), so pg_locks shows no pid for them and the backend's
     * later waits never make a false cycle through them.
     */
    public void detachProcess(long owner) {
        mutex.lock();
        try {
            processOf.remove(owner);
        } finally {
            mutex.unlock();
        }
    }

    /** Whether {@code owner} holds {@code mode} (or any mode, if null) on {@code tag}. */
    public boolean holds(long owner, LockTag tag, LockMode mode) {
        mutex.lock();
        try {
            LockState state = locks.get(tag);
            if (state == null) {
                return false;
            }
            EnumMap<LockMode, Integer> modes = state.holders.get(owner);
            return modes != null && (mode == null || modes.containsKey(mode));
        } finally {
            mutex.unlock();
        }
    }

    private void afterRelease(LockTag tag, LockState state) {
        if (state.holders.isEmpty() && state.queue.isEmpty()) {
            locks.remove(tag);
        }
        state.changed.signalAll();
    }

    private void grant(LockState state, long owner, LockTag tag, LockMode mode) {
        state.holders.computeIfAbsent(owner, o -> new EnumMap<>(LockMode.class)).merge(mode, 1, Integer::sum);
        heldByOwner.computeIfAbsent(owner, o -> new HashSet<>()).add(tag);
    }

    private void noteProcess(long owner, long processId) {
        if (owner < 0) {
            processOf.put(owner, -owner);
        } else if (processId != owner) {
            processOf.put(owner, processId);
        }
    }

    private Long process(long owner) {
        return owner < 0 ? Long.valueOf(-owner) : processOf.get(owner);
    }

    /**
     * Whether two owners' locks never conflict: the same owner, or a backend's session-level
     * owner and one of its transactions (PostgreSQL's lock.c: a PGPROC's own locks never
     * conflict with each other, whether held by the session or by its transaction).
     */
    private boolean sameBackend(long a, long b) {
        if (a == b) {
            return true;
        }
        if (a >= 0 && b >= 0) {
            return false;
        }
        Long pa = process(a);
        return pa != null && pa.equals(process(b));
    }

    private boolean holdsAny(LockState state, long owner) {
        for (long holder : state.holders.keySet()) {
            if (sameBackend(holder, owner)) {
                return true;
            }
        }
        return false;
    }

    private boolean conflictsWithHolders(LockState state, Waiter request) {
        for (var entry : state.holders.entrySet()) {
            if (!sameBackend(entry.getKey(), request.owner())) {
                for (LockMode held : entry.getValue().keySet()) {
                    if (request.mode().conflictsWith(held)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** No conflict with other holders, nor with a waiter queued ahead (unless we already hold the lock). */
    private boolean grantable(LockState state, Waiter request) {
        if (conflictsWithHolders(state, request)) {
            return false;
        }
        if (holdsAny(state, request.owner())) {
            return true;
        }
        for (Waiter ahead : state.queue) {
            if (ahead == request) {
                break;
            }
            if (!sameBackend(ahead.owner(), request.owner()) && request.mode().conflictsWith(ahead.mode())) {
                return false;
            }
        }
        return true;
    }

    /** Owners {@code waiter} waits for: conflicting holders, then conflicting waiters ahead of it. */
    private List<Long> blockers(Waiter waiter) {
        LockState state = locks.get(waiter.tag());
        List<Long> result = new ArrayList<>();
        if (state == null) {
            return result;
        }
        for (var entry : state.holders.entrySet()) {
            if (!sameBackend(entry.getKey(), waiter.owner())
                    && entry.getValue().keySet().stream().anyMatch(waiter.mode()::conflictsWith)) {
                result.add(entry.getKey());
            }
        }
        for (Waiter ahead : state.queue) {
            if (ahead == waiter) {
                break;
            }
            if (!sameBackend(ahead.owner(), waiter.owner()) && waiter.mode().conflictsWith(ahead.mode())) {
                result.add(ahead.owner());
            }
        }
        return result;
    }

    /** A cycle in the wait-for graph through {@code start}, as the chain of waits, or null. */
    private List<Waiter> findCycle(long start) {
        return search(start, start, new ArrayList<>(), new HashSet<>());
    }

    /** What {@code owner}'s backend waits for: as that owner, or as another owner of the same backend. */
    private Waiter waiterOf(long owner) {
        Waiter waiter = waiting.get(owner);
        if (waiter == null) {
            Long process = process(owner);
            if (process != null) {
                waiter = waitingByProcess.get(process);
            }
        }
        return waiter;
    }

    /** Whether {@code blocker} is the searching backend itself (closing the cycle). */
    private boolean isStart(long blocker, long start) {
        if (blocker == start) {
            return true;
        }
        Long process = process(blocker);
        return process != null && process.equals(process(start));
    }

    private List<Waiter> search(long start, long current, List<Waiter> path, Set<Long> visited) {
        Waiter waiter = waiterOf(current);
        if (waiter == null || !visited.add(waiter.owner())) {
            return null;
        }
        path.add(waiter);
        for (long blocker : blockers(waiter)) {
            if (isStart(blocker, start)) {
                return new ArrayList<>(path);
            }
            List<Waiter> found = search(start, blocker, path, visited);
            if (found != null) {
                return found;
            }
        }
        path.removeLast();
        return null;
    }

    /**
     * {@code log_lock_waits} ({@code ProcSleep}): {@code process N still waiting for ShareLock on
     * transaction X after 1000.123 ms}, with the holders and the wait queue as DETAIL while it
     * waits, and then whether it acquired the lock; the wait's CONTEXT ({@code while updating tuple
     * (0,1) in relation "t"}) and the statement follow, as for any LOG line.
     */
    private void logWait(Waiter me, LockState state, String what, long startedNanos, boolean withQueue) {
        long micros = (System.nanoTime() - startedNanos) / 1000;
        String message = String.format("process %d %s %s on %s after %d.%03d ms", me.processId(), what,
                me.mode().displayName(), me.tag(), micros / 1000, micros % 1000);
        String detail = null;
        if (withQueue) {
            java.util.LinkedHashSet<Long> holders = new java.util.LinkedHashSet<>();
            for (long holder : state.holders.keySet()) {
                Long process = process(holder);
                holders.add(process != null ? process : holder);
            }
            StringBuilder queue = new StringBuilder();
            for (Waiter waiter : state.queue) {
                queue.append(queue.isEmpty() ? "" : ", ").append(waiter.processId());
            }
            String list = holders.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(", "));
            detail = (holders.size() == 1 ? "Process holding the lock: " : "Processes holding the lock: ") + list
                    + ". Wait queue: " + queue + ".";
        }
        org.woolly.pgstat.BackendStatus status = org.woolly.pgstat.BackendStatus.current();
        String statement = status == null ? null : status.snapshot().query();
        org.woolly.utils.error.ServerLog.report(new SqlException(Severity.LOG, SqlState.SUCCESSFUL_COMPLETION, message,
                detail, null, 0, null).withContext(org.woolly.utils.error.WaitContext.current()), statement);
    }

    private SqlException deadlock(List<Waiter> cycle) {
        StringBuilder detail = new StringBuilder();
        for (int i = 0; i < cycle.size(); i++) {
            Waiter waiter = cycle.get(i);
            long blockedBy = (i + 1 < cycle.size() ? cycle.get(i + 1) : cycle.getFirst()).processId();
            if (i > 0) {
                detail.append('\n');
            }
            detail.append("Process ").append(waiter.processId()).append(" waits for ").append(waiter.mode().displayName())
                    .append(" on ").append(waiter.tag()).append("; blocked by process ").append(blockedBy).append('.');
        }
        return new SqlException(Severity.ERROR, SqlState.DEADLOCK_DETECTED, "deadlock detected", detail.toString(),
                "See server log for query details.", 0, null);
    }
}
