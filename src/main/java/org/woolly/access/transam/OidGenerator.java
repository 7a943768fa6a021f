package org.woolly.access.transam;

import java.util.concurrent.locks.ReentrantLock;

/**
 * Hands out OIDs from 16384 ({@code FirstNormalObjectId}), WAL-logging the counter 8192 ahead
 * (NEXTOID) before any OID of a new batch is used, so recovery restarts past every OID that may
 * have been handed out. Counterpart of {@code GetNewObjectId} in {@code varsup.c}.
 */
public final class OidGenerator {
    public static final int FIRST_NORMAL_OID = 16384;
    static final int OID_BATCH = 8192;

    private final Wal wal;
    private final ReentrantLock lock = new ReentrantLock();
    private int nextOid;
    private int loggedLimit;

    public OidGenerator(Wal wal, int nextOid) {
        this.wal = wal;
        this.nextOid = Math.max(nextOid, FIRST_NORMAL_OID);
        this.loggedLimit = this.nextOid;
    }

    public int allocate() {
        lock.lock();
        try {
            if (nextOid >= loggedLimit) {
                loggedLimit = nextOid + OID_BATCH;
                wal.insert(TransactionRecords.counter(TransactionRecords.XLOG_NEXTOID, loggedLimit));
            }
            return nextOid++;
        } finally {
            lock.unlock();
        }
    }

    /** What a checkpoint records: past every OID that may have been handed out. */
    public int nextOidForCheckpoint() {
        lock.lock();
        try {
            return Math.max(nextOid, loggedLimit);
        } finally {
            lock.unlock();
        }
    }
}
