package org.woolly.catalog;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which sessions are connected to which database, and the gate CREATE and DROP DATABASE close
 * on one. PostgreSQL gets the same from the lock every backend takes on its database object at
 * start ({@code InitPostgres}: RowExclusiveLock on the pg_database OID) against CREATE
 * DATABASE's ShareLock on the template and DROP / ALTER ... RENAME's AccessExclusiveLock, plus
 * {@code CountOtherDBBackends} over the proc array. Here a session {@link #enter}s its database
 * once and leaves at its end; a connection arriving while the gate is closed waits for it to
 * open again (and then finds the database, or finds it gone). A template may be closed for
 * several CREATE DATABASEs at once ({@link #closeShared}); DROP and RENAME close it alone
 * ({@link #closeExclusive}).
 */
public final class DatabaseUsage {
    /** How long CREATE / DROP wait for other sessions to leave before 55006, as {@code CountOtherDBBackends} (5 s). */
    public static final long WAIT_FOR_OTHERS_MILLIS = 5_000;

    /** One session's membership; {@link #leave()} at its end. */
    public final class Entry {
        private final int databaseOid;
        private final Runnable terminate;

        private Entry(int databaseOid, Runnable terminate) {
            this.databaseOid = databaseOid;
            this.terminate = terminate;
        }

        public void leave() {
            synchronized (DatabaseUsage.this) {
                Map<Entry, Runnable> entries = sessions.get(databaseOid);
                if (entries != null && entries.remove(this) != null && entries.isEmpty()) {
                    sessions.remove(databaseOid);
                }
                DatabaseUsage.this.notifyAll();
            }
        }
    }

    private final Map<Integer, Map<Entry, Runnable>> sessions = new HashMap<>();
    /** Database OID to the number of shared closers, or -1 when closed exclusively. */
    private final Map<Integer, Integer> closed = new HashMap<>();

    /**
     * Counts a new session in the database, waiting while the gate is closed; {@code terminate}
     * ends the session (DROP DATABASE ... WITH (FORCE)). The caller checks afterwards that the
     * database still exists.
     */
    public synchronized Entry enter(int databaseOid, Runnable terminate) throws InterruptedException {
        while (closed.containsKey(databaseOid)) {
            wait();
        }
        Entry entry = new Entry(databaseOid, terminate);
        sessions.computeIfAbsent(databaseOid, oid -> new LinkedHashMap<>()).put(entry, terminate);
        return entry;
    }

    /** Sessions connected to the database. */
    public synchronized int sessionCount(int databaseOid) {
        Map<Entry, Runnable> entries = sessions.get(databaseOid);
        return entries == null ? 0 : entries.size();
    }

    /**
     * Closes the gate for a copy of the database (CREATE DATABASE's template), alongside other
     * copies; false if a DROP or RENAME holds it.
     */
    public synchronized boolean closeShared(int databaseOid) {
        int closers = closed.getOrDefault(databaseOid, 0);
        if (closers < 0) {
            return false;
        }
        closed.put(databaseOid, closers + 1);
        return true;
    }

    /** Closes the gate for DROP or RENAME; false if anyone else holds it. */
    public synchronized boolean closeExclusive(int databaseOid) {
        if (closed.containsKey(databaseOid)) {
            return false;
        }
        closed.put(databaseOid, -1);
        return true;
    }

    /** Opens what {@link #closeShared} or {@link #closeExclusive} closed; waiting connections go on. */
    public synchronized void open(int databaseOid) {
        Integer closers = closed.get(databaseOid);
        if (closers == null) {
            return;
        }
        if (closers > 1) {
            closed.put(databaseOid, closers - 1);
        } else {
            closed.remove(databaseOid);
        }
        notifyAll();
    }

    /**
     * Waits until at most {@code allowed} sessions remain in the database (the caller's own
     * session, when it is connected there), up to {@code millis}; returns how many remain
     * beyond {@code allowed}.
     */
    public synchronized int awaitOthersGone(int databaseOid, int allowed, long millis) throws InterruptedException {
        long deadline = System.nanoTime() + millis * 1_000_000;
        while (sessionCount(databaseOid) > allowed) {
            long remaining = (deadline - System.nanoTime()) / 1_000_000;
            if (remaining <= 0) {
                break;
            }
            wait(remaining);
        }
        return Math.max(0, sessionCount(databaseOid) - allowed);
    }

    /** Asks every session in the database to end (their terminate callbacks run outside the lock). */
    public void terminateAll(int databaseOid) {
        List<Runnable> terminators;
        synchronized (this) {
            Map<Entry, Runnable> entries = sessions.get(databaseOid);
            terminators = entries == null ? List.of() : new ArrayList<>(entries.values());
        }
        terminators.forEach(Runnable::run);
    }
}
