/**
 * Error reporting: {@link org.woolly.utils.error.SqlException} carrying a
 * {@link org.woolly.utils.error.SqlState}, severity, message, detail, hint and position.
 * {@link org.woolly.utils.error.ServerLog} writes the server log in PostgreSQL's line format.
 * PostgreSQL counterpart: {@code src/backend/utils/error/elog.c} and {@code errcodes.txt}.
 */
package org.woolly.utils.error;
