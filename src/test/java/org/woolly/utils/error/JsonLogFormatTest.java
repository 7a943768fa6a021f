package org.woolly.utils.error;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class JsonLogFormatTest {

    @Test
    void aSessionLineHasPostgresKeysInOrderAndEscapesItsText() {
        LogSession session = new LogSession(4242, Instant.parse("2026-01-02T03:04:05Z"), "127.0.0.1", "5555");
        session.authenticated("alice", "shop", "app");
        session.commandTag("SELECT");
        session.virtualTransaction(3, 7);
        LogEntry entry = new LogEntry(Instant.parse("2026-01-02T03:04:06.123Z"), "ERROR", "22P02",
                "bad \"value\"\tthere\n\u0001", "a detail", null, null, "SELECT 'x'", 8, 4242, "client backend",
                session);

        assertThat(JsonLogFormat.json(entry, 3)).isEqualTo("{\"timestamp\":\"2026-01-02 03:04:06.123 UTC\","
                + "\"user\":\"alice\",\"dbname\":\"shop\",\"pid\":4242,\"remote_host\":\"127.0.0.1\","
                + "\"remote_port\":5555,\"session_id\":\"" + session.sessionId() + "\",\"line_num\":3,\"ps\":\"SELECT\","
                + "\"session_start\":\"2026-01-02 03:04:05 UTC\",\"vxid\":\"3/7\",\"txid\":0,\"error_severity\":\"ERROR\","
                + "\"state_code\":\"22P02\",\"message\":\"bad \\\"value\\\"\\tthere\\n\\u0001\",\"detail\":\"a detail\","
                + "\"statement\":\"SELECT 'x'\",\"cursor_position\":8,\"application_name\":\"app\","
                + "\"backend_type\":\"client backend\",\"query_id\":0}");
    }

    @Test
    void aServerLineLeavesOutSessionKeysAndTheSuccessfulSqlState() {
        LogEntry entry = new LogEntry(Instant.parse("2026-01-02T03:04:06Z"), "LOG", "00000", "ready", null, null,
                null, null, 0, 99, "postmaster", null);

        assertThat(JsonLogFormat.json(entry, 1)).startsWith("{\"timestamp\":\"2026-01-02 03:04:06.000 UTC\",\"pid\":99,")
                .contains(",\"line_num\":1,\"session_start\":").contains(",\"txid\":0,\"error_severity\":\"LOG\","
                        + "\"message\":\"ready\",\"backend_type\":\"postmaster\",\"query_id\":0}")
                .doesNotContain("user", "state_code", "vxid", "ps");
    }
}
