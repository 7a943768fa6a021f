package org.woolly.access.transam;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import org.woolly.storage.ipc.PanicState;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

/**
 * MultiXactIds: one id naming a set of transactions that lock (and at most one that updates) a
 * row, stored in a tuple's xmax with the heap's IS_MULTI bit. Counterpart of
 * {@code src/backend/access/transam/multixact.c}, with 64-bit ids and offsets that never wrap
 * around (so no "members" or "offsets" wraparound protection, no emergency vacuums): old
 * multixacts only go when VACUUM has removed every reference below a horizon and the store is
 * truncated.
 *
 * <p>Two {@link SimpleLru} stores in {@code pg_multixact}: {@code offsets} holds, per
 * MultiXactId, the position (u64) of its first member; {@code members} holds the members, each
 * a status byte and an XID (u64), {@value #MEMBERS_PER_PAGE} to a page (none crosses a page).
 * A multixact's members run from its offset to the next one's (or to the next offset to hand
 * out for the newest). Creation is serialized: the id and offset are handed out, the CREATE_ID
 * record inserted and both stores changed under one lock, which readers take too, so nobody
 * sees a multixact half written ({@code MultiXactGenLock} plus the wait for a missing next
 * offset that PostgreSQL needs because it fills them in outside the lock). A page first used
 * is zeroed and logged (ZERO_OFF_PAGE / ZERO_MEM_PAGE) as {@code ZeroMultiXactOffsetPage} does.
 * Pages are written at checkpoint, after the WAL up to the records that changed them.
 */
public final class MultiXacts {
    /** {@code FirstMultiXactId}: 0 is InvalidMultiXactId. */
    public static final long FIRST_MULTI = 1;
    static final int OFFSET_SIZE = 8;
    static final int OFFSETS_PER_PAGE = SimpleLru.PAGE_SIZE / OFFSET_SIZE;
    static final int MEMBER_SIZE = 9;
    static final int MEMBERS_PER_PAGE = SimpleLru.PAGE_SIZE / MEMBER_SIZE;
    static final int CACHE_PAGES = 16;

    /** WAL info bytes of resource manager MULTIXACT, as {@code multixact.h}. */
    public static final int ZERO_OFF_PAGE = 0x00;
    public static final int ZERO_MEM_PAGE = 0x10;
    public static final int CREATE_ID = 0x20;
    public static final int TRUNCATE_ID = 0x30;

    /** {@code MultiXactStatus}, numbered as PostgreSQL's, with the names pg_get_multixact_members shows. */
    public enum MemberStatus {
        FOR_KEY_SHARE("keysh"), FOR_SHARE("sh"), FOR_NO_KEY_UPDATE("fornokeyupd"), FOR_UPDATE("forupd"),
        NO_KEY_UPDATE("nokeyupd"), UPDATE("upd");

        private final String mode;

        MemberStatus(String mode) {
            this.mode = mode;
        }

        /** The {@code mode} column of pg_get_multixact_members. */
        public String mode() {
            return mode;
        }

        /** {@code ISUPDATE_from_mxstatus}: the member changed the row rather than only locking it. */
        public boolean isUpdate() {
            return this == NO_KEY_UPDATE || this == UPDATE;
        }
    }

    /** One transaction of a multixact and how it holds the row. */
    public record Member(long xid, MemberStatus status) {}

    private final SimpleLru offsets;
    private final SimpleLru members;
    private final Wal wal;
    private final ReentrantLock lock = new ReentrantLock();
    private long nextMulti;
    private long nextOffset;
    private long oldestMulti;

    /** Opens the store in {@code dataDirectory/pg_multixact} with the counters of the checkpoint start-up began from. */
    public MultiXacts(Path dataDirectory, Wal wal, boolean fsync, PanicState panicState, Counters counters) {
        this(dataDirectory, wal, fsync, panicState, counters, SegmentFiles.DEFAULT);
    }

    MultiXacts(Path dataDirectory, Wal wal, boolean fsync, PanicState panicState, Counters counters,
               SegmentFiles segmentFiles) {
        Path root = dataDirectory.resolve("pg_multixact");
        createDirectory(root.resolve("offsets"));
        createDirectory(root.resolve("members"));
        this.wal = wal;
        this.offsets = new SimpleLru("multixact offsets", root.resolve("offsets"), CACHE_PAGES, wal::flush, fsync,
                panicState, segmentFiles);
        this.members = new SimpleLru("multixact members", root.resolve("members"), CACHE_PAGES, wal::flush, fsync,
                panicState, segmentFiles);
        this.nextMulti = Math.max(FIRST_MULTI, counters.nextMulti());
        this.nextOffset = Math.max(1, counters.nextOffset());
        this.oldestMulti = Math.max(FIRST_MULTI, counters.oldestMulti());
    }

    /** The counters a checkpoint records and start-up restores ({@code MultiXactSetNextMXact}). */
    public record Counters(long nextMulti, long nextOffset, long oldestMulti) {
        public static final Counters INITIAL = new Counters(FIRST_MULTI, 1, FIRST_MULTI);
    }

    private static void createDirectory(Path directory) {
        try {
            java.nio.file.Files.createDirectories(directory);
        } catch (java.io.IOException e) {
            throw WriteAheadLog.ioError("could not create directory \"" + directory + "\"", e);
        }
    }

    /** The counters now, for a checkpoint record and pg_control. */
    public Counters counters() {
        lock.lock();
        try {
            return new Counters(nextMulti, nextOffset, oldestMulti);
        } finally {
            lock.unlock();
        }
    }

    /** {@code ReadNextMultiXactId}. */
    public long nextMulti() {
        return counters().nextMulti();
    }

    /** The oldest MultiXactId still stored (every older one was truncated away). */
    public long oldestMulti() {
        return counters().oldestMulti();
    }

    /**
     * {@code MultiXactIdCreateFromMembers}: a new MultiXactId for {@code newMembers} (at least
     * two, or one plus an update), WAL-logged by {@code xid} before it is stored. At most one
     * member may update.
     */
    public long create(List<Member> newMembers, long xid) {
        if (newMembers.stream().filter(member -> member.status().isUpdate()).count() > 1) {
            throw new SqlException(SqlState.INTERNAL_ERROR, "new multixact has more than one updating member");
        }
        lock.lock();
        try {
            long multi = nextMulti;
            long offset = nextOffset;
            long lsn = 0;
            if (multi % OFFSETS_PER_PAGE == 0 || multi == FIRST_MULTI) {
                lsn = zeroPage(offsets, ZERO_OFF_PAGE, multi / OFFSETS_PER_PAGE);
            }
            for (int i = 0; i < newMembers.size(); i++) {
                if ((offset + i) % MEMBERS_PER_PAGE == 0 || offset + i == 1) {
                    lsn = zeroPage(members, ZERO_MEM_PAGE, (offset + i) / MEMBERS_PER_PAGE);
                }
            }
            lsn = wal.insert(createRecord(multi, offset, newMembers, xid));
            store(multi, offset, newMembers, Math.max(lsn, 0));
            nextMulti = multi + 1;
            nextOffset = offset + newMembers.size();
            return multi;
        } finally {
            lock.unlock();
        }
    }

    private long zeroPage(SimpleLru store, int info, long page) {
        long lsn = wal.insert(new WalRecord(ResourceManagerIds.MULTIXACT, info, 0, List.of(),
                ByteBuffer.allocate(8).putLong(page).array()));
        store.zero(page, lsn);
        return lsn;
    }

    /** {@code RecordNewMultiXact}: the offset entry and the members, under the lock. */
    private void store(long multi, long offset, List<Member> newMembers, long lsn) {
        offsets.update(multi / OFFSETS_PER_PAGE, lsn, bytes -> ByteBuffer.wrap(bytes)
                .putLong((int) (multi % OFFSETS_PER_PAGE) * OFFSET_SIZE, offset));
        for (int i = 0; i < newMembers.size(); i++) {
            Member member = newMembers.get(i);
            long position = offset + i;
            members.update(position / MEMBERS_PER_PAGE, lsn, bytes -> {
                int at = (int) (position % MEMBERS_PER_PAGE) * MEMBER_SIZE;
                bytes[at] = (byte) (member.status().ordinal() + 1);
                ByteBuffer.wrap(bytes).putLong(at + 1, member.xid());
            });
        }
    }

    /**
     * {@code GetMultiXactIdMembers}: the members of {@code multi} in the order they were added.
     * An id never handed out is PostgreSQL's XX000 "MultiXactId N has not been created yet --
     * apparent wraparound"; one below the oldest kept (truncated) has no members any more.
     */
    public List<Member> members(long multi) {
        lock.lock();
        try {
            if (multi < FIRST_MULTI || multi >= nextMulti) {
                throw new SqlException(SqlState.INTERNAL_ERROR,
                        "MultiXactId " + multi + " has not been created yet -- apparent wraparound");
            }
            if (multi < oldestMulti) {
                return List.of();
            }
            long start = offsetOf(multi);
            long end = multi + 1 == nextMulti ? nextOffset : offsetOf(multi + 1);
            List<Member> result = new ArrayList<>();
            for (long position = start; position < end; position++) {
                long at = position;
                Member member = members.read(at / MEMBERS_PER_PAGE, bytes -> {
                    int index = (int) (at % MEMBERS_PER_PAGE) * MEMBER_SIZE;
                    int status = bytes[index] - 1;
                    return status < 0 ? null
                            : new Member(ByteBuffer.wrap(bytes).getLong(index + 1), MemberStatus.values()[status]);
                });
                if (member != null) {
                    result.add(member);
                }
            }
            return result;
        } finally {
            lock.unlock();
        }
    }

    private long offsetOf(long multi) {
        return offsets.read(multi / OFFSETS_PER_PAGE,
                bytes -> ByteBuffer.wrap(bytes).getLong((int) (multi % OFFSETS_PER_PAGE) * OFFSET_SIZE));
    }

    /** The updating member's XID ({@code MultiXactIdGetUpdateXid}), 0 if every member only locks. */
    public long updateXid(long multi) {
        for (Member member : members(multi)) {
            if (member.status().isUpdate()) {
                return member.xid();
            }
        }
        return 0;
    }

    /** The checkpoint's part ({@code CheckPointMultiXact}): both stores written and fsynced. */
    public void flush() {
        offsets.flush();
        members.flush();
    }

    /**
     * {@code TruncateMultiXact}: forgets every multixact below {@code newOldest} (no tuple names
     * one any more: every database's datminmxid is at least that). The TRUNCATE_ID record is
     * flushed first; then the segments of both stores wholly below go. Returns the segments removed.
     */
    public int truncate(long newOldest) {
        long oldestOffset;
        lock.lock();
        try {
            long limit = Math.min(newOldest, nextMulti);
            if (limit <= oldestMulti) {
                return 0;
            }
            oldestOffset = limit == nextMulti ? nextOffset : offsetOf(limit);
            wal.flush(wal.insert(new WalRecord(ResourceManagerIds.MULTIXACT, TRUNCATE_ID, 0, List.of(),
                    ByteBuffer.allocate(16).putLong(limit).putLong(oldestOffset).array())));
            oldestMulti = limit;
        } finally {
            lock.unlock();
        }
        return cut(newOldest, oldestOffset);
    }

    private int cut(long oldest, long oldestOffset) {
        return offsets.truncate(oldest / OFFSETS_PER_PAGE / SimpleLru.PAGES_PER_SEGMENT)
                + members.truncate(oldestOffset / MEMBERS_PER_PAGE / SimpleLru.PAGES_PER_SEGMENT);
    }

    static WalRecord createRecord(long multi, long offset, List<Member> newMembers, long xid) {
        ByteBuffer data = ByteBuffer.allocate(20 + newMembers.size() * MEMBER_SIZE);
        data.putLong(multi).putLong(offset).putInt(newMembers.size());
        for (Member member : newMembers) {
            data.put((byte) member.status().ordinal()).putLong(member.xid());
        }
        return new WalRecord(ResourceManagerIds.MULTIXACT, CREATE_ID, xid, List.of(), data.array());
    }

    /** The resource manager MULTIXACT ({@code multixact_redo}). */
    public ResourceManager resourceManager() {
        return new ResourceManager() {
            @Override
            public int id() {
                return ResourceManagerIds.MULTIXACT;
            }

            @Override
            public String name() {
                return "MultiXact";
            }

            @Override
            public void redo(WalRecord record, long endLsn) {
                ByteBuffer data = ByteBuffer.wrap(record.mainData());
                switch (record.info()) {
                    case ZERO_OFF_PAGE -> offsets.zero(data.getLong(), endLsn);
                    case ZERO_MEM_PAGE -> members.zero(data.getLong(), endLsn);
                    case CREATE_ID -> redoCreate(data, endLsn);
                    case TRUNCATE_ID -> {
                        long oldest = data.getLong();
                        long oldestOffset = data.getLong();
                        lock.lock();
                        try {
                            oldestMulti = Math.max(oldestMulti, oldest);
                        } finally {
                            lock.unlock();
                        }
                        cut(oldest, oldestOffset);
                    }
                    default -> throw new SqlException(SqlState.INTERNAL_ERROR,
                            "multixact_redo: unknown op code " + record.info());
                }
            }

            @Override
            public String describe(WalRecord record) {
                ByteBuffer data = ByteBuffer.wrap(record.mainData());
                return switch (record.info()) {
                    case ZERO_OFF_PAGE -> "ZERO_OFF_PAGE " + data.getLong();
                    case ZERO_MEM_PAGE -> "ZERO_MEM_PAGE " + data.getLong();
                    case CREATE_ID -> describeCreate(data);
                    case TRUNCATE_ID -> "TRUNCATE_ID offsets [" + data.getLong() + "), members [" + data.getLong() + ")";
                    default -> "UNKNOWN info " + record.info();
                };
            }
        };
    }

    private static List<Member> decodeMembers(ByteBuffer data, int count) {
        List<Member> decoded = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            MemberStatus status = MemberStatus.values()[data.get()];
            decoded.add(new Member(data.getLong(), status));
        }
        return decoded;
    }

    /** Redo of CREATE_ID: the offset entry and members again, the counters past them. */
    private void redoCreate(ByteBuffer data, long endLsn) {
        long multi = data.getLong();
        long offset = data.getLong();
        List<Member> logged = decodeMembers(data, data.getInt());
        lock.lock();
        try {
            store(multi, offset, logged, endLsn);
            nextMulti = Math.max(nextMulti, multi + 1);
            nextOffset = Math.max(nextOffset, offset + logged.size());
        } finally {
            lock.unlock();
        }
    }

    private static String describeCreate(ByteBuffer data) {
        long multi = data.getLong();
        long offset = data.getLong();
        StringBuilder text = new StringBuilder("CREATE_ID " + multi + " offset " + offset + " nmembers ");
        List<Member> logged = decodeMembers(data, data.getInt());
        text.append(logged.size()).append(':');
        for (Member member : logged) {
            text.append(' ').append(member.xid()).append(" (").append(member.status().mode()).append(')');
        }
        return text.toString();
    }
}
