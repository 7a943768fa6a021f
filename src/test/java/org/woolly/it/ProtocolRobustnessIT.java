package org.woolly.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

/** Clients that break the protocol lose their own connection and nothing else. */
class ProtocolRobustnessIT {
    private static final int PROTOCOL_3_0 = 196608;
    @RegisterExtension
    static final WoollyServerExtension server = new WoollyServerExtension();

    private static Connection connect() throws SQLException {
        return server.connect();
    }

    @Test
    void anUnknownMessageTypeGetsAProtocolViolationAndClosesThatConnectionOnly() throws Exception {
        try (Connection bystander = connect(); Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(10_000);
            DataOutputStream out = new DataOutputStream(socket.getOutputStream());
            DataInputStream in = new DataInputStream(socket.getInputStream());
            sendStartup(out, server.superuser(), "postgres");
            readUntilReadyForQuery(in);

            out.writeByte('y');
            out.writeInt(4);
            out.flush();
            assertThat(in.readUnsignedByte()).isEqualTo('E');
            byte[] body = new byte[in.readInt() - 4];
            in.readFully(body);
            String fields = new String(body, StandardCharsets.UTF_8);
            assertThat(fields).contains("SFATAL").contains("C08P01").contains("invalid frontend message type 121");
            assertThat(readToEnd(in)).isEqualTo(0);

            assertBystanderWorks(bystander);
        }
    }

    @Test
    void anImpossibleStartupLengthClosesThatConnectionOnly() throws Exception {
        try (Connection bystander = connect(); Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(10_000);
            DataOutputStream out = new DataOutputStream(socket.getOutputStream());
            out.writeInt(3);
            out.writeInt(PROTOCOL_3_0);
            out.flush();
            readToEnd(new DataInputStream(socket.getInputStream()));
            assertBystanderWorks(bystander);
        }
    }

    @Test
    void anOversizedMessageClosesThatConnectionOnly() throws Exception {
        try (Connection bystander = connect(); Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(10_000);
            DataOutputStream out = new DataOutputStream(socket.getOutputStream());
            DataInputStream in = new DataInputStream(socket.getInputStream());
            sendStartup(out, server.superuser(), "postgres");
            readUntilReadyForQuery(in);
            out.writeByte('Q');
            out.writeInt(Integer.MAX_VALUE);
            out.flush();
            readToEnd(in);
            assertBystanderWorks(bystander);
        }
    }

    private static void assertBystanderWorks(Connection bystander) throws SQLException {
        try (Statement statement = bystander.createStatement(); ResultSet rows = statement.executeQuery("SELECT 42")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getInt(1)).isEqualTo(42);
        }
    }

    static void sendStartup(DataOutputStream out, String user, String database) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        DataOutputStream fields = new DataOutputStream(body);
        fields.writeInt(PROTOCOL_3_0);
        for (String text : new String[] {"user", user, "database", database}) {
            fields.write(text.getBytes(StandardCharsets.UTF_8));
            fields.writeByte(0);
        }
        fields.writeByte(0);
        out.writeInt(body.size() + 4);
        out.write(body.toByteArray());
        out.flush();
    }

    static void readUntilReadyForQuery(DataInputStream in) throws IOException {
        while (true) {
            int type = in.readUnsignedByte();
            byte[] body = new byte[in.readInt() - 4];
            in.readFully(body);
            assertThat(type).as("message type during startup").isNotEqualTo('E');
            if (type == 'Z') {
                return;
            }
        }
    }

    /**
     * Reads until the server closes the connection; returns how many bytes came. A close with
     * bytes of ours still unread arrives as a reset, which is a close all the same.
     */
    private static int readToEnd(DataInputStream in) throws IOException {
        int count = 0;
        try {
            while (true) {
                in.readUnsignedByte();
                count++;
            }
        } catch (EOFException | SocketException closed) {
            return count;
        }
    }
}
