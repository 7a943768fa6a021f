package org.woolly.utils.guc;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SET, SET LOCAL and set_config inside transactions and savepoints, each case checked against
 * PostgreSQL 15 (the expected values are what its SHOW printed for the same statements).
 * SAVEPOINT is {@link GucSession#atSubtransactionStart}; RELEASE ends the released levels
 * committed; ROLLBACK TO aborts them and starts the named savepoint again, as {@code xact.c} does.
 */
class GucNestingTest {

    private GucSession session;

    @BeforeEach
    void newSession() {
        session = ServerConfiguration.defaults().newSession();
    }

    private void begin() {
        session.atTransactionStart();
    }

    private void savepoint() {
        session.atSubtransactionStart();
    }

    /** RELEASE of the savepoint {@code levels} levels down (1: the innermost). */
    private void release(int levels) {
        for (int i = 0; i < levels; i++) {
            session.atSubtransactionEnd(true);
        }
    }

    /** ROLLBACK TO the savepoint {@code levels} levels down (1: the innermost). */
    private void rollbackTo(int levels) {
        for (int i = 0; i < levels; i++) {
            session.atSubtransactionEnd(false);
        }
        session.atSubtransactionStart();
    }

    private String workMem() {
        return session.show("work_mem");
    }

    @Test
    void rollbackToSavepointRestoresTheValueAtTheSavepoint() {
        begin();
        session.set("work_mem", "8MB", false);
        savepoint();
        session.set("work_mem", "16MB", false);
        rollbackTo(1);
        assertThat(workMem()).isEqualTo("8MB");
        session.atTransactionEnd(true);
        assertThat(workMem()).isEqualTo("8MB");
    }

    @Test
    void rollbackToAnOuterSavepointUndoesTheInnerOnesToo() {
        begin();
        savepoint();
        session.set("work_mem", "8MB", false);
        savepoint();
        session.set("work_mem", "9MB", false);
        rollbackTo(2);
        assertThat(workMem()).isEqualTo("4MB");
        release(1);
        session.atTransactionEnd(true);
        assertThat(workMem()).isEqualTo("4MB");
    }

    @Test
    void setLocalInAReleasedSavepointLastsUntilTheTransactionEnds() {
        begin();
        savepoint();
        session.set("work_mem", "16MB", true);
        release(1);
        assertThat(workMem()).isEqualTo("16MB");
        session.atTransactionEnd(true);
        assertThat(workMem()).isEqualTo("4MB");
    }

    @Test
    void commitComesBackFromSetLocalToTheTransactionsOwnSet() {
        begin();
        session.set("work_mem", "8MB", false);
        savepoint();
        session.set("work_mem", "16MB", true);
        release(1);
        assertThat(workMem()).isEqualTo("16MB");
        session.atTransactionEnd(true);
        assertThat(workMem()).isEqualTo("8MB");
    }

    @Test
    void releasingAnOuterSavepointMergesTheLevelsInsideIt() {
        begin();
        savepoint();
        session.set("work_mem", "8MB", false);
        savepoint();
        session.set("work_mem", "16MB", true);
        release(2);
        assertThat(workMem()).isEqualTo("16MB");
        session.atTransactionEnd(true);
        assertThat(workMem()).isEqualTo("8MB");
    }

    @Test
    void aReleasedSetOverridesAnEarlierSetLocal() {
        begin();
        session.set("work_mem", "16MB", true);
        savepoint();
        session.set("work_mem", "32MB", false);
        release(1);
        session.atTransactionEnd(true);
        assertThat(workMem()).isEqualTo("32MB");
    }

    @Test
    void aTransactionRollbackUndoesSetsInSavepointsStillOpen() {
        begin();
        session.set("work_mem", "8MB", false);
        savepoint();
        session.set("work_mem", "9MB", false);
        savepoint();
        session.set("work_mem", "10MB", true);
        session.atTransactionEnd(false);
        assertThat(workMem()).isEqualTo("4MB");
    }

    @Test
    void aCommitWithSavepointsOpenKeepsTheirSets() {
        begin();
        savepoint();
        session.set("work_mem", "9MB", false);
        savepoint();
        session.set("statement_timeout", "5s", true);
        session.atTransactionEnd(true);
        assertThat(workMem()).isEqualTo("9MB");
        assertThat(session.show("statement_timeout")).isEqualTo("0");
    }

    @Test
    void setTransactionInASavepointIsUndoneByItsRollback() {
        begin();
        savepoint();
        session.set("transaction_read_only", "on", true);
        assertThat(session.show("transaction_read_only")).isEqualTo("on");
        rollbackTo(1);
        assertThat(session.show("transaction_read_only")).isEqualTo("off");
        session.atTransactionEnd(true);
    }

    @Test
    void resetAllInASavepointIsUndoneByItsRollback() {
        session.set("work_mem", "8MB", false);
        begin();
        savepoint();
        session.reset("all");
        assertThat(workMem()).isEqualTo("4MB");
        rollbackTo(1);
        assertThat(workMem()).isEqualTo("8MB");
        session.atTransactionEnd(true);
        assertThat(workMem()).isEqualTo("8MB");
    }

    @Test
    void aRestoredValueIsReportedToTheClient() {
        session.takeReportChanges();
        begin();
        savepoint();
        session.set("DateStyle", "German", false);
        assertThat(session.takeReportChanges()).containsEntry("DateStyle", "German, DMY");
        rollbackTo(1);
        assertThat(session.takeReportChanges()).containsEntry("DateStyle", "ISO, MDY");
        session.atTransactionEnd(true);
        assertThat(session.takeReportChanges()).isEmpty();
    }
}
