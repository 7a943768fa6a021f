package org.woolly.cli;

import org.woolly.server.DataDirectoryInitializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code woolly init}: creates a data directory, as {@code initdb} does. */
@Command(name = "init", mixinStandardHelpOptions = true, description = "Create a new data directory (initdb).")
final class InitCommand implements Callable<Integer> {
    @Mixin
    private DataDirectoryOption dataDirectory;

    @Option(names = {"-U", "--username"}, paramLabel = "NAME",
            description = "database superuser name (default: the operating-system user)")
    private String superuser;

    @Option(names = {"-A", "--auth"}, paramLabel = "METHOD",
            description = "default authentication method for local and host connections")
    private String auth;

    @Option(names = "--auth-local", paramLabel = "METHOD", description = "authentication method for Unix-socket connections")
    private String authLocal;

    @Option(names = "--auth-host", paramLabel = "METHOD", description = "authentication method for TCP connections")
    private String authHost;

    @Option(names = "--pwfile", paramLabel = "FILE", description = "read the superuser's password from FILE")
    private Path passwordFile;

    @Override
    public Integer call() throws IOException {
        Path directory = dataDirectory.resolve();
        String name = superuser != null ? superuser : DataDirectoryInitializer.defaultSuperuser();
        String password = null;
        if (passwordFile != null) {
            password = Files.readAllLines(passwordFile).stream().findFirst().orElse("").strip();
        }
        String local = authLocal != null ? authLocal : auth != null ? auth : "trust";
        String host = authHost != null ? authHost : auth != null ? auth : "trust";
        DataDirectoryInitializer.Options options;
        try {
            options = new DataDirectoryInitializer.Options(name, password, local, host);
        } catch (IllegalArgumentException e) {
            System.err.println("woolly init: error: " + e.getMessage());
            return 1;
        }
        System.out.println("The files belonging to this database system will be owned by user \""
                + System.getProperty("user.name") + "\".");
        System.out.println("The database superuser is \"" + name + "\".");
        if (local.equals("trust") || host.equals("trust")) {
            System.out.println("warning: enabling \"trust\" authentication for local connections; "
                    + "use --auth, --auth-local or --auth-host to change it.");
        }
        DataDirectoryInitializer.initialize(directory, options);
        System.out.println("Success. You can now start the database server using:");
        System.out.println();
        System.out.println("    ./woolly start -D " + directory);
        return 0;
    }
}
