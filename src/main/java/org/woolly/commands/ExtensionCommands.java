package org.woolly.commands;

import java.util.Set;
import org.woolly.catalog.NamespaceInfo;
import org.woolly.nodes.parse.Statement;
import org.woolly.utils.error.Severity;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

/**
 * CREATE EXTENSION and DROP EXTENSION ({@code extension.c}). Woolly's extensions are built in:
 * creating one records it in pg_extension (so {@code \dx} lists it and scripts written for
 * PostgreSQL run unchanged) and installs nothing; dropping it removes the row, and its
 * functions and views stay. Only pg_stat_statements exists (version 1.10, as in PostgreSQL 15);
 * any other name fails as PostgreSQL 15 fails on a missing control file (0A000).
 */
public final class ExtensionCommands {
    private static final Set<String> AVAILABLE = Set.of("pg_stat_statements");
    private static final String VERSION = "1.10";

    private ExtensionCommands() {}

    /** Runs the statement; returns its command tag. */
    public static String run(CommandContext context, Statement.Extension statement) {
        return statement.drop() ? drop(context, statement) : create(context, statement);
    }

    private static String create(CommandContext context, Statement.Extension create) {
        String name = create.names().getFirst();
        if (context.catalog().extensionExists(context.transaction(), name)) {
            if (create.missingOk()) {
                context.notices().notice(new SqlException(Severity.NOTICE, SqlState.DUPLICATE_OBJECT,
                        "extension \"%s\" already exists, skipping".formatted(name), null, null, 0, null));
                return "CREATE EXTENSION";
            }
            throw SqlException.of(SqlState.DUPLICATE_OBJECT, "extension \"%s\" already exists", name);
        }
        if (!AVAILABLE.contains(name)) {
            throw SqlException.of(SqlState.FEATURE_NOT_SUPPORTED, "extension \"%s\" is not available", name)
                    .withDetail("Could not open extension control file \"/usr/share/postgresql/15/extension/%s.control\": No such file or directory.".formatted(name))
                    .withHint("The extension must first be installed on the system where PostgreSQL is running.");
        }
        if (context.user() != null && !context.user().superuser()) {
            throw SqlException.of(SqlState.INSUFFICIENT_PRIVILEGE, "permission denied to create extension \"%s\"",
                    name).withHint("Must be superuser to create this extension.");
        }
        String schema = create.schema() != null ? create.schema() : "public";
        NamespaceInfo namespace = context.catalog().namespace(context.transaction(), schema)
                .orElseThrow(() -> SqlException.of(SqlState.INVALID_SCHEMA_NAME, "schema \"%s\" does not exist",
                        schema));
        int owner = context.user() == null ? 10 : context.user().oid();
        context.catalog().createExtension(context.transaction(), name, owner, namespace.oid(), VERSION);
        return "CREATE EXTENSION";
    }

    private static String drop(CommandContext context, Statement.Extension drop) {
        for (String name : drop.names()) {
            if (!context.catalog().extensionExists(context.transaction(), name)) {
                if (!drop.missingOk()) {
                    throw SqlException.of(SqlState.UNDEFINED_OBJECT, "extension \"%s\" does not exist", name);
                }
                context.notices().notice(new SqlException(Severity.NOTICE, SqlState.UNDEFINED_OBJECT,
                        "extension \"%s\" does not exist, skipping".formatted(name), null, null, 0, null));
            }
        }
        for (String name : drop.names()) {
            context.catalog().dropExtension(context.transaction(), name);
        }
        return "DROP EXTENSION";
    }
}
