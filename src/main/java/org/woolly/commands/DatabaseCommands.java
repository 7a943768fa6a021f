package org.woolly.commands;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.woolly.catalog.CatalogOids;
import org.woolly.catalog.DatabaseDdl;
import org.woolly.catalog.DatabaseInfo;
import org.woolly.catalog.DatabaseUsage;
import org.woolly.catalog.RoleInfo;
import org.woolly.nodes.parse.AccessCommand;
import org.woolly.utils.error.Severity;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

/**
 * CREATE, ALTER and DROP DATABASE: counterpart of {@code dbcommands.c} ({@code createdb},
 * {@code dropdb}, {@code RenameDatabase}, {@code AlterDatabase}, {@code AlterDatabaseOwner}).
 * A database is a copy of its template's directory ({@code base/<oid>}), made by the storage
 * layer with the FILE_COPY strategy's checkpoints and WAL record; its pg_database row is
 * committed after the copy. A drop deletes the row and, once that commit is durable, removes
 * the directory (WAL-logged first). Neither runs inside a transaction block, as in PostgreSQL.
 * The catalog is UTF8 with the C locale only: other encodings and locales are refused.
 */
public final class DatabaseCommands {
    /** The first OID a CREATE DATABASE ... OID may name ({@code FirstNormalObjectId}). */
    private static final int FIRST_NORMAL_OBJECT_ID = 16384;

    private DatabaseCommands() {}

    public static String create(CommandContext context, AccessCommand.CreateDatabase create) {
        requireNoTransactionBlock(context, "CREATE DATABASE");
        Map<String, AccessCommand.DatabaseOption> options = options(create.options(), List.of("owner", "template",
                "encoding", "strategy", "locale", "lc_collate", "lc_ctype", "icu_locale", "locale_provider",
                "collation_version", "tablespace", "allow_connections", "connection_limit", "is_template", "oid"));
        DatabaseDdl databases = context.catalog().databases();
        RoleInfo user = context.user();
        int owner = user == null ? CatalogOids.BOOTSTRAP_SUPERUSER : user.oid();
        String ownerName = text(options.get("owner"));
        if (ownerName != null) {
            owner = context.catalog().roleOid(context.transaction(), ownerName).orElseThrow(() ->
                    SqlException.of(SqlState.UNDEFINED_OBJECT, "role \"%s\" does not exist", ownerName));
        }
        if (!canCreateDatabases(context)) {
            throw SqlException.of(SqlState.INSUFFICIENT_PRIVILEGE, "permission denied to create database");
        }
        if (ownerName != null) {
            Privileges.checkMembership(context, owner);
        }
        String templateName = Optional.ofNullable(text(options.get("template"))).orElse("template1");
        DatabaseInfo template = databases.lookup(context.transaction(), templateName).orElseThrow(() ->
                SqlException.of(SqlState.INVALID_CATALOG_NAME, "template database \"%s\" does not exist", templateName));
        if (!template.isTemplate() && !Privileges.hasPrivilegesOf(context, template.ownerOid())) {
            throw SqlException.of(SqlState.INSUFFICIENT_PRIVILEGE, "permission denied to copy database \"%s\"",
                    templateName);
        }
        checkEncoding(options.get("encoding"));
        String strategy = text(options.get("strategy"));
        if (strategy != null && !strategy.equalsIgnoreCase("wal_log") && !strategy.equalsIgnoreCase("file_copy")) {
            throw SqlException.of(SqlState.INVALID_PARAMETER_VALUE, "invalid create database strategy \"%s\"", strategy)
                    .withHint("Valid strategies are \"wal_log\" and \"file_copy\".");
        }
        String locale = text(options.get("locale"));
        if (locale != null && (options.containsKey("lc_collate") || options.containsKey("lc_ctype"))) {
            throw conflicting(options.get("locale"));
        }
        String collate = checkLocale(Optional.ofNullable(text(options.get("lc_collate"))).orElse(locale), "collation",
                template.collate());
        String ctype = checkLocale(Optional.ofNullable(text(options.get("lc_ctype"))).orElse(locale), "LC_CTYPE",
                template.ctype());
        String provider = text(options.get("locale_provider"));
        if (provider != null && !provider.equalsIgnoreCase("libc")) {
            throw SqlException.of(SqlState.FEATURE_NOT_SUPPORTED, "locale provider \"%s\" is not supported yet",
                    provider);
        }
        if (options.get("icu_locale") != null) {
            throw SqlException.of(SqlState.FEATURE_NOT_SUPPORTED, "ICU locales are not supported yet");
        }
        checkTablespace(options.get("tablespace"));
        boolean allowConnections = bool(options.get("allow_connections"), true);
        boolean isTemplate = bool(options.get("is_template"), false);
        int connectionLimit = connectionLimit(options.get("connection_limit"));
        String name = create.name();
        if (databases.lookup(context.transaction(), name).isPresent()) {
            throw SqlException.of(SqlState.DUPLICATE_DATABASE, "database \"%s\" already exists", name);
        }
        int oid = chooseOid(context, databases, options.get("oid"));

        DatabaseUsage usage = databases.usage();
        if (!usage.closeShared(template.oid())) {
            throw inUse("source database \"" + templateName + "\" is being accessed by other users",
                    usage.sessionCount(template.oid()));
        }
        try {
            int self = template.oid() == context.catalog().currentDatabaseOid() ? 1 : 0;
            int others = awaitOthersGone(usage, template.oid(), self);
            if (others > 0) {
                throw inUse("source database \"" + templateName + "\" is being accessed by other users", others);
            }
            context.storage().createDatabaseFiles(template.oid(), oid);
            try {
                databases.insert(context.transaction(), new DatabaseInfo(oid, name, owner, CatalogOids.UTF8_ENCODING,
                        collate, ctype, isTemplate, allowConnections, connectionLimit));
            } catch (RuntimeException e) {
                context.storage().dropDatabaseFiles(oid);
                throw e;
            }
            // the files exist now: if this transaction aborts after all, they go with it
            context.transaction().onAbort(() -> context.storage().dropDatabaseFiles(oid));
        } finally {
            usage.open(template.oid());
        }
        return create.tag();
    }

    public static String drop(CommandContext context, AccessCommand.DropDatabase drop) {
        requireNoTransactionBlock(context, "DROP DATABASE");
        DatabaseDdl databases = context.catalog().databases();
        Optional<DatabaseInfo> found = databases.lookup(context.transaction(), drop.name());
        if (found.isEmpty()) {
            if (drop.ifExists()) {
                context.notices().notice(new SqlException(Severity.NOTICE, SqlState.SUCCESSFUL_COMPLETION,
                        "database \"" + drop.name() + "\" does not exist, skipping", null, null, 0, null));
                return drop.tag();
            }
            throw SqlException.of(SqlState.INVALID_CATALOG_NAME, "database \"%s\" does not exist", drop.name());
        }
        DatabaseInfo database = found.get();
        Privileges.checkOwner(context, database.ownerOid(), "database", database.name());
        if (database.isTemplate()) {
            throw SqlException.of(SqlState.WRONG_OBJECT_TYPE, "cannot drop a template database");
        }
        if (database.oid() == context.catalog().currentDatabaseOid()) {
            throw SqlException.of(SqlState.OBJECT_IN_USE, "cannot drop the currently open database");
        }
        DatabaseUsage usage = databases.usage();
        if (!usage.closeExclusive(database.oid())) {
            throw inUse("database \"" + database.name() + "\" is being accessed by other users",
                    usage.sessionCount(database.oid()));
        }
        boolean dropped = false;
        try {
            if (drop.force()) {
                usage.terminateAll(database.oid());
            }
            int others = awaitOthersGone(usage, database.oid(), 0);
            if (others > 0) {
                throw inUse("database \"" + database.name() + "\" is being accessed by other users", others);
            }
            databases.delete(context.transaction(), database.oid());
            int oid = database.oid();
            context.transaction().onCommit(() -> {
                context.storage().dropDatabaseFiles(oid);
                databases.forget(oid);
                usage.open(oid);
            });
            context.transaction().onAbort(() -> usage.open(oid));
            dropped = true;
        } finally {
            if (!dropped) {
                usage.open(database.oid());
            }
        }
        return drop.tag();
    }

    public static String alter(CommandContext context, AccessCommand.AlterDatabase alter) {
        DatabaseDdl databases = context.catalog().databases();
        DatabaseInfo database = databases.lookup(context.transaction(), alter.name()).orElseThrow(() ->
                SqlException.of(SqlState.INVALID_CATALOG_NAME, "database \"%s\" does not exist", alter.name()));
        if (alter.newName() != null) {
            rename(context, databases, database, alter.newName());
        } else if (alter.newOwner() != null) {
            int owner = Privileges.roleOid(context, alter.newOwner());
            if (owner != database.ownerOid()) {
                Privileges.checkOwner(context, database.ownerOid(), "database", database.name());
                Privileges.checkMembership(context, owner);
                if (!canCreateDatabases(context)) {
                    throw SqlException.of(SqlState.INSUFFICIENT_PRIVILEGE, "permission denied to change owner of database");
                }
                databases.update(context.transaction(), database.oid(), Map.of("datdba", owner));
            }
        } else {
            Map<String, AccessCommand.DatabaseOption> options = options(alter.options(),
                    List.of("allow_connections", "connection_limit", "is_template"));
            Privileges.checkOwner(context, database.ownerOid(), "database", database.name());
            Map<String, Object> attributes = new LinkedHashMap<>();
            if (options.containsKey("allow_connections")) {
                boolean allow = bool(options.get("allow_connections"), true);
                if (!allow && database.oid() == context.catalog().currentDatabaseOid()) {
                    throw SqlException.of(SqlState.INVALID_PARAMETER_VALUE,
                            "cannot disallow connections for current database");
                }
                attributes.put("datallowconn", allow);
            }
            if (options.containsKey("connection_limit")) {
                attributes.put("datconnlimit", connectionLimit(options.get("connection_limit")));
            }
            if (options.containsKey("is_template")) {
                attributes.put("datistemplate", bool(options.get("is_template"), false));
            }
            databases.update(context.transaction(), database.oid(), attributes);
        }
        return alter.tag();
    }

    private static void rename(CommandContext context, DatabaseDdl databases, DatabaseInfo database, String newName) {
        Privileges.checkOwner(context, database.ownerOid(), "database", database.name());
        if (!canCreateDatabases(context)) {
            throw SqlException.of(SqlState.INSUFFICIENT_PRIVILEGE, "permission denied to rename database");
        }
        if (databases.lookup(context.transaction(), newName).isPresent()) {
            throw SqlException.of(SqlState.DUPLICATE_DATABASE, "database \"%s\" already exists", newName);
        }
        if (database.oid() == context.catalog().currentDatabaseOid()) {
            throw SqlException.of(SqlState.FEATURE_NOT_SUPPORTED, "current database cannot be renamed");
        }
        DatabaseUsage usage = databases.usage();
        if (!usage.closeExclusive(database.oid())) {
            throw inUse("database \"" + database.name() + "\" is being accessed by other users",
                    usage.sessionCount(database.oid()));
        }
        boolean renamed = false;
        try {
            int others = usage.sessionCount(database.oid());
            if (others > 0) {
                throw inUse("database \"" + database.name() + "\" is being accessed by other users", others);
            }
            databases.update(context.transaction(), database.oid(), Map.of("datname", newName));
            int oid = database.oid();
            context.transaction().onCommit(() -> usage.open(oid));
            context.transaction().onAbort(() -> usage.open(oid));
            renamed = true;
        } finally {
            if (!renamed) {
                usage.open(database.oid());
            }
        }
    }

    private static void requireNoTransactionBlock(CommandContext context, String command) {
        if (context.inTransactionBlock()) {
            throw SqlException.of(SqlState.ACTIVE_SQL_TRANSACTION, "%s cannot run inside a transaction block", command);
        }
    }

    /** {@code have_createdb_privilege}: superuser or CREATEDB. */
    private static boolean canCreateDatabases(CommandContext context) {
        RoleInfo user = context.user();
        return user == null || user.superuser() || context.catalog().roleAttributes(context.transaction(), user.oid())
                .map(attributes -> Boolean.TRUE.equals(attributes.get("rolcreatedb"))).orElse(false);
    }

    private static int awaitOthersGone(DatabaseUsage usage, int databaseOid, int allowed) {
        try {
            return usage.awaitOthersGone(databaseOid, allowed, DatabaseUsage.WAIT_FOR_OTHERS_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw SqlException.of(SqlState.QUERY_CANCELED, "canceling statement due to user request");
        }
    }

    private static SqlException inUse(String message, int others) {
        return new SqlException(SqlState.OBJECT_IN_USE, message).withDetail(others == 1
                ? "There is 1 other session using the database."
                : "There are " + others + " other sessions using the database.");
    }

    /** The options by name; an unknown one is 42601 "not recognized", a repeated one "conflicting or redundant". */
    private static Map<String, AccessCommand.DatabaseOption> options(List<AccessCommand.DatabaseOption> given,
                                                                     List<String> known) {
        Map<String, AccessCommand.DatabaseOption> options = new HashMap<>();
        for (AccessCommand.DatabaseOption option : given) {
            if (!known.contains(option.name())) {
                throw SqlException.of(SqlState.SYNTAX_ERROR, "option \"%s\" not recognized", option.name())
                        .withPosition(option.location() + 1);
            }
            if (options.putIfAbsent(option.name(), option) != null) {
                throw conflicting(option);
            }
        }
        return options;
    }

    private static SqlException conflicting(AccessCommand.DatabaseOption option) {
        return SqlException.of(SqlState.SYNTAX_ERROR, "conflicting or redundant options")
                .withPosition(option.location() + 1);
    }

    /** The option's value as text ({@code defGetString}); null when absent or DEFAULT. */
    private static String text(AccessCommand.DatabaseOption option) {
        return option == null || option.value() == null ? null : option.value().toString();
    }

    /** {@code defGetBoolean}: true/false/on/off/yes/no/1/0. */
    private static boolean bool(AccessCommand.DatabaseOption option, boolean defaultValue) {
        if (option == null || option.value() == null) {
            return defaultValue;
        }
        String value = option.value().toString().toLowerCase(Locale.ROOT);
        return switch (value) {
            case "true", "on", "yes", "1", "t", "y" -> true;
            case "false", "off", "no", "0", "f", "n" -> false;
            default -> throw SqlException.of(SqlState.SYNTAX_ERROR, "%s requires a Boolean value", option.name());
        };
    }

    private static int connectionLimit(AccessCommand.DatabaseOption option) {
        if (option == null || option.value() == null) {
            return -1;
        }
        if (!(option.value() instanceof Integer limit)) {
            throw SqlException.of(SqlState.SYNTAX_ERROR, "%s requires an integer value", "connection_limit");
        }
        if (limit < -1) {
            throw SqlException.of(SqlState.INVALID_PARAMETER_VALUE, "invalid connection limit: %d", limit);
        }
        return limit;
    }

    /** UTF8 is the one encoding the server stores; others are refused, unknown names as PostgreSQL does. */
    private static void checkEncoding(AccessCommand.DatabaseOption option) {
        if (option == null || option.value() == null) {
            return;
        }
        String value = option.value().toString();
        String normalized = value.toLowerCase(Locale.ROOT).replace("-", "").replace("_", "");
        if (option.value() instanceof Integer number ? number == CatalogOids.UTF8_ENCODING
                : normalized.equals("utf8") || normalized.equals("unicode")) {
            return;
        }
        if (option.value() instanceof Integer || !KNOWN_ENCODINGS.contains(normalized)) {
            throw SqlException.of(SqlState.UNDEFINED_OBJECT, option.value() instanceof Integer
                    ? "%s is not a valid encoding code" : "%s is not a valid encoding name", value)
                    .withPosition(option.location() + 1);
        }
        throw SqlException.of(SqlState.FEATURE_NOT_SUPPORTED, "encoding \"%s\" is not supported yet", value)
                .withDetail("Woolly stores UTF8 only.");
    }

    private static final List<String> KNOWN_ENCODINGS = List.of("sqlascii", "latin1", "latin2", "latin3", "latin4",
            "latin5", "latin6", "latin7", "latin8", "latin9", "latin10", "win1250", "win1251", "win1252", "win1253",
            "win1254", "win1255", "win1256", "win1257", "win1258", "win866", "win874", "koi8r", "koi8u", "eucjp",
            "euccn", "euckr", "euctw", "eucjis2004", "mulecinternal", "iso88595", "iso88596", "iso88597", "iso88598",
            "big5", "gbk", "gb18030", "sjis", "uhc", "johab", "shiftjis2004");

    /** The C locale is the one the server has; a different one than the template's is refused as PostgreSQL does. */
    private static String checkLocale(String requested, String what, String templateValue) {
        if (requested == null) {
            return templateValue;
        }
        if (requested.equals(templateValue) || requested.equals("C") || requested.equals("POSIX")) {
            return requested;
        }
        throw SqlException.of(SqlState.FEATURE_NOT_SUPPORTED, "%s \"%s\" is not supported yet", what.equals("collation")
                ? "collation" : "LC_CTYPE", requested).withDetail("Woolly has the C locale only.");
    }

    private static void checkTablespace(AccessCommand.DatabaseOption option) {
        String name = text(option);
        if (name != null && !name.equals("pg_default")) {
            throw SqlException.of(name.equals("pg_global") ? SqlState.INVALID_PARAMETER_VALUE : SqlState.UNDEFINED_OBJECT,
                    name.equals("pg_global") ? "pg_global cannot be used as default tablespace"
                            : "tablespace \"%s\" does not exist", name);
        }
    }

    private static int chooseOid(CommandContext context, DatabaseDdl databases, AccessCommand.DatabaseOption option) {
        if (option == null || option.value() == null) {
            return databases.allocateOid();
        }
        if (!(option.value() instanceof Integer oid)) {
            throw SqlException.of(SqlState.SYNTAX_ERROR, "%s requires an integer value", "oid");
        }
        if (oid < FIRST_NORMAL_OBJECT_ID) {
            throw SqlException.of(SqlState.INVALID_PARAMETER_VALUE, "OIDs less than %d are reserved for system objects",
                    FIRST_NORMAL_OBJECT_ID);
        }
        for (DatabaseInfo other : databases.all(context.transaction())) {
            if (other.oid() == oid) {
                throw SqlException.of(SqlState.INVALID_PARAMETER_VALUE, "database OID %d is already in use by database \"%s\"",
                        oid, other.name());
            }
        }
        return oid;
    }
}
