package org.woolly.utils.adt;

import java.util.Arrays;

import static org.woolly.utils.adt.PgProcData.IMMUTABLE;
import static org.woolly.utils.adt.PgProcData.STABLE;
import static org.woolly.utils.adt.PgProcData.STRICT;
import static org.woolly.utils.adt.PgProcData.VOLATILE;

/**
 * Transaction IDs and snapshots as SQL sees them ({@code xid8funcs.c}): pg_current_xact_id and
 * its kin over xid8 and pg_snapshot, and the older txid_* functions over bigint and
 * txid_snapshot. Woolly's XIDs are 64-bit already, so both families show them as they are
 * (PostgreSQL's xid8 adds the epoch to a 32-bit XID to get the same).
 */
final class TransactionIdFunctions {
    private TransactionIdFunctions() {}

    static void register(BuiltinFunctions.Registry r) {
        family(r, "pg_current_xact_id", "pg_current_snapshot", "pg_snapshot", "pg_visible_in_snapshot",
                "pg_xact_status", TypeOids.XID8, TypeOids.PG_SNAPSHOT);
        family(r, "txid_current", "txid_current_snapshot", "txid_snapshot", "txid_visible_in_snapshot",
                "txid_status", TypeOids.INT8, TypeOids.TXID_SNAPSHOT);
        r.function("xid8cmp", TypeOids.INT4, IMMUTABLE, STRICT, (a, c) -> ValueOrdering.compareXid8(a[0], a[1]),
                TypeOids.XID8, TypeOids.XID8);
        r.function("xid8_larger", TypeOids.XID8, IMMUTABLE, STRICT,
                (a, c) -> ValueOrdering.compareXid8(a[0], a[1]) >= 0 ? a[0] : a[1], TypeOids.XID8, TypeOids.XID8);
        r.function("xid8_smaller", TypeOids.XID8, IMMUTABLE, STRICT,
                (a, c) -> ValueOrdering.compareXid8(a[0], a[1]) <= 0 ? a[0] : a[1], TypeOids.XID8, TypeOids.XID8);
        r.function("age", TypeOids.INT4, STABLE, STRICT, (a, c) -> XidAge.xidAge((Long) a[0], c), TypeOids.XID);
        r.function("mxid_age", TypeOids.INT4, STABLE, STRICT,
                (a, c) -> XidAge.multiXactAge((Long) a[0], c.lockFunctions().nextMultiXactId()), TypeOids.XID);
        r.function("pg_get_multixact_members", TypeOids.RECORD, VOLATILE, STRICT,
                (a, c) -> multiXactMembers((Long) a[0], c), TypeOids.XID);
    }

    private static final int[] MULTIXACT_MEMBER_TYPES = {TypeOids.XID, TypeOids.TEXT};

    /**
     * {@code pg_get_multixact_members(multixid xid, OUT xid xid, OUT mode text)}: the members in
     * the order they joined; an invalid id (0) is PostgreSQL's 22023.
     */
    private static Object multiXactMembers(long multi, FunctionContext c) {
        if (multi < 1) {
            throw new org.woolly.utils.error.SqlException(org.woolly.utils.error.SqlState.INVALID_PARAMETER_VALUE,
                    "invalid MultiXactId: " + multi);
        }
        return c.lockFunctions().multiXactMembers(multi).stream()
                .map(row -> (Object) new RecordValue(TypeOids.RECORD, MULTIXACT_MEMBER_TYPES,
                        new Object[] {row.xid(), row.mode()}))
                .iterator();
    }

    private static void family(BuiltinFunctions.Registry r, String current, String currentSnapshot, String prefix,
                               String visible, String status, int xidType, int snapshotType) {
        if (xidType == TypeOids.XID8) {
            // txid_current is SystemFunctions'; PostgreSQL's is the same function under both names
            r.function(current, xidType, STABLE, STRICT, (a, c) -> c.currentTransactionId());
        }
        r.function(current + "_if_assigned", xidType, STABLE, STRICT, (a, c) -> c.currentTransactionIdIfAssigned());
        r.function(currentSnapshot, snapshotType, STABLE, STRICT, (a, c) -> c.currentSnapshot());
        r.function(prefix + "_xmin", xidType, IMMUTABLE, STRICT, (a, c) -> ((XidSnapshot) a[0]).xmin(), snapshotType);
        r.function(prefix + "_xmax", xidType, IMMUTABLE, STRICT, (a, c) -> ((XidSnapshot) a[0]).xmax(), snapshotType);
        r.function(prefix + "_xip", xidType, IMMUTABLE, STRICT,
                (a, c) -> Arrays.stream(((XidSnapshot) a[0]).inProgress()).boxed().map(Object.class::cast).iterator(),
                snapshotType);
        r.function(visible, TypeOids.BOOL, IMMUTABLE, STRICT,
                (a, c) -> ((XidSnapshot) a[1]).visible((Long) a[0]), xidType, snapshotType);
        r.function(status, TypeOids.TEXT, VOLATILE, STRICT, (a, c) -> c.transactionStatus((Long) a[0]), xidType);
    }
}
