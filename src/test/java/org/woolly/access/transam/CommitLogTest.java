package org.woolly.access.transam;

import org.woolly.storage.ipc.PanicState;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.woolly.utils.error.Severity;
import org.woolly.utils.error.SqlException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import org.junit.jupiter.api.io.TempDir;

class CommitLogTest {
    @TempDir
    Path directory;

    @Test
    void statusesSurviveEvictionAndRestartAcrossPagesAndSegments() {
        List<Long> flushedUpTo = new ArrayList<>();
        CommitLog log = new CommitLog(directory, 2, flushedUpTo::add, true, new PanicState());
        long[] xids = {3, 4, 5, CommitLog.XIDS_PER_PAGE - 1L, CommitLog.XIDS_PER_PAGE,
            CommitLog.XIDS_PER_PAGE * 3L + 17, (long) CommitLog.XIDS_PER_PAGE * CommitLog.PAGES_PER_SEGMENT + 9};
        for (int i = 0; i < xids.length; i++) {
            log.set(xids[i], i % 2 == 0 ? XidStatus.COMMITTED : XidStatus.ABORTED, 1000 + i);
        }
        for (int i = 0; i < xids.length; i++) {
            assertThat(log.get(xids[i])).isEqualTo(i % 2 == 0 ? XidStatus.COMMITTED : XidStatus.ABORTED);
        }
        assertThat(log.get(6)).isEqualTo(XidStatus.IN_PROGRESS);
        // Evicting a page with a commit on it flushed the WAL first.
        assertThat(flushedUpTo).isNotEmpty();
        log.flush();
        assertThat(Files.exists(directory.resolve("0000"))).isTrue();
        assertThat(Files.exists(directory.resolve("0001"))).isTrue();

        CommitLog reopened = new CommitLog(directory, 2, lsn -> { }, true, new PanicState());
        for (int i = 0; i < xids.length; i++) {
            assertThat(reopened.get(xids[i])).isEqualTo(i % 2 == 0 ? XidStatus.COMMITTED : XidStatus.ABORTED);
        }
        assertThat(reopened.get(CommitLog.XIDS_PER_PAGE * 3L + 18)).isEqualTo(XidStatus.IN_PROGRESS);
    }

    private static XidStatus expected(long xid) {
        return xid % 3 == 0 ? XidStatus.ABORTED : XidStatus.COMMITTED;
    }

    @Test
    void statusesSetWhilePagesAreEvictedAndWrittenAreNeverLost() throws Exception {
        int pages = 12;
        int threads = 8;
        int perThread = 1500;
        // A slow WAL flush widens the window in which a page is being written without the lock.
        CommitLog log = new CommitLog(directory, 3, lsn -> Thread.onSpinWait(), true, new PanicState());
        List<List<Long>> setByThread = new ArrayList<>();
        AtomicBoolean stop = new AtomicBoolean();
        try (var executor = Executors.newFixedThreadPool(threads + 1)) {
            List<Future<?>> setters = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                List<Long> mine = new ArrayList<>();
                setByThread.add(mine);
                setters.add(executor.submit(() -> {
                    Random random = new Random(thread);
                    for (int i = 0; i < perThread; i++) {
                        // XIDs of one thread are those equal to it modulo the thread count: no two threads share one.
                        long xid = (random.nextLong(pages * (long) CommitLog.XIDS_PER_PAGE) / threads) * threads + thread;
                        log.set(xid, expected(xid), i + 1);
                        mine.add(xid);
                        assertThat(log.get(xid)).isEqualTo(expected(xid));
                    }
                }));
            }
            Future<?> checkpointer = executor.submit(() -> {
                while (!stop.get()) {
                    log.flush();
                }
            });
            for (Future<?> setter : setters) {
                setter.get();
            }
            stop.set(true);
            checkpointer.get();
        }
        for (List<Long> xids : setByThread) {
            for (long xid : xids) {
                assertThat(log.get(xid)).isEqualTo(expected(xid));
            }
        }
        log.flush();
        CommitLog reopened = new CommitLog(directory, 3, lsn -> { }, true, new PanicState());
        for (List<Long> xids : setByThread) {
            for (long xid : xids) {
                assertThat(reopened.get(xid)).as("xid %d after restart", xid).isEqualTo(expected(xid));
            }
        }
    }

    @Test
    void walFlushAndPageWritesOfAnEvictionDoNotBlockReadersOfCachedPages() throws Exception {
        CountDownLatch flushing = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CommitLog log = new CommitLog(directory, 2, lsn -> {
            if (lsn == 77) {
                flushing.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    throw new AssertionError(e);
                }
            }
        }, false, new PanicState());
        log.set(3, XidStatus.COMMITTED, 77);
        long onPageOne = CommitLog.XIDS_PER_PAGE + 5L;
        log.set(onPageOne, XidStatus.ABORTED, 0);
        // Reading page 2 evicts page 0, whose commit needs a WAL flush first: that flush blocks.
        var threads = Executors.newVirtualThreadPerTaskExecutor();
        CompletableFuture<XidStatus> evicting = CompletableFuture.supplyAsync(
                () -> log.get(2L * CommitLog.XIDS_PER_PAGE), threads);
        try {
            assertThat(flushing.await(30, TimeUnit.SECONDS)).isTrue();
            CompletableFuture<XidStatus> reader = CompletableFuture.supplyAsync(() -> log.get(onPageOne), threads);
            // The page being written is still usable too: a status set now is not lost.
            CompletableFuture<Void> setter = CompletableFuture.runAsync(() -> log.set(4, XidStatus.COMMITTED, 78),
                    threads);
            assertThat(reader.get(30, TimeUnit.SECONDS)).isEqualTo(XidStatus.ABORTED);
            setter.get(30, TimeUnit.SECONDS);
        } finally {
            release.countDown();
            threads.shutdown();
        }
        assertThat(evicting.get(30, TimeUnit.SECONDS)).isEqualTo(XidStatus.IN_PROGRESS);
        log.flush();
        CommitLog reopened = new CommitLog(directory, 2, lsn -> { }, false, new PanicState());
        assertThat(reopened.get(3)).isEqualTo(XidStatus.COMMITTED);
        assertThat(reopened.get(4)).isEqualTo(XidStatus.COMMITTED);
        assertThat(reopened.get(onPageOne)).isEqualTo(XidStatus.ABORTED);
    }

    @Test
    void failedPageWriteIsAnErrorThatKeepsThePageDirty() {
        FaultyFiles files = new FaultyFiles();
        PanicState panicState = new PanicState();
        CommitLog log = new CommitLog(directory, 4, lsn -> { }, true, panicState, files);
        log.set(3, XidStatus.COMMITTED, 10);
        files.failWrites.set(true);
        assertThatThrownBy(log::flush).isInstanceOfSatisfying(SqlException.class,
                e -> assertThat(e.severity()).isEqualTo(Severity.ERROR));
        assertThat(panicState.panicked()).isFalse();
        files.failWrites.set(false);
        log.flush();
        assertThat(new CommitLog(directory, 4, lsn -> { }, true, new PanicState()).get(3))
                .isEqualTo(XidStatus.COMMITTED);
    }

    @Test
    void failedFsyncIsPanicNeverRetried() {
        FaultyFiles files = new FaultyFiles();
        PanicState panicState = new PanicState();
        CommitLog log = new CommitLog(directory, 4, lsn -> { }, true, panicState, files);
        log.set(3, XidStatus.COMMITTED, 10);
        files.failForces.set(true);
        assertThatThrownBy(log::flush).isInstanceOfSatisfying(SqlException.class,
                e -> assertThat(e.severity()).isEqualTo(Severity.PANIC));
        assertThat(panicState.panicked()).isTrue();
        files.failForces.set(false);
        log.set(4, XidStatus.COMMITTED, 11);
        // No second fsync can make the lost write look durable: nothing is written any more.
        assertThatThrownBy(log::flush).isInstanceOf(SqlException.class);
    }
}
