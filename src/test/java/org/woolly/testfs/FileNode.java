package org.woolly.testfs;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.random.RandomGenerator;

/**
 * One file's inode on the {@link SimulatedDisk}: its durable content (as of the last successful
 * {@code fsync}) kept in 4 KB pages, and the writes and truncations made since, in order. The
 * current content lives in the real file behind it; only what a power loss could leave behind is
 * modelled here. Guarded by the disk's lock.
 */
final class FileNode implements SimulatedDisk.Node {
    /** The unit the kernel's page cache writes back: an 8 KB write may reach the disk half done. */
    static final int PAGE = 4096;

    private sealed interface Change permits Write, Truncate {}

    private record Write(long offset, byte[] data) implements Change {}

    private record Truncate(long size) implements Change {}

    private NavigableMap<Long, byte[]> durablePages = new TreeMap<>();
    private long durableSize;
    private final List<Change> pending = new ArrayList<>();

    void recordWrite(long offset, byte[] data) {
        if (data.length > 0) {
            pending.add(new Write(offset, data));
        }
    }

    void recordTruncate(long size) {
        pending.add(new Truncate(size));
    }

    boolean hasUnsyncedChanges() {
        return !pending.isEmpty();
    }

    /** fsync succeeded: everything written so far is durable. */
    void sync() {
        for (Change change : pending) {
            apply(change);
        }
        pending.clear();
    }

    /**
     * fsync failed: as Linux does since 4.13, the dirty pages are marked clean and the error is
     * reported once, so the unsynced writes never reach the disk although reads still see them.
     * This is why PostgreSQL PANICs on a failed fsync instead of retrying it.
     */
    void dropUnsynced() {
        pending.clear();
    }

    /**
     * The content a power loss leaves: the durable content, then for every 4 KB page an
     * independent random prefix of the unsynced writes that touched it (the page cache wrote
     * the page back at some moment, and nothing after), and a random prefix of the
     * truncations. An unsynced 8 KB page write thus survives whole, not at all, or as either
     * 4 KB half.
     */
    byte[] contentAfterCrash(RandomGenerator random) {
        TreeMap<Long, Integer> writesPerPage = new TreeMap<>();
        int truncations = 0;
        for (Change change : pending) {
            switch (change) {
                case Write write -> {
                    for (long page = firstPage(write); page <= lastPage(write); page++) {
                        writesPerPage.merge(page, 1, Integer::sum);
                    }
                }
                case Truncate ignored -> truncations++;
            }
        }
        TreeMap<Long, Integer> keptPerPage = new TreeMap<>();
        writesPerPage.forEach((page, count) -> keptPerPage.put(page, random.nextInt(count + 1)));
        int keptTruncations = random.nextInt(truncations + 1);

        NavigableMap<Long, byte[]> savedPages = durablePages;
        long savedSize = durableSize;
        durablePages = copy(savedPages);
        try {
            TreeMap<Long, Integer> seenPerPage = new TreeMap<>();
            int seenTruncations = 0;
            for (Change change : pending) {
                switch (change) {
                    case Write write -> {
                        for (long page = firstPage(write); page <= lastPage(write); page++) {
                            int seen = seenPerPage.merge(page, 1, Integer::sum);
                            if (seen <= keptPerPage.get(page)) {
                                applyWithinPage(write, page);
                            }
                        }
                    }
                    case Truncate truncate -> {
                        if (seenTruncations++ < keptTruncations) {
                            apply(truncate);
                        }
                    }
                }
            }
            return durableContent();
        } finally {
            durablePages = savedPages;
            durableSize = savedSize;
        }
    }

    /** The durable content as bytes (holes read as zeros, as in a sparse file). */
    byte[] durableContent() {
        byte[] content = new byte[Math.toIntExact(durableSize)];
        durablePages.forEach((page, bytes) -> {
            long start = page * PAGE;
            if (start < durableSize) {
                System.arraycopy(bytes, 0, content, (int) start, (int) Math.min(PAGE, durableSize - start));
            }
        });
        return content;
    }

    /** A file restored after a crash: the given content is all durable. */
    static FileNode durable(byte[] content) {
        FileNode node = new FileNode();
        for (int start = 0; start < content.length; start += PAGE) {
            int end = Math.min(content.length, start + PAGE);
            if (!Arrays.equals(content, start, end, new byte[end - start], 0, end - start)) {
                byte[] page = new byte[PAGE];
                System.arraycopy(content, start, page, 0, end - start);
                node.durablePages.put((long) start / PAGE, page);
            }
        }
        node.durableSize = content.length;
        return node;
    }

    private void apply(Change change) {
        switch (change) {
            case Write write -> {
                for (long page = firstPage(write); page <= lastPage(write); page++) {
                    applyWithinPage(write, page);
                }
            }
            case Truncate truncate -> {
                if (truncate.size() < durableSize) {
                    durableSize = truncate.size();
                    long partial = durableSize / PAGE;
                    durablePages.tailMap(partial, durableSize % PAGE == 0).clear();
                    byte[] last = durablePages.get(partial);
                    if (last != null) {
                        Arrays.fill(last, (int) (durableSize % PAGE), PAGE, (byte) 0);
                    }
                }
            }
        }
    }

    private void applyWithinPage(Write write, long page) {
        long pageStart = page * PAGE;
        long from = Math.max(write.offset(), pageStart);
        long to = Math.min(write.offset() + write.data().length, pageStart + PAGE);
        byte[] bytes = durablePages.computeIfAbsent(page, p -> new byte[PAGE]);
        System.arraycopy(write.data(), (int) (from - write.offset()), bytes, (int) (from - pageStart), (int) (to - from));
        durableSize = Math.max(durableSize, to);
    }

    private static long firstPage(Write write) {
        return write.offset() / PAGE;
    }

    private static long lastPage(Write write) {
        return (write.offset() + write.data().length - 1) / PAGE;
    }

    private static NavigableMap<Long, byte[]> copy(NavigableMap<Long, byte[]> pages) {
        NavigableMap<Long, byte[]> copy = new TreeMap<>();
        pages.forEach((page, bytes) -> copy.put(page, bytes.clone()));
        return copy;
    }
}
