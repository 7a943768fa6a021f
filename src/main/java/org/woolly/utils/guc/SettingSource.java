package org.woolly.utils.guc;

/**
 * Where a parameter's value came from, as {@code pg_settings.source}, {@code sourcefile} and
 * {@code sourceline} show it (PostgreSQL's {@code GucSource} and {@code GucSource_Names}).
 *
 * @param name the source as pg_settings names it ("default", "configuration file", ...)
 * @param file the configuration file that set the value, or null
 * @param line its line in that file, 0 without a file
 */
record SettingSource(String name, String file, int line) {
    static final SettingSource DEFAULT = new SettingSource("default", null, 0);
    static final SettingSource COMMAND_LINE = new SettingSource("command line", null, 0);
    /** Set by the server itself (data_directory, the current transaction's characteristics). */
    static final SettingSource OVERRIDE = new SettingSource("override", null, 0);
    /** The startup packet ({@code PGC_S_CLIENT}). */
    static final SettingSource CLIENT = new SettingSource("client", null, 0);
    static final SettingSource SESSION = new SettingSource("session", null, 0);
    /** The stored session defaults of ALTER ROLE / ALTER DATABASE ... SET, by what they apply to. */
    static final SettingSource GLOBAL = new SettingSource("global", null, 0);
    static final SettingSource DATABASE = new SettingSource("database", null, 0);
    static final SettingSource USER = new SettingSource("user", null, 0);
    static final SettingSource DATABASE_USER = new SettingSource("database user", null, 0);

    static SettingSource file(String file, int line) {
        return new SettingSource("configuration file", file, line);
    }
}
