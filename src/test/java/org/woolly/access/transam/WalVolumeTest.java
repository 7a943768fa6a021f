package org.woolly.access.transam;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The distance and recycling arithmetic of {@link WalVolume}, checked against PostgreSQL 15's formulas by hand. */
class WalVolumeTest {
    private static final long SEGMENT = WalSegments.SEGMENT_SIZE;
    private static final long MB = 1024 * 1024;

    private static WalVolume volume(int maxMb, int minMb, int keepMb, double target) {
        WalVolume volume = new WalVolume();
        volume.configure(new WalVolume.Settings(maxMb, minMb, keepMb, target, 300, true));
        return volume;
    }

    @Test
    void checkpointSegmentsAreMaxWalSizeOverOnePlusTheCompletionTarget() {
        // 2 segments / 1.9, 4 / 1.9, 64 / 1.9 and 64 / 1.5, rounded down, at least 1
        assertThat(volume(32, 32, 0, 0.9).checkpointSegments()).isEqualTo(1);
        assertThat(volume(64, 32, 0, 0.9).checkpointSegments()).isEqualTo(2);
        assertThat(volume(1024, 80, 0, 0.9).checkpointSegments()).isEqualTo(33);
        assertThat(volume(1024, 80, 0, 0.5).checkpointSegments()).isEqualTo(42);
        assertThat(volume(2, 2, 0, 1.0).checkpointSegments()).isEqualTo(1);
    }

    @Test
    void aCheckpointIsNeededOnceCheckpointSegmentsMinusOneSegmentsFollowTheRedoSegment() {
        WalVolume volume = volume(64, 32, 0, 0.9);
        long redo = 3 * SEGMENT + 500;
        assertThat(volume.checkpointNeeded(3, redo)).isFalse();
        assertThat(volume.checkpointNeeded(4, redo)).isTrue();
        // with 32MB every finished segment from the redo segment on asks
        assertThat(volume(32, 32, 0, 0.9).checkpointNeeded(3, redo)).isTrue();
        assertThat(volume(32, 32, 0, 0.9).checkpointNeeded(2, redo)).isFalse();
    }

    @Test
    void theDistanceEstimateFollowsARiseAtOnceAndAFallSlowly() {
        WalVolume volume = volume(1024, 80, 0, 0.9);
        volume.checkpointDistance(100 * MB);
        assertThat(volume.distances()).containsExactly(100 * MB, 100 * MB);
        volume.checkpointDistance(50 * MB);
        assertThat(volume.distances()).containsExactly(50 * MB, 95 * MB);
        volume.checkpointDistance(200 * MB);
        assertThat(volume.distances()).containsExactly(200 * MB, 200 * MB);
    }

    @Test
    void recyclingReachesTheEstimatedNeedBetweenMinAndMaxWalSize() {
        WalVolume volume = volume(1024, 80, 0, 0.9);
        long redo = 10 * SEGMENT + 100;
        // no estimate yet: min_wal_size (5 segments) counted from the redo segment
        assertThat(volume.recycleLimit(redo)).isEqualTo(14);
        // 100MB estimated: (1 + 0.9) x 100MB x 1.1 = 209MB past the redo pointer, 13.06 segments
        volume.checkpointDistance(100 * MB);
        assertThat(volume.recycleLimit(redo)).isEqualTo(24);
        // max_wal_size caps it: 64 segments
        volume.checkpointDistance(2000 * MB);
        assertThat(volume.recycleLimit(redo)).isEqualTo(10 + 64 - 1);

        WalVolume small = volume(32, 32, 0, 0.9);
        assertThat(small.recycleLimit(redo)).isEqualTo(11);
        // min_wal_size above max_wal_size: max wins, as in PostgreSQL
        assertThat(volume(32, 160, 0, 0.9).recycleLimit(redo)).isEqualTo(11);
    }

    @Test
    void walKeepSizeKeepsSegmentsBeforeTheCheckpointRecord() {
        long redo = 10 * SEGMENT + 100;
        long checkpoint = 11 * SEGMENT + 50;
        assertThat(volume(1024, 80, 0, 0.9).firstSegmentToKeep(redo, checkpoint)).isEqualTo(10);
        assertThat(volume(1024, 80, 64, 0.9).firstSegmentToKeep(redo, checkpoint)).isEqualTo(7);
        assertThat(volume(1024, 80, 16, 0.9).firstSegmentToKeep(redo, checkpoint)).isEqualTo(10);
        assertThat(volume(1024, 80, 1024, 0.9).firstSegmentToKeep(redo, checkpoint)).isEqualTo(1);
    }

    @Test
    void aSpreadCheckpointIsOnScheduleWhileAheadOfBothTimeAndWal() {
        WalVolume volume = volume(1024, 80, 0, 0.9);
        long start = 20 * SEGMENT;
        long seconds = 1_000_000_000L;
        WalVolume.Schedule schedule = volume.schedule(start, 0);
        // half the buffers written (0.45 of the interval) after 60 of 300 s and 1 of 33 segments
        assertThat(schedule.onSchedule(0.5, start + SEGMENT, 60 * seconds)).isTrue();
        // 200 s elapsed: 0.67 of the interval, behind
        assertThat(schedule.onSchedule(0.5, start + SEGMENT, 200 * seconds)).isFalse();
        // and stays behind until the progress passes where it was found behind
        assertThat(schedule.onSchedule(0.7, start + SEGMENT, 60 * seconds)).isFalse();
        assertThat(schedule.onSchedule(0.8, start + SEGMENT, 60 * seconds)).isTrue();

        WalVolume.Schedule walBound = volume.schedule(start, 0);
        // 30 of 33 segments written already: 0.91 of the WAL distance
        assertThat(walBound.onSchedule(0.5, start + 30 * SEGMENT, 10 * seconds)).isFalse();
    }
}
