package org.woolly.catalog;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.woolly.access.common.Attribute;
import org.woolly.access.common.Tid;
import org.woolly.access.common.ToastStore;
import org.woolly.access.common.Toaster;
import org.woolly.access.common.TupleCodec;
import org.woolly.access.common.TupleDescriptor;
import org.woolly.access.heap.HeapAccess;
import org.woolly.access.heap.HeapTuple;
import org.woolly.access.nbtree.BTreeAccess;
import org.woolly.access.nbtree.IndexScan;
import org.woolly.access.nbtree.IndexShape;
import org.woolly.access.nbtree.ScanKey;
import org.woolly.access.transam.Snapshot;
import org.woolly.access.transam.StorageServices;
import org.woolly.access.transam.Transaction;
import org.woolly.storage.smgr.RelFileLocator;
import org.woolly.utils.adt.TypeOids;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

/**
 * A table's TOAST relation {@code pg_toast.pg_toast_<oid>} (chunk_id oid, chunk_seq int4,
 * chunk_data bytea) with its B-tree {@code pg_toast_<oid>_index} on (chunk_id, chunk_seq):
 * counterpart of {@code toast_save_datum}, {@code toast_fetch_datum} and
 * {@code toast_delete_datum} ({@code toast_internals.c}, {@code detoast.c}). Chunk rows are
 * ordinary heap tuples and index entries, so they are WAL-logged, rolled back and vacuumed like
 * any other; they are read whatever their visibility ({@code SnapshotToast}), because a value is
 * only ever reached through a row its reader sees. Writing needs the transaction:
 * {@link #writing}.
 */
public final class ToastTable implements ToastStore {
    /** The TOAST relation's columns, none of them toastable ({@code create_toast_table}). */
    static final TupleDescriptor CHUNK_DESCRIPTOR = new TupleDescriptor(List.of(
            new Attribute("chunk_id", TypeOids.OID, -1, (short) 4, true, 'i', true, 'p'),
            new Attribute("chunk_seq", TypeOids.INT4, -1, (short) 4, true, 'i', true, 'p'),
            new Attribute("chunk_data", TypeOids.BYTEA, -1, (short) -1, false, 'i', true, 'p')));

    private final StorageServices storage;
    private final int oid;
    private final RelFileLocator locator;
    private final IndexShape index;
    private final Transaction tx;

    ToastTable(StorageServices storage, int oid, RelFileLocator locator, IndexShape index, Transaction tx) {
        this.storage = storage;
        this.oid = oid;
        this.locator = locator;
        this.index = index;
        this.tx = tx;
    }

    /** The same TOAST table, able to store values for {@code writer}. */
    public ToastTable writing(Transaction writer) {
        return new ToastTable(storage, oid, locator, index, writer);
    }

    @Override
    public int relationOid() {
        return oid;
    }

    public RelFileLocator locator() {
        return locator;
    }

    public IndexShape index() {
        return index;
    }

    @Override
    public int store(byte[] data) {
        if (tx == null) {
            throw new SqlException(SqlState.INTERNAL_ERROR, "cannot store a TOAST value outside a transaction");
        }
        int valueId = storage.allocateOid();
        List<byte[]> bodies = new ArrayList<>();
        for (int seq = 0, offset = 0; offset < data.length; seq++, offset += Toaster.MAXIMUM_CHUNK_SIZE) {
            byte[] chunk = Arrays.copyOfRange(data, offset, Math.min(data.length, offset + Toaster.MAXIMUM_CHUNK_SIZE));
            bodies.add(TupleCodec.encode(CHUNK_DESCRIPTOR, new Object[] {valueId, seq, chunk}));
        }
        HeapAccess heap = HeapAccess.of(storage);
        BTreeAccess btree = BTreeAccess.of(storage);
        Tid[] tids = heap.insertBatch(locator, bodies, tx);
        for (int seq = 0; seq < tids.length; seq++) {
            btree.insert(index, new Object[] {valueId, seq}, tids[seq], null, tx);
        }
        return valueId;
    }

    @Override
    public byte[] fetch(int valueId, int size) {
        byte[] value = new byte[size];
        int expectedChunks = (size + Toaster.MAXIMUM_CHUNK_SIZE - 1) / Toaster.MAXIMUM_CHUNK_SIZE;
        int found = 0;
        for (Tid tid : chunkTids(valueId)) {
            HeapTuple tuple = HeapAccess.of(storage).fetchStored(locator, tid);
            if (tuple == null) {
                continue;
            }
            Object[] chunk = TupleCodec.decode(CHUNK_DESCRIPTOR, tuple.body());
            int seq = (Integer) chunk[1];
            byte[] data = (byte[]) chunk[2];
            int offset = seq * Toaster.MAXIMUM_CHUNK_SIZE;
            int expectedSize = Math.min(Toaster.MAXIMUM_CHUNK_SIZE, size - offset);
            if (seq < 0 || seq >= expectedChunks || data.length != expectedSize) {
                throw SqlException.of(SqlState.DATA_CORRUPTED,
                        "unexpected chunk number %d (size %d) for toast value %s in pg_toast_%d", seq, data.length,
                        Integer.toUnsignedString(valueId), oid);
            }
            System.arraycopy(data, 0, value, offset, data.length);
            found++;
        }
        if (found != expectedChunks) {
            throw SqlException.of(SqlState.DATA_CORRUPTED, "missing chunk number %d for toast value %s in pg_toast_%d",
                    found, Integer.toUnsignedString(valueId), oid);
        }
        return value;
    }

    /** Deletes the chunk rows of the values whose pointers a removed row version held ({@code toast_delete_datum}). */
    public void delete(List<Toaster.ExternalPointer> pointers, Transaction writer) {
        HeapAccess heap = HeapAccess.of(storage);
        Snapshot snapshot = writer.takeSnapshot();
        for (Toaster.ExternalPointer pointer : pointers) {
            if (pointer.toastRelationOid() != oid) {
                continue;
            }
            for (Tid tid : chunkTids(pointer.valueId())) {
                heap.delete(locator, tid, writer, snapshot);
            }
        }
    }

    private List<Tid> chunkTids(int valueId) {
        List<Tid> tids = new ArrayList<>();
        IndexScan scan = BTreeAccess.of(storage).beginScan(index,
                List.of(new ScanKey(0, ScanKey.Strategy.EQUAL, valueId)), false);
        try {
            Tid tid;
            while ((tid = scan.next()) != null) {
                tids.add(tid);
            }
        } finally {
            scan.close();
        }
        return tids;
    }
}
