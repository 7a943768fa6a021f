package org.woolly.cli;

import org.woolly.embedded.WoollyServer;
import org.woolly.server.DataDirectoryInitializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code woolly start}: runs the server in the foreground, as {@code postgres -D DIR} does.
 * With the default data directory ({@code ./data}) absent, initializes it first.
 */
@Command(name = "start", mixinStandardHelpOptions = true, description = "Run the server in the foreground.")
final class StartCommand implements Callable<Integer> {
    @Mixin
    private DataDirectoryOption dataDirectory;

    @Option(names = {"-p", "--port"}, paramLabel = "PORT", description = "TCP port (default 5432)")
    private Integer port;

    @Option(names = {"-h", "--listen-addresses"}, paramLabel = "HOSTS", description = "listen_addresses")
    private String listenAddresses;

    @Option(names = {"-k", "--socket-directory"}, paramLabel = "DIR", description = "unix_socket_directories")
    private String socketDirectory;

    @Option(names = "-c", paramLabel = "NAME=VALUE", description = "set a configuration parameter")
    private List<String> parameters = List.of();

    @Override
    public Integer call() throws InterruptedException {
        Path directory = dataDirectory.resolve();
        if (!DataDirectoryInitializer.isInitialized(directory)) {
            if (!dataDirectory.isDefault()) {
                System.err.println("woolly: error: \"" + directory + "\" is not a Woolly data directory");
                System.err.println("hint: create one with: ./woolly init -D " + directory);
                return 1;
            }
            System.err.println("woolly: initializing the data directory " + directory);
            DataDirectoryInitializer.initialize(directory,
                    DataDirectoryInitializer.Options.trustAll(DataDirectoryInitializer.defaultSuperuser()));
        }
        Map<String, String> settings = new LinkedHashMap<>();
        for (String parameter : parameters) {
            int equals = parameter.indexOf('=');
            if (equals <= 0) {
                System.err.println("woolly: error: -c " + parameter + " requires a value (name=value)");
                return 1;
            }
            settings.put(parameter.substring(0, equals).strip(), parameter.substring(equals + 1).strip());
        }
        if (port != null) {
            settings.put("port", Integer.toString(port));
        }
        if (listenAddresses != null) {
            settings.put("listen_addresses", listenAddresses);
        }
        if (socketDirectory != null) {
            settings.put("unix_socket_directories", socketDirectory);
        }
        WoollyServer server = WoollyServer.builder().dataDirectory(directory).settings(settings).start();
        server.shutdownOnSignal();
        HangupSignal.reloadOn(server::reload);
        String socketDirectories = server.setting("unix_socket_directories");
        String socketHint = socketDirectories.isBlank() ? ""
                : "\n            psql -h %s -p %d postgres   (Unix socket)".formatted(
                        socketDirectories.split(",")[0].strip(), server.port());
        System.err.printf("""
                woolly: ready on port %1$d (data directory %2$s)
                  connect:  psql -h 127.0.0.1 -p %1$d -U %3$s postgres%4$s
                  JDBC:     jdbc:postgresql://127.0.0.1:%1$d/postgres
                  stop:     ./woolly stop -D %2$s   (or Ctrl-C)
                """, server.port(), directory, server.superuser(), socketHint);
        server.awaitTermination();
        // As the postmaster's exit status after a crash it did not restart from.
        return server.stoppedByCrash() ? 1 : 0;
    }
}
