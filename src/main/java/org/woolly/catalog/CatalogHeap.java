package org.woolly.catalog;

import org.woolly.access.heap.HeapAccess;
import org.woolly.access.heap.HeapScan;
import org.woolly.access.heap.HeapTuple;
import org.woolly.access.heap.ModifyResult;
import org.woolly.access.common.Tid;
import org.woolly.access.transam.Snapshot;
import org.woolly.access.transam.Transaction;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Reads and writes catalog rows in their heap tables: encodes rows with the tuple codec and
 * scans, inserts, updates and deletes through {@link HeapAccess}. Counterpart of
 * {@code CatalogTupleInsert}/{@code CatalogTupleUpdate}/{@code CatalogTupleDelete} in
 * {@code indexing.c} and of the sequential system-table scans of {@code genam.c} (no catalog
 * indexes yet).
 */
public final class CatalogHeap {
    private final HeapAccess heap;
    private final CatalogTupleCodec codec;
    /** The storage the relations described by these catalogs live in (their TOAST tables read through it); null in initdb. */
    private final org.woolly.access.transam.StorageServices storage;
    /** Catalog rows written (inserted, updated, deleted) by any transaction since start. */
    private final java.util.concurrent.atomic.AtomicLong writes = new java.util.concurrent.atomic.AtomicLong();

    public CatalogHeap(HeapAccess heap, CatalogTupleCodec codec) {
        this(heap, codec, null);
    }

    public CatalogHeap(HeapAccess heap, CatalogTupleCodec codec, org.woolly.access.transam.StorageServices storage) {
        this.heap = heap;
        this.codec = codec;
        this.storage = storage;
    }

    org.woolly.access.transam.StorageServices storage() {
        return storage;
    }

    public CatalogTupleCodec codec() {
        return codec;
    }

    /** How many catalog rows were written so far: a cached image is current while this stays put. */
    long writes() {
        return writes.get();
    }

    public Tid insert(CatalogDefinition catalog, int databaseOid, Object[] values, Transaction tx) {
        // counted after the write: an image loaded meanwhile is then known stale at its next use
        Tid tid = heap.insert(catalog.locator(databaseOid), codec.encode(catalog.descriptor(), values), tx);
        writes.incrementAndGet();
        return tid;
    }

    /** Every row of the catalog visible to {@code snapshot}. */
    public List<CatalogRow> scan(CatalogDefinition catalog, int databaseOid, Snapshot snapshot) {
        return scan(catalog, databaseOid, snapshot, row -> true);
    }

    /** The rows of the catalog visible to {@code snapshot} that satisfy {@code filter}. */
    public List<CatalogRow> scan(CatalogDefinition catalog, int databaseOid, Snapshot snapshot,
                                 Predicate<CatalogRow> filter) {
        List<CatalogRow> rows = new ArrayList<>();
        try (HeapScan scan = heap.beginScan(catalog.locator(databaseOid), snapshot)) {
            for (HeapTuple tuple = scan.next(); tuple != null; tuple = scan.next()) {
                CatalogRow row = new CatalogRow(catalog, tuple.tid(), codec.decode(catalog.descriptor(), tuple.body()));
                if (filter.test(row)) {
                    rows.add(row);
                }
            }
        }
        return rows;
    }

    public void delete(CatalogRow row, int databaseOid, Transaction tx, Snapshot snapshot) {
        ModifyResult result = heap.delete(row.catalog().locator(databaseOid), row.tid(), tx, snapshot);
        writes.incrementAndGet();
        checkResult(result);
    }

    public void update(CatalogRow row, int databaseOid, Object[] newValues, Transaction tx, Snapshot snapshot) {
        ModifyResult result = heap.update(row.catalog().locator(databaseOid), row.tid(),
                codec.encode(row.catalog().descriptor(), newValues), tx, snapshot);
        writes.incrementAndGet();
        checkResult(result);
    }

    /**
     * Overwrites a row where it is ({@code heap_inplace_update}): only fixed-width columns may
     * change, so the new tuple has the old one's length. Not transactional: the row's xmin and
     * xmax stay, nothing is undone at abort. Counted as a write, so cached images reload.
     */
    public void updateInPlace(CatalogRow row, int databaseOid, Object[] newValues) {
        heap.inplaceUpdate(row.catalog().locator(databaseOid), row.tid(),
                codec.encode(row.catalog().descriptor(), newValues));
        writes.incrementAndGet();
    }

    /** A catalog row changed meanwhile: PostgreSQL's {@code simple_heap_update}/{@code _delete} errors. */
    private static void checkResult(ModifyResult result) {
        switch (result.status()) {
            case OK -> { }
            case SELF_MODIFIED -> throw new SqlException(SqlState.INTERNAL_ERROR, "tuple already updated by self");
            case UPDATED, DELETED -> throw new SqlException(SqlState.INTERNAL_ERROR, "tuple concurrently updated");
        }
    }
}
