package org.woolly.postmaster;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.woolly.access.common.RelationOptions;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code relation_needs_vacanalyze}'s thresholds with PostgreSQL 15's defaults. */
class AutovacuumPolicyTest {
    private static final AutovacuumPolicy DEFAULTS = new AutovacuumPolicy(50, 0.2, 1000, 0.2, 50, 0.1);

    private static AutovacuumPolicy.Decision decide(AutovacuumPolicy policy, double reltuples, long dead,
                                                    long inserted, long modified) {
        return policy.decide(new AutovacuumPolicy.TableState(reltuples, dead, inserted, modified));
    }

    @Test
    void vacuumWhenDeadTuplesPassThresholdPlusScaledReltuples() {
        // 50 + 0.2 * 1000 = 250: strictly more is needed
        assertThat(decide(DEFAULTS, 1000, 250, 0, 0).vacuum()).isFalse();
        assertThat(decide(DEFAULTS, 1000, 251, 0, 0).vacuum()).isTrue();
    }

    @Test
    void insertsAloneTriggerAVacuumUnlessTheInsertThresholdIsMinusOne() {
        // 1000 + 0.2 * 10000 = 3000
        assertThat(decide(DEFAULTS, 10000, 0, 3000, 0).vacuum()).isFalse();
        assertThat(decide(DEFAULTS, 10000, 0, 3001, 0).vacuum()).isTrue();
        AutovacuumPolicy noInsertVacuum = new AutovacuumPolicy(50, 0.2, -1, 0.2, 50, 0.1);
        assertThat(decide(noInsertVacuum, 10000, 0, 1_000_000, 0).vacuum()).isFalse();
    }

    @Test
    void analyzeWhenModificationsPassItsOwnThreshold() {
        // 50 + 0.1 * 1000 = 150
        assertThat(decide(DEFAULTS, 1000, 0, 0, 150).analyze()).isFalse();
        AutovacuumPolicy.Decision decision = decide(DEFAULTS, 1000, 0, 0, 151);
        assertThat(decision.analyze()).isTrue();
        assertThat(decision.vacuum()).isFalse();
    }

    @Test
    void aTableNeverVacuumedCountsAsEmpty() {
        // reltuples -1 (never vacuumed or analyzed) is 0: the base thresholds alone decide
        assertThat(decide(DEFAULTS, -1, 51, 0, 51)).isEqualTo(new AutovacuumPolicy.Decision(true, true));
        assertThat(decide(DEFAULTS, -1, 50, 1000, 50).any()).isFalse();
    }

    @Test
    void aTablesOwnStorageParametersReplaceTheSettingsTheyName() {
        AutovacuumPolicy table = DEFAULTS.forTable(RelationOptions.of(RelationOptions.Kind.HEAP,
                List.of("autovacuum_vacuum_scale_factor=0.05", "autovacuum_vacuum_insert_threshold=-1")));
        // 50 + 0.05 * 1000 = 100 instead of 250
        assertThat(decide(table, 1000, 101, 0, 0).vacuum()).isTrue();
        assertThat(decide(DEFAULTS, 1000, 101, 0, 0).vacuum()).isFalse();
        assertThat(decide(table, 10000, 0, 1_000_000, 0).vacuum()).isFalse();
        // analyze keeps the server's settings
        assertThat(decide(table, 1000, 0, 0, 151).analyze()).isTrue();
        assertThat(DEFAULTS.forTable(RelationOptions.defaults(RelationOptions.Kind.HEAP))).isEqualTo(DEFAULTS);
    }
}
