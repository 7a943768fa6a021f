/**
 * Temporary files of queries ({@code src/backend/storage/file/fd.c} and {@code buffile.c}):
 * {@code base/pgsql_tmp/pgsql_tmpPID.N}, written and read through a buffer, counted against
 * {@code temp_file_limit}, reported to {@code log_temp_files} and pg_stat_database when
 * deleted, removed with the statement that made them and at server start. The executor's
 * sorts and hashes spill here when they outgrow {@code work_mem}.
 */
package org.woolly.storage.file;
