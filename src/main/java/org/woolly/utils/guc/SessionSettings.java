package org.woolly.utils.guc;

import org.woolly.utils.adt.FormatSettings;

import java.util.List;
import java.util.Map;

/**
 * One session's view of the configuration parameters (GUCs): the server's values from
 * {@code postgresql.conf} and the command line, overridden by startup-packet options, SET and
 * set_config(). Names, units, value syntax, SQLSTATEs and messages are PostgreSQL's
 * ({@code src/backend/utils/misc/guc.c}); names are case-insensitive.
 *
 * <p>Transactional behaviour as in PostgreSQL: a SET inside a transaction or savepoint that rolls
 * back is undone; SET LOCAL lasts until the end of the transaction (or the rollback of the
 * savepoint it was made in); a released savepoint's values stay.
 */
public interface SessionSettings {

    /**
     * Applies the session defaults stored with ALTER ROLE / ALTER DATABASE ... SET
     * ({@code name=value} texts, lowest priority first) at connection start; returns the WARNINGs
     * for values skipped. Settings without stored defaults ignore them.
     */
    default List<org.woolly.utils.error.SqlException> applyStoredDefaults(List<List<String>> defaults) {
        return List.of();
    }

    /** The current value as SHOW prints it (with its unit, e.g. "128MB"); 42704 if unknown. */
    String show(String name);

    /**
     * SET name = value (value null means DEFAULT). Validates the value (22023 for a bad value,
     * 42704 for an unknown name, 55P02 for a parameter that cannot be changed now).
     */
    void set(String name, String value, boolean local);

    /**
     * Sets {@code is_superuser} to the current role's attribute after SET ROLE or SET SESSION
     * AUTHORIZATION ({@code SetCurrentRoleId}'s {@code SetConfigOption("is_superuser", ...,
     * PGC_INTERNAL)}), at the same nest level as the role change so a rollback or the end of a
     * SET LOCAL undoes both. Settings without the parameter ignore it.
     */
    default void setCurrentRoleSuperuser(boolean superuser, boolean local) {}

    /**
     * How the settings learn whether the current role has the privileges of
     * {@code pg_read_all_settings} (asked when a superuser-only parameter is examined, since a
     * GRANT may change it). Settings without superuser-only parameters ignore it.
     */
    default void readsAllSettingsWhen(java.util.function.BooleanSupplier privileged) {}

    /** RESET name; {@code "all"} resets every session-settable parameter. */
    void reset(String name);

    /** SHOW ALL rows: name, setting, description; in name order. */
    List<String[]> showAll();

    /** pg_settings rows, one text per column of the view (null for NULL); in name order. */
    List<String[]> settingRows();

    /** Typed reads for the engine (values in the parameter's base unit: kB, ms, ...). */
    String getString(String name);

    int getInt(String name);

    boolean getBoolean(String name);

    double getDouble(String name);

    /** The settings that type input and output depend on (DateStyle, TimeZone, ...). */
    FormatSettings formatSettings();

    /**
     * A value {@code compute} derives from the session-level settings (not the transaction's
     * isolation, read-only or deferrable), such as the planner's cost parameters: an
     * implementation may keep it, by {@code kind}, until a setting changes, so that each
     * statement does not read a dozen settings again.
     */
    default <T> T derived(Class<T> kind, java.util.function.Function<SessionSettings, T> compute) {
        return compute.apply(this);
    }

    /** Called when a transaction starts; see the class comment. */
    void atTransactionStart();

    /**
     * Called when the current transaction takes its first snapshot (PostgreSQL's
     * {@code FirstSnapshotSet}): from then on its isolation level and deferrable mode cannot
     * change, nor can it become read-write (25001).
     */
    default void atFirstSnapshot() {
    }

    /** Called when a savepoint starts: SETs from now on belong to it ({@code NewGUCNestLevel}). */
    default void atSubtransactionStart() {
    }

    /**
     * Called when the innermost savepoint ends: released ({@code committed}, its values kept, its
     * SET LOCALs passed to the level below) or rolled back (every SET since it started undone).
     */
    default void atSubtransactionEnd(boolean committed) {
    }

    /**
     * Called when a transaction ends; undoes SET LOCAL, and every SET of an aborted transaction,
     * ending any savepoint still open first.
     */
    void atTransactionEnd(boolean committed);

    /**
     * The parameters flagged GUC_REPORT (server_version, client_encoding, DateStyle, TimeZone,
     * application_name, is_superuser, ...) whose value changed since the last call, name to new
     * value; the first call returns all of them (for the startup ParameterStatus messages).
     */
    Map<String, String> takeReportChanges();
}
