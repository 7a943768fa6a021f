package org.woolly.pgstat;

/**
 * One relation's counts in one session not yet added to the shared entry
 * ({@code PgStat_TableStatus} with its {@code PgStat_TableXactStatus}): what the executor did to
 * the relation in the current transaction. Plain fields, the session's own thread only; a table
 * and an index each have one (an index counts its scans and the entries they returned).
 */
public final class TableCounters {
    /** Sequential scans of a table, index scans of an index ({@code numscans}). */
    public long scans;
    /** Heap tuples a seq scan read; index entries an index scan returned. */
    public long tuplesReturned;
    /** Heap tuples an index scan fetched (counted on the index and on its table). */
    public long tuplesFetched;
    public long tuplesInserted;
    public long tuplesUpdated;
    public long tuplesDeleted;
    public long tuplesHotUpdated;
    /**
     * Dead tuples that opportunistic page pruning removed while the session read the table
     * ({@code pgstat_update_heap_dead_tuples}): taken off n_dead_tup whether the transaction
     * commits or not.
     */
    public long deadTuplesPruned;

    boolean isZero() {
        return scans == 0 && tuplesReturned == 0 && tuplesFetched == 0 && tuplesInserted == 0
                && tuplesUpdated == 0 && tuplesDeleted == 0 && tuplesHotUpdated == 0 && deadTuplesPruned == 0;
    }

    void clear() {
        scans = 0;
        tuplesReturned = 0;
        tuplesFetched = 0;
        tuplesInserted = 0;
        tuplesUpdated = 0;
        tuplesDeleted = 0;
        tuplesHotUpdated = 0;
        deadTuplesPruned = 0;
    }
}
