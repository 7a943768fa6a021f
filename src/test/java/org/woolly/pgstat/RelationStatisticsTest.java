package org.woolly.pgstat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code AtEOXact_PgStat_Relations}'s commit and rollback rules, VACUUM's and ANALYZE's reports, the file. */
class RelationStatisticsTest {
    private static final int DATABASE = 5;
    private static final int TABLE = 16384;

    private static void write(SessionCounters pending, long inserted, long updated, long deleted, long hot) {
        TableCounters table = pending.table(TABLE);
        table.tuplesInserted += inserted;
        table.tuplesUpdated += updated;
        table.tuplesDeleted += deleted;
        table.tuplesHotUpdated += hot;
    }

    private static Object value(RelationStatistics statistics, String counter) {
        return statistics.value(DATABASE, TABLE, counter);
    }

    @Test
    void aCommitMakesInsertsLiveAndUpdatesAndDeletesDead() {
        RelationStatistics statistics = new RelationStatistics();
        SessionCounters pending = new SessionCounters();
        write(pending, 10, 3, 2, 1);
        statistics.flush(DATABASE, pending, true);
        assertThat(value(statistics, "tuples_inserted")).isEqualTo(10L);
        assertThat(value(statistics, "tuples_hot_updated")).isEqualTo(1L);
        assertThat(value(statistics, "live_tuples")).isEqualTo(8L);
        assertThat(value(statistics, "dead_tuples")).isEqualTo(5L);
        assertThat(value(statistics, "mod_since_analyze")).isEqualTo(15L);
        assertThat(value(statistics, "ins_since_vacuum")).isEqualTo(10L);
        // flushed counts are zeroed, so the next transaction starts from nothing
        statistics.flush(DATABASE, pending, true);
        assertThat(value(statistics, "tuples_inserted")).isEqualTo(10L);
    }

    @Test
    void aRollbackMakesInsertsAndNewVersionsDeadAndChangesNothingForAnalyze() {
        RelationStatistics statistics = new RelationStatistics();
        SessionCounters pending = new SessionCounters();
        write(pending, 4, 2, 1, 0);
        statistics.flush(DATABASE, pending, false);
        assertThat(value(statistics, "tuples_inserted")).isEqualTo(4L);
        assertThat(value(statistics, "tuples_deleted")).isEqualTo(1L);
        assertThat(value(statistics, "live_tuples")).isEqualTo(0L);
        assertThat(value(statistics, "dead_tuples")).isEqualTo(6L);
        assertThat(value(statistics, "mod_since_analyze")).isEqualTo(0L);
        assertThat(value(statistics, "ins_since_vacuum")).isEqualTo(4L);
    }

    @Test
    void prunedDeadTuplesComeOffTheDeadCountWhateverTheOutcomeAndNeverBelowZero() {
        RelationStatistics statistics = new RelationStatistics();
        SessionCounters pending = new SessionCounters();
        write(pending, 0, 10, 0, 10);
        statistics.flush(DATABASE, pending, true);
        assertThat(value(statistics, "dead_tuples")).isEqualTo(10L);
        // a read-only transaction that pruned 4 of them, rolled back: pgstat_update_heap_dead_tuples still counts
        pending.table(TABLE).deadTuplesPruned += 4;
        statistics.flush(DATABASE, pending, false);
        assertThat(value(statistics, "dead_tuples")).isEqualTo(6L);
        pending.table(TABLE).deadTuplesPruned += 9;
        statistics.flush(DATABASE, pending, true);
        assertThat(value(statistics, "dead_tuples")).isEqualTo(0L);
        assertThat(value(statistics, "tuples_updated")).isEqualTo(10L);
    }

    @Test
    void vacuumAndAnalyzeSetTheEstimatesAndCountManualAndAutomaticApart() {
        RelationStatistics statistics = new RelationStatistics();
        SessionCounters pending = new SessionCounters();
        write(pending, 100, 50, 0, 0);
        statistics.flush(DATABASE, pending, true);
        assertThat(value(statistics, "last_vacuum")).isNull();
        statistics.vacuumed(DATABASE, TABLE, 100, 3, true);
        assertThat(value(statistics, "dead_tuples")).isEqualTo(3L);
        assertThat(value(statistics, "ins_since_vacuum")).isEqualTo(0L);
        assertThat(value(statistics, "autovacuum_count")).isEqualTo(1L);
        assertThat(value(statistics, "vacuum_count")).isEqualTo(0L);
        assertThat(value(statistics, "last_autovacuum")).isInstanceOf(Long.class);
        statistics.analyzed(DATABASE, TABLE, 99, -1, false);
        assertThat(value(statistics, "live_tuples")).isEqualTo(99L);
        assertThat(value(statistics, "dead_tuples")).isEqualTo(3L);
        assertThat(value(statistics, "mod_since_analyze")).isEqualTo(0L);
        assertThat(value(statistics, "analyze_count")).isEqualTo(1L);
        statistics.reset(DATABASE, TABLE);
        assertThat(value(statistics, "analyze_count")).isEqualTo(0L);
        assertThat(value(statistics, "last_analyze")).isNull();
    }

    @Test
    void relationCountersSurviveACleanRestartButNotACrash(@TempDir Path directory) throws Exception {
        ServerStatistics before = new ServerStatistics();
        SessionCounters pending = new SessionCounters();
        write(pending, 7, 0, 0, 0);
        before.relations().flush(DATABASE, pending, true);
        before.relations().vacuumed(DATABASE, TABLE, 7, 0, false);
        before.save(directory);

        ServerStatistics restarted = new ServerStatistics();
        restarted.restore(directory, false);
        assertThat(restarted.relations().value(DATABASE, TABLE, "tuples_inserted")).isEqualTo(7L);
        assertThat(restarted.relations().value(DATABASE, TABLE, "vacuum_count")).isEqualTo(1L);
        assertThat(restarted.relations().value(DATABASE, TABLE, "last_vacuum"))
                .isEqualTo(before.relations().value(DATABASE, TABLE, "last_vacuum"));

        before.save(directory);
        ServerStatistics recovered = new ServerStatistics();
        recovered.restore(directory, true);
        assertThat(recovered.relations().value(DATABASE, TABLE, "tuples_inserted")).isEqualTo(0L);
        assertThat(directory.resolve("pg_stat/pgstat.stat")).doesNotExist();
    }
}
