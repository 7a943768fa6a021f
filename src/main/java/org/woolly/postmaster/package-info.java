/**
 * The postmaster: listening sockets, one virtual-thread backend per connection, connection
 * limits, cancel routing, the checkpointer, {@code postmaster.pid}, the server log and the
 * shutdown modes. Entry point: {@link org.woolly.postmaster.Postmaster}.
 * PostgreSQL counterpart: {@code src/backend/postmaster} ({@code postmaster.c},
 * {@code checkpointer.c}, {@code syslogger.c}).
 */
package org.woolly.postmaster;
