package org.woolly.utils.adt;

import static org.woolly.utils.adt.PgProcData.STRICT;
import static org.woolly.utils.adt.PgProcData.VOLATILE;

/**
 * {@code pg_advisory_lock} and its kin, in their bigint and (int, int) forms, and
 * {@code pg_blocking_pids} and the rows of pg_locks ({@code lockfuncs.c}); the locks themselves are
 * the session's {@link LockFunctions}.
 */
final class AdvisoryLockFunctions {
    private AdvisoryLockFunctions() {}

    static void register(BuiltinFunctions.Registry r) {
        int int8 = TypeOids.INT8;
        int int4 = TypeOids.INT4;
        for (boolean shared : new boolean[] {false, true}) {
            String suffix = shared ? "_shared" : "";
            for (boolean session : new boolean[] {true, false}) {
                String scope = session ? "" : "_xact";
                r.function("pg_advisory" + scope + "_lock" + suffix, TypeOids.VOID, VOLATILE, STRICT, (a, c) -> {
                    c.lockFunctions().advisoryLock((Long) a[0], 1, shared, session, true);
                    return VoidIO.VALUE;
                }, int8);
                r.function("pg_advisory" + scope + "_lock" + suffix, TypeOids.VOID, VOLATILE, STRICT, (a, c) -> {
                    c.lockFunctions().advisoryLock(pair(a), 2, shared, session, true);
                    return VoidIO.VALUE;
                }, int4, int4);
                r.function("pg_try_advisory" + scope + "_lock" + suffix, TypeOids.BOOL, VOLATILE, STRICT,
                        (a, c) -> c.lockFunctions().advisoryLock((Long) a[0], 1, shared, session, false), int8);
                r.function("pg_try_advisory" + scope + "_lock" + suffix, TypeOids.BOOL, VOLATILE, STRICT,
                        (a, c) -> c.lockFunctions().advisoryLock(pair(a), 2, shared, session, false), int4, int4);
            }
            r.function("pg_advisory_unlock" + suffix, TypeOids.BOOL, VOLATILE, STRICT,
                    (a, c) -> c.lockFunctions().advisoryUnlock((Long) a[0], 1, shared), int8);
            r.function("pg_advisory_unlock" + suffix, TypeOids.BOOL, VOLATILE, STRICT,
                    (a, c) -> c.lockFunctions().advisoryUnlock(pair(a), 2, shared), int4, int4);
        }
        r.function("pg_advisory_unlock_all", TypeOids.VOID, VOLATILE, STRICT, (a, c) -> {
            c.lockFunctions().advisoryUnlockAll();
            return VoidIO.VALUE;
        });
        r.function("pg_blocking_pids", PgProcData.INT4_ARRAY, VOLATILE, STRICT,
                (a, c) -> ArrayValue.of(int4, c.lockFunctions().blockingPids((Integer) a[0])), int4);
        r.function("woolly_lock_status", TypeOids.TEXT, VOLATILE, STRICT, (a, c) -> c.lockFunctions().lockStatus()
                .stream().map(row -> (Object) row.encoded()).iterator());
        r.function("pg_prepared_xact", TypeOids.RECORD, VOLATILE, STRICT, (a, c) -> c.lockFunctions()
                .preparedTransactions().stream().map(AdvisoryLockFunctions::preparedTransaction).iterator());
    }

    private static final int[] PREPARED_XACT_TYPES = {TypeOids.XID, TypeOids.TEXT, TypeOids.TIMESTAMPTZ, TypeOids.OID,
        TypeOids.OID};
    private static final long POSTGRES_EPOCH_MICROS = 946_684_800_000_000L;

    /** One row of {@code pg_prepared_xact()}: (transaction xid, gid text, prepared timestamptz, ownerid, dbid). */
    private static Object preparedTransaction(LockFunctions.PreparedTransactionRow row) {
        return new RecordValue(TypeOids.RECORD, PREPARED_XACT_TYPES, new Object[] {row.xid(), row.gid(),
            row.preparedAtMillis() * 1000 - POSTGRES_EPOCH_MICROS, row.ownerOid(), row.databaseOid()});
    }

    /** Two int keys as one long: the first in the high half. */
    private static long pair(Object[] a) {
        return ((long) (Integer) a[0] << 32) | ((Integer) a[1] & 0xffffffffL);
    }
}
