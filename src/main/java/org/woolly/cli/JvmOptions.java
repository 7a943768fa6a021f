package org.woolly.cli;

import org.woolly.access.transam.WriteAheadLog;
import org.woolly.utils.guc.ServerConfiguration;

import java.lang.management.ManagementFactory;
import java.util.List;

/**
 * The JVM options the launcher starts the server with, sized from its configuration: what
 * PostgreSQL takes from the operating system as shared memory plus per-backend memory, a JVM
 * must be given as one heap limit. The rule (documented in the README):
 * <pre>
 *   heap = 256 MB + shared_buffers + WAL buffers + max_connections * (work_mem + 1 MB)
 * </pre>
 * rounded up to a megabyte, at least 512 MB and at most three quarters of the machine's memory.
 * The fixed part holds the catalog caches, plans and the JVM's own structures; the 1 MB per
 * connection a session's parse trees, plans and buffers. G1 then gives back memory it does not
 * need: a concurrent cycle after a minute without collections, and a heap shrunk to at most 30%
 * free space.
 */
final class JvmOptions {

    static final long MEGABYTE = 1024 * 1024;
    static final long FIXED_BYTES = 256 * MEGABYTE;
    static final long PER_CONNECTION_BYTES = MEGABYTE;
    static final long MINIMUM_HEAP_BYTES = 512 * MEGABYTE;

    private JvmOptions() {}

    /** The maximum heap, in bytes, for this configuration on a machine of {@code physicalMemory} bytes. */
    static long heapBytes(ServerConfiguration configuration, long physicalMemory) {
        int sharedBuffers = configuration.getInt("shared_buffers");
        long bytes = FIXED_BYTES + (long) sharedBuffers * 8192
                + WriteAheadLog.bufferBytes(configuration.getInt("wal_buffers"), sharedBuffers)
                + configuration.getInt("max_connections") * (configuration.getInt("work_mem") * 1024L
                        + PER_CONNECTION_BYTES);
        long rounded = (bytes + MEGABYTE - 1) / MEGABYTE * MEGABYTE;
        long ceiling = Math.max(MINIMUM_HEAP_BYTES, physicalMemory / 4 * 3);
        return Math.clamp(rounded, MINIMUM_HEAP_BYTES, ceiling);
    }

    static List<String> options(ServerConfiguration configuration, long physicalMemory) {
        long heap = heapBytes(configuration, physicalMemory);
        return List.of("-XX:+UseG1GC", "-Xms64m", "-Xmx" + heap / MEGABYTE + "m",
                "-XX:G1PeriodicGCInterval=60000", "-XX:MinHeapFreeRatio=10", "-XX:MaxHeapFreeRatio=30");
    }

    static long physicalMemory() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getTotalMemorySize();
        }
        return Runtime.getRuntime().maxMemory() * 4;
    }
}
