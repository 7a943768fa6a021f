package org.woolly.protocol;

import org.junit.jupiter.api.Test;
import org.woolly.utils.error.SqlException;

import java.net.InetAddress;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HbaFileTest {

    private final HbaFile hba = HbaFile.parse(List.of(
            "# comment",
            "local   all        postgres                  trust",
            "local   all        all                       scram-sha-256",
            "host    sales,hr   alice     10.0.0.0/8      password   # inline comment",
            "host    all        bob       192.168.1.0  255.255.255.0  reject",
            "host    all        all       127.0.0.1/32    md5",
            "host    all        all       ::1/128         trust"), "pg_hba.conf");

    @Test
    void firstMatchingLineWins() throws Exception {
        assertThat(hba.match(null, "postgres", "x")).isEqualTo(HbaFile.Method.TRUST);
        assertThat(hba.match(null, "alice", "x")).isEqualTo(HbaFile.Method.SCRAM_SHA_256);
        assertThat(hba.match(InetAddress.getByName("10.1.2.3"), "alice", "hr")).isEqualTo(HbaFile.Method.PASSWORD);
        assertThat(hba.match(InetAddress.getByName("192.168.1.77"), "bob", "x")).isEqualTo(HbaFile.Method.REJECT);
        assertThat(hba.match(InetAddress.getByName("127.0.0.1"), "alice", "other")).isEqualTo(HbaFile.Method.MD5);
        assertThat(hba.match(InetAddress.getByName("::1"), "carol", "x")).isEqualTo(HbaFile.Method.TRUST);
    }

    @Test
    void noMatchIsFatal28000() {
        assertThatThrownBy(() -> hba.match(InetAddress.getByName("10.1.2.3"), "bob", "sales"))
                .isInstanceOfSatisfying(SqlException.class, e -> {
                    assertThat(e.sqlState().code()).isEqualTo("28000");
                    assertThat(e.getMessage()).isEqualTo("no pg_hba.conf entry for host \"10.1.2.3\", user \"bob\", "
                            + "database \"sales\", no encryption");
                });
    }

    @Test
    void invalidLinesAreRejected() {
        assertThatThrownBy(() -> HbaFile.parse(List.of("host all all 10.0.0.0/8 kerberos"), "f"))
                .hasMessage("invalid authentication method \"kerberos\"");
        assertThatThrownBy(() -> HbaFile.parse(List.of("remote all all trust"), "f"))
                .hasMessage("invalid connection type \"remote\"");
    }
}
