package org.woolly.protocol;

import org.woolly.catalog.RoleInfo;
import org.woolly.utils.crypt.Scram;
import org.woolly.utils.crypt.ScramServerExchange;
import org.woolly.utils.error.Severity;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

import java.io.EOFException;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * Authenticates one connection after its startup packet: picks the pg_hba.conf method, runs
 * the exchange (cleartext password or SASL SCRAM-SHA-256; md5 runs SCRAM as PostgreSQL does
 * when the stored password is a SCRAM verifier) and checks the database. Counterpart of
 * {@code ClientAuthentication} in {@code src/backend/libpq/auth.c} and the role/database checks
 * of {@code InitPostgres}. Failures are FATAL with PostgreSQL's SQLSTATEs and texts; an unknown
 * role fails exactly like a wrong password.
 */
public final class ClientAuthentication {

    private final LoginCatalog engine;
    private final HbaFile hba;

    public ClientAuthentication(LoginCatalog engine, HbaFile hba) {
        this.engine = engine;
        this.hba = hba;
    }

    /**
     * Runs authentication; returns the role on success (AuthenticationOk not yet sent).
     * {@code clientAddress} is null for Unix-socket connections.
     */
    public RoleInfo authenticate(MessageReader reader, MessageWriter writer, InetAddress clientAddress, String user,
                                 String database) throws IOException {
        HbaFile.Method method = hba.match(clientAddress, user, database);
        Optional<RoleInfo> role = engine.lookupRole(user);
        switch (method) {
            case TRUST -> { }
            case REJECT -> throw fatal(SqlState.INVALID_AUTHORIZATION_SPECIFICATION, String.format(
                    "pg_hba.conf rejects connection for host \"%s\", user \"%s\", database \"%s\", no encryption",
                    clientAddress == null ? "[local]" : clientAddress.getHostAddress(), user, database));
            case PASSWORD -> cleartextPassword(reader, writer, role.orElse(null), user);
            case MD5, SCRAM_SHA_256 -> scram(reader, writer, role.orElse(null), user);
        }
        if (role.isEmpty()) {
            throw fatal(SqlState.INVALID_AUTHORIZATION_SPECIFICATION, "role \"" + user + "\" does not exist");
        }
        if (!role.get().canLogin()) {
            throw fatal(SqlState.INVALID_AUTHORIZATION_SPECIFICATION,
                    "role \"" + user + "\" is not permitted to log in");
        }
        if (!engine.databaseExists(database)) {
            throw fatal(SqlState.INVALID_CATALOG_NAME, "database \"" + database + "\" does not exist");
        }
        return role.get();
    }

    private void cleartextPassword(MessageReader reader, MessageWriter writer, RoleInfo role, String user)
            throws IOException {
        writer.authentication(ProtocolCodes.AUTH_CLEARTEXT_PASSWORD, null);
        writer.flush();
        MessageBody body = new MessageBody(readPasswordMessage(reader));
        String password = body.readCString();
        if (role == null || role.password() == null || !Scram.checkPassword(password, role.password())) {
            throw passwordFailed(user);
        }
    }

    private void scram(MessageReader reader, MessageWriter writer, RoleInfo role, String user) throws IOException {
        writer.authenticationSasl(List.of(Scram.MECHANISM));
        writer.flush();
        MessageBody initial = new MessageBody(readPasswordMessage(reader));
        String mechanism = initial.readCString();
        if (!mechanism.equals(Scram.MECHANISM)) {
            throw fatal(SqlState.PROTOCOL_VIOLATION, "client selected an invalid SASL authentication mechanism");
        }
        int length = initial.readInt32();
        String clientFirst = length < 0 ? "" : initial.readRemainingText();
        ScramServerExchange exchange = new ScramServerExchange(role == null ? null : role.password());
        try {
            String serverFirst = exchange.handleClientFirst(clientFirst);
            writer.authentication(ProtocolCodes.AUTH_SASL_CONTINUE, serverFirst.getBytes(StandardCharsets.UTF_8));
            writer.flush();
            String clientFinal = new MessageBody(readPasswordMessage(reader)).readRemainingText();
            String serverFinal = exchange.handleClientFinal(clientFinal);
            writer.authentication(ProtocolCodes.AUTH_SASL_FINAL, serverFinal.getBytes(StandardCharsets.UTF_8));
        } catch (ScramServerExchange.ScramFailure e) {
            throw passwordFailed(user);
        }
    }

    private static byte[] readPasswordMessage(MessageReader reader) throws IOException {
        MessageReader.Message message = reader.readMessage();
        if (message == null) {
            throw new EOFException("client closed the connection during authentication");
        }
        if (message.type() != MessageTypes.PASSWORD_MESSAGE) {
            throw fatal(SqlState.PROTOCOL_VIOLATION,
                    String.format("expected password response, got message type %d", message.type()));
        }
        return message.body();
    }

    private static SqlException passwordFailed(String user) {
        return fatal(SqlState.INVALID_PASSWORD, "password authentication failed for user \"" + user + "\"");
    }

    private static SqlException fatal(SqlState state, String message) {
        return new SqlException(Severity.FATAL, state, message, null, null, 0, null);
    }
}
