/**
 * The {@code woolly} command line (picocli): {@code init} (initdb), {@code start} (postgres in
 * the foreground), {@code stop} and {@code status} (pg_ctl). PostgreSQL counterpart:
 * {@code src/bin/initdb}, {@code src/bin/pg_ctl}, {@code src/backend/main}.
 */
package org.woolly.cli;
