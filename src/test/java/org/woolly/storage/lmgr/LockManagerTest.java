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
}
