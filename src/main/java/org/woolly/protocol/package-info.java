/**
 * Frontend/backend protocol v3: message framing ({@link org.woolly.protocol.MessageReader},
 * {@link org.woolly.protocol.MessageWriter}, {@link org.woolly.protocol.MessageBody}), type
 * bytes and codes ({@link org.woolly.protocol.MessageTypes}, {@link org.woolly.protocol.ProtocolCodes}),
 * startup packets, {@code pg_hba.conf} ({@link org.woolly.protocol.HbaFile}) and client
 * authentication ({@link org.woolly.protocol.ClientAuthentication}). Knows bytes and streams,
 * not sockets: the postmaster hands it a connection's streams.
 * PostgreSQL counterpart: {@code src/backend/libpq} ({@code pqcomm.c}, {@code pqformat.c},
 * {@code auth.c}, {@code hba.c}).
 */
package org.woolly.protocol;
