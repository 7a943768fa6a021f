package org.woolly.access.transam;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.woolly.storage.smgr.RelFileLocator;

/**
 * Info codes and main-data layouts of the records this package writes (XLOG, TRANSACTION,
 * STORAGE resource managers); see README.md. Counterpart of the record structs in
 * {@code xact.h} ({@code xl_xact_commit}), {@code storage_xlog.h} ({@code xl_smgr_create}) and
 * {@code pg_control.h} ({@code CheckPoint}).
 */
public final class TransactionRecords {
    /** XLOG: shutdown checkpoint (PostgreSQL's XLOG_CHECKPOINT_SHUTDOWN). */
    public static final int XLOG_CHECKPOINT_SHUTDOWN = 0x00;
    /** XLOG: online checkpoint. */
    public static final int XLOG_CHECKPOINT_ONLINE = 0x10;
    /** XLOG: OIDs below the value may have been handed out. */
    public static final int XLOG_NEXTOID = 0x30;
    /** XLOG: XIDs below the value may have been handed out (Woolly's, as XIDs are logged in batches like OIDs). */
    public static final int XLOG_NEXTXID = 0x40;
    /** XLOG: a full-page image taken because a hint bit was the page's first change since the checkpoint. */
    public static final int XLOG_FPI_FOR_HINT = 0xA0;
    /** TRANSACTION: commit, listing relations to drop. */
    public static final int XACT_COMMIT = 0x00;
    /** TRANSACTION: abort, listing relations the transaction created. */
    public static final int XACT_ABORT = 0x20;
    /** TRANSACTION: PREPARE TRANSACTION, the prepared transaction's state ({@code XLOG_XACT_PREPARE}, {@link TwoPhaseRecords}). */
    public static final int XACT_PREPARE = 0x10;
    /** TRANSACTION: COMMIT PREPARED, laid out as a commit ({@code XLOG_XACT_COMMIT_PREPARED}). */
    public static final int XACT_COMMIT_PREPARED = 0x30;
    /** TRANSACTION: ROLLBACK PREPARED, laid out as an abort ({@code XLOG_XACT_ABORT_PREPARED}). */
    public static final int XACT_ABORT_PREPARED = 0x40;
    /** STORAGE: a relation's main fork was created. */
    public static final int SMGR_CREATE = 0x10;
    /** CLOG: segments below the one named were removed ({@code CLOG_TRUNCATE}; main data: that segment u64). */
    public static final int CLOG_TRUNCATE = 0x10;
    /**
     * STORAGE: a relation's main fork was cut down to a number of blocks (VACUUM's truncation,
     * {@code XLOG_SMGR_TRUNCATE}); logged and flushed before the file is cut.
     */
    public static final int SMGR_TRUNCATE = 0x20;

    private TransactionRecords() {}

    /** A checkpoint record's content, with the multixact counters ({@code nextMulti}, {@code nextMultiOffset}, {@code oldestMulti}). */
    public record Checkpoint(long redoLsn, long nextXid, int nextOid, long timeMillis, MultiXacts.Counters multis) {
        public Checkpoint(long redoLsn, long nextXid, int nextOid, long timeMillis) {
            this(redoLsn, nextXid, nextOid, timeMillis, MultiXacts.Counters.INITIAL);
        }
    }

    /**
     * A commit or abort record's content: the subtransaction XIDs that end with it (committed
     * with the commit, aborted with the abort; {@code xl_xact_subxacts}), which recovery marks
     * in the commit log as it marks the record's own XID.
     */
    public record TransactionEnd(long timeMillis, List<RelFileLocator> relationsToDrop, List<Long> subXids) {
        public TransactionEnd(long timeMillis, List<RelFileLocator> relationsToDrop) {
            this(timeMillis, relationsToDrop, List.of());
        }
    }

    public static WalRecord checkpoint(Checkpoint checkpoint, boolean shutdown) {
        byte[] data = ByteBuffer.allocate(52).putLong(checkpoint.redoLsn()).putLong(checkpoint.nextXid())
                .putInt(checkpoint.nextOid()).putLong(checkpoint.timeMillis()).putLong(checkpoint.multis().nextMulti())
                .putLong(checkpoint.multis().nextOffset()).putLong(checkpoint.multis().oldestMulti()).array();
        return new WalRecord(ResourceManagerIds.XLOG, shutdown ? XLOG_CHECKPOINT_SHUTDOWN : XLOG_CHECKPOINT_ONLINE, 0,
                List.of(), data);
    }

    public static Checkpoint decodeCheckpoint(byte[] data) {
        ByteBuffer buffer = ByteBuffer.wrap(data);
        long redo = buffer.getLong();
        long nextXid = buffer.getLong();
        int nextOid = buffer.getInt();
        long time = buffer.getLong();
        // records written before multixacts end here
        MultiXacts.Counters multis = buffer.remaining() >= 24
                ? new MultiXacts.Counters(buffer.getLong(), buffer.getLong(), buffer.getLong()) : MultiXacts.Counters.INITIAL;
        return new Checkpoint(redo, nextXid, nextOid, time, multis);
    }

    public static WalRecord counter(int info, long value) {
        return new WalRecord(ResourceManagerIds.XLOG, info, 0, List.of(), ByteBuffer.allocate(8).putLong(value).array());
    }

    /** The CLOG_TRUNCATE record: every segment below {@code keepFrom} is gone. */
    public static WalRecord clogTruncate(long keepFrom) {
        return new WalRecord(ResourceManagerIds.CLOG, CLOG_TRUNCATE, 0, java.util.List.of(),
                ByteBuffer.allocate(8).putLong(keepFrom).array());
    }

    public static long decodeCounter(byte[] data) {
        return ByteBuffer.wrap(data).getLong();
    }

    /** An XLOG_FPI_FOR_HINT record: one block reference carrying the page image, no data. */
    public static WalRecord fullPageImageForHint(BlockReference block) {
        return new WalRecord(ResourceManagerIds.XLOG, XLOG_FPI_FOR_HINT, 0, List.of(block), new byte[0]);
    }

    public static WalRecord transactionEnd(int info, long xid, TransactionEnd end) {
        ByteBuffer buffer = ByteBuffer.allocate(16 + 12 * end.relationsToDrop().size() + 8 * end.subXids().size());
        buffer.putLong(end.timeMillis()).putInt(end.relationsToDrop().size());
        for (RelFileLocator relation : end.relationsToDrop()) {
            putRelation(buffer, relation);
        }
        buffer.putInt(end.subXids().size());
        for (long subXid : end.subXids()) {
            buffer.putLong(subXid);
        }
        return new WalRecord(ResourceManagerIds.TRANSACTION, info, xid, List.of(), buffer.array());
    }

    public static TransactionEnd decodeTransactionEnd(byte[] data) {
        ByteBuffer buffer = ByteBuffer.wrap(data);
        long time = buffer.getLong();
        int count = buffer.getInt();
        List<RelFileLocator> relations = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            relations.add(getRelation(buffer));
        }
        // records written before subtransactions existed end here
        int subCount = buffer.remaining() >= 4 ? buffer.getInt() : 0;
        List<Long> subXids = new ArrayList<>(subCount);
        for (int i = 0; i < subCount; i++) {
            subXids.add(buffer.getLong());
        }
        return new TransactionEnd(time, relations, subXids);
    }

    public static WalRecord storageCreate(long xid, RelFileLocator relation) {
        ByteBuffer buffer = ByteBuffer.allocate(12);
        putRelation(buffer, relation);
        return new WalRecord(ResourceManagerIds.STORAGE, SMGR_CREATE, xid, List.of(), buffer.array());
    }

    public static RelFileLocator decodeStorageCreate(byte[] data) {
        return getRelation(ByteBuffer.wrap(data));
    }

    /** A relation's main fork cut down to {@code blocks} blocks ({@code xl_smgr_truncate}). */
    public record StorageTruncate(RelFileLocator relation, int blocks) {}

    public static WalRecord storageTruncate(RelFileLocator relation, int blocks) {
        ByteBuffer buffer = ByteBuffer.allocate(16);
        putRelation(buffer, relation);
        buffer.putInt(blocks);
        return new WalRecord(ResourceManagerIds.STORAGE, SMGR_TRUNCATE, 0, List.of(), buffer.array());
    }

    public static StorageTruncate decodeStorageTruncate(byte[] data) {
        ByteBuffer buffer = ByteBuffer.wrap(data);
        return new StorageTruncate(getRelation(buffer), buffer.getInt());
    }

    static void putRelation(ByteBuffer buffer, RelFileLocator relation) {
        buffer.putInt(relation.tablespaceOid()).putInt(relation.databaseOid()).putInt(relation.relNumber());
    }

    static RelFileLocator getRelation(ByteBuffer buffer) {
        return new RelFileLocator(buffer.getInt(), buffer.getInt(), buffer.getInt());
    }
}
