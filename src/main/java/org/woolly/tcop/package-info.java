/**
 * Traffic cop: one backend's message loop (simple and extended query, portals, COPY, cancel,
 * error recovery to ReadyForQuery) and, through {@link org.woolly.tcop.SessionEngine}, the
 * query pipeline behind it. PostgreSQL counterpart: {@code src/backend/tcop} ({@code postgres.c},
 * {@code pquery.c}, {@code utility.c}).
 *
 * <p>The interfaces in this package are the seam between the protocol side (which knows
 * sockets and message formats) and the engine side (parser, analyzer, planner, executor,
 * commands), which knows neither.
 */
package org.woolly.tcop;
