package org.woolly.pgstat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every server process's {@link BackendStatus} ({@code BackendStatusArray} in
 * {@code backend_status.c}): client backends from their connection on, and the auxiliary
 * processes (checkpointer, walwriter) while they run.
 */
public final class BackendStatusTable {
    private final ConcurrentHashMap<Integer, BackendStatus> entries = new ConcurrentHashMap<>();
    /** Hands out pids from the backends' sequence (the postmaster's); null: none for parallel workers. */
    private volatile java.util.function.IntSupplier processIds;

    public void register(BackendStatus status) {
        status.table = this;
        entries.put(status.pid(), status);
    }

    /** Where parallel workers get their pids ({@link BackendStatus#startParallelWorker()}). */
    public void processIds(java.util.function.IntSupplier supplier) {
        this.processIds = supplier;
    }

    Integer allocateProcessId() {
        java.util.function.IntSupplier supplier = processIds;
        return supplier == null ? null : supplier.getAsInt();
    }

    public void unregister(BackendStatus status) {
        entries.remove(status.pid(), status);
    }

    public BackendStatus find(int pid) {
        return entries.get(pid);
    }

    /** The entries, auxiliary processes and client backends in pid order. */
    public List<BackendStatus> all() {
        List<BackendStatus> all = new ArrayList<>(entries.values());
        all.sort(Comparator.comparingInt(BackendStatus::pid));
        return all;
    }

    /** Client backends whose session runs in {@code databaseOid} ({@code numbackends}). */
    public int countInDatabase(int databaseOid) {
        int count = 0;
        for (BackendStatus status : entries.values()) {
            Integer database = status.snapshot().databaseOid();
            if (database != null && database == databaseOid) {
                count++;
            }
        }
        return count;
    }
}
