package org.woolly.storage.lmgr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

class LockManagerTest {
    private static final LockTag TABLE_A = new LockTag.Relation(5, 100);
    private static final LockTag TABLE_B = new LockTag.Relation(5, 200);

    @Test
    void conflictTableMatchesPostgres() {
        assertThat(LockMode.ACCESS_SHARE.conflictsWith(LockMode.ROW_EXCLUSIVE)).isFalse();
        assertThat(LockMode.ACCESS_SHARE.conflictsWith(LockMode.ACCESS_EXCLUSIVE)).isTrue();
        assertThat(LockMode.ROW_EXCLUSIVE.conflictsWith(LockMode.ROW_EXCLUSIVE)).isFalse();
        assertThat(LockMode.ROW_EXCLUSIVE.conflictsWith(LockMode.SHARE)).isTrue();
        assertThat(LockMode.SHARE.conflictsWith(LockMode.SHARE)).isFalse();
        assertThat(LockMode.SHARE_ROW_EXCLUSIVE.conflictsWith(LockMode.SHARE_ROW_EXCLUSIVE)).isTrue();
        assertThat(LockMode.SHARE_ROW_EXCLUSIVE.conflictsWith(LockMode.ROW_SHARE)).isFalse();
        assertThat(LockMode.EXCLUSIVE.conflictsWith(LockMode.ACCESS_SHARE)).isFalse();
        assertThat(LockMode.EXCLUSIVE.conflictsWith(LockMode.ROW_SHARE)).isTrue();
        for (LockMode a : LockMode.values()) {
            for (LockMode b : LockMode.values()) {
                assertThat(a.conflictsWith(b)).as(a + " vs " + b).isEqualTo(b.conflictsWith(a));
            }
        }
    }

    @Test
    void conflictingRequestWaitsForRelease() throws Exception {
        LockManager locks = new LockManager();
        locks.acquire(1, TABLE_A, LockMode.ROW_EXCLUSIVE);
        locks.acquire(2, TABLE_A, LockMode.ACCESS_SHARE);
        assertThat(locks.tryAcquire(3, TABLE_A, LockMode.ACCESS_EXCLUSIVE)).isFalse();
        CountDownLatch granted = new CountDownLatch(1);
        Thread waiter = Thread.ofVirtual().start(() -> {
            locks.acquire(3, TABLE_A, LockMode.ACCESS_EXCLUSIVE);
            granted.countDown();
        });
        assertThat(granted.await(200, TimeUnit.MILLISECONDS)).isFalse();
        locks.releaseAll(1);
        assertThat(granted.await(200, TimeUnit.MILLISECONDS)).isFalse();
        locks.releaseAll(2);
        assertThat(granted.await(5, TimeUnit.SECONDS)).isTrue();
        waiter.join();
        assertThat(locks.holds(3, TABLE_A, LockMode.ACCESS_EXCLUSIVE)).isTrue();
    }

    @Test
    void lockCycleIsReportedAsDeadlock() throws Exception {
        LockManager locks = new LockManager(Duration.ofMillis(100));
        locks.acquire(1, TABLE_A, LockMode.ACCESS_EXCLUSIVE);
        locks.acquire(2, TABLE_B, LockMode.ACCESS_EXCLUSIVE);
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<Throwable> first = executor.submit(() -> catchThrowable(
                    () -> locks.acquire(1, TABLE_B, LockMode.ACCESS_SHARE)));
            Thread.sleep(20);
            Future<Throwable> second = executor.submit(() -> catchThrowable(
                    () -> locks.acquire(2, TABLE_A, LockMode.ACCESS_SHARE)));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!first.isDone() && !second.isDone() && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            Future<Throwable> victim = first.isDone() ? first : second;
            long victimOwner = victim == first ? 1 : 2;
            assertThat(victim.get()).isInstanceOf(SqlException.class);
            SqlException error = (SqlException) victim.get();
            assertThat(error.sqlState()).isEqualTo(SqlState.DEADLOCK_DETECTED);
            assertThat(error.getMessage()).isEqualTo("deadlock detected");
            assertThat(error.detail()).contains("waits for AccessShareLock on relation");
            locks.releaseAll(victimOwner);
            Future<Throwable> survivor = victim == first ? second : first;
            assertThat(survivor.get(5, TimeUnit.SECONDS)).isNull();
        }
    }

    private static final LockTag KEY_1 = LockTag.Advisory.ofBigint(5, 1);
    private static final LockTag KEY_2 = LockTag.Advisory.ofBigint(5, 2);

    /** Waits (generously) until {@code pid} is seen waiting, blocked by {@code blocker}. */
    private static void awaitBlockedBy(LockManager locks, long pid, long blocker) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!locks.blockingProcesses(pid).contains(blocker)) {
            assertThat(System.nanoTime()).as("backend %d should wait for %d", pid, blocker).isLessThan(deadline);
            Thread.sleep(10);
        }
    }

    @Test
    void carryHoldersPassesKeyShareLockersOnAndReleaseAllFreesBothTags() {
        LockManager locks = new LockManager();
        LockTag oldVersion = new LockTag.Tuple(5, 100, 0, 1);
        LockTag newVersion = new LockTag.Tuple(5, 100, 0, 2);
        locks.acquire(1, oldVersion, LockMode.ACCESS_SHARE);
        locks.acquire(2, oldVersion, LockMode.ACCESS_SHARE);
        locks.acquire(3, oldVersion, LockMode.EXCLUSIVE);
        locks.acquire(3, oldVersion, LockMode.ACCESS_SHARE);
        // the updater (3) holds the exclusive mode: it is left out, the two lockers are carried
        assertThat(locks.carryHolders(oldVersion, newVersion, LockMode.ACCESS_SHARE, LockMode.EXCLUSIVE)).isEqualTo(2);
        assertThat(locks.holds(1, newVersion, LockMode.ACCESS_SHARE)).isTrue();
        assertThat(locks.holds(3, newVersion, LockMode.ACCESS_SHARE)).isFalse();
        assertThat(locks.tryAcquire(4, newVersion, LockMode.ACCESS_EXCLUSIVE)).isFalse();
        locks.releaseAll(1);
        locks.releaseAll(2);
        assertThat(locks.tryAcquire(4, newVersion, LockMode.ACCESS_EXCLUSIVE)).isTrue();
        assertThat(locks.carryHolders(new LockTag.Tuple(5, 100, 0, 9), newVersion, LockMode.ACCESS_SHARE,
                LockMode.EXCLUSIVE)).isZero();
    }

    @Test
    void advisoryKeysOfTheTwoFormsNeverMeet() {
        assertThat(LockTag.Advisory.ofBigint(5, 1)).isNotEqualTo(LockTag.Advisory.ofInts(5, 0, 1));
        assertThat(LockTag.Advisory.ofBigint(5, -1).toString()).isEqualTo("advisory lock [5,4294967295,4294967295,1]");
        assertThat(LockTag.Advisory.ofInts(5, 3, 4).toString()).isEqualTo("advisory lock [5,3,4,2]");
    }

    @Test
    void sessionAndTransactionLocksOfOneBackendDoNotConflict() {
        LockManager locks = new LockManager();
        long session = LockManager.sessionOwner(4242);
        locks.acquire(session, 4242, KEY_1, LockMode.EXCLUSIVE);
        // transaction 7 of the same backend: granted; transaction 8 of another backend: not
        assertThat(locks.tryAcquire(7, 4242, KEY_1, LockMode.EXCLUSIVE)).isTrue();
        assertThat(locks.tryAcquire(8, 4343, KEY_1, LockMode.SHARE)).isFalse();
        locks.releaseAll(7);
        assertThat(locks.holds(session, KEY_1, LockMode.EXCLUSIVE)).isTrue();
        assertThat(locks.release(session, KEY_1, LockMode.EXCLUSIVE)).isTrue();
        assertThat(locks.release(session, KEY_1, LockMode.EXCLUSIVE)).isFalse();
        assertThat(locks.tryAcquire(8, 4343, KEY_1, LockMode.SHARE)).isTrue();
    }

    @Test
    void deadlockThroughASessionLockIsDetected() throws Exception {
        LockManager locks = new LockManager(Duration.ofMillis(100));
        long sessionA = LockManager.sessionOwner(1001);
        locks.acquire(sessionA, 1001, KEY_1, LockMode.EXCLUSIVE);
        locks.acquire(20, 1002, KEY_2, LockMode.EXCLUSIVE);
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            // backend 1001 waits as its session for a transaction lock of 1002, which waits for 1001's session lock
            Future<Throwable> first = executor.submit(() -> catchThrowable(
                    () -> locks.acquire(sessionA, 1001, KEY_2, LockMode.EXCLUSIVE)));
            awaitBlockedBy(locks, 1001, 1002);
            Future<Throwable> second = executor.submit(() -> catchThrowable(
                    () -> locks.acquire(20, 1002, KEY_1, LockMode.SHARE)));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!first.isDone() && !second.isDone() && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            Future<Throwable> victim = first.isDone() ? first : second;
            SqlException error = (SqlException) victim.get();
            assertThat(error.sqlState()).isEqualTo(SqlState.DEADLOCK_DETECTED);
            assertThat(error.detail()).contains("on advisory lock [5,0,");
            if (victim == first) {
                locks.releaseAll(sessionA);
            } else {
                locks.releaseAll(20);
            }
            Future<Throwable> survivor = victim == first ? second : first;
            assertThat(survivor.get(10, TimeUnit.SECONDS)).isNull();
        }
    }

    @Test
    void blockingProcessesNamesHoldersAndConflictingWaitersAhead() throws Exception {
        LockManager locks = new LockManager();
        locks.acquire(LockManager.sessionOwner(1), 1, KEY_1, LockMode.SHARE);
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<?> exclusive = executor.submit(() -> locks.acquire(LockManager.sessionOwner(2), 2, KEY_1,
                    LockMode.EXCLUSIVE));
            awaitBlockedBy(locks, 2, 1);
            Future<?> shared = executor.submit(() -> locks.acquire(LockManager.sessionOwner(3), 3, KEY_1,
                    LockMode.SHARE));
            // the shared request does not conflict with the holder, but queues behind the exclusive one
            awaitBlockedBy(locks, 3, 2);
            assertThat(locks.blockingProcesses(3)).containsExactly(2L);
            assertThat(locks.blockingProcesses(1)).isEmpty();
            locks.releaseAll(LockManager.sessionOwner(1));
            exclusive.get(10, TimeUnit.SECONDS);
            locks.releaseAll(LockManager.sessionOwner(2));
            shared.get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void statusListsHoldersThenWaitersWithTheirProcessAndWaitStart() throws Exception {
        LockManager locks = new LockManager();
        LockTag table = new LockTag.Relation(5, 16384);
        locks.acquire(10, 100, table, LockMode.ACCESS_EXCLUSIVE);
        locks.acquire(LockManager.sessionOwner(100), 100, KEY_1, LockMode.SHARE);
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<?> waiter = executor.submit(() -> locks.acquire(11, 101, table, LockMode.SHARE));
            awaitBlockedBy(locks, 101, 100);
            assertThat(locks.status())
                    .filteredOn(lock -> lock.tag().equals(table))
                    .extracting(lock -> lock.owner() + "/" + lock.processId() + "/" + lock.mode().displayName() + "/"
                            + lock.granted() + "/" + (lock.waitStartMillis() > 0))
                    .containsExactly("10/100/AccessExclusiveLock/true/false", "11/101/ShareLock/false/true");
            assertThat(locks.status())
                    .filteredOn(lock -> lock.tag().equals(KEY_1))
                    .extracting(lock -> lock.owner() + "/" + lock.processId() + "/" + lock.mode().displayName())
                    .containsExactly("-100/100/ShareLock");
            locks.releaseAll(10);
            waiter.get(30, TimeUnit.SECONDS);
        }
        assertThat(locks.status()).extracting(lock -> lock.owner() + "/" + lock.granted())
                .containsExactlyInAnyOrder("11/true", "-100/true");
    }
}
