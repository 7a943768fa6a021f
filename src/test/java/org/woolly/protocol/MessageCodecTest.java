package org.woolly.protocol;

import org.junit.jupiter.api.Test;
import org.woolly.utils.error.Severity;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;
import org.woolly.utils.guc.GucSession;
import org.woolly.utils.guc.ServerConfiguration;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MessageCodecTest {

    private static MessageReader reader(byte[] bytes) {
        return new MessageReader(new ByteArrayInputStream(bytes));
    }

    @Test
    void readsTypedMessagesAndRejectsBadLengthsAndTypes() throws IOException {
        byte[] sync = {'S', 0, 0, 0, 4};
        MessageReader.Message message = reader(sync).readMessage();
        assertThat(message.type()).isEqualTo((byte) 'S');
        assertThat(message.body()).isEmpty();
        assertThat(reader(new byte[0]).readMessage()).isNull();
        assertThatThrownBy(() -> reader(new byte[] {'Q', 0, 0, 0, 3}).readMessage())
                .isInstanceOfSatisfying(SqlException.class, e -> {
                    assertThat(e.severity()).isEqualTo(Severity.FATAL);
                    assertThat(e.sqlState()).isEqualTo(SqlState.PROTOCOL_VIOLATION);
                    assertThat(e.getMessage()).isEqualTo("invalid message length");
                });
        assertThatThrownBy(() -> reader(new byte[] {'Q', 0x40, 0, 0, 0}).readMessage())
                .hasMessage("invalid message length");
        assertThatThrownBy(() -> reader(new byte[] {'z', 0, 0, 0, 4}).readMessage())
                .hasMessage("invalid frontend message type 122");
    }

    @Test
    void parsesStartupPacketsAndSpecialRequests() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        byte[] parameters = "user\0alice\0options\0-c work_mem=8MB --DateStyle=German\0\0"
                .getBytes(StandardCharsets.UTF_8);
        bytes.write(ByteBuffer.allocate(8).putInt(8 + parameters.length).putInt(ProtocolCodes.PROTOCOL_3_0).array());
        bytes.write(parameters);
        bytes.write(ByteBuffer.allocate(8).putInt(8).putInt(ProtocolCodes.SSL_REQUEST_CODE).array());
        bytes.write(ByteBuffer.allocate(16).putInt(16).putInt(ProtocolCodes.CANCEL_REQUEST_CODE).putInt(77)
                .putInt(-5).array());
        MessageReader reader = reader(bytes.toByteArray());
        StartupPacket.Startup startup = (StartupPacket.Startup) StartupPacket.parse(reader.readStartupPacket(false));
        assertThat(startup.parameters()).containsEntry("user", "alice");
        assertThat(StartupPacket.parse(reader.readStartupPacket(false))).isInstanceOf(StartupPacket.SslRequest.class);
        assertThat(StartupPacket.parse(reader.readStartupPacket(false)))
                .isEqualTo(new StartupPacket.CancelRequest(77, -5));

        GucSession settings = ServerConfiguration.defaults().newSession();
        StartupOptions.apply(startup.parameters(), settings);
        assertThat(settings.show("work_mem")).isEqualTo("8MB");
        assertThat(settings.show("DateStyle")).isEqualTo("German, DMY");
        settings.reset("all");
        assertThat(settings.show("work_mem")).isEqualTo("8MB");

        Map<String, String> unknown = new LinkedHashMap<>();
        unknown.put("user", "alice");
        unknown.put("no_such_thing", "1");
        assertThatThrownBy(() -> StartupOptions.apply(unknown, ServerConfiguration.defaults().newSession()))
                .isInstanceOfSatisfying(SqlException.class, e -> {
                    assertThat(e.severity()).isEqualTo(Severity.FATAL);
                    assertThat(e.sqlState().code()).isEqualTo("42704");
                });
        byte[] version2 = ByteBuffer.allocate(4).putInt(2 << 16).array();
        assertThatThrownBy(() -> StartupPacket.parse(version2))
                .hasMessage("unsupported frontend protocol 2.0: server supports 3.0 to 3.0");
    }

    @Test
    void writesBackendMessagesWithLengths() throws IOException {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        MessageWriter writer = new MessageWriter(output);
        writer.rowDescription(List.of(new ResultColumn("a", 0, (short) 0, 23, (short) 4, -1)), new short[] {1});
        writer.report(MessageTypes.ERROR_RESPONSE, SqlException.of(SqlState.SYNTAX_ERROR, "bad")
                .withPosition(3).withHint("try again"));
        writer.readyForQuery(TransactionStatus.FAILED);
        ByteBuffer bytes = ByteBuffer.wrap(output.toByteArray());
        assertThat((char) bytes.get()).isEqualTo('T');
        int length = bytes.getInt();
        assertThat(length).isEqualTo(4 + 2 + 2 + 18);
        assertThat(bytes.getShort()).isEqualTo((short) 1);
        bytes.position(bytes.position() + length - 6);
        assertThat((char) bytes.get()).isEqualTo('E');
        byte[] error = new byte[bytes.getInt() - 4];
        bytes.get(error);
        assertThat(new String(error, StandardCharsets.UTF_8))
                .isEqualTo("SERROR\0VERROR\0C42601\0Mbad\0Htry again\0P3\0\0");
        assertThat(bytes.get()).isEqualTo((byte) 'Z');
        assertThat(bytes.getInt()).isEqualTo(5);
        assertThat(bytes.get()).isEqualTo((byte) 'E');
    }

    @Test
    void writesNotificationResponseAsPidChannelAndPayload() throws IOException {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        MessageWriter writer = new MessageWriter(output);
        writer.notificationResponse(4711, "orders", "paid \u00e9");
        writer.flush();
        byte[] strings = "orders\0paid \u00e9\0".getBytes(StandardCharsets.UTF_8);
        ByteBuffer expected = ByteBuffer.allocate(1 + 4 + 4 + strings.length);
        expected.put((byte) 'A').putInt(4 + 4 + strings.length).putInt(4711).put(strings);
        assertThat(output.toByteArray()).isEqualTo(expected.array());
    }
}
