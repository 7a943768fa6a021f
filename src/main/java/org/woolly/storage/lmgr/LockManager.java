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
    private final Duration deadlockTimeout;

    private final class LockState {
        final Map<Long, EnumMap<LockMode, Integer>> holders = new LinkedHashMap<>();
        final ArrayDeque<Waiter> queue = new ArrayDeque<>();
        final Condition changed = mutex.newCondition();
    }

    private record Waiter(long owner, long processId, LockTag tag, LockMode mode) {}

    public LockManager(Duration deadlockTimeout) {
        this.deadlockTimeout = deadlockTimeout;
    }

    /** PostgreSQL's default deadlock_timeout (1s). */
    public LockManager() {
        this(Duration.ofSeconds(1));
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
            // pg_stat_activity shows the wait as PostgreSQL's WaitOnLock does: Lock / relation or transactionid
            org.woolly.pgstat.BackendStatus status = org.woolly.pgstat.BackendStatus.current();
            if (status != null) {
                status.waitStart("Lock", tag instanceof LockTag.Relation ? "relation" : "transactionid");
            }
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
                        nextDeadlockCheck = now + deadlockTimeout.toNanos();
                    }
                    long sleep = nextDeadlockCheck - now;
                    if (lockTimeout > 0) {
                        sleep = Math.min(sleep, started + lockTimeout - now);
                    }
                    Interrupts.awaitInterruptibly(state.changed, Math.max(sleep, 1));
                }
            } finally {
                if (status != null) {
                    status.waitEnd();
                }
                state.queue.remove(me);
                waiting.remove(owner);
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
        mutex.lock();
        try {
            LockState state = locks.computeIfAbsent(tag, t -> new LockState());
            Waiter me = new Waiter(owner, owner, tag, mode);
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

    /** Releases one acquisition of {@code mode} on {@code tag}. */
    public void release(long owner, LockTag tag, LockMode mode) {
        mutex.lock();
        try {
            LockState state = locks.get(tag);
            if (state == null) {
                return;
            }
            EnumMap<LockMode, Integer> modes = state.holders.get(owner);
            if (modes == null || !modes.containsKey(mode)) {
                return;
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
        } finally {
            mutex.unlock();
        }
    }

    /** Releases every lock {@code owner} holds (at transaction end). */
    public void releaseAll(long owner) {
        mutex.lock();
        try {
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

    private boolean holdsAny(LockState state, long owner) {
        return state.holders.containsKey(owner);
    }

    private static boolean conflictsWithHolders(LockState state, Waiter request) {
        for (var entry : state.holders.entrySet()) {
            if (entry.getKey() != request.owner()) {
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
            if (ahead.owner() != request.owner() && request.mode().conflictsWith(ahead.mode())) {
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
            if (entry.getKey() != waiter.owner()
                    && entry.getValue().keySet().stream().anyMatch(waiter.mode()::conflictsWith)) {
                result.add(entry.getKey());
            }
        }
        for (Waiter ahead : state.queue) {
            if (ahead == waiter) {
                break;
            }
            if (ahead.owner() != waiter.owner() && waiter.mode().conflictsWith(ahead.mode())) {
                result.add(ahead.owner());
            }
        }
        return result;
    }

    /** A cycle in the wait-for graph through {@code start}, as the chain of waits, or null. */
    private List<Waiter> findCycle(long start) {
        return search(start, start, new ArrayList<>(), new HashSet<>());
    }

    private List<Waiter> search(long start, long current, List<Waiter> path, Set<Long> visited) {
        Waiter waiter = waiting.get(current);
        if (waiter == null || !visited.add(current)) {
            return null;
        }
        path.add(waiter);
        for (long blocker : blockers(waiter)) {
            if (blocker == start) {
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
