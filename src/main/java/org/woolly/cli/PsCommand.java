package org.woolly.cli;

import org.woolly.postmaster.Postmaster;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code woolly ps -D DIR}: what {@code ps -ef | grep postgres} shows a PostgreSQL operator,
 * one line per server process (pid, title). The server's processes are threads of one JVM, so
 * the list comes from the running server: this command creates
 * {@code DATA/postmaster.ps_request}; the postmaster, which polls for request files as for
 * {@code woolly stop} and {@code woolly reload}, answers in {@code DATA/postmaster.ps}. Exit 3
 * when no server runs, 1 when it does not answer within 10 seconds.
 */
@Command(name = "ps", mixinStandardHelpOptions = true,
        description = "List the server's processes (postmaster, checkpointer, walwriter, backends).")
final class PsCommand implements Callable<Integer> {
    private static final long ANSWER_WAIT_MILLIS = 10_000;

    @Mixin
    private DataDirectoryOption dataDirectory;

    @Override
    public Integer call() throws IOException, InterruptedException {
        Path directory = dataDirectory.resolve();
        if (PidFile.runningServer(directory).isEmpty()) {
            System.err.println("woolly: no server running");
            return 3;
        }
        Path answer = directory.resolve(Postmaster.PS_FILE);
        Files.deleteIfExists(answer);
        Files.writeString(directory.resolve(Postmaster.PS_REQUEST_FILE), "ps\n", StandardCharsets.UTF_8);
        long deadline = System.nanoTime() + ANSWER_WAIT_MILLIS * 1_000_000;
        while (!Files.exists(answer)) {
            if (System.nanoTime() > deadline) {
                Files.deleteIfExists(directory.resolve(Postmaster.PS_REQUEST_FILE));
                System.err.println("woolly: the server did not answer");
                return 1;
            }
            Thread.sleep(50);
        }
        System.out.println("  PID\tCOMMAND");
        for (String line : Files.readAllLines(answer, StandardCharsets.UTF_8)) {
            int tab = line.indexOf('\t');
            System.out.println(String.format("%5s", line.substring(0, tab)) + line.substring(tab));
        }
        Files.deleteIfExists(answer);
        return 0;
    }
}
