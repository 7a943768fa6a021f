package org.woolly.utils.guc;

import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The server-wide parameter values: built-in defaults, then {@code DATA/postgresql.conf}, then
 * command-line {@code -c name=value} overrides, as {@code ProcessConfigFile} and
 * {@code SetConfigOption} with {@code PGC_S_ARGV} establish them in PostgreSQL
 * ({@code src/backend/utils/misc/guc-file.l}). Immutable; each session starts a
 * {@link GucSession} from it.
 *
 * <p>Unknown names in the file are skipped with a warning (returned by {@link #warnings()} for
 * the server log); an invalid value fails with the parameter's 22023 error, its detail naming
 * the file and line.
 */
public final class ServerConfiguration {

    /** Values by lower-case name, in the parsed representation of {@link GucValues}. */
    private final Map<String, Object> values;
    private final List<String> warnings;
    /** Where {@link #reload} reads the file again, and the overrides that win over it (null: defaults only). */
    private final Path dataDirectory;
    private final Map<String, String> overrides;
    /** Where each value that is not the built-in default came from, by lower-case name (pg_settings.source). */
    private final Map<String, SettingSource> sources;

    private ServerConfiguration(Map<String, Object> values, List<String> warnings) {
        this(values, warnings, null, Map.of(), Map.of());
    }

    private ServerConfiguration(Map<String, Object> values, List<String> warnings, Path dataDirectory,
                                Map<String, String> overrides, Map<String, SettingSource> sources) {
        this.values = values;
        this.warnings = warnings;
        this.dataDirectory = dataDirectory;
        this.overrides = overrides;
        this.sources = sources;
    }

    /**
     * The outcome of a reload: the configuration now in force and the lines for the server log
     * ({@code ProcessConfigFile}'s messages).
     */
    public record Reloaded(ServerConfiguration configuration, List<String> messages) {}

    /**
     * Reads {@code postgresql.conf} again (SIGHUP, {@code pg_reload_conf}), as
     * {@code ProcessConfigFile} does: the command-line overrides still win; a parameter that
     * only a restart can change ({@code postmaster} context) keeps its value and is reported
     * ({@code parameter "x" cannot be changed without restarting the server}); every other
     * change is reported as {@code parameter "x" changed to "v"}. A file with an invalid value
     * changes nothing ({@code configuration file "..." contains errors; no changes were applied}).
     */
    public Reloaded reload() {
        if (dataDirectory == null) {
            return new Reloaded(this, List.of());
        }
        ServerConfiguration fresh;
        try {
            fresh = load(dataDirectory, overrides);
        } catch (SqlException error) {
            List<String> messages = new ArrayList<>();
            messages.add(error.getMessage());
            messages.add(String.format("configuration file \"%s\" contains errors; no changes were applied",
                    dataDirectory.resolve("postgresql.conf")));
            return new Reloaded(this, messages);
        }
        Map<String, Object> merged = new LinkedHashMap<>(fresh.values);
        List<String> messages = new ArrayList<>(fresh.warnings);
        for (GucParameter parameter : GucTable.all()) {
            String key = key(parameter.name());
            Object before = values.get(key);
            Object after = fresh.values.get(key);
            if (java.util.Objects.equals(before, after)) {
                continue;
            }
            if (parameter.context() == GucContext.POSTMASTER || parameter.context() == GucContext.INTERNAL) {
                merged.put(key, before);
                if (parameter.context() == GucContext.POSTMASTER) {
                    messages.add(String.format("parameter \"%s\" cannot be changed without restarting the server",
                            parameter.name()));
                }
            } else {
                messages.add(String.format("parameter \"%s\" changed to \"%s\"", parameter.name(),
                        GucValues.format(parameter, after)));
            }
        }
        return new Reloaded(new ServerConfiguration(merged, fresh.warnings, dataDirectory, overrides, fresh.sources),
                messages);
    }

    /** The built-in defaults. */
    public static ServerConfiguration defaults() {
        Map<String, Object> values = new LinkedHashMap<>();
        for (GucParameter parameter : GucTable.all()) {
            values.put(key(parameter.name()), GucValues.parse(parameter, parameter.bootValue()));
        }
        return new ServerConfiguration(values, List.of());
    }

    /**
     * Defaults, then {@code dataDirectory/postgresql.conf} when it exists, then the overrides
     * (command-line {@code -c} options) in their order.
     */
    public static ServerConfiguration load(Path dataDirectory, Map<String, String> overrides) {
        ServerConfiguration base = defaults();
        Map<String, Object> values = new LinkedHashMap<>(base.values);
        List<String> warnings = new ArrayList<>();
        Map<String, SettingSource> sources = new LinkedHashMap<>();
        Path file = dataDirectory.resolve("postgresql.conf");
        for (ConfigFileParser.Entry entry : ConfigFileParser.parse(file, true)) {
            GucParameter parameter = GucTable.find(entry.name());
            if (parameter == null) {
                warnings.add(String.format("unrecognized configuration parameter \"%s\" in file \"%s\" line %d",
                        entry.name(), entry.file(), entry.line()));
                continue;
            }
            try {
                values.put(key(parameter.name()), GucValues.parse(parameter, entry.value()));
                sources.put(key(parameter.name()), SettingSource.file(entry.file().toAbsolutePath().toString(),
                        entry.line()));
            } catch (SqlException e) {
                throw e.withDetail(String.format("In configuration file \"%s\" line %d.", entry.file(), entry.line()));
            }
        }
        values.put("data_directory", dataDirectory.toAbsolutePath().normalize().toString());
        sources.put("data_directory", SettingSource.OVERRIDE);
        ServerConfiguration loaded = new ServerConfiguration(values, List.copyOf(warnings), dataDirectory,
                Collections.unmodifiableMap(new LinkedHashMap<>(overrides)), sources);
        for (Map.Entry<String, String> override : overrides.entrySet()) {
            loaded = loaded.with(override.getKey(), override.getValue());
        }
        return loaded;
    }

    /** A copy with one parameter set (a command-line override); 42704 for an unknown name. */
    public ServerConfiguration with(String name, String value) {
        GucParameter parameter = require(name);
        Map<String, Object> copy = new LinkedHashMap<>(values);
        copy.put(key(parameter.name()), GucValues.parse(parameter, value));
        Map<String, SettingSource> sourcesCopy = new LinkedHashMap<>(sources);
        sourcesCopy.put(key(parameter.name()), SettingSource.COMMAND_LINE);
        return new ServerConfiguration(copy, warnings, dataDirectory, overrides, sourcesCopy);
    }

    /** Messages for the server log about entries that were skipped. */
    public List<String> warnings() {
        return warnings;
    }

    public String show(String name) {
        GucParameter parameter = require(name);
        return GucValues.format(parameter, values.get(key(parameter.name())));
    }

    public String getString(String name) {
        Object value = values.get(key(require(name).name()));
        return value instanceof String text ? text : GucValues.format(require(name), value);
    }

    /** An integer parameter in its base unit (kB, 8kB blocks, ms, s, ...). */
    public int getInt(String name) {
        return (int) (long) (Long) values.get(key(require(name).name()));
    }

    public double getDouble(String name) {
        return ((Number) values.get(key(require(name).name()))).doubleValue();
    }

    public boolean getBoolean(String name) {
        return (Boolean) values.get(key(require(name).name()));
    }

    /** A new session's settings, starting from these values. */
    public GucSession newSession() {
        return new GucSession(this);
    }

    Map<String, Object> values() {
        return Collections.unmodifiableMap(values);
    }

    /** Where a value came from; {@link SettingSource#DEFAULT} for a built-in default. */
    SettingSource source(String key) {
        return sources.getOrDefault(key, SettingSource.DEFAULT);
    }

    static GucParameter require(String name) {
        GucParameter parameter = GucTable.find(name);
        if (parameter == null) {
            throw SqlException.of(SqlState.UNDEFINED_OBJECT, "unrecognized configuration parameter \"%s\"", name);
        }
        return parameter;
    }

    static String key(String name) {
        // nearly every canonical name is lower-case ASCII already; this is on every setting read
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c >= 'A' && c <= 'Z' || c >= 0x80) {
                return name.toLowerCase(Locale.ROOT);
            }
        }
        return name;
    }
}
