package org.woolly.tcop;

import org.junit.jupiter.api.Test;
import org.woolly.protocol.MessageReader;
import org.woolly.protocol.MessageWriter;
import org.woolly.utils.guc.GucSession;
import org.woolly.utils.guc.ServerConfiguration;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** The backend loop on bytes, without a socket: frontend messages in, backend messages out. */
class BackendLoopTest {

    /** Builds frontend messages. */
    private static final class Frontend {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        Frontend message(char type, byte[] body) throws IOException {
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeByte(type);
            out.writeInt(body.length + 4);
            out.write(body);
            return this;
        }

        Frontend query(String sql) throws IOException {
            return message('Q', cString(sql));
        }

        Frontend parse(String name, String sql, int... types) throws IOException {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(body);
            out.write(cString(name));
            out.write(cString(sql));
            out.writeShort(types.length);
            for (int type : types) {
                out.writeInt(type);
            }
            return message('P', body.toByteArray());
        }

        Frontend bind(String portal, String statement, short[] parameterFormats, byte[][] values,
                      short[] resultFormats) throws IOException {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(body);
            out.write(cString(portal));
            out.write(cString(statement));
            out.writeShort(parameterFormats.length);
            for (short format : parameterFormats) {
                out.writeShort(format);
            }
            out.writeShort(values.length);
            for (byte[] value : values) {
                if (value == null) {
                    out.writeInt(-1);
                } else {
                    out.writeInt(value.length);
                    out.write(value);
                }
            }
            out.writeShort(resultFormats.length);
            for (short format : resultFormats) {
                out.writeShort(format);
            }
            return message('B', body.toByteArray());
        }

        Frontend describe(char target, String name) throws IOException {
            byte[] nameBytes = cString(name);
            byte[] body = new byte[nameBytes.length + 1];
            body[0] = (byte) target;
            System.arraycopy(nameBytes, 0, body, 1, nameBytes.length);
            return message('D', body);
        }

        Frontend execute(String portal, int maxRows) throws IOException {
            byte[] name = cString(portal);
            return message('E', ByteBuffer.allocate(name.length + 4).put(name).putInt(maxRows).array());
        }

        Frontend sync() throws IOException {
            return message('S', new byte[0]);
        }

        static byte[] cString(String value) {
            byte[] text = value.getBytes(StandardCharsets.UTF_8);
            byte[] result = new byte[text.length + 1];
            System.arraycopy(text, 0, result, 0, text.length);
            return result;
        }
    }

    private record Reply(char type, byte[] body) {
        String text() {
            return new String(body, StandardCharsets.ISO_8859_1);
        }
    }

    private static List<Reply> run(Frontend frontend) throws IOException {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        GucSession settings = ServerConfiguration.defaults().newSession();
        settings.setSessionUser("alice", true);
        settings.takeReportChanges();
        AtomicReference<BackendLoop> loop = new AtomicReference<>();
        SessionEngine session = new FakeEngine().openSession(null, "postgres", settings,
                report -> loop.get().notice(report), 1);
        loop.set(new BackendLoop(new MessageReader(new ByteArrayInputStream(frontend.bytes.toByteArray())),
                new MessageWriter(output), session, settings, TypeIoLookup.builtin(), activity -> { }));
        loop.get().run();
        List<Reply> replies = new ArrayList<>();
        ByteBuffer buffer = ByteBuffer.wrap(output.toByteArray());
        while (buffer.hasRemaining()) {
            char type = (char) buffer.get();
            byte[] body = new byte[buffer.getInt() - 4];
            buffer.get(body);
            replies.add(new Reply(type, body));
        }
        return replies;
    }

    private static String types(List<Reply> replies) {
        StringBuilder result = new StringBuilder();
        for (Reply reply : replies) {
            result.append(reply.type());
        }
        return result.toString();
    }

    @Test
    void simpleQueryWithSeveralStatementsStopsAtTheFirstError() throws IOException {
        List<Reply> replies = run(new Frontend().query("SELECT 1; SELECT series 2; SELECT nocolumn; SELECT 1")
                .query("").query("SET application_name = 'x'"));
        // T D C, T D D C, E, Z | I Z | C S Z
        assertThat(types(replies)).isEqualTo("ZTDCTDDCEZIZCSZ");
        assertThat(replies.get(3).text()).isEqualTo("SELECT 1\0");
        assertThat(replies.get(8).text()).contains("C42703\0").contains("P35\0").contains("SERROR\0");
        assertThat(replies.get(13).text()).isEqualTo("application_name\0x\0");
        assertThat(replies.get(14).text()).isEqualTo("I");
    }

    @Test
    void extendedProtocolWithBinaryParametersAndResults() throws IOException {
        byte[] fortyTwo = ByteBuffer.allocate(4).putInt(42).array();
        List<Reply> replies = run(new Frontend()
                .parse("s1", "SELECT $1, $2", 23, 25)
                .describe('S', "s1")
                .bind("", "s1", new short[] {1, 0}, new byte[][] {fortyTwo, "hi".getBytes(StandardCharsets.UTF_8)},
                        new short[] {1})
                .describe('P', "")
                .execute("", 0)
                .sync());
        assertThat(types(replies)).isEqualTo("Z1tT2TDCZ");
        assertThat(replies.get(2).body()).containsExactly(0, 2, 0, 0, 0, 23, 0, 0, 0, 25);
        Reply row = replies.get(6);
        ByteBuffer body = ByteBuffer.wrap(row.body());
        assertThat(body.getShort()).isEqualTo((short) 2);
        assertThat(body.getInt()).isEqualTo(4);
        assertThat(body.getInt()).isEqualTo(42);
        assertThat(body.getInt()).isEqualTo(2);
        assertThat((char) body.get()).isEqualTo('h');
        assertThat(replies.get(7).text()).isEqualTo("SELECT 1\0");
    }

    @Test
    void rowLimitSuspendsThePortalAndExecuteResumesIt() throws IOException {
        List<Reply> replies = run(new Frontend().query("BEGIN")
                .parse("", "SELECT series 5").bind("c", "", new short[0], new byte[0][], new short[0])
                .execute("c", 2).execute("c", 2).execute("c", 2).sync());
        assertThat(types(replies)).isEqualTo("ZCZ12DDsDDsDCZ");
        assertThat(replies.get(12).text()).isEqualTo("SELECT 5\0");
        assertThat(replies.get(13).text()).isEqualTo("T");
    }

    @Test
    void errorsInExtendedModeSkipToSync() throws IOException {
        List<Reply> replies = run(new Frontend()
                .parse("s", "SELECT 1").parse("s", "SELECT 1")
                .bind("", "s", new short[0], new byte[0][], new short[0]).execute("", 0).sync()
                .bind("", "missing", new short[0], new byte[0][], new short[0]).sync()
                .parse("", "SELECT $1").bind("", "", new short[0], new byte[0][], new short[0]).query("SELECT 1").sync()
                .bind("", "s", new short[0], new byte[0][], new short[0]).execute("", 0).sync());
        assertThat(types(replies)).isEqualTo("Z1EZEZ1EZ2DCZ");
        assertThat(replies.get(2).text()).contains("C42P05\0").contains("prepared statement \"s\" already exists");
        assertThat(replies.get(4).text()).contains("C26000\0")
                .contains("prepared statement \"missing\" does not exist");
        assertThat(replies.get(7).text()).contains("C08P01\0")
                .contains("bind message supplies 0 parameters, but prepared statement \"\" requires 1");
    }

    @Test
    void unknownMessageTypeIsFatal() throws IOException {
        List<Reply> replies = run(new Frontend().message('?', new byte[0]).query("SELECT 1"));
        assertThat(types(replies)).isEqualTo("ZE");
        assertThat(replies.get(1).text()).contains("SFATAL\0").contains("C08P01\0")
                .contains("invalid frontend message type 63");
    }

    @Test
    void noticesAndInternalErrors() throws IOException {
        List<Reply> replies = run(new Frontend().query("SELECT notice").query("SELECT boom"));
        assertThat(types(replies)).isEqualTo("ZTNDCZTEZ");
        assertThat(replies.get(2).text()).contains("SNOTICE\0").contains("hello from the engine");
        assertThat(replies.get(7).text()).contains("CXX000\0");
    }

    @Test
    void statementTimeoutCancelsWithItsOwnMessage() throws IOException {
        List<Reply> replies = run(new Frontend().query("SET statement_timeout = '100ms'").query("SELECT sleep")
                .query("SELECT 1"));
        assertThat(types(replies)).isEqualTo("ZCZTEZTDCZ");
        assertThat(replies.get(4).text()).contains("C57014\0")
                .contains("canceling statement due to statement timeout");
    }
}
