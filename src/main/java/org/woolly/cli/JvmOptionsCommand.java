package org.woolly.cli;

import org.woolly.utils.guc.ServerConfiguration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Unmatched;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code woolly jvm-options [start's arguments]}: prints, on one line, the JVM options
 * {@link JvmOptions} derives from the data directory's {@code postgresql.conf} and the
 * {@code -c} settings; the launcher script runs it before {@code start}. Not for users.
 */
@Command(name = "jvm-options", hidden = true, description = "Print the JVM options for start.")
final class JvmOptionsCommand implements Callable<Integer> {
    @Mixin
    private DataDirectoryOption dataDirectory;

    @Option(names = "-c", paramLabel = "NAME=VALUE")
    private List<String> parameters = List.of();

    /** start's other options (port, addresses, socket directory) do not change the sizing. */
    @Unmatched
    private List<String> ignored;

    @Override
    public Integer call() {
        Map<String, String> settings = new LinkedHashMap<>();
        for (String parameter : parameters) {
            int equals = parameter.indexOf('=');
            if (equals > 0) {
                settings.put(parameter.substring(0, equals).strip(), parameter.substring(equals + 1).strip());
            }
        }
        // A directory that start will initialize first has no postgresql.conf yet: the defaults.
        ServerConfiguration configuration = ServerConfiguration.load(dataDirectory.resolve(), settings);
        System.out.println(String.join(" ", JvmOptions.options(configuration, JvmOptions.physicalMemory())));
        return 0;
    }
}
