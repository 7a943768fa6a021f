package org.woolly.access.transam;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.woolly.storage.lmgr.LockManager;
import org.woolly.storage.lmgr.LockMode;
import org.woolly.storage.lmgr.LockTag;
import org.woolly.storage.smgr.RelFileLocator;

/**
 * The state of a prepared transaction as the PREPARE record and the {@code pg_twophase/} file
 * carry it: what recovery needs to rebuild the transaction ({@code TwoPhaseFileHeader} and the
 * records of {@code twophase_rmgr.c}: its XID and subtransaction XIDs, GID, owner, database,
 * the relations to remove at abort or drop at commit, and its locks). Big-endian: xid (8),
 * prepared time ms (8), owner OID (4), database OID (4), GID length (2) and UTF-8 bytes,
 * sub-XID count (4) and XIDs (8 each), created relation count (4) and relations (12 each),
 * drop-at-commit count (4) and relations, lock count (4) and locks (kind (1), fields, mode
 * ordinal (1)). XID locks are not listed: recovery takes them from the XIDs.
 */
final class TwoPhaseRecords {
    private static final byte LOCK_RELATION = 1;
    private static final byte LOCK_TUPLE = 2;
    private static final byte LOCK_KEY = 3;
    private static final byte LOCK_ADVISORY = 4;

    private TwoPhaseRecords() {}

    /** One prepared transaction's durable state. */
    record State(long xid, long preparedAtMillis, int ownerOid, int databaseOid, String gid, List<Long> subXids,
                 List<RelFileLocator> createdRelations, List<RelFileLocator> relationsToDropAtCommit,
                 List<LockManager.HeldLock> locks) {}

    static WalRecord prepare(State state) {
        return new WalRecord(ResourceManagerIds.TRANSACTION, TransactionRecords.XACT_PREPARE, state.xid(), List.of(),
                encode(state));
    }

    static byte[] encode(State state) {
        byte[] gid = state.gid().getBytes(StandardCharsets.UTF_8);
        int size = 8 + 8 + 4 + 4 + 2 + gid.length + 4 + 8 * state.subXids().size()
                + 4 + 12 * state.createdRelations().size() + 4 + 12 * state.relationsToDropAtCommit().size()
                + 4 + 22 * state.locks().size();
        ByteBuffer buffer = ByteBuffer.allocate(size);
        buffer.putLong(state.xid()).putLong(state.preparedAtMillis()).putInt(state.ownerOid())
                .putInt(state.databaseOid()).putShort((short) gid.length).put(gid);
        buffer.putInt(state.subXids().size());
        state.subXids().forEach(buffer::putLong);
        putRelations(buffer, state.createdRelations());
        putRelations(buffer, state.relationsToDropAtCommit());
        List<LockManager.HeldLock> locks = state.locks().stream()
                // a speculative insertion's token lives only within one INSERT, never across PREPARE
                .filter(lock -> !(lock.tag() instanceof LockTag.Transaction)
                        && !(lock.tag() instanceof LockTag.SpeculativeToken)).toList();
        buffer.putInt(locks.size());
        for (LockManager.HeldLock lock : locks) {
            switch (lock.tag()) {
                case LockTag.Relation r -> buffer.put(LOCK_RELATION).putInt(r.databaseOid()).putInt(r.relationOid());
                case LockTag.Tuple t -> buffer.put(LOCK_TUPLE).putInt(t.databaseOid()).putInt(t.relNumber())
                        .putInt(t.block()).putInt(t.offset());
                case LockTag.Key k -> buffer.put(LOCK_KEY).putInt(k.databaseOid()).putInt(k.relationOid())
                        .putLong(k.keyHash());
                case LockTag.Advisory a -> buffer.put(LOCK_ADVISORY).putInt(a.databaseOid()).putInt(a.key1())
                        .putInt(a.key2()).putInt(a.kind());
                case LockTag.Transaction ignored -> throw new IllegalStateException("filtered above");
                case LockTag.SpeculativeToken ignored -> throw new IllegalStateException("filtered above");
            }
            buffer.put((byte) lock.mode().ordinal());
        }
        return java.util.Arrays.copyOf(buffer.array(), buffer.position());
    }

    static State decode(byte[] data) {
        ByteBuffer buffer = ByteBuffer.wrap(data);
        long xid = buffer.getLong();
        long preparedAt = buffer.getLong();
        int owner = buffer.getInt();
        int database = buffer.getInt();
        byte[] gid = new byte[buffer.getShort() & 0xffff];
        buffer.get(gid);
        int subCount = buffer.getInt();
        List<Long> subXids = new ArrayList<>(subCount);
        for (int i = 0; i < subCount; i++) {
            subXids.add(buffer.getLong());
        }
        List<RelFileLocator> created = getRelations(buffer);
        List<RelFileLocator> dropAtCommit = getRelations(buffer);
        int lockCount = buffer.getInt();
        List<LockManager.HeldLock> locks = new ArrayList<>(lockCount);
        for (int i = 0; i < lockCount; i++) {
            byte kind = buffer.get();
            LockTag tag = switch (kind) {
                case LOCK_RELATION -> new LockTag.Relation(buffer.getInt(), buffer.getInt());
                case LOCK_TUPLE -> new LockTag.Tuple(buffer.getInt(), buffer.getInt(), buffer.getInt(), buffer.getInt());
                case LOCK_KEY -> new LockTag.Key(buffer.getInt(), buffer.getInt(), buffer.getLong());
                case LOCK_ADVISORY -> new LockTag.Advisory(buffer.getInt(), buffer.getInt(), buffer.getInt(),
                        buffer.getInt());
                default -> throw new IllegalArgumentException("unknown lock kind " + kind + " in two-phase state");
            };
            locks.add(new LockManager.HeldLock(tag, LockMode.values()[buffer.get()]));
        }
        return new State(xid, preparedAt, owner, database, new String(gid, StandardCharsets.UTF_8), subXids, created,
                dropAtCommit, locks);
    }

    private static void putRelations(ByteBuffer buffer, List<RelFileLocator> relations) {
        buffer.putInt(relations.size());
        for (RelFileLocator relation : relations) {
            TransactionRecords.putRelation(buffer, relation);
        }
    }

    private static List<RelFileLocator> getRelations(ByteBuffer buffer) {
        int count = buffer.getInt();
        List<RelFileLocator> relations = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            relations.add(TransactionRecords.getRelation(buffer));
        }
        return relations;
    }
}
