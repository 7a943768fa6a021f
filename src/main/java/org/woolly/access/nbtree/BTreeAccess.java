package org.woolly.access.nbtree;

import java.util.Iterator;
import java.util.List;
import java.util.function.Predicate;
import org.woolly.access.common.Tid;
import org.woolly.access.transam.StorageServices;
import org.woolly.access.transam.Transaction;

/**
 * The B-tree index access method ({@code src/backend/access/nbtree}): Lehman and Yao trees with
 * right links and high keys over 8 KB pages in the shared buffer pool, every change WAL-logged
 * before its page can be written. Keys are the Java values of {@code utils.adt} ordered by each
 * type's btree comparison ({@code BuiltinTypes.comparator}), heap TIDs break ties. The index does
 * not know the heap: a unique insert asks its caller about the rows its duplicates point at
 * ({@link HeapProbe}). Thread-safe; one instance per server, registered as {@value #NAME}.
 */
public interface BTreeAccess {
    /** The B-tree's name in the access method registry ({@code pg_am.amname}, OID 403). */
    String NAME = "btree";

    /** The B-tree registered in {@code storage}. */
    static BTreeAccess of(StorageServices storage) {
        return storage.accessMethods().get(NAME, BTreeAccess.class);
    }

    /**
     * Writes the metapage and an empty root of an index whose relation file exists and is empty
     * ({@code btbuildempty}); WAL-logged.
     */
    void buildEmpty(IndexShape index, Transaction tx);

    /**
     * Builds an index whose relation file exists and is empty from {@code entries} in any order
     * ({@code btbuild}/{@code nbtsort.c}): sorts them, checks a unique index among its live
     * entries (23505 from {@link HeapProbe#duplicate}), writes the tree bottom up and WAL-logs it.
     * Returns the number of entries.
     */
    long build(IndexShape index, Iterator<IndexEntry> entries, HeapProbe probe, Transaction tx);

    /**
     * Inserts one entry ({@code btinsert}). For a unique index, an equal key whose heap row is
     * live raises {@link HeapProbe#duplicate}; one whose inserter or deleter is still in
     * progress makes this call wait for that transaction and check again, as
     * {@code _bt_check_unique} does; dead ones are ignored. NULL keys never conflict unless the
     * index is NULLS NOT DISTINCT.
     */
    void insert(IndexShape index, Object[] values, Tid heapTid, HeapProbe probe, Transaction tx);

    /**
     * Inserts one entry of a speculative insertion into a unique index without raising or
     * waiting ({@code UNIQUE_CHECK_PARTIAL} as {@code ExecInsertIndexTuples} uses it for ON
     * CONFLICT's arbiter indexes): when an equal key's heap row is live or in progress, adds
     * nothing and returns false, so the caller kills its tuple and tries again; else inserts
     * and returns true. Check and insert happen under one hold of the index, so of two
     * speculative inserters of a key the second always sees the first.
     */
    boolean insertSpeculative(IndexShape index, Object[] values, Tid heapTid, HeapProbe probe, Transaction tx);

    /**
     * Checks an entry already in a unique index against the other entries with its key, with
     * {@link #insert}'s rules ({@code UNIQUE_CHECK_EXISTING}, the recheck of a deferred unique
     * constraint in {@code unique_key_recheck}); adds nothing.
     */
    void checkUniqueExisting(IndexShape index, Object[] values, Tid heapTid, HeapProbe probe, Transaction tx);

    /**
     * Starts a scan over the entries matching every key ({@code btbeginscan} + {@code btrescan}):
     * positioned by the keys on the leading columns, stopped as soon as the keys can no longer
     * match, in index order or its reverse.
     */
    IndexScan beginScan(IndexShape index, List<ScanKey> keys, boolean backward);

    /**
     * Removes every leaf entry whose heap TID {@code dead} accepts ({@code btbulkdelete}), under
     * the index's writer lock, visiting every block; each changed leaf is WAL-logged. Leaves left
     * empty are then deleted ({@code _bt_pagedel}) and their pages reused by later splits once no
     * running transaction is older than the deletion. Returns the entries removed.
     */
    long bulkDelete(IndexShape index, Predicate<Tid> dead);

    /** The number of pages of the index, metapage included ({@code pg_class.relpages}, cost estimates). */
    long pageCount(IndexShape index);
}
