package org.woolly.access.transam;

import org.woolly.storage.ipc.PanicState;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.woolly.storage.lmgr.LockManager;
import org.woolly.storage.lmgr.LockMode;
import org.woolly.storage.lmgr.LockTag;
import org.woolly.utils.error.Severity;
import org.woolly.storage.smgr.RelFileLocator;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

class DefaultTransactionManagerTest {
    @TempDir
    Path directory;

    private WriteAheadLog wal;
    private DefaultTransactionManager manager;
    private final List<String> fileEvents = new ArrayList<>();

    @BeforeEach
    void setUp() {
        wal = new WriteAheadLog(directory, WalSegments.FIRST_LSN, 0, true, true, new PanicState());
        CommitLog commitLog = new CommitLog(directory, 8, wal::flush, false, new PanicState());
        RelationFileOperations files = new RelationFileOperations() {
            @Override
            public synchronized void create(RelFileLocator relation) {
                fileEvents.add("create " + relation.relNumber());
            }

            @Override
            public synchronized void drop(RelFileLocator relation) {
                fileEvents.add("drop " + relation.relNumber());
            }
        };
        manager = new DefaultTransactionManager(wal, commitLog, new LockManager(), files, 0, true);
    }

    @AfterEach
    void tearDown() {
        wal.close();
    }

    @Test
    void xidsStartAtFirstNormalAndReadOnlyTransactionsWriteNothing() {
        TopTransaction readOnly = manager.begin();
        long before = wal.insertLsn();
        readOnly.takeSnapshot();
        manager.commit(readOnly);
        assertThat(wal.insertLsn()).isEqualTo(before);
        assertThat(readOnly.xid()).isZero();

        TopTransaction tx = manager.begin();
        assertThat(tx.assignXid()).isEqualTo(DefaultTransactionManager.FIRST_NORMAL_XID);
        assertThat(tx.assignXid()).isEqualTo(DefaultTransactionManager.FIRST_NORMAL_XID);
        manager.commit(tx);
        assertThat(manager.status(3)).isEqualTo(XidStatus.COMMITTED);
        assertThat(wal.flushedLsn()).isEqualTo(wal.insertLsn());
    }

    @Test
    void snapshotsAndStatusOfConcurrentTransactions() {
        TopTransaction first = manager.begin();
        TopTransaction second = manager.begin();
        TopTransaction third = manager.begin();
        long x1 = first.assignXid();
        long x2 = second.assignXid();
        long x3 = third.assignXid();

        Snapshot snapshot = second.takeSnapshot();
        assertThat(snapshot.xmin()).isEqualTo(x1);
        assertThat(snapshot.xmax()).isEqualTo(x3 + 1);
        assertThat(snapshot.inProgress()).containsExactly(x1, x3);
        assertThat(snapshot.currentXid()).isEqualTo(x2);

        manager.commit(first);
        manager.abort(third);
        assertThat(manager.status(x1)).isEqualTo(XidStatus.COMMITTED);
        assertThat(manager.status(x2)).isEqualTo(XidStatus.IN_PROGRESS);
        assertThat(manager.status(x3)).isEqualTo(XidStatus.ABORTED);

        TopTransaction reader = manager.begin();
        Snapshot later = reader.takeSnapshot();
        assertThat(later.inProgress()).containsExactly(x2);
        assertThat(later.xmin()).isEqualTo(x2);
        assertThat(later.currentXid()).isZero();
        // second's earlier snapshot still holds the horizon at x1.
        assertThat(manager.oldestXmin()).isEqualTo(x1);
        manager.commit(second);
        manager.commit(reader);
        assertThat(manager.oldestXmin()).isEqualTo(manager.nextXid());
    }

    @Test
    void crashedXidNeitherRunningNorCommittedIsAborted() {
        assertThat(manager.status(500)).isEqualTo(XidStatus.ABORTED);
        assertThat(manager.status(DefaultTransactionManager.FROZEN_XID)).isEqualTo(XidStatus.COMMITTED);
    }

    @Test
    void commitDropsScheduledFilesAndAbortRemovesCreatedOnes() {
        TopTransaction creator = manager.begin();
        creator.createRelationStorage(new RelFileLocator(1663, 5, 100));
        manager.abort(creator);
        TopTransaction dropper = manager.begin();
        dropper.dropRelationStorageAtCommit(new RelFileLocator(1663, 5, 200));
        List<String> seenAtCommit = new ArrayList<>();
        dropper.onCommit(() -> seenAtCommit.add("done"));
        assertThat(fileEvents).containsExactly("create 100", "drop 100");
        manager.commit(dropper);
        assertThat(fileEvents).containsExactly("create 100", "drop 100", "drop 200");
        assertThat(seenAtCommit).containsExactly("done");
        assertThatThrownBy(() -> manager.commit(dropper)).isInstanceOf(SqlException.class);
    }

    @Test
    void waitForCompletionBlocksUntilTheTransactionEnds() throws Exception {
        TopTransaction holder = manager.begin();
        long xid = holder.assignXid();
        AtomicBoolean returned = new AtomicBoolean();
        CountDownLatch started = new CountDownLatch(1);
        Thread waiter = Thread.ofVirtual().start(() -> {
            started.countDown();
            manager.waitForCompletion(xid, null);
            returned.set(true);
        });
        started.await();
        Thread.sleep(200);
        assertThat(returned).isFalse();
        manager.commit(holder);
        waiter.join(TimeUnit.SECONDS.toMillis(5));
        assertThat(returned).isTrue();
        manager.waitForCompletion(xid, null);
    }

    @Test
    void waitingForEachOtherIsADeadlock() throws Exception {
        manager = new DefaultTransactionManager(wal, new CommitLog(directory, 8, wal::flush, false, new PanicState()),
                new LockManager(java.time.Duration.ofMillis(100)), new RelationFileOperations() {
                    @Override
                    public void create(RelFileLocator relation) {}

                    @Override
                    public void drop(RelFileLocator relation) {}
                }, 0, true);
        TopTransaction a = manager.begin();
        TopTransaction b = manager.begin();
        long xa = a.assignXid();
        long xb = b.assignXid();
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<SqlState> fa = executor.submit(() -> waitOrFail(xb, a));
            Future<SqlState> fb = executor.submit(() -> waitOrFail(xa, b));
            // Exactly one side is chosen as the deadlock victim; aborting it lets the other proceed.
            SqlState first = null;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (first == null && System.nanoTime() < deadline) {
                if (fa.isDone()) {
                    first = fa.get();
                    manager.abort(a);
                } else if (fb.isDone()) {
                    first = fb.get();
                    manager.abort(b);
                }
                Thread.sleep(10);
            }
            assertThat(first).isEqualTo(SqlState.DEADLOCK_DETECTED);
            assertThat(fa.get(5, TimeUnit.SECONDS) == null || fb.get(5, TimeUnit.SECONDS) == null).isTrue();
        }
    }

    private SqlState waitOrFail(long xid, TopTransaction waiter) {
        try {
            manager.waitForCompletion(xid, waiter);
            return null;
        } catch (SqlException e) {
            return e.sqlState();
        }
    }

    @Test
    void concurrentCommitsShareFsyncs() throws Exception {
        int commits = 200;
        long before = wal.fsyncCount();
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Long>> futures = new ArrayList<>();
            for (int i = 0; i < commits; i++) {
                futures.add(executor.submit(() -> {
                    TopTransaction tx = manager.begin();
                    long xid = tx.assignXid();
                    manager.commit(tx);
                    return xid;
                }));
            }
            for (Future<Long> future : futures) {
                assertThat(manager.status(future.get())).isEqualTo(XidStatus.COMMITTED);
            }
        }
        assertThat(wal.fsyncCount() - before).isLessThan(commits);
    }

    private RelationFileOperations recordingFiles() {
        return new RelationFileOperations() {
            @Override
            public synchronized void create(RelFileLocator relation) {
                fileEvents.add("create " + relation.relNumber());
            }

            @Override
            public synchronized void drop(RelFileLocator relation) {
                fileEvents.add("drop " + relation.relNumber() + (wal.flushedLsn() == wal.insertLsn() ? " after flush" : ""));
            }
        };
    }

    @Test
    void synchronousCommitIsChosenPerCommitAndDroppingFilesForcesIt() {
        // The server default is off; each commit says what its session has.
        DefaultTransactionManager asyncByDefault = new DefaultTransactionManager(wal,
                new CommitLog(directory, 8, wal::flush, false, new PanicState()), new LockManager(), recordingFiles(),
                0, false);
        TopTransaction asynchronous = asyncByDefault.begin();
        asynchronous.assignXid();
        asyncByDefault.commit(asynchronous, false);
        assertThat(wal.flushedLsn()).isLessThan(wal.insertLsn());

        TopTransaction synchronous = asyncByDefault.begin();
        synchronous.assignXid();
        asyncByDefault.commit(synchronous, true);
        assertThat(wal.flushedLsn()).isEqualTo(wal.insertLsn());

        TopTransaction dropping = asyncByDefault.begin();
        dropping.dropRelationStorageAtCommit(new RelFileLocator(1663, 5, 16390));
        asyncByDefault.commit(dropping, false);
        assertThat(fileEvents).containsExactly("drop 16390 after flush");
    }

    @Test
    void commitThatFailsToWriteItsRecordIsPanicAndStillEndsTheTransaction() throws Exception {
        PanicState panicState = new PanicState();
        FaultyFiles faulty = new FaultyFiles();
        Path walDirectory = java.nio.file.Files.createDirectories(directory.resolve("failing_wal"));
        WriteAheadLog failing = new WriteAheadLog(walDirectory, WalSegments.FIRST_LSN, 0, true, true, 64 * 1024,
                panicState, faulty);
        DefaultTransactionManager failingManager = new DefaultTransactionManager(failing,
                new CommitLog(java.nio.file.Files.createDirectories(directory.resolve("failing_xact")), 8,
                        failing::flush, false, panicState), new LockManager(), recordingFiles(), 0, true);
        TopTransaction writer = failingManager.begin();
        long xid = writer.assignXid();
        // Another writer waits for this transaction, as one waiting on its row lock does.
        Thread waiter = Thread.ofPlatform().daemon().start(() -> {
            failingManager.lockManager().acquire(-42, new LockTag.Transaction(xid), LockMode.SHARE);
            failingManager.lockManager().release(-42, new LockTag.Transaction(xid), LockMode.SHARE);
        });
        try {
            faulty.failForces.set(true);
            assertThatThrownBy(() -> failingManager.commit(writer)).isInstanceOfSatisfying(SqlException.class,
                    e -> assertThat(e.severity()).isEqualTo(Severity.PANIC));
            assertThat(panicState.panicked()).isTrue();
            assertThat(failingManager.procArray().isRunning(xid)).isFalse();
            waiter.join(30_000);
            assertThat(waiter.isAlive()).as("the waiter woke up").isFalse();
            assertThat(failingManager.lockManager().tryAcquire(-43, new LockTag.Transaction(xid), LockMode.EXCLUSIVE))
                    .isTrue();
            // Nothing is committed after the PANIC either, and aborts still end their transactions.
            TopTransaction later = failingManager.begin();
            long laterXid = later.assignXid();
            failingManager.abort(later);
            assertThat(failingManager.procArray().isRunning(laterXid)).isFalse();
        } finally {
            failing.closeWithoutFlush();
        }
    }
}
