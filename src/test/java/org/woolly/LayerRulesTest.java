package org.woolly;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dependency rules of ARCHITECTURE.md, checked on the sources: storage and access never
 * depend on the query layers or the backend loop, storage never depends on access, and
 * nothing below tcop touches sockets.
 */
class LayerRulesTest {
    private static final Path SOURCES = Path.of("src/main/java/org/woolly");
    private static final Pattern REFERENCE = Pattern.compile("\\borg\\.woolly\\.([a-z]+(?:\\.[a-z]+)*)");

    @Test
    void storageAndAccessDoNotDependOnQueryLayers() throws IOException {
        List<String> forbidden = List.of("parser", "analyzer", "optimizer", "executor", "tcop", "commands",
                "postmaster", "protocol");
        assertThat(violations("storage", forbidden)).isEmpty();
        assertThat(violations("access", forbidden)).isEmpty();
    }

    @Test
    void storageDoesNotDependOnAccess() throws IOException {
        assertThat(violations("storage", List.of("access", "catalog"))).isEmpty();
    }

    @Test
    void nothingBelowTheBackendLoopTouchesSockets() throws IOException {
        List<String> offenders = new ArrayList<>();
        for (String layer : List.of("storage", "access", "catalog", "parser", "analyzer", "optimizer", "executor",
                "commands", "nodes")) {
            for (Path file : javaFiles(layer)) {
                String text = Files.readString(file);
                if (text.contains("java.net.") || text.contains("SocketChannel") || text.contains("ServerSocket")) {
                    offenders.add(SOURCES.relativize(file).toString());
                }
            }
        }
        assertThat(offenders).isEmpty();
    }

    @Test
    void theLayersExist() throws IOException {
        // Guards the other rules against passing vacuously after a package rename.
        assertThat(javaFiles("storage")).isNotEmpty();
        assertThat(javaFiles("access")).isNotEmpty();
    }

    private static List<String> violations(String layer, List<String> forbiddenPackages) throws IOException {
        List<String> found = new ArrayList<>();
        for (Path file : javaFiles(layer)) {
            Matcher matcher = REFERENCE.matcher(Files.readString(file));
            while (matcher.find()) {
                String topLevel = matcher.group(1).split("\\.")[0];
                if (forbiddenPackages.contains(topLevel)) {
                    found.add(SOURCES.relativize(file) + " -> org.woolly." + matcher.group(1));
                }
            }
        }
        return found;
    }

    private static List<Path> javaFiles(String layer) throws IOException {
        Path root = SOURCES.resolve(layer);
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> paths = Files.walk(root)) {
            return paths.filter(path -> path.toString().endsWith(".java")).toList();
        }
    }
}
