/**
 * The {@code woolly} command line (picocli): {@code init} (initdb), {@code start} (postgres in
 * the foreground), {@code stop}, {@code reload} and {@code status} (pg_ctl), {@code ps} (the
 * server's processes as {@code ps} lists PostgreSQL's, from a request file the postmaster
 * answers: see the postmaster README). PostgreSQL counterpart:
 * {@code src/bin/initdb}, {@code src/bin/pg_ctl}, {@code src/backend/main}.
 */
package org.woolly.cli;
