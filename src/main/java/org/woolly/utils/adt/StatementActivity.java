package org.woolly.utils.adt;

import java.util.Map;

/**
 * One pg_stat_statements entry as a session may see it ({@code pg_stat_statements_internal}'s
 * output row): {@code queryId} null and {@code query} {@code <insufficient privilege>} for
 * another role's statement seen by a non-superuser. {@code columns} holds the counters by the
 * view's column names (bigint columns as Long, times as Double in milliseconds, wal_bytes a
 * BigDecimal).
 */
public record StatementActivity(int userOid, int databaseOid, boolean topLevel, Long queryId, String query,
                                Map<String, Object> columns) {}
