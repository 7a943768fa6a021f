package org.woolly.cli;

import org.woolly.utils.error.SqlException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code woolly} command: {@code init}, {@code start}, {@code stop}, {@code status}. Flags
 * follow PostgreSQL's tools ({@code initdb}, {@code postgres}, {@code pg_ctl}) where they exist.
 */
@Command(name = "woolly", mixinStandardHelpOptions = true, versionProvider = WoollyCommand.Version.class,
        description = "Woolly, a PostgreSQL-compatible database server.",
        subcommands = {InitCommand.class, StartCommand.class, StopCommand.class, ReloadCommand.class,
            StatusCommand.class, PsCommand.class, JvmOptionsCommand.class})
public final class WoollyCommand implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        int exitCode = new CommandLine(new WoollyCommand())
                .setExecutionExceptionHandler((exception, commandLine, parseResult) -> {
                    commandLine.getErr().println("woolly: error: " + exception.getMessage());
                    if (exception instanceof SqlException report) {
                        if (report.detail() != null) {
                            commandLine.getErr().println("detail: " + report.detail());
                        }
                        if (report.hint() != null) {
                            commandLine.getErr().println("hint: " + report.hint());
                        }
                    }
                    return 1;
                })
                .execute(args);
        System.exit(exitCode);
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"woolly 0.1.0 (PostgreSQL 15 compatible)"};
        }
    }
}
