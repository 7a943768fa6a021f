package org.woolly.pgstat;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The {@code checkpoint complete} line in PostgreSQL 15's format ({@code LogCheckpointEnd}). */
class CheckpointReportTest {
    private static final long MS = 1_000_000;

    @Test
    void theCompleteLineHasPostgresFifteensFields() {
        CheckpointStatistics done = new CheckpointStatistics(2188, 16384, 0, 1, 2, 5343 * MS, 206 * MS, 3,
                105_500_000, 200 * MS, 21_682_176, 25_000_000);
        assertThat(CheckpointReport.completeLine(done, 5652 * MS)).isEqualTo("checkpoint complete: wrote 2188 "
                + "buffers (13.4%); 0 WAL file(s) added, 1 removed, 2 recycled; write=5.343 s, sync=0.206 s, "
                + "total=5.652 s; sync files=3, longest=0.106 s, average=0.067 s; distance=21174 kB, "
                + "estimate=24414 kB");
    }

    @Test
    void noFilesSyncedMeansAZeroAverage() {
        assertThat(CheckpointReport.completeLine(CheckpointStatistics.none(), 0)).isEqualTo("checkpoint complete: "
                + "wrote 0 buffers (0.0%); 0 WAL file(s) added, 0 removed, 0 recycled; write=0.000 s, "
                + "sync=0.000 s, total=0.000 s; sync files=0, longest=0.000 s, average=0.000 s; distance=0 kB, "
                + "estimate=0 kB");
    }
}
