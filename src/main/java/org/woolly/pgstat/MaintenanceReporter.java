package org.woolly.pgstat;

/**
 * Where VACUUM and ANALYZE of one session report what they measured
 * ({@code pgstat_report_vacuum}, {@code pgstat_report_analyze}): the relation counters of the
 * session's database, as a manual or an automatic (autovacuum worker) run.
 */
public record MaintenanceReporter(RelationStatistics relations, int databaseOid, boolean automatic) {
    /** The backend type of the threads that run automatic VACUUM and ANALYZE. */
    public static final String AUTOVACUUM_WORKER = "autovacuum worker";

    /** For the calling thread: automatic when it is an autovacuum worker. */
    public static MaintenanceReporter forCurrentThread(RelationStatistics relations, int databaseOid) {
        BackendStatus status = BackendStatus.current();
        return new MaintenanceReporter(relations, databaseOid,
                status != null && AUTOVACUUM_WORKER.equals(status.backendType()));
    }

    public void vacuumed(int relationOid, long live, long dead) {
        relations.vacuumed(databaseOid, relationOid, live, dead, automatic);
    }

    public void analyzed(int relationOid, long live, long dead) {
        relations.analyzed(databaseOid, relationOid, live, dead, automatic);
    }
}
