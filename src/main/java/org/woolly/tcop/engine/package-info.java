/**
 * The query side of one backend: {@link org.woolly.tcop.engine.QuerySession} implements
 * {@link org.woolly.tcop.SessionEngine} — parse, analyze, plan, bind portals, run them (with
 * suspension by row count), the transaction block state machine, and the dispatch of utility
 * statements. Counterpart of {@code src/backend/tcop/postgres.c} ({@code exec_simple_query},
 * {@code exec_parse_message}, ...), {@code pquery.c}, {@code utility.c} and the block states of
 * {@code access/transam/xact.c}. See README.md for the transaction states.
 *
 * <p>Entry point: {@code new QuerySession(storage, catalog, role, database, settings, notices, pid)}
 * (built-in types, SQL parser); a second constructor takes a {@code TypeSystem} and a
 * {@link org.woolly.tcop.engine.QueryParser} for tests.
 */
package org.woolly.tcop.engine;
