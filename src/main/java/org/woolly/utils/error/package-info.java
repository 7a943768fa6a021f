/**
 * Error reporting: {@link org.woolly.utils.error.SqlException} carrying a
 * {@link org.woolly.utils.error.SqlState}, severity, message, detail, hint and position.
 * PostgreSQL counterpart: {@code src/backend/utils/error/elog.c} and {@code errcodes.txt}.
 */
package org.woolly.utils.error;
