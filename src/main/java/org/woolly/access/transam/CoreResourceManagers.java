package org.woolly.access.transam;

import java.util.function.LongConsumer;
import org.woolly.storage.buffer.BufferPool;
import org.woolly.storage.smgr.RelFileLocator;

/**
 * Redo for this package's own records: XLOG (checkpoints and counters), TRANSACTION (commit and
 * abort set the commit log and drop files) and STORAGE (file creation). Counterpart of
 * {@code xlog_redo} ({@code xlog.c}), {@code xact_redo} ({@code xact.c}) and {@code smgr_redo}
 * ({@code storage.c}).
 */
final class CoreResourceManagers {
    private CoreResourceManagers() {}

    /**
     * CLOG redo ({@code clog_redo}): a CLOG_TRUNCATE removes the segments again, so a crash
     * between the record and the unlinks leaves none behind and the horizon holds after
     * recovery.
     */
    static ResourceManager commitLog(CommitLog commitLog) {
        return new ResourceManager() {
            @Override
            public int id() {
                return ResourceManagerIds.CLOG;
            }

            @Override
            public String name() {
                return "CLOG";
            }

            @Override
            public void redo(WalRecord record, long endLsn) {
                if (record.info() == TransactionRecords.CLOG_TRUNCATE) {
                    commitLog.truncate(TransactionRecords.decodeCounter(record.mainData()));
                }
            }

            @Override
            public String describe(WalRecord record) {
                return record.info() == TransactionRecords.CLOG_TRUNCATE
                        ? "TRUNCATE page " + TransactionRecords.decodeCounter(record.mainData())
                                * CommitLog.PAGES_PER_SEGMENT
                        : "UNKNOWN info " + record.info();
            }
        };
    }

    /**
     * XLOG redo moves the XID and OID counters forward to what the records say and restores
     * the page images of FPI_FOR_HINT records into {@code bufferPool}.
     */
    static ResourceManager xlog(LongConsumer nextXid, LongConsumer nextOid, BufferPool bufferPool) {
        return new ResourceManager() {
            @Override
            public int id() {
                return ResourceManagerIds.XLOG;
            }

            @Override
            public String name() {
                return "XLOG";
            }

            @Override
            public void redo(WalRecord record, long endLsn) {
                switch (record.info()) {
                    case TransactionRecords.XLOG_CHECKPOINT_SHUTDOWN, TransactionRecords.XLOG_CHECKPOINT_ONLINE -> {
                        TransactionRecords.Checkpoint checkpoint = TransactionRecords.decodeCheckpoint(record.mainData());
                        nextXid.accept(checkpoint.nextXid());
                        nextOid.accept(checkpoint.nextOid());
                    }
                    case TransactionRecords.XLOG_NEXTXID -> nextXid.accept(TransactionRecords.decodeCounter(record.mainData()));
                    case TransactionRecords.XLOG_NEXTOID -> nextOid.accept(TransactionRecords.decodeCounter(record.mainData()));
                    case TransactionRecords.XLOG_FPI_FOR_HINT -> {
                        for (BlockReference block : record.blocks()) {
                            bufferPool.restorePageImage(block.relation(), block.fork(), block.blockNumber(),
                                    block.pageImage(), endLsn);
                        }
                    }
                    default -> { }
                }
            }

            @Override
            public String describe(WalRecord record) {
                return switch (record.info()) {
                    case TransactionRecords.XLOG_CHECKPOINT_SHUTDOWN, TransactionRecords.XLOG_CHECKPOINT_ONLINE -> {
                        TransactionRecords.Checkpoint checkpoint = TransactionRecords.decodeCheckpoint(record.mainData());
                        yield (record.info() == TransactionRecords.XLOG_CHECKPOINT_SHUTDOWN ? "CHECKPOINT_SHUTDOWN"
                                : "CHECKPOINT_ONLINE") + " redo " + WalSegments.format(checkpoint.redoLsn())
                                + "; next xid " + checkpoint.nextXid() + "; next oid " + checkpoint.nextOid();
                    }
                    case TransactionRecords.XLOG_NEXTXID -> "NEXTXID " + TransactionRecords.decodeCounter(record.mainData());
                    case TransactionRecords.XLOG_NEXTOID -> "NEXTOID " + TransactionRecords.decodeCounter(record.mainData());
                    case TransactionRecords.XLOG_FPI_FOR_HINT -> {
                        BlockReference block = record.blocks().get(0);
                        yield "FPI_FOR_HINT rel " + block.relation().tablespaceOid() + "/"
                                + block.relation().databaseOid() + "/" + block.relation().relNumber() + " blk "
                                + Integer.toUnsignedString(block.blockNumber());
                    }
                    default -> "UNKNOWN info " + record.info();
                };
            }
        };
    }

    /**
     * TRANSACTION redo. A PREPARE record adds its state to {@code prepared} (by XID,
     * {@code PrepareRedoAdd}); COMMIT PREPARED and ROLLBACK PREPARED redo as a commit or abort
     * and remove the state and its file ({@code PrepareRedoRemove}).
     */
    static ResourceManager transaction(CommitLog commitLog, RelationFileOperations files,
                                       java.util.Map<Long, TwoPhaseRecords.State> prepared, TwoPhaseState twoPhase) {
        return new ResourceManager() {
            @Override
            public int id() {
                return ResourceManagerIds.TRANSACTION;
            }

            @Override
            public String name() {
                return "Transaction";
            }

            @Override
            public void redo(WalRecord record, long endLsn) {
                if (record.info() == TransactionRecords.XACT_PREPARE) {
                    TwoPhaseRecords.State state = TwoPhaseRecords.decode(record.mainData());
                    prepared.put(state.xid(), state);
                    return;
                }
                if (record.info() == TransactionRecords.XACT_COMMIT_PREPARED
                        || record.info() == TransactionRecords.XACT_ABORT_PREPARED) {
                    prepared.remove(record.xid());
                    twoPhase.removeFile(record.xid());
                }
                boolean commit = record.info() == TransactionRecords.XACT_COMMIT
                        || record.info() == TransactionRecords.XACT_COMMIT_PREPARED;
                XidStatus status = commit ? XidStatus.COMMITTED : XidStatus.ABORTED;
                var end = TransactionRecords.decodeTransactionEnd(record.mainData());
                for (long subXid : end.subXids()) {
                    commitLog.set(subXid, status, 0);
                }
                commitLog.set(record.xid(), status, 0);
                for (RelFileLocator relation : end.relationsToDrop()) {
                    files.drop(relation);
                }
            }

            @Override
            public String describe(WalRecord record) {
                if (record.info() == TransactionRecords.XACT_PREPARE) {
                    TwoPhaseRecords.State state = TwoPhaseRecords.decode(record.mainData());
                    return "PREPARE " + state.xid() + "; gid " + state.gid() + "; locks " + state.locks().size();
                }
                var end = TransactionRecords.decodeTransactionEnd(record.mainData());
                String kind = switch (record.info()) {
                    case TransactionRecords.XACT_COMMIT -> "COMMIT ";
                    case TransactionRecords.XACT_COMMIT_PREPARED -> "COMMIT_PREPARED ";
                    case TransactionRecords.XACT_ABORT_PREPARED -> "ABORT_PREPARED ";
                    default -> "ABORT ";
                };
                return kind + record.xid()
                        + (end.relationsToDrop().isEmpty() ? "" : "; rels: " + end.relationsToDrop())
                        + (end.subXids().isEmpty() ? "" : "; subxacts: " + end.subXids());
            }
        };
    }

    static ResourceManager storage(RelationFileOperations files) {
        return new ResourceManager() {
            @Override
            public int id() {
                return ResourceManagerIds.STORAGE;
            }

            @Override
            public String name() {
                return "Storage";
            }

            @Override
            public void redo(WalRecord record, long endLsn) {
                if (record.info() == TransactionRecords.SMGR_CREATE) {
                    files.create(TransactionRecords.decodeStorageCreate(record.mainData()));
                } else if (record.info() == TransactionRecords.SMGR_TRUNCATE) {
                    var truncate = TransactionRecords.decodeStorageTruncate(record.mainData());
                    files.truncate(truncate.relation(), truncate.blocks());
                }
            }

            @Override
            public String describe(WalRecord record) {
                if (record.info() == TransactionRecords.SMGR_TRUNCATE) {
                    var truncate = TransactionRecords.decodeStorageTruncate(record.mainData());
                    return "TRUNCATE " + truncate.relation() + " to " + truncate.blocks() + " blocks";
                }
                return "CREATE " + TransactionRecords.decodeStorageCreate(record.mainData());
            }
        };
    }
}
