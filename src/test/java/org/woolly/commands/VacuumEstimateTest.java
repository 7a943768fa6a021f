package org.woolly.commands;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.woolly.catalog.TableStatistics;

/** {@code vac_estimate_reltuples}: what a VACUUM that skipped pages writes as reltuples. */
class VacuumEstimateTest {

    private static TableStatistics counted(int pages, double tuples) {
        return new TableStatistics(pages, tuples, Map.of(), 0);
    }

    @Test
    void aWholeScanCountsAsIs() {
        assertThat(VacuumCommand.estimatedTuples(counted(10, 500), 10, 10, 420)).isEqualTo(420);
    }

    @Test
    void aTinyScanOfAnUnchangedTableKeepsTheOldCount() {
        assertThat(VacuumCommand.estimatedTuples(counted(100, 5000), 100, 1, 7)).isEqualTo(5000);
        assertThat(VacuumCommand.estimatedTuples(counted(90, 5000), 100, 0, 0)).isEqualTo(5000);
    }

    @Test
    void withoutAnOldDensityTheScannedPagesAreScaledUp() {
        assertThat(VacuumCommand.estimatedTuples(counted(0, -1), 91, 13, 474)).isEqualTo(3318);
        assertThat(VacuumCommand.estimatedTuples(null, 91, 13, 474)).isEqualTo(3318);
    }

    @Test
    void otherwiseTheOldDensityStandsForThePagesNotScanned() {
        assertThat(VacuumCommand.estimatedTuples(counted(100, 5000), 100, 10, 300)).isEqualTo(300 + 4500);
    }
}
