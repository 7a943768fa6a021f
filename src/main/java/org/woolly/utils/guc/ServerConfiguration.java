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

    private ServerConfiguration(Map<String, Object> values, List<String> warnings) {
        this.values = values;
        this.warnings = warnings;
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
            } catch (SqlException e) {
                throw e.withDetail(String.format("In configuration file \"%s\" line %d.", entry.file(), entry.line()));
            }
        }
        values.put("data_directory", dataDirectory.toAbsolutePath().normalize().toString());
        ServerConfiguration loaded = new ServerConfiguration(values, List.copyOf(warnings));
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
        return new ServerConfiguration(copy, warnings);
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

    static GucParameter require(String name) {
        GucParameter parameter = GucTable.find(name);
        if (parameter == null) {
            throw SqlException.of(SqlState.UNDEFINED_OBJECT, "unrecognized configuration parameter \"%s\"", name);
        }
        return parameter;
    }

    static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
