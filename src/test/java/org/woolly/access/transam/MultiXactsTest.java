package org.woolly.access.transam;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.woolly.access.transam.MultiXacts.Member;
import org.woolly.access.transam.MultiXacts.MemberStatus;
import org.woolly.storage.ipc.PanicState;
import org.woolly.utils.error.SqlException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The MultiXactId store: members read back across offsets and members page boundaries, from
 * the files after a checkpoint's flush, and rebuilt by redo of the CREATE_ID and zero-page
 * records alone; truncation removes the segments below the new oldest multixact.
 */
class MultiXactsTest {
    @TempDir
    Path data;

    /** The WAL seam as bytes at a boundary: keeps each record and hands out growing LSNs. */
    private static final class RecordingWal implements Wal {
        final List<WalRecord> records = new ArrayList<>();
        long lsn = 100;

        @Override
        public long insert(WalRecord record) {
            records.add(record);
            lsn += 10;
            return lsn;
        }

        @Override
        public long insert(WalRecord record, long redoPointer) {
            return insert(record);
        }

        @Override
        public long redoPointer() {
            return 0;
        }

        @Override
        public void flush(long upTo) {
            // nothing to make durable
        }

        @Override
        public boolean needsFullPageImage(long pageLsn, long redoPointer) {
            return false;
        }
    }

    private static MultiXacts open(Path directory, Wal wal, MultiXacts.Counters counters) {
        return new MultiXacts(directory, wal, false, new PanicState(), counters);
    }

    /** Members of multixact number {@code i}: 2 + i % 5 lockers, one updater every third. */
    private static List<Member> membersOf(int i) {
        List<Member> members = new ArrayList<>();
        int count = 2 + i % 5;
        for (int m = 0; m < count; m++) {
            MemberStatus status = m == 0 && i % 3 == 0 ? MemberStatus.NO_KEY_UPDATE
                    : MemberStatus.values()[(i + m) % 4];
            members.add(new Member(1000L + i * 10L + m, status));
        }
        return members;
    }

    @Test
    void membersReadBackAcrossPagesAndAfterReopening() {
        RecordingWal wal = new RecordingWal();
        MultiXacts store = open(data, wal, MultiXacts.Counters.INITIAL);
        // enough for several offsets pages (1024 each) and members pages (910 each)
        int count = 2500;
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(store.create(membersOf(i), 1000L + i));
        }
        assertThat(ids.getFirst()).isEqualTo(MultiXacts.FIRST_MULTI);
        assertThat(store.nextMulti()).isEqualTo(count + 1L);
        for (int i = 0; i < count; i++) {
            assertThat(store.members(ids.get(i))).as("multixact %d", ids.get(i)).isEqualTo(membersOf(i));
        }
        assertThat(store.updateXid(ids.get(3))).isEqualTo(1030L);
        assertThat(store.updateXid(ids.get(1))).isZero();
        store.flush();
        assertThat(data.resolve("pg_multixact/offsets/0000")).exists();
        assertThat(data.resolve("pg_multixact/members/0000")).exists();

        MultiXacts reopened = open(data, new RecordingWal(), store.counters());
        for (int i = 0; i < count; i += 97) {
            assertThat(reopened.members(ids.get(i))).isEqualTo(membersOf(i));
        }
        SqlException notYet = catchThrowableOfType(SqlException.class, () -> reopened.members(count + 1L));
        assertThat(notYet.getMessage()).isEqualTo("MultiXactId " + (count + 1) + " has not been created yet -- apparent wraparound");
    }

    @Test
    void redoOfTheRecordsRebuildsOffsetsMembersAndCounters() throws Exception {
        RecordingWal wal = new RecordingWal();
        MultiXacts store = open(data, wal, MultiXacts.Counters.INITIAL);
        int count = 1500;
        for (int i = 0; i < count; i++) {
            store.create(membersOf(i), 1000L + i);
        }
        assertThat(wal.records).extracting(WalRecord::info)
                .contains(MultiXacts.ZERO_OFF_PAGE, MultiXacts.ZERO_MEM_PAGE, MultiXacts.CREATE_ID);
        assertThat(wal.records).allSatisfy(record ->
                assertThat(record.resourceManager()).isEqualTo(ResourceManagerIds.MULTIXACT));

        // a crash before any page reached disk: a fresh directory, counters of the first checkpoint
        Path replayed = Files.createDirectory(data.resolve("replayed"));
        MultiXacts recovered = open(replayed, new RecordingWal(), MultiXacts.Counters.INITIAL);
        ResourceManager redo = recovered.resourceManager();
        long endLsn = 100;
        for (WalRecord record : wal.records) {
            endLsn += 10;
            redo.redo(record, endLsn);
        }
        assertThat(recovered.counters()).isEqualTo(store.counters());
        for (int i = 0; i < count; i++) {
            assertThat(recovered.members(i + 1L)).isEqualTo(membersOf(i));
        }
        // replaying twice changes nothing
        for (WalRecord record : wal.records) {
            if (record.info() == MultiXacts.CREATE_ID) {
                redo.redo(record, endLsn);
            }
        }
        assertThat(recovered.members(7)).isEqualTo(membersOf(6));
        assertThat(redo.describe(wal.records.stream().filter(r -> r.info() == MultiXacts.CREATE_ID).findFirst()
                .orElseThrow())).isEqualTo("CREATE_ID 1 offset 1 nmembers 2: 1000 (nokeyupd) 1001 (sh)");
    }

    @Test
    void truncationRemovesWholeSegmentsBelowTheNewOldest() {
        RecordingWal wal = new RecordingWal();
        MultiXacts store = open(data, wal, MultiXacts.Counters.INITIAL);
        // one offsets segment holds 32 x 1024 multixacts
        int perSegment = MultiXacts.OFFSETS_PER_PAGE * SimpleLru.PAGES_PER_SEGMENT;
        List<Member> two = List.of(new Member(5, MemberStatus.FOR_SHARE), new Member(6, MemberStatus.FOR_SHARE));
        for (int i = 0; i < perSegment + 10; i++) {
            store.create(two, 5);
        }
        store.flush();
        assertThat(data.resolve("pg_multixact/offsets/0001")).exists();
        long keep = perSegment + 5L;
        assertThat(store.truncate(keep)).isGreaterThan(0);
        assertThat(data.resolve("pg_multixact/offsets/0000")).doesNotExist();
        assertThat(store.oldestMulti()).isEqualTo(keep);
        assertThat(store.members(keep - 1)).isEmpty();
        assertThat(store.members(keep)).isEqualTo(two);
        assertThat(wal.records.getLast().info()).isEqualTo(MultiXacts.TRUNCATE_ID);
    }
}
