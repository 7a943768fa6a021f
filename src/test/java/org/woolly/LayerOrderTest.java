package org.woolly;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The layer order declared in docs/ARCHITECTURE.md, checked on every source file: a package
 * may use only packages on a lower level (a parent and its unlisted sub-packages count as one),
 * every package must be placed in the order, and nothing below the protocol touches sockets.
 */
class LayerOrderTest {
    private static final Path SOURCES = Path.of("src/main/java/org/woolly");
    private static final Path ARCHITECTURE = Path.of("docs/ARCHITECTURE.md");
    private static final String FENCE = "```layer-order";
    /** An import, static import or fully qualified name: the package, then a type (or *). */
    private static final Pattern REFERENCE =
            Pattern.compile("\\borg\\.woolly\\.((?:[a-z][a-z0-9_]*\\.)*[a-z][a-z0-9_]*)\\.([A-Z]\\w*|\\*)");
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]*(?:\\.[a-z][a-z0-9_]*)*");
    private static final Pattern SOCKETS = Pattern.compile("java\\.net\\.|SocketChannel|ServerSocket");

    /** Level index (0 = top) of every name listed in the order. */
    private record LayerOrder(Map<String, Integer> levels) {

        /** The listed name {@code pkg} belongs to: itself, or its nearest listed ancestor; null if none. */
        String entry(String pkg) {
            for (String name = pkg; ; name = name.substring(0, name.lastIndexOf('.'))) {
                if (levels.containsKey(name)) {
                    return name;
                }
                if (name.indexOf('.') < 0) {
                    return null;
                }
            }
        }

        int level(String pkg) {
            return levels.get(entry(pkg));
        }
    }

    @Test
    void theOrderIsWellFormed() throws IOException {
        LayerOrder order = readOrder();
        assertThat(order.levels()).containsKeys("cli", "server", "tcop", "protocol", "catalog", "access.transam",
                "storage.buffer", "utils.error");
        assertThat(order.level("server")).isLessThan(order.level("postmaster"));
        // Guards the other tests against passing vacuously after a move of the sources.
        assertThat(packages()).hasSizeGreaterThan(20);
    }

    @Test
    void everyPackageIsPlacedInTheOrder() throws IOException {
        LayerOrder order = readOrder();
        List<String> unplaced = packages().keySet().stream().filter(pkg -> order.entry(pkg) == null).toList();
        assertThat(unplaced)
                .as("packages missing from the layer order in %s (place each one there)", ARCHITECTURE)
                .isEmpty();
    }

    @Test
    void noPackageUsesOneAboveOrBesideIt() throws IOException {
        LayerOrder order = readOrder();
        List<String> violations = new ArrayList<>();
        for (Map.Entry<String, List<Path>> pkg : packages().entrySet()) {
            String from = order.entry(pkg.getKey());
            if (from == null) {
                continue; // reported by everyPackageIsPlacedInTheOrder
            }
            for (Path file : pkg.getValue()) {
                Set<String> seen = new LinkedHashSet<>();
                Matcher matcher = REFERENCE.matcher(Files.readString(file));
                while (matcher.find()) {
                    String target = matcher.group(1);
                    String to = order.entry(target);
                    boolean allowed = to != null && (to.equals(from) || order.levels().get(to) > order.levels().get(from));
                    if (!allowed && seen.add(matcher.group())) {
                        violations.add(file + ": org.woolly." + target + "." + matcher.group(2)
                                + " (" + pkg.getKey() + " may use only packages below " + from + "; " + target
                                + (to == null ? " is not in the order)" : " is " + describe(order, from, to) + ")"));
                    }
                }
            }
        }
        assertThat(violations).as("imports against the layer order of %s", ARCHITECTURE).isEmpty();
    }

    @Test
    void nothingBelowTheProtocolTouchesSockets() throws IOException {
        LayerOrder order = readOrder();
        int protocol = order.level("protocol");
        List<String> offenders = new ArrayList<>();
        for (Map.Entry<String, List<Path>> pkg : packages().entrySet()) {
            if (order.entry(pkg.getKey()) == null || order.level(pkg.getKey()) <= protocol) {
                continue;
            }
            for (Path file : pkg.getValue()) {
                Matcher matcher = SOCKETS.matcher(Files.readString(file));
                if (matcher.find()) {
                    offenders.add(file + ": " + matcher.group());
                }
            }
        }
        assertThat(offenders).as("socket use below tcop/protocol").isEmpty();
    }

    private static String describe(LayerOrder order, String from, String to) {
        return order.levels().get(to).equals(order.levels().get(from)) ? "beside it" : "above it";
    }

    /** Reads the fenced {@code layer-order} block: levels separated by '>', packages on a level by ','. */
    private static LayerOrder readOrder() throws IOException {
        List<String> lines = Files.readAllLines(ARCHITECTURE);
        int start = lines.indexOf(FENCE);
        assertThat(start).as("a %s block in %s", FENCE, ARCHITECTURE).isNotNegative();
        StringBuilder text = new StringBuilder();
        for (int i = start + 1; !lines.get(i).startsWith("```"); i++) {
            text.append(lines.get(i)).append(' ');
        }
        Map<String, Integer> levels = new TreeMap<>();
        String[] declared = text.toString().split(">");
        for (int level = 0; level < declared.length; level++) {
            for (String name : declared[level].split(",")) {
                String trimmed = name.strip();
                assertThat(trimmed).as("package name in the layer order").matches(NAME);
                assertThat(levels.put(trimmed, level)).as("%s listed twice in the layer order", trimmed).isNull();
            }
        }
        return new LayerOrder(levels);
    }

    /** Every package with a source file, by name relative to org.woolly, with its files. */
    private static Map<String, List<Path>> packages() throws IOException {
        Map<String, List<Path>> packages = new TreeMap<>();
        try (Stream<Path> paths = Files.walk(SOURCES)) {
            for (Path file : paths.filter(path -> path.toString().endsWith(".java")).toList()) {
                Path directory = SOURCES.relativize(file.getParent());
                if (directory.toString().isEmpty()) {
                    packages.computeIfAbsent("(org.woolly itself)", key -> new ArrayList<>()).add(file);
                    continue;
                }
                String name = directory.toString().replace(directory.getFileSystem().getSeparator(), ".");
                packages.computeIfAbsent(name, key -> new ArrayList<>()).add(file);
            }
        }
        return packages;
    }
}
