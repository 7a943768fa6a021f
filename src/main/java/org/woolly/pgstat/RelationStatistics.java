package org.woolly.pgstat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The per-table and per-index cumulative counters behind pg_stat_all_tables and
 * pg_stat_all_indexes ({@code PgStat_StatTabEntry} of {@code pgstat_relation.c}), one entry per
 * (database, relation OID). Sessions add their pending {@link TableCounters} when a transaction
 * ends, following {@code AtEOXact_PgStat_Relations}: the attempted inserts, updates and deletes
 * count whether the transaction commits or not; a commit makes inserts live, and updates and
 * deletes dead tuples; a rollback makes the inserted and the new updated versions dead; only a
 * commit counts toward n_mod_since_analyze. The dead tuples page pruning removed are taken off
 * n_dead_tup either way. VACUUM and ANALYZE set the live and dead estimates
 * they measured ({@code pgstat_report_vacuum}, {@code pgstat_report_analyze}).
 */
public final class RelationStatistics {
    /** The counters an entry keeps and the statistics file saves, by name. */
    static final List<String> COUNTERS = List.of("numscans", "tuples_returned", "tuples_fetched",
            "tuples_inserted", "tuples_updated", "tuples_deleted", "tuples_hot_updated", "live_tuples",
            "dead_tuples", "mod_since_analyze", "ins_since_vacuum", "last_vacuum", "last_autovacuum",
            "last_analyze", "last_autoanalyze", "vacuum_count", "autovacuum_count", "analyze_count",
            "autoanalyze_count");

    /** One relation's entry; its monitor makes a reader see one transaction's counts whole. */
    static final class Entry {
        long numscans;
        long tuplesReturned;
        long tuplesFetched;
        long tuplesInserted;
        long tuplesUpdated;
        long tuplesDeleted;
        long tuplesHotUpdated;
        long liveTuples;
        long deadTuples;
        long modSinceAnalyze;
        long insSinceVacuum;
        long lastVacuum;
        long lastAutovacuum;
        long lastAnalyze;
        long lastAutoanalyze;
        long vacuumCount;
        long autovacuumCount;
        long analyzeCount;
        long autoanalyzeCount;

        synchronized Map<String, Long> values() {
            Map<String, Long> values = new LinkedHashMap<>();
            long[] all = {numscans, tuplesReturned, tuplesFetched, tuplesInserted, tuplesUpdated, tuplesDeleted,
                    tuplesHotUpdated, liveTuples, deadTuples, modSinceAnalyze, insSinceVacuum, lastVacuum,
                    lastAutovacuum, lastAnalyze, lastAutoanalyze, vacuumCount, autovacuumCount, analyzeCount,
                    autoanalyzeCount};
            for (int i = 0; i < all.length; i++) {
                values.put(COUNTERS.get(i), all[i]);
            }
            return values;
        }

        synchronized void restore(Map<String, Long> values) {
            numscans = values.getOrDefault("numscans", 0L);
            tuplesReturned = values.getOrDefault("tuples_returned", 0L);
            tuplesFetched = values.getOrDefault("tuples_fetched", 0L);
            tuplesInserted = values.getOrDefault("tuples_inserted", 0L);
            tuplesUpdated = values.getOrDefault("tuples_updated", 0L);
            tuplesDeleted = values.getOrDefault("tuples_deleted", 0L);
            tuplesHotUpdated = values.getOrDefault("tuples_hot_updated", 0L);
            liveTuples = values.getOrDefault("live_tuples", 0L);
            deadTuples = values.getOrDefault("dead_tuples", 0L);
            modSinceAnalyze = values.getOrDefault("mod_since_analyze", 0L);
            insSinceVacuum = values.getOrDefault("ins_since_vacuum", 0L);
            lastVacuum = values.getOrDefault("last_vacuum", 0L);
            lastAutovacuum = values.getOrDefault("last_autovacuum", 0L);
            lastAnalyze = values.getOrDefault("last_analyze", 0L);
            lastAutoanalyze = values.getOrDefault("last_autoanalyze", 0L);
            vacuumCount = values.getOrDefault("vacuum_count", 0L);
            autovacuumCount = values.getOrDefault("autovacuum_count", 0L);
            analyzeCount = values.getOrDefault("analyze_count", 0L);
            autoanalyzeCount = values.getOrDefault("autoanalyze_count", 0L);
        }
    }

    /** A relation's identity in the statistics: its database and OID. */
    record Key(int databaseOid, int relationOid) {}

    private final Map<Key, Entry> entries = new ConcurrentHashMap<>();

    /** The databases that have relation entries, in no order (what the autovacuum launcher visits). */
    public java.util.Set<Integer> databases() {
        java.util.Set<Integer> databases = new java.util.TreeSet<>();
        for (Key key : entries.keySet()) {
            databases.add(key.databaseOid());
        }
        return databases;
    }

    Map<Key, Entry> entries() {
        return entries;
    }

    private Entry entry(int databaseOid, int relationOid) {
        Key key = new Key(databaseOid, relationOid);
        // the entry nearly always exists: a plain read takes no bin lock, as computeIfAbsent may
        Entry entry = entries.get(key);
        return entry != null ? entry : entries.computeIfAbsent(key, ignored -> new Entry());
    }

    /**
     * At transaction end ({@code AtEOXact_PgStat_Relations} and the flush that follows): adds
     * the session's pending relation counts, as a commit or a rollback changes them.
     */
    public void flush(int databaseOid, SessionCounters pending, boolean committed) {
        for (Map.Entry<Integer, TableCounters> table : pending.tables.entrySet()) {
            TableCounters counts = table.getValue();
            if (counts.isZero()) {
                continue;
            }
            Entry entry = entry(databaseOid, table.getKey());
            synchronized (entry) {
                entry.numscans += counts.scans;
                entry.tuplesReturned += counts.tuplesReturned;
                entry.tuplesFetched += counts.tuplesFetched;
                entry.tuplesInserted += counts.tuplesInserted;
                entry.tuplesUpdated += counts.tuplesUpdated;
                entry.tuplesDeleted += counts.tuplesDeleted;
                entry.tuplesHotUpdated += counts.tuplesHotUpdated;
                entry.insSinceVacuum += counts.tuplesInserted;
                if (committed) {
                    entry.liveTuples = Math.max(0, entry.liveTuples + counts.tuplesInserted - counts.tuplesDeleted);
                    entry.deadTuples += counts.tuplesUpdated + counts.tuplesDeleted;
                    entry.modSinceAnalyze += counts.tuplesInserted + counts.tuplesUpdated + counts.tuplesDeleted;
                } else {
                    entry.deadTuples += counts.tuplesInserted + counts.tuplesUpdated;
                }
                // pgstat_relation_flush_cb: the pruning delta applies whatever the outcome, never below 0
                entry.deadTuples = Math.max(0, entry.deadTuples - counts.deadTuplesPruned);
            }
            counts.clear();
        }
    }

    /**
     * {@code pgstat_report_vacuum}: VACUUM counted {@code live} and {@code dead} (not yet
     * removable) tuples; inserts since the last vacuum start again from zero.
     */
    public void vacuumed(int databaseOid, int relationOid, long live, long dead, boolean automatic) {
        Entry entry = entry(databaseOid, relationOid);
        long now = BackendStatus.nowMicros();
        synchronized (entry) {
            entry.liveTuples = live;
            entry.deadTuples = dead;
            entry.insSinceVacuum = 0;
            if (automatic) {
                entry.lastAutovacuum = now;
                entry.autovacuumCount++;
            } else {
                entry.lastVacuum = now;
                entry.vacuumCount++;
            }
        }
    }

    /**
     * {@code pgstat_report_analyze}: ANALYZE counted {@code live} and {@code dead} tuples
     * ({@code dead} negative: not counted, the estimate stays); changes since the last analyze
     * start again from zero.
     */
    public void analyzed(int databaseOid, int relationOid, long live, long dead, boolean automatic) {
        Entry entry = entry(databaseOid, relationOid);
        long now = BackendStatus.nowMicros();
        synchronized (entry) {
            entry.liveTuples = live;
            if (dead >= 0) {
                entry.deadTuples = dead;
            }
            entry.modSinceAnalyze = 0;
            if (automatic) {
                entry.lastAutoanalyze = now;
                entry.autoanalyzeCount++;
            } else {
                entry.lastAnalyze = now;
                entry.analyzeCount++;
            }
        }
    }

    /**
     * A counter of one relation by its name in {@link #COUNTERS}; the {@code last_*} times are
     * microseconds since 2000-01-01 or null when never; null for every counter of a relation
     * that has no entry, as PostgreSQL's functions read a missing entry (0 for counts).
     */
    public Object value(int databaseOid, int relationOid, String counter) {
        Entry entry = entries.get(new Key(databaseOid, relationOid));
        boolean time = counter.startsWith("last_");
        if (entry == null) {
            return time ? null : (Object) 0L;
        }
        long value = entry.values().get(counter);
        return time && value == 0 ? null : (Object) value;
    }

    /** {@code pg_stat_reset()}: every relation entry of the database removed. */
    public void reset(int databaseOid) {
        entries.keySet().removeIf(key -> key.databaseOid() == databaseOid);
    }

    /** {@code pg_stat_reset_single_table_counters(oid)}: one relation's entry removed. */
    public void reset(int databaseOid, int relationOid) {
        entries.remove(new Key(databaseOid, relationOid));
    }

    /** The relation was dropped: its entry goes ({@code pgstat_drop_relation}). */
    public void dropped(int databaseOid, int relationOid) {
        entries.remove(new Key(databaseOid, relationOid));
    }

    void restore(int databaseOid, int relationOid, Map<String, Long> values) {
        entry(databaseOid, relationOid).restore(values);
    }

    /** The counts the autovacuum launcher decides on, for one table (0 for a table without entry). */
    public record Snapshot(long liveTuples, long deadTuples, long modSinceAnalyze, long insSinceVacuum,
                           boolean present) {}

    public Snapshot snapshot(int databaseOid, int relationOid) {
        Entry entry = entries.get(new Key(databaseOid, relationOid));
        if (entry == null) {
            return new Snapshot(0, 0, 0, 0, false);
        }
        synchronized (entry) {
            return new Snapshot(entry.liveTuples, entry.deadTuples, entry.modSinceAnalyze, entry.insSinceVacuum,
                    true);
        }
    }
}
