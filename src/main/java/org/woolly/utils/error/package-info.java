/**
 * Error reporting: {@link org.woolly.utils.error.SqlException} carrying a
 * {@link org.woolly.utils.error.SqlState}, severity, message, detail, hint and position.
 * {@link org.woolly.utils.error.ServerLog} writes the server log in PostgreSQL's formats:
 * stderr lines with {@code log_line_prefix} and csvlog records ({@link org.woolly.utils.error.LogLineFormat}),
 * each backend's lines carrying its {@link org.woolly.utils.error.LogSession}.
 * PostgreSQL counterpart: {@code src/backend/utils/error/elog.c} and {@code errcodes.txt}.
 */
package org.woolly.utils.error;
