package org.woolly.access.transam;

import org.woolly.storage.ipc.PanicState;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommitLogTest {
    @TempDir
    Path directory;

    @Test
    void statusesSurviveEvictionAndRestartAcrossPagesAndSegments() {
        List<Long> flushedUpTo = new ArrayList<>();
        CommitLog log = new CommitLog(directory, 2, flushedUpTo::add, true, new PanicState());
        long[] xids = {3, 4, 5, CommitLog.XIDS_PER_PAGE - 1L, CommitLog.XIDS_PER_PAGE,
            CommitLog.XIDS_PER_PAGE * 3L + 17, (long) CommitLog.XIDS_PER_PAGE * CommitLog.PAGES_PER_SEGMENT + 9};
        for (int i = 0; i < xids.length; i++) {
            log.set(xids[i], i % 2 == 0 ? XidStatus.COMMITTED : XidStatus.ABORTED, 1000 + i);
        }
        for (int i = 0; i < xids.length; i++) {
            assertThat(log.get(xids[i])).isEqualTo(i % 2 == 0 ? XidStatus.COMMITTED : XidStatus.ABORTED);
        }
        assertThat(log.get(6)).isEqualTo(XidStatus.IN_PROGRESS);
        // Evicting a page with a commit on it flushed the WAL first.
        assertThat(flushedUpTo).isNotEmpty();
        log.flush();
        assertThat(Files.exists(directory.resolve("0000"))).isTrue();
        assertThat(Files.exists(directory.resolve("0001"))).isTrue();

        CommitLog reopened = new CommitLog(directory, 2, lsn -> { }, true, new PanicState());
        for (int i = 0; i < xids.length; i++) {
            assertThat(reopened.get(xids[i])).isEqualTo(i % 2 == 0 ? XidStatus.COMMITTED : XidStatus.ABORTED);
        }
        assertThat(reopened.get(CommitLog.XIDS_PER_PAGE * 3L + 18)).isEqualTo(XidStatus.IN_PROGRESS);
    }
}
