package org.woolly.access.heap;

import org.woolly.access.common.Tid;
import org.woolly.access.transam.Snapshot;
import org.woolly.access.transam.StorageServices;
import org.woolly.access.transam.Transaction;
import org.woolly.storage.smgr.RelFileLocator;

/**
 * The heap access method: tuples in 8 KB slotted pages through the shared buffer pool, every
 * change WAL-logged before its page can be written. Counterpart of
 * {@code src/backend/access/heap/heapam.c}. Thread-safe; one instance per server.
 */
public interface HeapAccess {
    /** The heap's name in the access method registry ({@code pg_am.amname}). */
    String NAME = "heap";

    /** The heap registered in {@code storage} (by {@link HeapAccessMethod#MODULE}). */
    static HeapAccess of(StorageServices storage) {
        return storage.accessMethods().get(NAME, HeapAccess.class);
    }

    /** The fill factor of a table without one ({@code HEAP_DEFAULT_FILLFACTOR}): pages are filled up. */
    int DEFAULT_FILL_FACTOR = 100;

    /** Inserts a tuple body written by {@code tx} (assigns its XID if needed); returns its TID. */
    default Tid insert(RelFileLocator relation, byte[] body, Transaction tx) {
        return insert(relation, body, tx, DEFAULT_FILL_FACTOR);
    }

    /**
     * Inserts a tuple body into a page that keeps {@code 100 - fillFactor} percent of itself free
     * after the insert ({@code RelationGetBufferForTuple} with the table's fillfactor), or into a
     * new page; returns its TID.
     */
    Tid insert(RelFileLocator relation, byte[] body, Transaction tx, int fillFactor);

    /**
     * Inserts a tuple body as a speculative insertion ({@code heap_insert} with
     * {@code HEAP_INSERT_SPECULATIVE}, for INSERT ... ON CONFLICT): the tuple's ctid holds
     * {@code token} instead of its own TID until {@link #finishSpeculative} confirms it or
     * {@link #abortSpeculative} kills it; a uniqueness check that meets it reports the token
     * ({@link DirtyState#speculativeToken}) so the checker waits on that, not on {@code tx}.
     */
    Tid insertSpeculative(RelFileLocator relation, byte[] body, Transaction tx, int fillFactor, int token);

    /**
     * Confirms a speculative insertion of {@code tx} at {@code tid} ({@code heap_finish_speculative}):
     * its ctid becomes its own TID again; WAL-logged (CONFIRM).
     */
    void finishSpeculative(RelFileLocator relation, Tid tid, Transaction tx);

    /**
     * Kills a speculative insertion of {@code tx} at {@code tid} that met a conflict
     * ({@code heap_abort_speculative}, the "super-delete"): xmin becomes invalid, so the tuple
     * is dead to every snapshot and check at once without the transaction ending, and pruning
     * may remove it; WAL-logged (SUPER_DELETE).
     */
    void abortSpeculative(RelFileLocator relation, Tid tid, Transaction tx);

    /**
     * Inserts several tuple bodies written by {@code tx} ({@code heap_multi_insert}): each page
     * is filled with as many of them as fit under one exclusive lock and logged as one WAL record,
     * instead of one lock, one record and one free-space lookup per tuple. Returns their TIDs in
     * the order given. Visibility is that of {@link #insert} for every tuple.
     */
    default Tid[] insertBatch(RelFileLocator relation, java.util.List<byte[]> bodies, Transaction tx) {
        return insertBatch(relation, bodies, tx, DEFAULT_FILL_FACTOR);
    }

    /** {@link #insertBatch} leaving each page {@code 100 - fillFactor} percent free, as {@link #insert} does. */
    Tid[] insertBatch(RelFileLocator relation, java.util.List<byte[]> bodies, Transaction tx, int fillFactor);

    /**
     * {@link #insertBatch} for COPY FREEZE when {@code frozen}: the rows are written frozen
     * ({@code HEAP_INSERT_FROZEN}) and each page the batch fills is marked all-visible and
     * all-frozen. Only for a table whose file the transaction created (the caller checks).
     */
    Tid[] insertBatch(RelFileLocator relation, java.util.List<byte[]> bodies, Transaction tx, int fillFactor,
                      boolean frozen);

    /**
     * Locks the row at {@code tid} for {@code tx} in {@code mode} ({@code heap_lock_tuple}),
     * for SELECT ... FOR UPDATE/SHARE and for foreign-key checks (KEY SHARE). The lock is held
     * until {@code tx} ends or the savepoint it was taken in rolls back. With {@code wait}, waits
     * for a conflicting locker or a running updater to end; without, returns WOULD_BLOCK instead
     * (NOWAIT, SKIP LOCKED). A committed concurrent update or delete gives UPDATED (with the
     * newer version's TID, to lock and re-check that one under READ COMMITTED) or DELETED.
     */
    ModifyResult lockTuple(RelFileLocator relation, Tid tid, Transaction tx, RowLockMode mode, boolean wait);

    /**
     * Deletes the tuple at {@code tid} (which the caller saw with {@code snapshot}). If another
     * transaction holds it, waits for that one to end first.
     */
    ModifyResult delete(RelFileLocator relation, Tid tid, Transaction tx, Snapshot snapshot);

    /** Replaces the tuple at {@code tid} with a new version; waits like {@link #delete}. */
    default ModifyResult update(RelFileLocator relation, Tid tid, byte[] newBody, Transaction tx, Snapshot snapshot) {
        return update(relation, tid, newBody, tx, snapshot, false);
    }

    /**
     * Replaces the tuple at {@code tid} with a new version. With {@code hotAllowed} (the caller
     * checked that no indexed column changes) and room on the same page, the new version is a
     * heap-only tuple ({@link ModifyResult#heapOnly}) that index scans reach through the chain
     * from its root, so the caller adds no index entries.
     */
    default ModifyResult update(RelFileLocator relation, Tid tid, byte[] newBody, Transaction tx, Snapshot snapshot,
                                boolean hotAllowed) {
        return update(relation, tid, newBody, tx, snapshot, hotAllowed, true);
    }

    /**
     * As {@link #update(RelFileLocator, Tid, byte[], Transaction, Snapshot, boolean)}; without
     * {@code keysUpdated} (the caller checked that no column of a unique index a foreign key
     * could reference changes, {@code HeapDetermineColumnsInfo}) the update holds the row in
     * FOR NO KEY UPDATE strength, as {@code heap_update} does, so FOR KEY SHARE lockers (foreign
     * key checks) neither block it nor are blocked by it, and keep their lock on the new version.
     */
    ModifyResult update(RelFileLocator relation, Tid tid, byte[] newBody, Transaction tx, Snapshot snapshot,
                        boolean hotAllowed, boolean keysUpdated);

    /**
     * The TID an index entry for the tuple at {@code tid} must carry: the root of its HOT chain
     * ({@code heap_get_root_tuples}), {@code tid} itself for a tuple that is not heap-only.
     */
    Tid rootTid(RelFileLocator relation, Tid tid);

    /** Starts a scan of the tuples visible to {@code snapshot}. */
    HeapScan beginScan(RelFileLocator relation, Snapshot snapshot);

    /**
     * Starts one participant's part of a Parallel Seq Scan: the tuples visible to
     * {@code snapshot} on the blocks it claims from {@code blocks}.
     */
    HeapScan beginParallelScan(RelFileLocator relation, Snapshot snapshot, ParallelBlockTable blocks);

    /**
     * The version of the row an index entry's {@code tid} leads to that is visible to
     * {@code snapshot} (following its HOT chain, {@code heap_hot_search_buffer}), with its own
     * TID, else null.
     */
    HeapTuple fetch(RelFileLocator relation, Tid tid, Snapshot snapshot);

    /**
     * The tuple stored at {@code tid} whatever its visibility, null if none ({@code SnapshotToast}):
     * for TOAST chunks, reached only through a row the reader already sees, and for the version
     * a successful update or delete just replaced.
     */
    HeapTuple fetchStored(RelFileLocator relation, Tid tid);

    /**
     * Follows the update chain from {@code tid} to the newest committed (or own) version and
     * returns it, or null if that row was deleted: the re-check step of READ COMMITTED.
     */
    HeapTuple fetchLatestVersion(RelFileLocator relation, Tid tid, Transaction tx);

    /**
     * The state of the row version at {@code tid} under a dirty snapshot, as a unique index's
     * check sees it ({@code SnapshotDirty} in {@code _bt_check_unique}): LIVE (a conflict),
     * DEAD (none: never committed, deleted by a committed transaction or by {@code tx}, or no
     * tuple there) or IN_PROGRESS with the XID to wait for (its inserter or deleter is running).
     */
    DirtyState dirtyState(RelFileLocator relation, Tid tid, Transaction tx);
    /**
     * The xmin horizon VACUUM removes below ({@code GetOldestNonRemovableTransactionId}): a
     * tuple whose deleter committed before it is dead to every snapshot.
     */
    long vacuumHorizon();

    /**
     * VACUUM's first pass over one block ({@code lazy_scan_prune}): prunes it under the
     * exclusive lock and reports its LP_DEAD line pointers, whose index entries VACUUM removes
     * before {@link #vacuumReclaim}.
     */
    VacuumPage vacuumScanPage(RelFileLocator relation, int block, long horizon);

    /**
     * {@link #vacuumScanPage} that also freezes the tuples whose XIDs are below
     * {@code freezeCutoff} (at most {@code horizon}; 0 freezes nothing), WAL-logged as
     * FREEZE_PAGE; the page result names the oldest XID left.
     */
    VacuumPage vacuumScanPage(RelFileLocator relation, int block, long horizon, long freezeCutoff);

    /**
     * Freezes one page without pruning it (the system catalogs, whose TIDs the catalog cache
     * keeps): returns the oldest XID left on it, {@link Long#MAX_VALUE} if none.
     */
    long freezePage(RelFileLocator relation, int block, long freezeCutoff);

    /**
     * Overwrites the body of the tuple at {@code tid} with {@code body}, of the same length,
     * where it is ({@code heap_inplace_update}): no new version, visible at once to every
     * snapshot that sees the tuple, never rolled back; WAL-logged (INPLACE) before the page can
     * be written. For catalog values VACUUM keeps (pg_class.relfrozenxid, pg_database.datfrozenxid).
     */
    void inplaceUpdate(RelFileLocator relation, Tid tid, byte[] body);

    /**
     * VACUUM's second pass over one block ({@code lazy_vacuum_heap_page}): the given LP_DEAD
     * line pointers, no longer referenced by any index, become unused; returns the page's free
     * space (also recorded in the free space map).
     */
    int vacuumReclaim(RelFileLocator relation, int block, int[] deadOffsets);

    /**
     * The number of blocks the relation keeps when its trailing empty pages go: one past the
     * last page with a line pointer in use ({@code count_nondeletable_pages}). New pages
     * (never initialized) count as empty.
     */
    int nonEmptyBlocks(RelFileLocator relation);

    /**
     * Cuts the relation's main fork down to {@code blocks} blocks ({@code RelationTruncate}):
     * the SMGR TRUNCATE record is logged and flushed first, then the buffers past the end are
     * dropped and the file cut, so a crash at any point leaves a relation that recovery cuts
     * again. The caller holds ACCESS EXCLUSIVE on the relation and checked, under that lock,
     * that the pages past {@code blocks} are empty.
     */
    void truncate(RelFileLocator relation, int blocks);

    /**
     * The visibility map bits of a heap block ({@code visibilitymap_get_status}):
     * {@link VisibilityMap#ALL_VISIBLE} and {@link VisibilityMap#ALL_FROZEN}. Read without a lock:
     * an index-only scan trusts a set ALL_VISIBLE bit only for tuples its snapshot could see anyway.
     */
    int visibilityStatus(RelFileLocator relation, int block);

    /**
     * The dead tuples opportunistic pruning ({@code heap_page_prune_opt}) removed from the
     * relation's pages since the last call, which then starts again from 0: the tuples that
     * became unused or whose root became a redirect, not the new LP_DEAD line pointers VACUUM
     * must still clear ({@code ndeleted - nnewlpdead}). The reader reports them to the
     * statistics ({@code pgstat_update_heap_dead_tuples}).
     */
    default long takePrunedTuples(RelFileLocator relation) {
        return 0;
    }

    /**
     * The number of heap pages marked all-visible and all-frozen in the visibility map
     * ({@code visibilitymap_count}), for pg_class.relallvisible.
     */
    int[] visibilityCounts(RelFileLocator relation);

    /** The number of blocks of the relation's main fork ({@code RelationGetNumberOfBlocks}). */
    int blockCount(RelFileLocator relation);
}
