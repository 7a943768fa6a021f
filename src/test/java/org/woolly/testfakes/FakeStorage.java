package org.woolly.testfakes;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
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

/**
 * In-memory heap and transactions with MVCC visibility for single-threaded tests: tuples keep
 * xmin/cmin and xmax/cmax; a concurrent writer's row is reported UPDATED/DELETED only once it
 * committed (the fake does not wait).
 */
public final class FakeStorage implements StorageServices, HeapAccess, TransactionManager {
    private final Map<RelFileLocator, List<Version>> tables = new ConcurrentHashMap<>();
    private final Map<Long, XidStatus> status = new ConcurrentHashMap<>();
    private final Set<Long> running = ConcurrentHashMap.newKeySet();
    private final AtomicLong nextXid = new AtomicLong(3);
    private final AtomicInteger nextOid = new AtomicInteger(20000);

    private static final class Version {
        final Tid tid;
        final byte[] body;
        final long xmin;
        final int cmin;
        long xmax;
        int cmax;
        Tid next;

        Version(Tid tid, byte[] body, long xmin, int cmin) {
            this.tid = tid;
            this.body = body;
            this.xmin = xmin;
            this.cmin = cmin;
        }
    }

    public final class FakeTransaction implements Transaction {
        private long xid;
        private int commandId;
        private final List<Runnable> onCommit = new ArrayList<>();

        @Override
        public long xid() {
            return xid;
        }

        @Override
        public long assignXid() {
            if (xid == 0) {
                xid = nextXid.getAndIncrement();
                running.add(xid);
                status.put(xid, XidStatus.IN_PROGRESS);
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
            long[] inProgress = running.stream().mapToLong(Long::longValue).filter(x -> x != xid).sorted().toArray();
            long xmax = nextXid.get();
            long xmin = inProgress.length == 0 ? xmax : inProgress[0];
            return new Snapshot(xmin, xmax, inProgress, xid, commandId);
        }

        @Override
        public void createRelationStorage(RelFileLocator relation) {
            tables.putIfAbsent(relation, new ArrayList<>());
        }

        @Override
        public void dropRelationStorageAtCommit(RelFileLocator relation) {
            onCommit.add(() -> tables.remove(relation));
        }

        @Override
        public void onCommit(Runnable action) {
            onCommit.add(action);
        }
    }

    @Override
    public AccessMethodRegistry accessMethods() {
        AccessMethodRegistry methods = new AccessMethodRegistry();
        methods.register(HeapAccess.NAME, AccessMethodRegistry.Kind.TABLE, this);
        return methods;
    }

    @Override
    public TransactionManager transactions() {
        return this;
    }

    @Override
    public int allocateOid() {
        return nextOid.getAndIncrement();
    }

    @Override
    public void flushWal() {
        // No WAL behind this fake.
    }

    @Override
    public void checkpoint() {
    }

    @Override
    public void close() {
    }

    @Override
    public void shutdownImmediately() {
    }

    @Override
    public Transaction begin() {
        return new FakeTransaction();
    }

    @Override
    public void commit(Transaction tx) {
        if (tx.xid() != 0) {
            status.put(tx.xid(), XidStatus.COMMITTED);
            running.remove(tx.xid());
        }
        ((FakeTransaction) tx).onCommit.forEach(Runnable::run);
    }

    @Override
    public void abort(Transaction tx) {
        if (tx.xid() != 0) {
            status.put(tx.xid(), XidStatus.ABORTED);
            running.remove(tx.xid());
        }
    }

    @Override
    public XidStatus status(long xid) {
        return status.getOrDefault(xid, XidStatus.COMMITTED);
    }

    @Override
    public void waitForCompletion(long xid, Transaction waiter) {
    }

    private List<Version> table(RelFileLocator relation) {
        return tables.computeIfAbsent(relation, ignored -> new ArrayList<>());
    }

    @Override
    public synchronized Tid insert(RelFileLocator relation, byte[] body, Transaction tx) {
        List<Version> versions = table(relation);
        Tid tid = new Tid(0, versions.size() + 1);
        versions.add(new Version(tid, body, tx.assignXid(), tx.commandId()));
        return tid;
    }

    private boolean committedFor(long xid, Snapshot snapshot) {
        return status(xid) == XidStatus.COMMITTED && xid < snapshot.xmax()
                && Arrays.binarySearch(snapshot.inProgress(), xid) < 0;
    }

    private boolean visible(Version version, Snapshot snapshot) {
        boolean inserted = version.xmin == snapshot.currentXid() && snapshot.currentXid() != 0
                ? version.cmin < snapshot.commandId() : committedFor(version.xmin, snapshot);
        if (!inserted) {
            return false;
        }
        if (version.xmax == 0) {
            return true;
        }
        boolean deleted = version.xmax == snapshot.currentXid() && snapshot.currentXid() != 0
                ? version.cmax < snapshot.commandId() : committedFor(version.xmax, snapshot);
        return !deleted;
    }

    private Version version(RelFileLocator relation, Tid tid) {
        return table(relation).get(tid.offset() - 1);
    }

    @Override
    public synchronized ModifyResult delete(RelFileLocator relation, Tid tid, Transaction tx, Snapshot snapshot) {
        return modify(relation, tid, null, tx);
    }

    @Override
    public synchronized ModifyResult update(RelFileLocator relation, Tid tid, byte[] newBody, Transaction tx,
                                            Snapshot snapshot) {
        return modify(relation, tid, newBody, tx);
    }

    private ModifyResult modify(RelFileLocator relation, Tid tid, byte[] newBody, Transaction tx) {
        Version version = version(relation, tid);
        long xid = tx.assignXid();
        if (version.xmax != 0 && status(version.xmax) != XidStatus.ABORTED) {
            if (version.xmax == xid) {
                return new ModifyResult(ModifyResult.Status.SELF_MODIFIED, null);
            }
            return version.next == null ? new ModifyResult(ModifyResult.Status.DELETED, null)
                    : new ModifyResult(ModifyResult.Status.UPDATED, version.next);
        }
        version.xmax = xid;
        version.cmax = tx.commandId();
        if (newBody == null) {
            return new ModifyResult(ModifyResult.Status.OK, null);
        }
        Tid newTid = insert(relation, newBody, tx);
        version.next = newTid;
        return new ModifyResult(ModifyResult.Status.OK, newTid);
    }

    @Override
    public synchronized HeapScan beginScan(RelFileLocator relation, Snapshot snapshot) {
        List<HeapTuple> visible = new ArrayList<>();
        for (Version version : table(relation)) {
            if (visible(version, snapshot)) {
                visible.add(new HeapTuple(version.tid, version.xmin, version.xmax, version.body));
            }
        }
        var iterator = visible.iterator();
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
    public synchronized HeapTuple fetch(RelFileLocator relation, Tid tid, Snapshot snapshot) {
        Version version = version(relation, tid);
        return visible(version, snapshot) ? new HeapTuple(version.tid, version.xmin, version.xmax, version.body) : null;
    }

    @Override
    public synchronized HeapTuple fetchLatestVersion(RelFileLocator relation, Tid tid, Transaction tx) {
        Version version = version(relation, tid);
        while (version.next != null) {
            version = version(relation, version.next);
        }
        if (version.xmax != 0 && status(version.xmax) == XidStatus.COMMITTED) {
            return null;
        }
        return new HeapTuple(version.tid, version.xmin, version.xmax, version.body);
    }

    /** Rows stored in a relation's versions (visible or not), for assertions. */
    public synchronized int versionCount(RelFileLocator relation) {
        return table(relation).size();
    }

    private final org.woolly.storage.ipc.PanicState panicState = new org.woolly.storage.ipc.PanicState();

    @Override
    public org.woolly.storage.ipc.PanicState panicState() {
        return panicState;
    }
}
