/**
 * Server and backend initialization: creating a data directory (initdb) and opening the
 * engine of one (storage with crash recovery, then the system catalog).
 * PostgreSQL counterpart: {@code src/bin/initdb/initdb.c}, {@code src/backend/utils/init}.
 */
package org.woolly.utils.init;
