package org.woolly.cli;

import org.junit.jupiter.api.Test;
import org.woolly.utils.guc.ServerConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

class JvmOptionsTest {
    private static final long GIGABYTE = 1024L * 1024 * 1024;

    @Test
    void theDefaultConfigurationGetsARuleSizedHeapNotAQuarterOfTheMachine() {
        // 256 MB + 128 MB shared_buffers + 4 MB WAL buffers + 100 * (4 MB work_mem + 1 MB)
        assertThat(JvmOptions.heapBytes(ServerConfiguration.defaults(), 64 * GIGABYTE)).isEqualTo(888L << 20);
        assertThat(JvmOptions.options(ServerConfiguration.defaults(), 64 * GIGABYTE))
                .contains("-Xmx888m", "-XX:+UseG1GC", "-XX:G1PeriodicGCInterval=60000", "-XX:MaxHeapFreeRatio=30");
    }

    @Test
    void theHeapFollowsSharedBuffersAndConnectionsWithinItsBounds() {
        ServerConfiguration large = ServerConfiguration.defaults().with("shared_buffers", "2GB")
                .with("max_connections", "20");
        // 256 MB + 2048 MB + 16 MB (one WAL segment) + 20 * 5 MB
        assertThat(JvmOptions.heapBytes(large, 64 * GIGABYTE)).isEqualTo((256L + 2048 + 16 + 100) << 20);
        assertThat(JvmOptions.heapBytes(large, 2 * GIGABYTE)).as("at most 3/4 of the machine")
                .isEqualTo(1536L << 20);
        ServerConfiguration tiny = ServerConfiguration.defaults().with("shared_buffers", "128kB")
                .with("max_connections", "5");
        assertThat(JvmOptions.heapBytes(tiny, 64 * GIGABYTE)).as("at least 512 MB").isEqualTo(512L << 20);
    }
}
