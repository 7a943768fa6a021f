package org.woolly.utils.adt;

/**
 * Session information and configuration functions ({@code src/backend/utils/adt/misc.c},
 * {@code name.c}, {@code version.c}, and {@code current_setting}/{@code set_config} of {@code guc.c}).
 */
final class SystemFunctions {
    /** Clients parse "PostgreSQL 15." from this. */
    static final String VERSION = "PostgreSQL 15.0 (Woolly 0.1.0) on x86_64-pc-linux-gnu, compiled by javac 25, 64-bit";

    /** The columns of pg_settings, in PostgreSQL 15's order (the order of each row of FunctionContext.settingRows). */
    private static final java.util.List<String> SETTING_COLUMNS = java.util.List.of("name", "setting", "unit",
            "category", "short_desc", "extra_desc", "context", "vartype", "source", "min_val", "max_val", "enumvals",
            "boot_val", "reset_val", "sourcefile", "sourceline", "pending_restart");
    private static final int NAME_ARRAY = 1003;

    private SystemFunctions() {}

    /** One column of a pg_settings row (SETTING_COLUMNS names them); null for an unknown name or column. */
    private static String settingField(FunctionContext c, String setting, String column) {
        int index = SETTING_COLUMNS.indexOf(column);
        if (index < 0) {
            return null;
        }
        for (String[] row : c.settingRows()) {
            if (row[0].equals(setting)) {
                return row[index];
            }
        }
        return null;
    }

    static void register(BuiltinFunctions.Registry r) {
        int text = TypeOids.TEXT;
        int name = TypeOids.NAME;
        r.function("version", text, 's', true, (a, c) -> VERSION);
        r.function("current_setting", text, 's', true, (a, c) -> c.currentSetting((String) a[0], false), text);
        r.function("current_setting", text, 's', true, (a, c) -> c.currentSetting((String) a[0], (Boolean) a[1]),
                text, TypeOids.BOOL);
        r.function("set_config", text, 'v', false, (a, c) -> {
            if (a[0] == null) {
                throw new org.woolly.utils.error.SqlException(org.woolly.utils.error.SqlState.NULL_VALUE_NOT_ALLOWED,
                        "SET requires parameter name");
            }
            return c.setConfig((String) a[0], (String) a[1], a[2] != null && (Boolean) a[2]);
        }, text, text, TypeOids.BOOL);
        // pg_settings (PostgreSQL's pg_show_all_settings() returns records, which Woolly's functions cannot yet)
        r.function("woolly_show_all_settings", text, 's', true,
                (a, c) -> c.settingRows().stream().map(row -> (Object) row[0]).iterator());
        r.function("woolly_setting_field", text, 's', true, (a, c) -> settingField(c, (String) a[0], (String) a[1]),
                text, text);
        r.function("pg_backend_pid", TypeOids.INT4, 's', true, (a, c) -> c.backendPid());
        // connections are accepted only once recovery has ended: Woolly has no hot standby yet
        r.function("pg_is_in_recovery", TypeOids.BOOL, 'v', true, (a, c) -> false);
        r.function("txid_current", TypeOids.INT8, 's', true, (a, c) -> c.currentTransactionId());
        r.function("current_database", name, 's', true, (a, c) -> c.currentDatabase());
        r.function("current_catalog", name, 's', true, (a, c) -> c.currentDatabase());
        r.function("current_schema", name, 's', true, (a, c) -> c.currentSchema());
        r.function("current_schemas", NAME_ARRAY, 's', true,
                (a, c) -> ArrayValue.of(name, c.catalogInquiries().currentSchemas((Boolean) a[0])), TypeOids.BOOL);
        r.function("pg_my_temp_schema", TypeOids.OID, 's', true, (a, c) -> c.catalogInquiries().myTemporarySchema());
        r.function("pg_is_other_temp_schema", TypeOids.BOOL, 's', true,
                (a, c) -> c.catalogInquiries().isOtherTemporarySchema((Integer) a[0]), TypeOids.OID);
        r.function("current_user", name, 's', true, (a, c) -> c.currentUser());
        r.function("current_role", name, 's', true, (a, c) -> c.currentUser());
        r.function("user", name, 's', true, (a, c) -> c.currentUser());
        r.function("session_user", name, 's', true, (a, c) -> c.sessionUser());
        r.function("pg_table_is_visible", TypeOids.BOOL, 's', true,
                (a, c) -> c.catalogInquiries().tableIsVisible((Integer) a[0]), TypeOids.OID);
        r.function("pg_get_userbyid", name, 's', true, (a, c) -> {
            int oid = (Integer) a[0];
            String role = c.catalogInquiries().roleName(oid);
            return role != null ? role : "unknown (OID=" + Integer.toUnsignedString(oid) + ")";
        }, TypeOids.OID);
        // Not strict: a null typmod means "not given", which PostgreSQL prints as the SQL-standard
        // name even for bpchar ("character"), where -1 prints the internal name.
        r.function("format_type", text, 's', false, (a, c) -> {
            if (a[0] == null) {
                return null;
            }
            int type = (Integer) a[0];
            if (a[1] == null && type == TypeOids.BPCHAR) {
                return "character";
            }
            return c.catalogInquiries().formatType(type, a[1] == null ? -1 : (Integer) a[1]);
        }, TypeOids.OID, TypeOids.INT4);
    }
}
