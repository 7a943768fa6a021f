package org.woolly.pgstat;

/**
 * One session's counts not yet added to its database's entry (PostgreSQL's pending backend
 * statistics, {@code PgStat_PendingDatabase} and the table counts that roll up into
 * pg_stat_database): plain fields, written by the session's own thread only, added to
 * {@link DatabaseStatistics} by {@link DatabaseStatistics#flush} when the transaction ends.
 */
public final class SessionCounters {
    public long transactionsCommitted;
    public long transactionsRolledBack;
    public long tuplesReturned;
    public long tuplesFetched;
    public long tuplesInserted;
    public long tuplesUpdated;
    public long tuplesDeleted;
    public long deadlocks;
    /** Temporary files deleted and their bytes ({@code pgstat_report_tempfile}). */
    public long tempFiles;
    public long tempBytes;
    /** Per relation OID: the counts of the relations the transaction touched ({@link RelationStatistics}). */
    final java.util.Map<Integer, TableCounters> tables = new java.util.HashMap<>();

    /**
     * The pending counts of one relation. Entries are zeroed, never removed, at transaction end,
     * so a plan node may keep the object it got for the length of its statement.
     */
    public TableCounters table(int relationOid) {
        return tables.computeIfAbsent(relationOid, key -> new TableCounters());
    }

    /**
     * Adds the reads a parallel worker counted for the leader's statement (PostgreSQL's workers
     * report their own counts; here they are the leader's session's).
     */
    public void addReads(SessionCounters worker) {
        tuplesReturned += worker.tuplesReturned;
        tuplesFetched += worker.tuplesFetched;
        worker.tables.forEach((oid, counts) -> {
            TableCounters mine = table(oid);
            mine.scans += counts.scans;
            mine.tuplesReturned += counts.tuplesReturned;
            mine.tuplesFetched += counts.tuplesFetched;
        });
    }

    /** Drops the pending counts unreported (track_counts off). */
    public void discard() {
        clear();
    }

    void clear() {
        transactionsCommitted = 0;
        transactionsRolledBack = 0;
        tuplesReturned = 0;
        tuplesFetched = 0;
        tuplesInserted = 0;
        tuplesUpdated = 0;
        tuplesDeleted = 0;
        deadlocks = 0;
        tempFiles = 0;
        tempBytes = 0;
        for (TableCounters table : tables.values()) {
            table.clear();
        }
    }
}
