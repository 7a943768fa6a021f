/**
 * Cumulative statistics and the activity table ({@code src/backend/utils/activity}):
 * {@link org.woolly.pgstat.BackendStatusTable} (what pg_stat_activity shows of each server
 * process), {@link org.woolly.pgstat.DatabaseStatistics} (pg_stat_database's counters) and
 * {@link org.woolly.pgstat.BackgroundWriterStatistics} (pg_stat_bgwriter), kept across clean
 * restarts in {@code pg_stat/} and discarded after crash recovery, as PostgreSQL 15 does. See
 * README.md.
 */
package org.woolly.pgstat;
