package org.woolly.utils.adt;

/**
 * One backend's running command as {@code pg_stat_get_progress_info} reports it: its pid,
 * database, relation and the twenty parameters whose meaning the command's view gives.
 */
public record ProgressActivity(int pid, Integer databaseOid, int relationOid, long[] parameters) {}
