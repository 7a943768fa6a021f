package org.woolly.utils.guc;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** pg_settings rows as PostgreSQL 15's {@code GetConfigOptionByNum} builds them. */
class SettingRowsTest {

    @TempDir
    Path dataDirectory;

    @Test
    void realsAndTheirLimitsPrintAsCPercentG() {
        assertThat(SettingRows.cFormatG(0.01)).isEqualTo("0.01");
        assertThat(SettingRows.cFormatG(4.0)).isEqualTo("4");
        assertThat(SettingRows.cFormatG(Double.MAX_VALUE)).isEqualTo("1.79769e+308");
        assertThat(SettingRows.cFormatG(0.00001)).isEqualTo("1e-05");
        assertThat(SettingRows.cFormatG(123456)).isEqualTo("123456");
        assertThat(SettingRows.cFormatG(1234567)).isEqualTo("1.23457e+06");
    }

    @Test
    void sourcesNameTheFileLineCommandLineAndSession() throws IOException {
        Files.writeString(dataDirectory.resolve("postgresql.conf"), "# comment\nwork_mem = '8MB'\n");
        GucSession session = ServerConfiguration.load(dataDirectory, Map.of("autovacuum", "off")).newSession();
        session.setSessionUser("alice", true);
        session.set("enable_seqscan", "off", false);
        Map<String, String[]> rows = new java.util.HashMap<>();
        for (String[] row : session.settingRows()) {
            rows.put(row[0], row);
        }
        assertThat(rows.get("work_mem")).containsExactly("work_mem", "8192", "kB", "Resource Usage / Memory",
                "Sets the maximum memory to be used for query workspaces.",
                "This much memory can be used by each internal sort operation and hash table before switching to "
                        + "temporary disk files.", "user", "integer", "configuration file", "64", "2147483647", null,
                "4096", "8192", dataDirectory.resolve("postgresql.conf").toAbsolutePath().toString(), "2", "f");
        assertThat(rows.get("autovacuum")[8]).isEqualTo("command line");
        String[] seqscan = rows.get("enable_seqscan");
        assertThat(seqscan[1] + "/" + seqscan[8] + "/" + seqscan[13]).isEqualTo("off/session/on");
        assertThat(rows).doesNotContainKeys("is_superuser", "session_authorization", "role");
    }
}
