/**
 * Configuration parameters (GUCs): {@code postgresql.conf} parsing, command-line and startup
 * options, per-session values for SET/SHOW/RESET, {@code current_setting()} and
 * {@code set_config()}, and reloading the file ({@code ServerConfiguration.reload}: what a
 * SIGHUP does in PostgreSQL). PostgreSQL counterpart: {@code src/backend/utils/misc/guc.c},
 * {@code guc-file.l}.
 */
package org.woolly.utils.guc;
