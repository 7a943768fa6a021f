package org.woolly.utils.guc;

import org.woolly.utils.adt.FormatSettings;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One session's parameter values: {@link SessionSettings} as PostgreSQL's {@code guc.c}
 * implements it for a backend. Values come from the {@link ServerConfiguration}, then the
 * startup packet ({@link #setStartupOption}), then SET / SET LOCAL / RESET.
 *
 * <p>Transactions and savepoints: each SET and SET LOCAL inside one records the value it replaces
 * in a {@link GucStack}, whose rules (PostgreSQL's {@code AtEOXact_GUC}) decide at each
 * (sub)transaction's end what comes back. Only the session's own thread uses an instance (no
 * locking).
 *
 * <p>transaction_isolation, transaction_read_only and transaction_deferrable describe the
 * current transaction (PostgreSQL's {@code XactIsoLevel}, {@code XactReadOnly},
 * {@code XactDeferrable}): each transaction starts with its {@code default_} counterpart, and
 * once it has taken its first snapshot ({@link #atFirstSnapshot}) the isolation level and
 * deferrable mode are fixed and a read-only transaction cannot become read-write (25001, the
 * check hooks of {@code variable.c}).
 */
public final class GucSession implements SessionSettings {

    /** Values after startup: what RESET returns to. */
    private final Map<String, Object> resetValues;
    /** Where the server's values came from, and the startup packet's ({@code PGC_S_CLIENT}). */
    private final ServerConfiguration configuration;
    private final java.util.Set<String> clientKeys = new java.util.HashSet<>();
    /** The parameters whose reset value came from a stored default, and which one (pg_settings.source). */
    private final Map<String, SettingSource> storedSources = new HashMap<>();
    /** pg_settings.source of each level of {@link #applyStoredDefaults} ({@code GucSource_Names}). */
    private static final List<SettingSource> STORED_SOURCES = List.of(SettingSource.GLOBAL, SettingSource.DATABASE,
            SettingSource.USER, SettingSource.DATABASE_USER);
    /** The values in force (SET and SET LOCAL alike). */
    private final Map<String, Object> sessionValues;
    /** What the SETs of the current transaction and its savepoints replaced. */
    private final GucStack stack = new GucStack();
    private boolean superuser;
    private java.util.function.BooleanSupplier readsAllSettings = () -> false;
    private final Map<String, String> reportedValues = new HashMap<>();
    private FormatSettings formatSettings;
    /** {@link #derived} values, dropped whenever a value may change. */
    private final Map<Class<?>, Object> derivedValues = new HashMap<>();
    /** Whether a value may have changed since the last takeReportChanges (true: the first call reports all). */
    private boolean reportPending = true;
    /** The current transaction's characteristics, by key; empty outside a transaction. */
    private final Map<String, Object> transactionValues = new HashMap<>();
    /** PostgreSQL's FirstSnapshotSet: the current transaction has read data. */
    private boolean snapshotTaken;

    /** The parameters behind SET ROLE and SET SESSION AUTHORIZATION (GUC_NO_RESET_ALL). */
    private static final java.util.Set<String> ROLE_KEYS = java.util.Set.of("role", "session_authorization");

    /** Each per-transaction parameter and the default_ parameter a transaction starts from. */
    private static final Map<String, String> TRANSACTION_DEFAULTS = Map.of(
            "transaction_isolation", "default_transaction_isolation",
            "transaction_read_only", "default_transaction_read_only",
            "transaction_deferrable", "default_transaction_deferrable");

    GucSession(ServerConfiguration configuration) {
        this.configuration = configuration;
        this.resetValues = new HashMap<>(configuration.values());
        this.sessionValues = new HashMap<>(resetValues);
    }

    /**
     * Applies a startup-packet parameter ({@code options -c}, {@code application_name}, ...):
     * it becomes the value RESET returns to, as PostgreSQL's {@code PGC_S_CLIENT} source.
     */
    public void setStartupOption(String name, String value) {
        GucParameter parameter = ServerConfiguration.require(name);
        refuseRoleChange(parameter);
        checkContext(parameter, true);
        Object parsed = GucValues.parse(parameter, value);
        resetValues.put(ServerConfiguration.key(parameter.name()), parsed);
        sessionValues.put(ServerConfiguration.key(parameter.name()), parsed);
        clientKeys.add(ServerConfiguration.key(parameter.name()));
        valuesChanged();
    }

    /**
     * ALTER ROLE / ALTER DATABASE ... SET's check of a value before it is stored
     * ({@code validate_option_array_item}): the parameter must exist (a name with a dot is a
     * custom placeholder and passes), be settable by a session of a user with that
     * {@code superuser} flag, and take the value. Returns the name to store: the parameter's own
     * spelling ({@code DateStyle}), a placeholder as written.
     */
    public static String checkStoredSetting(String name, String value, boolean superuser) {
        GucParameter parameter = GucTable.find(name);
        if (parameter == null && name.contains(".")) {
            return name;
        }
        parameter = ServerConfiguration.require(name);
        refuseRoleChange(parameter);
        checkContext(parameter, false, superuser);
        if (value != null) {
            GucValues.parse(parameter, value);
        }
        return parameter.name();
    }

    /**
     * Applies the session defaults stored with ALTER ROLE / ALTER DATABASE ... SET as
     * {@code process_settings} does at connection start: {@code defaults} holds the
     * {@code name=value} texts lowest priority first (every role everywhere, the database, the
     * role, the role in the database), each becoming the value RESET returns to. A startup-packet
     * value outranks them all ({@code PGC_S_CLIENT}). A stored value that no longer applies (its
     * parameter gone, a superuser-only one for a role that lost superuser) is skipped; the
     * warnings returned say so, as PostgreSQL's WARNINGs at connection do.
     *
     * @return the warnings, empty when every value applied
     */
    @Override
    public List<SqlException> applyStoredDefaults(List<List<String>> defaults) {
        List<SqlException> warnings = new ArrayList<>();
        for (int level = 0; level < defaults.size(); level++) {
            for (String item : defaults.get(level)) {
                int equals = item.indexOf('=');
                if (equals <= 0) {
                    continue;
                }
                try {
                    GucParameter parameter = GucTable.find(item.substring(0, equals));
                    if (parameter == null) {
                        continue; // a custom placeholder: nothing defines it
                    }
                    String key = ServerConfiguration.key(parameter.name());
                    if (clientKeys.contains(key) || TRANSACTION_DEFAULTS.containsKey(key)) {
                        continue;
                    }
                    checkContext(parameter, true);
                    Object parsed = GucValues.parse(parameter, item.substring(equals + 1));
                    resetValues.put(key, parsed);
                    sessionValues.put(key, parsed);
                    storedSources.put(key, STORED_SOURCES.get(level));
                } catch (SqlException refused) {
                    warnings.add(new SqlException(org.woolly.utils.error.Severity.WARNING, refused.sqlState(),
                            refused.getMessage(), null, null, 0, null));
                }
            }
        }
        valuesChanged();
        return warnings;
    }

    /**
     * The current role and session user change only through SET ROLE and SET SESSION
     * AUTHORIZATION, whose membership checks need the catalog: set_config() and startup options
     * cannot set them.
     */
    public static void refuseRoleChange(GucParameter parameter) {
        if (ROLE_KEYS.contains(ServerConfiguration.key(parameter.name()))) {
            throw SqlException.of(SqlState.FEATURE_NOT_SUPPORTED, "parameter \"%s\" can only be set with SET ROLE "
                    + "or SET SESSION AUTHORIZATION", parameter.name());
        }
    }

    /** Sets the session's role: is_superuser and session_authorization, as InitializeSessionUserId does. */
    public void setSessionUser(String roleName, boolean isSuperuser) {
        this.superuser = isSuperuser;
        for (Map<String, Object> values : List.of(resetValues, sessionValues)) {
            values.put("is_superuser", isSuperuser);
            values.put("session_authorization", roleName);
        }
        valuesChanged();
    }

    @Override
    public void readsAllSettingsWhen(java.util.function.BooleanSupplier privileged) {
        this.readsAllSettings = privileged;
    }

    /**
     * guc.c's {@code ConfigOptionIsVisible}: a GUC_SUPERUSER_ONLY parameter is visible only to a
     * superuser or a role with the privileges of pg_read_all_settings.
     */
    private boolean visible(GucParameter parameter) {
        return !SettingRows.superuserOnly(parameter) || superuser || readsAllSettings.getAsBoolean();
    }

    @Override
    public String show(String name) {
        GucParameter parameter = ServerConfiguration.require(name);
        if (!visible(parameter)) {
            throw SqlException.of(SqlState.INSUFFICIENT_PRIVILEGE,
                    "must be superuser or have privileges of pg_read_all_settings to examine \"%s\"", name);
        }
        return GucValues.format(parameter, current(parameter));
    }

    @Override
    public void set(String name, String value, boolean local) {
        GucParameter parameter = ServerConfiguration.require(name);
        checkContext(parameter, false);
        String key = ServerConfiguration.key(parameter.name());
        if (TRANSACTION_DEFAULTS.containsKey(key)) {
            Object parsed;
            try {
                parsed = GucValues.parse(parameter, value == null ? parameter.bootValue() : value);
            } catch (SqlException refused) {
                // PostgreSQL's check hook refuses any change after the first query before anything
                // else is said about the level; SERIALIZABLE, refused here as not implemented, is one
                if (inTransaction() && snapshotTaken && key.equals("transaction_isolation")
                        && refused.sqlState() == SqlState.FEATURE_NOT_SUPPORTED) {
                    throw isolationAfterQuery();
                }
                throw refused;
            }
            setTransactionCharacteristic(parameter, key, parsed);
            return;
        }
        Object parsed = value == null ? resetValues.get(key) : GucValues.parse(parameter, value);
        if (local && !inTransaction()) {
            return; // lasts until the end of a transaction there is not
        }
        assign(key, parsed, local);
    }

    @Override
    public void setCurrentRoleSuperuser(boolean superuser, boolean local) {
        if (local && !inTransaction()) {
            return;
        }
        if (!Boolean.valueOf(superuser).equals(sessionValues.get("is_superuser"))) {
            assign("is_superuser", superuser, local);
        }
    }

    /** Sets a validated value at the current nest level, recording what it replaces. */
    private void assign(String key, Object value, boolean local) {
        stack.pushOldValue(key, local, sessionValues.get(key));
        sessionValues.put(key, value);
        valuesChanged();
    }

    @Override
    public void reset(String name) {
        if (name.equalsIgnoreCase("all")) {
            for (GucParameter parameter : GucTable.all()) {
                String key = ServerConfiguration.key(parameter.name());
                if (TRANSACTION_DEFAULTS.containsKey(key) || ROLE_KEYS.contains(key)) {
                    continue; // GUC_NO_RESET_ALL: RESET ALL leaves the transaction's characteristics and roles
                }
                if (parameter.context() == GucContext.USER
                        || parameter.context() == GucContext.SUPERUSER && superuser) {
                    assign(key, resetValues.get(key), false);
                }
            }
            valuesChanged();
            return;
        }
        set(name, null, false);
    }

    @Override
    public List<String[]> showAll() {
        List<String[]> rows = new ArrayList<>();
        for (GucParameter parameter : listedParameters()) {
            if (!visible(parameter)) {
                continue;
            }
            rows.add(new String[] {parameter.name(), GucValues.format(parameter, current(parameter)),
                    SettingDescriptions.of(parameter).shortDescription()});
        }
        return rows;
    }

    @Override
    public List<String[]> settingRows() {
        List<String[]> rows = new ArrayList<>();
        boolean readsAll = superuser || readsAllSettings.getAsBoolean();
        for (GucParameter parameter : listedParameters()) {
            if (!readsAll && SettingRows.superuserOnly(parameter)) {
                continue;
            }
            String key = ServerConfiguration.key(parameter.name());
            SettingSource source;
            if (TRANSACTION_DEFAULTS.containsKey(key)) {
                source = SettingSource.OVERRIDE;
            } else if (!java.util.Objects.equals(sessionValues.get(key), resetValues.get(key))) {
                source = SettingSource.SESSION;
            } else if (clientKeys.contains(key)) {
                source = SettingSource.CLIENT;
            } else if (storedSources.containsKey(key)) {
                source = storedSources.get(key);
            } else {
                source = configuration.source(key);
            }
            Object reset = TRANSACTION_DEFAULTS.containsKey(key) ? current(parameter) : resetValues.get(key);
            rows.add(SettingRows.row(parameter, current(parameter), reset, source, readsAll));
        }
        return rows;
    }

    /** The parameters SHOW ALL and pg_settings list, in name order regardless of case (guc.c's sort). */
    private static List<GucParameter> listedParameters() {
        List<GucParameter> parameters = new ArrayList<>(GucTable.all());
        parameters.removeIf(parameter -> !SettingRows.listed(parameter));
        parameters.sort((a, b) -> a.name().compareToIgnoreCase(b.name()));
        return parameters;
    }

    @Override
    public String getString(String name) {
        GucParameter parameter = ServerConfiguration.require(name);
        Object value = current(parameter);
        return value instanceof String text ? text : GucValues.format(parameter, value);
    }

    @Override
    public int getInt(String name) {
        Object value = current(ServerConfiguration.require(name));
        if (value instanceof Long number) {
            return (int) (long) number;
        }
        throw SqlException.of(SqlState.INTERNAL_ERROR, "parameter \"%s\" is not an integer", name);
    }

    @Override
    public boolean getBoolean(String name) {
        Object value = current(ServerConfiguration.require(name));
        if (value instanceof Boolean flag) {
            return flag;
        }
        throw SqlException.of(SqlState.INTERNAL_ERROR, "parameter \"%s\" is not a Boolean", name);
    }

    @Override
    public double getDouble(String name) {
        Object value = current(ServerConfiguration.require(name));
        if (value instanceof Number number) {
            return number.doubleValue();
        }
        throw SqlException.of(SqlState.INTERNAL_ERROR, "parameter \"%s\" is not numeric", name);
    }

    @Override
    public <T> T derived(Class<T> kind, java.util.function.Function<SessionSettings, T> compute) {
        Object value = derivedValues.get(kind);
        if (value == null) {
            value = compute.apply(this);
            derivedValues.put(kind, value);
        }
        return kind.cast(value);
    }

    @Override
    public FormatSettings formatSettings() {
        if (formatSettings == null) {
            formatSettings = buildFormatSettings();
        }
        return formatSettings;
    }

    private FormatSettings buildFormatSettings() {
        String[] dateStyle = getString("DateStyle").split(",\\s*");
        FormatSettings.DateStyle style = FormatSettings.DateStyle.valueOf(dateStyle[0].toUpperCase(Locale.ROOT));
        FormatSettings.DateOrder order = FormatSettings.DateOrder.valueOf(dateStyle[1].toUpperCase(Locale.ROOT));
        String zoneName = getString("TimeZone");
        ZoneId zone = GucTable.zoneFor(zoneName);
        FormatSettings.IntervalStyle intervalStyle =
                FormatSettings.IntervalStyle.valueOf(getString("IntervalStyle").toUpperCase(Locale.ROOT));
        return new FormatSettings(style, order, zone, zoneName, intervalStyle, getInt("extra_float_digits"),
                getString("bytea_output").equals("hex"));
    }

    @Override
    public void atTransactionStart() {
        stack.startTransaction();
        snapshotTaken = false;
        TRANSACTION_DEFAULTS.forEach((key, defaultName) ->
                transactionValues.put(key, current(ServerConfiguration.require(defaultName))));
    }

    @Override
    public void atFirstSnapshot() {
        snapshotTaken = true;
    }

    /**
     * SET of transaction_isolation, transaction_read_only or transaction_deferrable, with
     * PostgreSQL's check hooks ({@code check_XactIsoLevel}, {@code check_transaction_read_only},
     * {@code check_transaction_deferrable}). Outside a transaction (a startup option) the value
     * is only validated: the next transaction starts from the default_ parameter anyway.
     */
    private void setTransactionCharacteristic(GucParameter parameter, String key, Object value) {
        if (!inTransaction()) {
            return;
        }
        Object currentValue = transactionValues.get(key);
        if (snapshotTaken) {
            switch (key) {
                case "transaction_isolation" -> {
                    if (!value.equals(currentValue)) {
                        throw isolationAfterQuery();
                    }
                }
                case "transaction_read_only" -> {
                    if (Boolean.FALSE.equals(value) && Boolean.TRUE.equals(currentValue)) {
                        throw SqlException.of(SqlState.ACTIVE_SQL_TRANSACTION,
                                "transaction read-write mode must be set before any query");
                    }
                }
                default -> throw SqlException.of(SqlState.ACTIVE_SQL_TRANSACTION,
                        "SET TRANSACTION [NOT] DEFERRABLE must be called before any query");
            }
        }
        // SET TRANSACTION is a SET LOCAL in PostgreSQL: a savepoint's rollback undoes it
        stack.pushOldValue(key, true, currentValue);
        transactionValues.put(key, value);
        valuesChanged();
    }

    private static SqlException isolationAfterQuery() {
        return SqlException.of(SqlState.ACTIVE_SQL_TRANSACTION,
                "SET TRANSACTION ISOLATION LEVEL must be called before any query");
    }

    @Override
    public void atSubtransactionStart() {
        stack.startSubtransaction();
    }

    @Override
    public void atSubtransactionEnd(boolean committed) {
        if (stack.nestLevel() > 1) {
            endLevel(committed);
        }
    }

    @Override
    public void atTransactionEnd(boolean committed) {
        while (stack.nestLevel() > 1) {
            endLevel(committed);
        }
        if (stack.nestLevel() == 1) {
            endLevel(committed);
        }
        transactionValues.clear();
        snapshotTaken = false;
    }

    private void endLevel(boolean committed) {
        if (stack.endLevel(committed, this::restore)) {
            valuesChanged();
        }
    }

    private void restore(String key, Object value) {
        if (TRANSACTION_DEFAULTS.containsKey(key)) {
            transactionValues.put(key, value);
        } else {
            sessionValues.put(key, value);
        }
    }

    private boolean inTransaction() {
        return stack.nestLevel() > 0;
    }

    @Override
    public Map<String, String> takeReportChanges() {
        if (!reportPending) {
            return Map.of();
        }
        reportPending = false;
        Map<String, String> changes = new LinkedHashMap<>();
        for (GucParameter parameter : GucTable.all()) {
            if (!parameter.report()) {
                continue;
            }
            String value = GucValues.format(parameter, current(parameter));
            if (!value.equals(reportedValues.put(parameter.name(), value))) {
                changes.put(parameter.name(), value);
            }
        }
        return changes;
    }

    /** Called wherever a value may change: derived state is rebuilt on next use. */
    private void valuesChanged() {
        formatSettings = null;
        derivedValues.clear();
        reportPending = true;
    }

    private Object current(GucParameter parameter) {
        String key = ServerConfiguration.key(parameter.name());
        String defaultName = TRANSACTION_DEFAULTS.get(key);
        if (defaultName != null) {
            Object value = transactionValues.get(key);
            // outside a transaction: what the next one will start with
            return value != null ? value : current(ServerConfiguration.require(defaultName));
        }
        return sessionValues.get(key);
    }

    private void checkContext(GucParameter parameter, boolean atStartup) {
        checkContext(parameter, atStartup, superuser);
    }

    private static void checkContext(GucParameter parameter, boolean atStartup, boolean superuser) {
        switch (parameter.context()) {
            case INTERNAL -> throw SqlException.of(SqlState.CANT_CHANGE_RUNTIME_PARAM,
                    "parameter \"%s\" cannot be changed", parameter.name());
            case POSTMASTER -> throw SqlException.of(SqlState.CANT_CHANGE_RUNTIME_PARAM,
                    "parameter \"%s\" cannot be changed without restarting the server", parameter.name());
            case SIGHUP -> throw SqlException.of(SqlState.CANT_CHANGE_RUNTIME_PARAM,
                    "parameter \"%s\" cannot be changed now", parameter.name());
            case BACKEND, SUPERUSER_BACKEND -> {
                if (!atStartup) {
                    throw SqlException.of(SqlState.CANT_CHANGE_RUNTIME_PARAM,
                            "parameter \"%s\" cannot be set after connection start", parameter.name());
                }
            }
            case SUPERUSER -> {
                if (!superuser && !atStartup) {
                    throw SqlException.of(SqlState.INSUFFICIENT_PRIVILEGE,
                            "permission denied to set parameter \"%s\"", parameter.name());
                }
            }
            case USER -> { }
        }
    }
}
