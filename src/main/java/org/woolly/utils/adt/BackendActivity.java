package org.woolly.utils.adt;

/**
 * One server process as {@code pg_stat_get_activity} reports it ({@code PgBackendStatus} in
 * {@code backend_status.h}): nulls where PostgreSQL shows NULL. Times are microseconds since
 * 2000-01-01 UTC (timestamptz values); {@code clientPort} is -1 for a Unix-domain socket;
 * {@code queryId} is null when compute_query_id is off or no query has run;
 * {@code leaderPid} is a parallel worker's leader; {@code planNode} and {@code planRows} are the
 * plan node the running statement is in now and the rows it returned so far (Woolly's
 * {@code woolly_stat_activity}), null when no statement runs.
 */
public record BackendActivity(int pid, Integer databaseOid, Integer userOid, String applicationName,
                              String clientAddress, Integer clientPort, Long backendStart, Long transactionStart,
                              Long queryStart, Long stateChange, String waitEventType, String waitEvent,
                              String state, Long backendXid, Long backendXmin, String query, String backendType,
                              Long queryId, Integer leaderPid, String planNode, Long planRows) {}
