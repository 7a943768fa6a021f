package org.woolly.access.heap;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import org.woolly.access.transam.Snapshot;
import org.woolly.access.transam.Transaction;
import org.woolly.access.transam.TransactionManager;
import org.woolly.access.transam.XidStatus;
import org.woolly.storage.smgr.RelFileLocator;

/** An in-memory transaction manager for heap tests: XIDs, statuses, snapshots and waiting. */
final class FakeTransactionManager implements TransactionManager {
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition ended = lock.newCondition();
    private final Map<Long, XidStatus> statuses = new ConcurrentHashMap<>();
    private final TreeSet<Long> running = new TreeSet<>();
    private long nextXid = 3;

    final class FakeTransaction implements Transaction {
        private long xid;
        private int commandId;
        private final List<Runnable> commitActions = new ArrayList<>();

        @Override
        public long xid() {
            return xid;
        }

        @Override
        public long assignXid() {
            if (xid == 0) {
                lock.lock();
                try {
                    xid = nextXid++;
                    running.add(xid);
                    statuses.put(xid, XidStatus.IN_PROGRESS);
                } finally {
                    lock.unlock();
                }
            }
            return xid;
        }

        @Override
        public int commandId() {
            return commandId;
        }

        @Override
        public void incrementCommandId() {
            commandId++;
        }

        @Override
        public Snapshot takeSnapshot() {
            lock.lock();
            try {
                long[] inProgress = running.stream().filter(x -> x != xid).mapToLong(Long::longValue).toArray();
                long xmin = running.isEmpty() ? nextXid : running.first();
                return new Snapshot(xmin, nextXid, inProgress, xid, commandId);
            } finally {
                lock.unlock();
            }
        }

        @Override
        public void createRelationStorage(RelFileLocator relation) {
            throw new IllegalStateException("not used by heap tests");
        }

        @Override
        public void dropRelationStorageAtCommit(RelFileLocator relation) {
            throw new IllegalStateException("not used by heap tests");
        }

        @Override
        public void onCommit(Runnable action) {
            commitActions.add(action);
        }
    }

    @Override
    public FakeTransaction begin() {
        return new FakeTransaction();
    }

    @Override
    public void commit(Transaction tx) {
        end(tx, XidStatus.COMMITTED);
        ((FakeTransaction) tx).commitActions.forEach(Runnable::run);
    }

    @Override
    public void abort(Transaction tx) {
        end(tx, XidStatus.ABORTED);
    }

    private void end(Transaction tx, XidStatus status) {
        if (tx.xid() == 0) {
            return;
        }
        lock.lock();
        try {
            statuses.put(tx.xid(), status);
            running.remove(tx.xid());
            ended.signalAll();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public XidStatus status(long xid) {
        return statuses.getOrDefault(xid, XidStatus.ABORTED);
    }

    @Override
    public void waitForCompletion(long xid, Transaction waiter) {
        lock.lock();
        try {
            while (running.contains(xid)) {
                ended.awaitUninterruptibly();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Whether someone is blocked in waitForCompletion. */
    boolean hasWaiters() {
        lock.lock();
        try {
            return lock.hasWaiters(ended);
        } finally {
            lock.unlock();
        }
    }
}
