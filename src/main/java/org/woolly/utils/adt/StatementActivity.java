package org.woolly.utils.adt;

/**
 * One pg_stat_statements entry as a session may see it ({@code pg_stat_statements_internal}'s
 * output row): {@code queryId} null and {@code query} {@code <insufficient privilege>} for
 * another role's statement seen by a non-superuser. Times are milliseconds.
 */
public record StatementActivity(int userOid, int databaseOid, boolean topLevel, Long queryId, String query,
                                long calls, double totalMillis, double minMillis, double maxMillis,
                                double meanMillis, double stddevMillis, long rows, long sharedBlocksHit,
                                long sharedBlocksRead) {}
