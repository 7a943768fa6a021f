package org.woolly.tcop.engine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import org.woolly.access.transam.Transaction;
import org.woolly.storage.lmgr.LockManager;
import org.woolly.storage.lmgr.LockMode;
import org.woolly.storage.lmgr.LockTag;
import org.woolly.utils.adt.LockFunctions;
import org.woolly.utils.adt.LockStatusRow;
import org.woolly.utils.error.NoticeSink;
import org.woolly.utils.error.Severity;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

/**
 * One session's advisory locks ({@code lockfuncs.c} over {@code lock.c}). Session-level locks are
 * held by the backend's session owner ({@link LockManager#sessionOwner}), so they survive COMMIT
 * and ROLLBACK and end only with pg_advisory_unlock*, or at disconnect ({@link #close}, as
 * PostgreSQL's ProcKill runs LockReleaseAll for the user lock method). Transaction-level locks
 * are the transaction's, released at its end (or when the savepoint they were taken in rolls
 * back). A session's own locks never conflict with each other, whichever level holds them.
 */
final class SessionLocks implements LockFunctions {
    private final LockManager manager;
    /** The server's prepared transactions, which pg_prepared_xacts lists. */
    private final Supplier<List<org.woolly.access.transam.PreparedTransaction>> prepared;
    private final int backendPid;
    private final IntSupplier databaseOid;
    private final Supplier<Transaction> transaction;
    private final NoticeSink notices;
    /** The SIREAD locks of SERIALIZABLE transactions; null without serializable snapshot isolation. */
    private final org.woolly.storage.lmgr.PredicateLockManager predicateLocks;
    /** The MultiXactId store; null for storage without one. */
    private final org.woolly.access.transam.MultiXacts multiXacts;

    SessionLocks(LockManager manager, org.woolly.storage.lmgr.PredicateLockManager predicateLocks, int backendPid,
                 IntSupplier databaseOid, Supplier<Transaction> transaction, NoticeSink notices,
                 Supplier<List<org.woolly.access.transam.PreparedTransaction>> prepared,
                 org.woolly.access.transam.MultiXacts multiXacts) {
        this.manager = manager;
        this.multiXacts = multiXacts;
        this.prepared = prepared;
        this.predicateLocks = predicateLocks;
        this.backendPid = backendPid;
        this.databaseOid = databaseOid;
        this.transaction = transaction;
        this.notices = notices;
    }

    private LockTag.Advisory tag(long key, int kind) {
        int database = databaseOid.getAsInt();
        return kind == 1 ? LockTag.Advisory.ofBigint(database, key)
                : LockTag.Advisory.ofInts(database, (int) (key >>> 32), (int) key);
    }

    private static LockMode mode(boolean shared) {
        return shared ? LockMode.SHARE : LockMode.EXCLUSIVE;
    }

    @Override
    public boolean advisoryLock(long key, int kind, boolean shared, boolean sessionLevel, boolean wait) {
        LockTag tag = tag(key, kind);
        LockMode mode = mode(shared);
        if (!sessionLevel) {
            Transaction tx = transaction.get();
            if (wait) {
                tx.lock(tag, mode);
                return true;
            }
            return tx.tryLock(tag, mode);
        }
        long owner = LockManager.sessionOwner(backendPid);
        if (wait) {
            manager.acquire(owner, backendPid, tag, mode);
            return true;
        }
        return manager.tryAcquire(owner, backendPid, tag, mode);
    }

    @Override
    public boolean advisoryUnlock(long key, int kind, boolean shared) {
        LockMode mode = mode(shared);
        if (manager.release(LockManager.sessionOwner(backendPid), tag(key, kind), mode)) {
            return true;
        }
        // LockRelease's elog(WARNING): only session-level holds can be released this way
        notices.notice(new SqlException(Severity.WARNING, SqlState.WARNING,
                "you don't own a lock of type " + mode.displayName(), null, null, 0, null));
        return false;
    }

    @Override
    public void advisoryUnlockAll() {
        manager.releaseAll(LockManager.sessionOwner(backendPid));
    }

    @Override
    public List<Integer> blockingPids(int pid) {
        return manager.blockingProcesses(pid).stream().map(Long::intValue).toList();
    }

    /**
     * pg_locks: the lock manager's locks, and the virtualxid lock PostgreSQL's every transaction
     * holds on itself ({@code VirtualXactLockTableInsert}), here one per transaction holding or
     * awaiting a lock. A virtual transaction id is {@code pid/owner}: the backend and the
     * transaction's lock owner number, unique while the server runs as PostgreSQL's
     * {@code backendId/localTransactionId} is. A session-level lock shows the session's current
     * transaction, {@code pid/0} outside one. Foreign-key key locks (Woolly's stand-in for row
     * locks on the referenced row) are not listed.
     */
    @Override
    public List<LockStatusRow> lockStatus() {
        List<LockManager.LockStatus> locks = manager.status();
        Map<Long, Long> transactionOfProcess = new HashMap<>();
        // each transaction's backend pid (null for none), in the order the lock table lists them
        Map<Long, Long> transactions = new LinkedHashMap<>();
        for (LockManager.LockStatus lock : locks) {
            if (lock.owner() >= 0) {
                transactions.putIfAbsent(lock.owner(), lock.processId());
                if (lock.processId() != null) {
                    transactionOfProcess.put(lock.processId(), lock.owner());
                }
            }
        }
        List<LockStatusRow> rows = new ArrayList<>();
        transactions.forEach((owner, pid) -> {
            String vxid = virtualTransaction(pid, owner);
            rows.add(new LockStatusRow("virtualxid", null, null, null, null, vxid, null, null, null, null, vxid,
                    pid == null ? null : pid.intValue(), LockMode.EXCLUSIVE.displayName(), true, null));
        });
        for (LockManager.LockStatus lock : locks) {
            long owner = lock.owner() >= 0 ? lock.owner() : transactionOfProcess.getOrDefault(lock.processId(), 0L);
            LockStatusRow row = row(lock, virtualTransaction(lock.processId(), owner));
            if (row != null) {
                rows.add(row);
            }
        }
        if (predicateLocks != null) {
            // SIReadLock rows after the heavyweight ones, as GetPredicateLockStatusData's are appended in pg_lock_status
            for (var lock : predicateLocks.status()) {
                var target = lock.target();
                String vxid = virtualTransaction((long) lock.processId(),
                        transactionOfProcess.getOrDefault((long) lock.processId(), 0L));
                rows.add(new LockStatusRow(target.lockType(), target.databaseOid(), lock.relationOid(),
                        target.isRelation() ? null : target.block(), target.isTuple() ? target.offset() : null,
                        null, null, null, null, null, vxid, lock.processId(), "SIReadLock", true, null));
            }
        }
        return rows;
    }

    private static String virtualTransaction(Long pid, long owner) {
        return (pid == null ? 0 : pid) + "/" + owner;
    }

    private static LockStatusRow row(LockManager.LockStatus lock, String virtualTransaction) {
        Integer pid = lock.processId() == null ? null : lock.processId().intValue();
        String mode = lock.mode().displayName();
        Long waitStart = lock.granted() ? null : lock.waitStartMillis();
        return switch (lock.tag()) {
            case LockTag.Relation r -> new LockStatusRow("relation", r.databaseOid(), r.relationOid(), null, null,
                    null, null, null, null, null, virtualTransaction, pid, mode, lock.granted(), waitStart);
            case LockTag.Tuple t -> new LockStatusRow("tuple", t.databaseOid(), t.relNumber(), t.block(), t.offset(),
                    null, null, null, null, null, virtualTransaction, pid, mode, lock.granted(), waitStart);
            case LockTag.Transaction x -> new LockStatusRow("transactionid", null, null, null, null, null, x.xid(),
                    null, null, null, virtualTransaction, pid, mode, lock.granted(), waitStart);
            case LockTag.Advisory a -> new LockStatusRow("advisory", a.databaseOid(), null, null, null, null, null,
                    Integer.toUnsignedLong(a.key1()), Integer.toUnsignedLong(a.key2()), a.kind(), virtualTransaction,
                    pid, mode, lock.granted(), waitStart);
            case LockTag.SpeculativeToken t -> new LockStatusRow("spectoken", null, null, null, null, null, t.xid(),
                    null, Integer.toUnsignedLong(t.token()), null, virtualTransaction, pid, mode, lock.granted(), waitStart);
            case LockTag.Key k -> null;
        };
    }

    @Override
    public List<PreparedTransactionRow> preparedTransactions() {
        return prepared.get().stream().map(each -> new PreparedTransactionRow(each.xid(), each.gid(),
                each.preparedAtMillis(), each.ownerOid(), each.databaseOid())).toList();
    }

    @Override
    public List<MultiXactMemberRow> multiXactMembers(long multi) {
        if (multiXacts == null) {
            return LockFunctions.super.multiXactMembers(multi);
        }
        return multiXacts.members(multi).stream()
                .map(member -> new MultiXactMemberRow(member.xid(), member.status().mode())).toList();
    }

    @Override
    public long nextMultiXactId() {
        return multiXacts == null ? LockFunctions.super.nextMultiXactId() : multiXacts.nextMulti();
    }

    /** At disconnect: the session-level advisory locks go with the session. */
    void close() {
        advisoryUnlockAll();
    }
}
