package org.woolly.access.heap;

import org.woolly.access.common.Tid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.woolly.access.heap.HeapTestSupport.TABLE;
import static org.woolly.access.heap.HeapTestSupport.bytes;
import static org.woolly.access.heap.HeapTestSupport.text;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.woolly.access.transam.Transaction;

class HeapConcurrencyTest {
    @TempDir
    Path data;

    private HeapTestSupport support;
    private HeapAccessMethod heap;
    private final List<Thread> workers = new CopyOnWriteArrayList<>();
    private final ExecutorService threads = Executors.newThreadPerTaskExecutor(task -> {
        Thread worker = Thread.ofPlatform().unstarted(task);
        workers.add(worker);
        return worker;
    });

    /** Whether a worker sleeps in the lock manager (on a transaction's lock: where a row's writer waits). */
    private boolean writerWaitsForATransaction() {
        return workers.stream().anyMatch(worker -> Arrays.stream(worker.getStackTrace()).anyMatch(
                frame -> frame.getClassName().endsWith(".LockManager") && frame.getMethodName().equals("acquire")));
    }

    @BeforeEach
    void setUp() {
        support = new HeapTestSupport(data, 16);
        heap = support.heap;
    }

    @AfterEach
    void tearDown() {
        threads.shutdownNow();
    }

    private void awaitWaiters() throws InterruptedException {
        for (int i = 0; i < 500 && !writerWaitsForATransaction(); i++) {
            Thread.sleep(5);
        }
        assertThat(writerWaitsForATransaction()).as("a writer is blocked on the running transaction").isTrue();
    }

    private CompletableFuture<ModifyResult> deleteInBackground(Tid tid, Transaction tx) {
        return CompletableFuture.supplyAsync(() -> heap.delete(TABLE, tid, tx, tx.takeSnapshot()), threads);
    }

    @Test
    void deleteWaitsForARunningUpdaterAndSeesItsCommit() throws Exception {
        Tid tid = support.committedRows("v1").get(0);
        Transaction updater = support.transactions.begin();
        Tid newTid = heap.update(TABLE, tid, bytes("v2"), updater, updater.takeSnapshot()).newTid();
        Transaction deleter = support.transactions.begin();
        CompletableFuture<ModifyResult> waiting = deleteInBackground(tid, deleter);
        awaitWaiters();
        assertThat(waiting).isNotDone();
        support.transactions.commit(updater);
        assertThat(waiting.get(5, TimeUnit.SECONDS)).isEqualTo(new ModifyResult(ModifyResult.Status.UPDATED, newTid));
        // READ COMMITTED then re-checks the newest version and deletes that one
        HeapTuple latest = heap.fetchLatestVersion(TABLE, tid, deleter);
        assertThat(text(latest)).isEqualTo("v2");
        assertThat(heap.delete(TABLE, latest.tid(), deleter, deleter.takeSnapshot()).status())
                .isEqualTo(ModifyResult.Status.OK);
    }

    @Test
    void deleteProceedsWhenTheRunningUpdaterAborts() throws Exception {
        Tid tid = support.committedRows("v1").get(0);
        Transaction updater = support.transactions.begin();
        heap.update(TABLE, tid, bytes("v2"), updater, updater.takeSnapshot());
        Transaction deleter = support.transactions.begin();
        CompletableFuture<ModifyResult> waiting = deleteInBackground(tid, deleter);
        awaitWaiters();
        support.transactions.abort(updater);
        assertThat(waiting.get(5, TimeUnit.SECONDS).status()).isEqualTo(ModifyResult.Status.OK);
        support.transactions.commit(deleter);
        assertThat(support.scan(support.transactions.begin().takeSnapshot())).isEmpty();
    }

    @Test
    void twoWaitersCannotBothWin() throws Exception {
        Tid tid = support.committedRows("contested").get(0);
        Transaction first = support.transactions.begin();
        heap.delete(TABLE, tid, first, first.takeSnapshot());
        Transaction second = support.transactions.begin();
        Transaction third = support.transactions.begin();
        CompletableFuture<ModifyResult> secondResult = deleteInBackground(tid, second);
        CompletableFuture<ModifyResult> thirdResult = deleteInBackground(tid, third);
        awaitWaiters();
        support.transactions.abort(first);
        // exactly one of them now holds the row; the other waits for that one
        CompletableFuture<Object> winner = CompletableFuture.anyOf(secondResult, thirdResult);
        assertThat(((ModifyResult) winner.get(5, TimeUnit.SECONDS)).status()).isEqualTo(ModifyResult.Status.OK);
        boolean secondWon = secondResult.isDone();
        Thread.sleep(50);
        assertThat(secondResult.isDone() && thirdResult.isDone()).as("the loser still waits").isFalse();
        support.transactions.commit(secondWon ? second : third);
        CompletableFuture<ModifyResult> loser = secondWon ? thirdResult : secondResult;
        assertThat(loser.get(5, TimeUnit.SECONDS).status()).isEqualTo(ModifyResult.Status.DELETED);
    }

    @Test
    void concurrentInsertersAndReadersKeepEveryRow() throws Exception {
        int writers = 6;
        int rowsEach = 150;
        List<CompletableFuture<Void>> work = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            int writer = w;
            work.add(CompletableFuture.runAsync(() -> {
                Transaction tx = support.transactions.begin();
                for (int i = 0; i < rowsEach; i++) {
                    heap.insert(TABLE, bytes("w" + writer + "-" + i + "-" + "z".repeat(60)), tx);
                }
                support.transactions.commit(tx);
            }, threads));
            work.add(CompletableFuture.runAsync(() -> {
                for (int i = 0; i < 5; i++) {
                    support.scan(support.transactions.begin().takeSnapshot());
                }
            }, threads));
        }
        CompletableFuture.allOf(work.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        List<String> rows = support.scan(support.transactions.begin().takeSnapshot());
        assertThat(rows).hasSize(writers * rowsEach).doesNotHaveDuplicates();
        assertThat(support.pool.pinnedBufferCount()).isZero();
    }

    /** One READ COMMITTED increment: update the version we saw, chasing newer ones on conflict. */
    private void increment(HeapAccessMethod target, Tid start) {
        Transaction tx = support.transactions.begin();
        Tid tid = start;
        HeapTuple current = target.fetchLatestVersion(TABLE, tid, tx);
        while (true) {
            int value = Integer.parseInt(text(current).trim());
            String next = String.format("%-" + (value % 7 == 0 ? 1500 : 10) + "d", value + 1);
            ModifyResult result = target.update(TABLE, current.tid(), bytes(next), tx, tx.takeSnapshot());
            if (result.status() == ModifyResult.Status.OK) {
                support.transactions.commit(tx);
                return;
            }
            assertThat(result.status()).isEqualTo(ModifyResult.Status.UPDATED);
            current = target.fetchLatestVersion(TABLE, result.newTid(), tx);
        }
    }

    @Test
    void concurrentIncrementsLoseNoUpdate(@TempDir Path other) throws Exception {
        support = new HeapTestSupport(other, 6);
        Tid row = support.committedRows("0").get(0);
        int workers = 8;
        int incrementsEach = 40;
        List<CompletableFuture<Void>> work = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            work.add(CompletableFuture.runAsync(() -> {
                for (int i = 0; i < incrementsEach; i++) {
                    increment(support.heap, row);
                }
            }, threads));
        }
        CompletableFuture.allOf(work.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        List<String> rows = support.scan(support.transactions.begin().takeSnapshot());
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).trim()).isEqualTo(String.valueOf(workers * incrementsEach));
        assertThat(support.pool.pinnedBufferCount()).isZero();
    }
}
