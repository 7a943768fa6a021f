package org.woolly.access.transam;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.woolly.storage.buffer.BufferPool;
import org.woolly.storage.ipc.PanicState;
import org.woolly.storage.lmgr.LockManager;
import org.woolly.storage.smgr.ForkNumber;
import org.woolly.storage.smgr.RelFileLocator;
import org.woolly.storage.smgr.StorageManager;
import org.woolly.utils.error.Severity;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

/**
 * Creating a data directory's storage (initdb's part) and opening it: pg_control read, crash
 * recovery if the last shutdown was not clean (replay from the checkpoint's redo pointer to
 * the end of valid WAL, each record to its resource manager), counters set past everything
 * seen, the torn WAL tail cut off, and an end-of-recovery checkpoint. Access methods and their
 * resource managers come from the {@link StorageModule}s the caller passes (PostgreSQL's
 * {@code rmgrlist.h}); this package registers only its own records' redo. Counterpart of
 * {@code BootStrapXLOG} and {@code StartupXLOG} in {@code src/backend/access/transam/xlog.c}
 * and {@code xlogrecovery.c}.
 */
public final class StorageStartup {
    private static final int COMMIT_LOG_BUFFERS = 128;

    private StorageStartup() {}

    /**
     * Creates global/, base/, pg_wal/ (with archive_status/), pg_xact/, the first WAL segment
     * holding a shutdown checkpoint, and pg_control. Fails if the directory is already initialized.
     */
    public static void initialize(Path dataDirectory) {
        initialize(dataDirectory, DefaultTransactionManager.FIRST_NORMAL_XID);
    }

    /**
     * {@link #initialize(Path)} with the XID counter starting at {@code nextXid}, as
     * {@code pg_resetwal -x} sets it: a cluster whose XIDs start past the first pg_xact segments
     * (tests of commit log truncation reach a second segment without a million transactions).
     */
    public static void initialize(Path dataDirectory, long nextXid) {
        Path controlPath = dataDirectory.resolve(ControlFile.PATH);
        if (Files.exists(controlPath)) {
            throw new SqlException(SqlState.DUPLICATE_FILE,
                    "data directory \"" + dataDirectory + "\" is already initialized");
        }
        try {
            Files.createDirectories(dataDirectory.resolve("global"));
            Files.createDirectories(dataDirectory.resolve("base"));
            Files.createDirectories(dataDirectory.resolve("pg_wal").resolve("archive_status"));
            Files.createDirectories(dataDirectory.resolve("pg_xact"));
            Files.createDirectories(dataDirectory.resolve("pg_multixact").resolve("offsets"));
            Files.createDirectories(dataDirectory.resolve("pg_multixact").resolve("members"));
            Files.createDirectories(dataDirectory.resolve(TwoPhaseState.DIRECTORY));
        } catch (IOException e) {
            throw WriteAheadLog.ioError("could not create directories in \"" + dataDirectory + "\"", e);
        }
        TransactionRecords.Checkpoint checkpoint = new TransactionRecords.Checkpoint(WalSegments.FIRST_LSN,
                Math.max(nextXid, DefaultTransactionManager.FIRST_NORMAL_XID), OidGenerator.FIRST_NORMAL_OID,
                System.currentTimeMillis());
        long[] position;
        try (WriteAheadLog wal = new WriteAheadLog(dataDirectory.resolve("pg_wal"), WalSegments.FIRST_LSN,
                WalSegments.INVALID_LSN, true, true, new PanicState())) {
            position = wal.insertRecord(TransactionRecords.checkpoint(checkpoint, true));
        }
        new ControlFile(ControlFile.State.SHUT_DOWN, position[0], checkpoint.redoLsn(), checkpoint.nextXid(),
                checkpoint.nextOid(), checkpoint.timeMillis()).write(dataDirectory, true);
    }

    /**
     * Opens the storage of an initialized data directory: StorageManager, BufferPool, WAL,
     * commit log, transactions, and each of {@code modules} (the access methods, which register
     * their resource managers), after crash recovery if the last shutdown was not clean.
     */
    public static DefaultStorageServices open(Path dataDirectory, StorageOptions options, List<StorageModule> modules) {
        ControlFile control = ControlFile.read(dataDirectory);
        Path walDirectory = dataDirectory.resolve("pg_wal");
        TransactionRecords.Checkpoint checkpoint = readCheckpoint(walDirectory, control.checkpointLsn());
        boolean crashed = control.state() != ControlFile.State.SHUT_DOWN;
        RecoveryLog.startup(control);

        // First pass: where valid WAL ends, so the writer can be opened there before replay.
        long scanFrom = crashed ? checkpoint.redoLsn() : control.checkpointLsn();
        long endOfWal;
        long lastRecord;
        try (WalReader reader = new WalReader(walDirectory, scanFrom)) {
            while (reader.next() != null) {
                // only the end position matters here
            }
            endOfWal = reader.endOfValidWal();
            lastRecord = reader.lastRecordLsn();
        }
        PanicState panicState = new PanicState();
        WriteAheadLog wal = new WriteAheadLog(walDirectory, endOfWal, lastRecord, options.fsync(), options.fullPageWrites(),
                options.walBufferBytes(), panicState);
        wal.setRedoPointer(checkpoint.redoLsn());
        StorageManager storageManager = new StorageManager(dataDirectory, panicState);
        BufferPool bufferPool = new BufferPool(storageManager, options.sharedBuffers(), wal::flush,
                new HintImageLog(wal));
        CommitLog commitLog = new CommitLog(dataDirectory.resolve("pg_xact"), COMMIT_LOG_BUFFERS, wal::flush,
                options.fsync(), panicState);
        RelationFileOperations files = new RelationFileOperations() {
            @Override
            public void create(RelFileLocator relation) {
                storageManager.create(relation, ForkNumber.MAIN);
            }

            @Override
            public void drop(RelFileLocator relation) {
                bufferPool.dropRelation(relation);
                storageManager.unlink(relation);
            }

            @Override
            public void truncate(RelFileLocator relation, int blocks) {
                storageManager.create(relation, ForkNumber.MAIN);
                bufferPool.truncate(relation, ForkNumber.MAIN, blocks);
            }
        };
        DefaultTransactionManager transactions = new DefaultTransactionManager(wal, commitLog,
                new LockManager(options.deadlockTimeout()), files, checkpoint.nextXid(), options.synchronousCommit());
        MultiXacts multiXacts = new MultiXacts(dataDirectory, wal, options.fsync(), panicState, checkpoint.multis());
        transactions.multiXacts(multiXacts);

        // prepared transactions: the states checkpoints wrote, then what replay adds and removes
        TwoPhaseState twoPhase = new TwoPhaseState(dataDirectory.resolve(TwoPhaseState.DIRECTORY), options.fsync());
        transactions.twoPhase(twoPhase);
        java.util.Map<Long, TwoPhaseRecords.State> prepared = twoPhase.readFiles();

        long[] counters = {checkpoint.nextXid(), checkpoint.nextOid()};
        ResourceManagerRegistry resourceManagers = new ResourceManagerRegistry();
        resourceManagers.register(CoreResourceManagers.xlog(xid -> counters[0] = Math.max(counters[0], xid),
                oid -> counters[1] = Math.max(counters[1], oid), bufferPool));
        resourceManagers.register(CoreResourceManagers.transaction(commitLog, files, prepared, twoPhase));
        resourceManagers.register(CoreResourceManagers.storage(files));
        resourceManagers.register(CoreResourceManagers.commitLog(commitLog));
        resourceManagers.register(multiXacts.resourceManager());
        DatabaseFiles databaseFiles = new DatabaseFiles(bufferPool, storageManager);
        resourceManagers.register(databaseFiles.resourceManager());
        AccessMethodRegistry accessMethods = new AccessMethodRegistry();
        StorageModule.Context context = new StorageModule.Context(bufferPool, wal, transactions, resourceManagers,
                accessMethods);
        for (StorageModule module : modules) {
            module.install(context);
        }

        long nextOid = checkpoint.nextOid();
        if (crashed) {
            control.withState(ControlFile.State.IN_CRASH_RECOVERY).write(dataDirectory, options.fsync());
            replay(walDirectory, checkpoint.redoLsn(), endOfWal, counters, resourceManagers);
            transactions.advanceNextXid(counters[0]);
            nextOid = counters[1];
        }
        restorePrepared(prepared, commitLog, twoPhase, transactions);
        OidGenerator oids = new OidGenerator(wal, (int) nextOid);
        DefaultStorageServices services = new DefaultStorageServices(dataDirectory, options, storageManager,
                bufferPool, wal, commitLog, transactions, oids, accessMethods, resourceManagers, panicState,
                databaseFiles);
        services.startedFromRedo(checkpoint.redoLsn());
        // RemovePgTempFiles: files of queries that a crash or kill -9 cut short
        services.temporaryFiles().removeLeftovers();
        if (crashed) {
            services.checkpoint(false);
        } else {
            control.withState(ControlFile.State.IN_PRODUCTION).write(dataDirectory, options.fsync());
        }
        return services;
    }

    /**
     * {@code RecoverPreparedTransactions}: a state whose XID the commit log shows ended (its
     * COMMIT/ROLLBACK PREPARED was before the checkpoint that wrote the file) is removed; the
     * others become prepared transactions again.
     */
    private static void restorePrepared(java.util.Map<Long, TwoPhaseRecords.State> prepared, CommitLog commitLog,
                                        TwoPhaseState twoPhase, DefaultTransactionManager transactions) {
        List<TwoPhaseRecords.State> unfinished = new java.util.ArrayList<>();
        for (TwoPhaseRecords.State state : prepared.values()) {
            if (commitLog.get(state.xid()) == XidStatus.IN_PROGRESS) {
                unfinished.add(state);
            } else {
                twoPhase.removeFile(state.xid());
            }
        }
        transactions.recoverPrepared(unfinished);
    }

    private static TransactionRecords.Checkpoint readCheckpoint(Path walDirectory, long checkpointLsn) {
        try (WalReader reader = new WalReader(walDirectory, checkpointLsn)) {
            WalReader.ReadRecord read = reader.next();
            if (read == null || read.record().resourceManager() != ResourceManagerIds.XLOG
                    || read.record().info() != TransactionRecords.XLOG_CHECKPOINT_SHUTDOWN
                    && read.record().info() != TransactionRecords.XLOG_CHECKPOINT_ONLINE) {
                throw new SqlException(Severity.PANIC, SqlState.DATA_CORRUPTED,
                        "could not locate a valid checkpoint record", null, null, 0, null);
            }
            return TransactionRecords.decodeCheckpoint(read.record().mainData());
        }
    }

    /**
     * Replays from the redo pointer, each record through its resource manager; moves
     * {@code counters} (next XID, next OID) past everything seen.
     */
    private static void replay(Path walDirectory, long redoLsn, long endOfWal, long[] counters,
                               ResourceManagerRegistry managers) {
        try (WalReader reader = new WalReader(walDirectory, redoLsn)) {
            WalReader.ReadRecord read;
            RecoveryLog redo = null;
            long lastReplayed = 0;
            while ((read = reader.next()) != null && read.lsn() < endOfWal) {
                if (redo == null) {
                    redo = RecoveryLog.redoStarts(read.lsn());
                }
                lastReplayed = read.lsn();
                WalRecord record = read.record();
                if (record.xid() != 0) {
                    counters[0] = Math.max(counters[0], record.xid() + 1);
                }
                managers.get(record.resourceManager()).redo(record, read.endLsn());
            }
            if (redo == null) {
                RecoveryLog.redoNotRequired();
            } else {
                redo.redoDone(lastReplayed);
            }
        }
    }
}
