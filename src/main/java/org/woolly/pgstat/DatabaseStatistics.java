package org.woolly.pgstat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * pg_stat_database's cumulative counters, one entry per database ({@code PgStat_StatDBEntry}
 * of {@code pgstat_database.c}). Sessions add their pending {@link SessionCounters} when a
 * transaction ends; block counts come from the buffer pool's {@link BlockCounters}, less what
 * was there at the last reset, plus what a clean restart brought back from {@code pg_stat/}.
 */
public final class DatabaseStatistics {
    /** The counters a session adds and the file keeps, by pg_stat_database column. */
    static final List<String> COUNTERS = List.of("xact_commit", "xact_rollback", "tup_returned", "tup_fetched",
            "tup_inserted", "tup_updated", "tup_deleted", "conflicts", "temp_files", "temp_bytes", "deadlocks",
            "checksum_failures", "sessions", "sessions_abandoned", "sessions_fatal", "sessions_killed",
            "session_time", "active_time", "idle_in_transaction_time", "blks_read", "blks_hit");

    /**
     * One database's entry. The counters are {@link LongAdder}s so that sessions add to them at
     * every transaction end without a shared lock (the hot path of pgbench); the monitor guards
     * the reset bases and makes reset and save see one state.
     */
    static final class Entry {
        final Map<String, LongAdder> values = new LinkedHashMap<>();
        /** Block counts of the buffer pool at the last reset (subtracted), and restored from the file (added). */
        long hitBase;
        long readBase;
        long resetMicros;

        Entry() {
            for (String counter : COUNTERS) {
                values.put(counter, new LongAdder());
            }
        }

        void add(String counter, long amount) {
            if (amount != 0) {
                values.get(counter).add(amount);
            }
        }

        long get(String counter) {
            return values.get(counter).sum();
        }
    }

    private final Map<Integer, Entry> entries = new ConcurrentHashMap<>();
    private volatile BlockCounters blocks;

    /** The buffer pool's counters this server's blks_hit and blks_read come from. */
    public void blockCounters(BlockCounters counters) {
        this.blocks = counters;
    }

    /** The buffer pool's counters by relation file (an empty set until the buffer pool is wired). */
    public BlockCounters blockCounters() {
        BlockCounters counters = blocks;
        return counters == null ? new BlockCounters() : counters;
    }

    Entry entry(int databaseOid) {
        return entries.computeIfAbsent(databaseOid, key -> new Entry());
    }

    Map<Integer, Entry> entries() {
        return entries;
    }

    /** {@code pgstat_report_stat}: adds the session's pending counts to its database and clears them. */
    public void flush(int databaseOid, SessionCounters pending) {
        Entry entry = entry(databaseOid);
        entry.add("xact_commit", pending.transactionsCommitted);
        entry.add("xact_rollback", pending.transactionsRolledBack);
        entry.add("tup_returned", pending.tuplesReturned);
        entry.add("tup_fetched", pending.tuplesFetched);
        entry.add("tup_inserted", pending.tuplesInserted);
        entry.add("tup_updated", pending.tuplesUpdated);
        entry.add("tup_deleted", pending.tuplesDeleted);
        entry.add("deadlocks", pending.deadlocks);
        entry.add("temp_files", pending.tempFiles);
        entry.add("temp_bytes", pending.tempBytes);
        pending.clear();
    }

    /** One more session ended: how ({@code pgstat_report_disconnect}) and how long it was, in ms. */
    public void sessionEnded(int databaseOid, String endKind, double sessionMillis) {
        Entry entry = entry(databaseOid);
        entry.add("sessions", 1);
        entry.add("session_time", Math.round(sessionMillis * 1000));
        if (endKind != null) {
            entry.add(endKind, 1);
        }
    }

    /** A column of the database's row; null when it has none yet (as PostgreSQL's missing entry reads 0). */
    public Object value(int databaseOid, String column) {
        Entry entry = entry(databaseOid);
        BlockCounters counters = blocks;
        synchronized (entry) {
            return switch (column) {
                case "blks_hit" -> entry.get("blks_hit") + (counters == null ? 0 : counters.hits(databaseOid))
                        - entry.hitBase;
                case "blks_fetched" -> value(databaseOid, "blks_hit") instanceof Long hit
                        ? hit + entry.get("blks_read") + (counters == null ? 0 : counters.reads(databaseOid))
                        - entry.readBase : null;
                case "session_time", "active_time", "idle_in_transaction_time" ->
                        entry.get(column) / 1000.0;
                case "stats_reset" -> entry.resetMicros == 0 ? null : entry.resetMicros;
                default -> entry.values.containsKey(column) ? (Object) entry.get(column) : null;
            };
        }
    }

    /** {@code pg_stat_reset()}: the database's counters to zero, stats_reset to now. */
    public void reset(int databaseOid) {
        Entry entry = entry(databaseOid);
        BlockCounters counters = blocks;
        synchronized (entry) {
            entry.values.values().forEach(LongAdder::reset);
            entry.hitBase = counters == null ? 0 : counters.hits(databaseOid);
            entry.readBase = counters == null ? 0 : counters.reads(databaseOid);
            entry.resetMicros = BackendStatus.nowMicros();
        }
    }

    /** The values to keep across a restart, block counts folded in. */
    Map<String, Long> persistentValues(int databaseOid) {
        Entry entry = entry(databaseOid);
        BlockCounters counters = blocks;
        synchronized (entry) {
            Map<String, Long> copy = new LinkedHashMap<>();
            entry.values.forEach((name, value) -> copy.put(name, value.sum()));
            if (counters != null) {
                copy.merge("blks_hit", counters.hits(databaseOid) - entry.hitBase, Long::sum);
                copy.merge("blks_read", counters.reads(databaseOid) - entry.readBase, Long::sum);
            }
            copy.put("stats_reset", entry.resetMicros);
            return copy;
        }
    }

    void restore(int databaseOid, Map<String, Long> values) {
        Entry entry = entry(databaseOid);
        synchronized (entry) {
            for (Map.Entry<String, Long> value : values.entrySet()) {
                if (value.getKey().equals("stats_reset")) {
                    entry.resetMicros = value.getValue();
                } else if (entry.values.containsKey(value.getKey())) {
                    entry.values.get(value.getKey()).reset();
                    entry.values.get(value.getKey()).add(value.getValue());
                }
            }
        }
    }
}
