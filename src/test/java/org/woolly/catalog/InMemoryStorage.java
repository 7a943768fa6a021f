package org.woolly.catalog;

import org.woolly.access.heap.HeapAccess;
import org.woolly.access.heap.HeapScan;
import org.woolly.access.heap.HeapTuple;
import org.woolly.access.heap.ModifyResult;
import org.woolly.access.heap.Tid;
import org.woolly.access.transam.AccessMethodRegistry;
import org.woolly.access.transam.Snapshot;
import org.woolly.access.transam.StorageServices;
import org.woolly.access.transam.Transaction;
import org.woolly.access.transam.TransactionManager;
import org.woolly.access.transam.XidStatus;
import org.woolly.storage.smgr.RelFileLocator;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A small in-memory StorageServices for catalog tests: MVCC heap (xmin/xmax with command ids),
 * transactions with a commit log, relation storage that must be created before use and goes
 * away on abort or drop-at-commit. Not thread-safe beyond a single lock.
 */
public final class InMemoryStorage implements StorageServices {
    private final Map<RelFileLocator, List<Version>> relations = new ConcurrentHashMap<>();
    private final Map<Long, XidStatus> commitLog = new HashMap<>();
    private final Set<Long> running = new HashSet<>();
    private long nextXid = 3;
    private int nextOid = CatalogOids.FIRST_NORMAL_OBJECT_ID;
    public int checkpoints;

    private static final class Version {
        final byte[] body;
        final long xmin;
        final int cmin;
        long xmax;
        int cmax;

        Version(byte[] body, long xmin, int cmin) {
            this.body = body;
            this.xmin = xmin;
            this.cmin = cmin;
        }
    }

    public Set<RelFileLocator> existingRelations() {
        return relations.keySet();
    }

    public int tupleCount(RelFileLocator locator) {
        return relations.get(locator).size();
    }

    @Override
    public AccessMethodRegistry accessMethods() {
        AccessMethodRegistry methods = new AccessMethodRegistry();
        methods.register(HeapAccess.NAME, AccessMethodRegistry.Kind.TABLE, heap);
        return methods;
    }

    @Override
    public TransactionManager transactions() {
        return transactions;
    }

    @Override
    public synchronized int allocateOid() {
        return nextOid++;
    }

    @Override
    public void flushWal() {
        // No WAL behind this fake.
    }

    @Override
    public void checkpoint() {
        checkpoints++;
    }

    @Override
    public void close() {
        relations.clear();
    }

    @Override
    public void shutdownImmediately() {
        relations.clear();
    }

    private List<Version> relation(RelFileLocator locator) {
        List<Version> versions = relations.get(locator);
        if (versions == null) {
            throw new IllegalStateException("no storage for " + locator);
        }
        return versions;
    }

    private synchronized boolean committedFor(long xid, Snapshot snapshot) {
        return commitLog.get(xid) == XidStatus.COMMITTED && xid < snapshot.xmax()
                && Arrays.binarySearch(snapshot.inProgress(), xid) < 0;
    }

    private boolean visible(Version version, Snapshot snapshot) {
        boolean inserted = version.xmin == snapshot.currentXid()
                ? version.cmin < snapshot.commandId()
                : committedFor(version.xmin, snapshot);
        if (!inserted) {
            return false;
        }
        if (version.xmax == 0) {
            return true;
        }
        boolean deleted = version.xmax == snapshot.currentXid()
                ? version.cmax < snapshot.commandId()
                : committedFor(version.xmax, snapshot);
        return !deleted;
    }

    private final HeapAccess heap = new HeapAccess() {
        @Override
        public synchronized Tid insert(RelFileLocator locator, byte[] body, Transaction tx) {
            List<Version> versions = relation(locator);
            versions.add(new Version(body.clone(), tx.assignXid(), tx.commandId()));
            return new Tid(0, versions.size());
        }

        @Override
        public synchronized ModifyResult delete(RelFileLocator locator, Tid tid, Transaction tx, Snapshot snapshot) {
            Version version = relation(locator).get(tid.offset() - 1);
            if (version.xmax != 0 && commitLog.get(version.xmax) != XidStatus.ABORTED) {
                return new ModifyResult(ModifyResult.Status.DELETED, null);
            }
            version.xmax = tx.assignXid();
            version.cmax = tx.commandId();
            return new ModifyResult(ModifyResult.Status.OK, null);
        }

        @Override
        public synchronized ModifyResult update(RelFileLocator locator, Tid tid, byte[] newBody, Transaction tx,
                                                Snapshot snapshot) {
            ModifyResult deleted = delete(locator, tid, tx, snapshot);
            if (deleted.status() != ModifyResult.Status.OK) {
                return deleted;
            }
            return new ModifyResult(ModifyResult.Status.OK, insert(locator, newBody, tx));
        }

        @Override
        public synchronized HeapScan beginScan(RelFileLocator locator, Snapshot snapshot) {
            List<HeapTuple> visibleTuples = new ArrayList<>();
            List<Version> versions = relation(locator);
            for (int i = 0; i < versions.size(); i++) {
                Version version = versions.get(i);
                if (visible(version, snapshot)) {
                    visibleTuples.add(new HeapTuple(new Tid(0, i + 1), version.xmin, version.xmax, version.body));
                }
            }
            Iterator<HeapTuple> iterator = visibleTuples.iterator();
            return new HeapScan() {
                @Override
                public HeapTuple next() {
                    return iterator.hasNext() ? iterator.next() : null;
                }

                @Override
                public void close() {
                }
            };
        }

        @Override
        public synchronized HeapTuple fetch(RelFileLocator locator, Tid tid, Snapshot snapshot) {
            Version version = relation(locator).get(tid.offset() - 1);
            return visible(version, snapshot) ? new HeapTuple(tid, version.xmin, version.xmax, version.body) : null;
        }

        @Override
        public HeapTuple fetchLatestVersion(RelFileLocator locator, Tid tid, Transaction tx) {
            throw new IllegalStateException("not used by the catalog");
        }
    };

    private final class FakeTransaction implements Transaction {
        private long xid;
        private int commandId;
        private final List<Runnable> onCommit = new ArrayList<>();
        private final List<RelFileLocator> created = new ArrayList<>();
        private final List<RelFileLocator> dropAtCommit = new ArrayList<>();

        @Override
        public long xid() {
            return xid;
        }

        @Override
        public long assignXid() {
            synchronized (InMemoryStorage.this) {
                if (xid == 0) {
                    xid = nextXid++;
                    running.add(xid);
                    commitLog.put(xid, XidStatus.IN_PROGRESS);
                }
                return xid;
            }
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
            synchronized (InMemoryStorage.this) {
                long[] inProgress = running.stream().filter(x -> x != xid).mapToLong(Long::longValue).sorted()
                        .toArray();
                long xmin = inProgress.length == 0 ? nextXid : inProgress[0];
                return new Snapshot(xmin, nextXid, inProgress, xid, commandId);
            }
        }

        @Override
        public void createRelationStorage(RelFileLocator relation) {
            if (relations.putIfAbsent(relation, new ArrayList<>()) != null) {
                throw new IllegalStateException("storage exists: " + relation);
            }
            created.add(relation);
        }

        @Override
        public void dropRelationStorageAtCommit(RelFileLocator relation) {
            dropAtCommit.add(relation);
        }

        @Override
        public void onCommit(Runnable action) {
            onCommit.add(action);
        }
    }

    private final TransactionManager transactions = new TransactionManager() {
        @Override
        public Transaction begin() {
            return new FakeTransaction();
        }

        @Override
        public void commit(Transaction tx) {
            FakeTransaction transaction = (FakeTransaction) tx;
            synchronized (InMemoryStorage.this) {
                if (transaction.xid != 0) {
                    commitLog.put(transaction.xid, XidStatus.COMMITTED);
                    running.remove(transaction.xid);
                }
                transaction.dropAtCommit.forEach(relations::remove);
            }
            transaction.onCommit.forEach(Runnable::run);
        }

        @Override
        public void abort(Transaction tx) {
            FakeTransaction transaction = (FakeTransaction) tx;
            synchronized (InMemoryStorage.this) {
                if (transaction.xid != 0) {
                    commitLog.put(transaction.xid, XidStatus.ABORTED);
                    running.remove(transaction.xid);
                }
                transaction.created.forEach(relations::remove);
            }
        }

        @Override
        public synchronized XidStatus status(long xid) {
            return commitLog.getOrDefault(xid, XidStatus.ABORTED);
        }

        @Override
        public void waitForCompletion(long xid, Transaction waiter) {
        }
    };

    private final org.woolly.storage.ipc.PanicState panicState = new org.woolly.storage.ipc.PanicState();

    @Override
    public org.woolly.storage.ipc.PanicState panicState() {
        return panicState;
    }
}
