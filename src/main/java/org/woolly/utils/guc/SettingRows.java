package org.woolly.utils.guc;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;
import java.util.Set;

/**
 * The rows of {@code pg_settings} and {@code SHOW ALL}: PostgreSQL's {@code GetConfigOptionByNum}
 * and {@code ShowAllGUCConfig} in {@code src/backend/utils/misc/guc.c}. Integers and reals are
 * shown in their base unit without a unit suffix (the unit is a column of its own), reals and
 * their limits as C's {@code %g} prints them.
 */
public final class SettingRows {

    /** GUC_NO_SHOW_ALL: left out of SHOW ALL and pg_settings, still shown by SHOW name. */
    private static final Set<String> NOT_SHOWN = Set.of("is_superuser", "session_authorization", "role");

    /**
     * GUC_SUPERUSER_ONLY (PostgreSQL 15's guc.c): left out of SHOW ALL and pg_settings, and
     * refused to SHOW and current_setting, for a role without the privileges of pg_read_all_settings.
     */
    private static final Set<String> SUPERUSER_ONLY = Set.of("config_file", "data_directory",
            "dynamic_library_path", "external_pid_file", "hba_file", "ident_file", "jit_provider",
            "krb_server_keyfile", "log_directory", "log_filename", "primary_conninfo", "session_preload_libraries",
            "shared_preload_libraries", "ssl_ciphers", "ssl_dh_params_file", "ssl_ecdh_curve",
            "ssl_max_protocol_version", "ssl_min_protocol_version", "ssl_passphrase_command",
            "unix_socket_directories");

    private SettingRows() {}

    /** Whether only superusers and pg_read_all_settings may examine the parameter. */
    static boolean superuserOnly(GucParameter parameter) {
        return SUPERUSER_ONLY.contains(ServerConfiguration.key(parameter.name()));
    }

    /** Whether SHOW ALL and pg_settings list the parameter. */
    static boolean listed(GucParameter parameter) {
        return !NOT_SHOWN.contains(ServerConfiguration.key(parameter.name()));
    }

    /**
     * One pg_settings row as text, null for SQL NULL; {@code withSourceFile}: sourcefile and
     * sourceline are shown (to superusers and pg_read_all_settings).
     */
    static String[] row(GucParameter parameter, Object current, Object reset, SettingSource source,
                        boolean withSourceFile) {
        SettingDescriptions.Description description = SettingDescriptions.of(parameter);
        boolean numeric = parameter.type() == GucType.INTEGER || parameter.type() == GucType.REAL;
        boolean hasFile = withSourceFile && source.file() != null;
        return new String[] {
            parameter.name(),
            raw(parameter, current),
            parameter.unit() == GucUnit.NONE ? null : parameter.unit().displayName(),
            description.category(),
            description.shortDescription(),
            description.extraDescription(),
            parameter.context().displayName(),
            parameter.type().displayName(),
            source.name(),
            numeric ? limit(parameter, parameter.minimum()) : null,
            numeric ? limit(parameter, parameter.maximum()) : null,
            parameter.type() == GucType.ENUM ? arrayText(parameter.enumValues()) : null,
            raw(parameter, GucValues.parse(parameter, parameter.bootValue())),
            raw(parameter, reset),
            hasFile ? source.file() : null,
            hasFile ? Integer.toString(source.line()) : null,
            "f"
        };
    }

    /** The value without a unit: "16384" for shared_buffers, "0.01", "on". */
    private static String raw(GucParameter parameter, Object value) {
        return switch (value) {
            case null -> null;
            case Boolean flag -> flag ? "on" : "off";
            case Long number -> Long.toString(number);
            case Double real -> cFormatG(real);
            default -> value.toString();
        };
    }

    private static String limit(GucParameter parameter, double value) {
        return parameter.type() == GucType.INTEGER ? Long.toString((long) value) : cFormatG(value);
    }

    /** C's {@code printf("%g")}: six significant digits, trailing zeros dropped, exponent form outside 1e-4 .. 1e6. */
    static String cFormatG(double value) {
        if (value == 0) {
            return "0";
        }
        BigDecimal rounded = new BigDecimal(value).round(new MathContext(6));
        int exponent = rounded.precision() - rounded.scale() - 1;
        if (exponent < -4 || exponent >= 6) {
            BigDecimal mantissa = rounded.movePointLeft(exponent).stripTrailingZeros();
            String sign = exponent < 0 ? "-" : "+";
            int magnitude = Math.abs(exponent);
            return mantissa.toPlainString() + "e" + sign + (magnitude < 10 ? "0" : "") + magnitude;
        }
        return rounded.stripTrailingZeros().toPlainString();
    }

    /** A text[] value as PostgreSQL prints it: elements with spaces, commas or quotes double-quoted. */
    private static String arrayText(List<String> elements) {
        StringBuilder text = new StringBuilder("{");
        for (String element : elements) {
            if (text.length() > 1) {
                text.append(',');
            }
            boolean quote = element.isEmpty() || element.chars().anyMatch(c -> c == ' ' || c == ',' || c == '"'
                    || c == '{' || c == '}' || c == '\\');
            if (quote) {
                text.append('"').append(element.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
            } else {
                text.append(element);
            }
        }
        return text.append('}').toString();
    }
}
