package org.woolly.postmaster;

import org.woolly.access.common.RelationOptions;

/**
 * When autovacuum vacuums or analyzes a table: {@code relation_needs_vacanalyze} of
 * PostgreSQL's {@code autovacuum.c}, over the table's pg_class.reltuples and its cumulative
 * counters.
 *
 * <pre>
 * vacuum  when n_dead_tup          &gt; vacuum_threshold        + vacuum_scale_factor        * reltuples
 *         or   n_ins_since_vacuum  &gt; vacuum_insert_threshold + vacuum_insert_scale_factor * reltuples
 *              (unless vacuum_insert_threshold is -1)
 * analyze when n_mod_since_analyze &gt; analyze_threshold       + analyze_scale_factor       * reltuples
 * </pre>
 *
 * A reltuples of -1 (never vacuumed nor analyzed) counts as 0. With 64-bit XIDs there is no
 * anti-wraparound vacuum, so a table with autovacuum disabled is never chosen.
 */
record AutovacuumPolicy(int vacuumThreshold, double vacuumScaleFactor, int vacuumInsertThreshold,
                        double vacuumInsertScaleFactor, int analyzeThreshold, double analyzeScaleFactor) {

    /** What a table needs now. */
    record Decision(boolean vacuum, boolean analyze) {
        boolean any() {
            return vacuum || analyze;
        }
    }

    /** The counters of one table the decision reads. */
    record TableState(double reltuples, long deadTuples, long insertsSinceVacuum, long modificationsSinceAnalyze) {}

    /**
     * This policy with a table's own autovacuum_* storage parameters in place of the server's
     * settings where it has them ({@code table_recheck_autovac} reading {@code AutoVacOpts}).
     */
    AutovacuumPolicy forTable(RelationOptions options) {
        return new AutovacuumPolicy(
                options.vacuumThreshold() >= 0 ? options.vacuumThreshold() : vacuumThreshold,
                options.vacuumScaleFactor() >= 0 ? options.vacuumScaleFactor() : vacuumScaleFactor,
                options.vacuumInsertThreshold() >= -1 ? options.vacuumInsertThreshold() : vacuumInsertThreshold,
                options.vacuumInsertScaleFactor() >= 0 ? options.vacuumInsertScaleFactor() : vacuumInsertScaleFactor,
                options.analyzeThreshold() >= 0 ? options.analyzeThreshold() : analyzeThreshold,
                options.analyzeScaleFactor() >= 0 ? options.analyzeScaleFactor() : analyzeScaleFactor);
    }

    Decision decide(TableState table) {
        double reltuples = Math.max(0, table.reltuples());
        double vacuumLimit = vacuumThreshold + vacuumScaleFactor * reltuples;
        double insertLimit = vacuumInsertThreshold + vacuumInsertScaleFactor * reltuples;
        double analyzeLimit = analyzeThreshold + analyzeScaleFactor * reltuples;
        boolean vacuum = table.deadTuples() > vacuumLimit
                || vacuumInsertThreshold >= 0 && table.insertsSinceVacuum() > insertLimit;
        boolean analyze = table.modificationsSinceAnalyze() > analyzeLimit;
        return new Decision(vacuum, analyze);
    }
}
