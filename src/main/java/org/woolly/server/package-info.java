/**
 * The composition root: the one place that knows every implementation. It creates a data
 * directory (initdb), opens storage with the access methods and WAL resource managers it
 * registers, builds the catalog, type system and parser bindings, and hands the postmaster an
 * {@link org.woolly.tcop.Engine}. Every other package imports only downward; see
 * docs/ARCHITECTURE.md. PostgreSQL counterpart: {@code PostmasterMain}, {@code InitPostgres}
 * ({@code src/backend/utils/init/postinit.c}) and {@code src/bin/initdb/initdb.c}.
 */
package org.woolly.server;
