package org.woolly.utils.guc;

import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses parameter values from their text form (configuration file, SET, startup options) and
 * formats them as SHOW prints them: PostgreSQL's {@code parse_bool}, {@code parse_int} with
 * units, {@code parse_real} and {@code convert_int_from_base_unit} in {@code guc.c}.
 * Parsed values are Boolean, Long (in the base unit), Double or String.
 */
public final class GucValues {

    private static final Pattern NUMBER_WITH_UNIT =
            Pattern.compile("\\s*([-+]?(?:\\d+(?:\\.\\d*)?|\\.\\d+)(?:[eE][-+]?\\d+)?)\\s*([A-Za-z]*)\\s*");

    private static final String[] MEMORY_UNITS = {"TB", "GB", "MB", "kB"};
    private static final long[] MEMORY_UNITS_KB = {1L << 30, 1L << 20, 1L << 10, 1};
    private static final String[] TIME_UNITS = {"d", "h", "min", "s", "ms"};
    private static final long[] TIME_UNITS_MS = {86_400_000L, 3_600_000L, 60_000L, 1000L, 1L};

    private GucValues() {}

    /** Validates {@code text} for {@code parameter} and returns its parsed value. */
    public static Object parse(GucParameter parameter, String text) {
        return switch (parameter.type()) {
            case BOOL -> {
                Boolean value = parseBoolean(text);
                if (value == null) {
                    throw SqlException.of(SqlState.INVALID_PARAMETER_VALUE, "parameter \"%s\" requires a Boolean value",
                            parameter.name());
                }
                yield value;
            }
            case INTEGER -> parseInteger(parameter, text);
            case REAL -> parseReal(parameter, text);
            case ENUM -> {
                String lower = text.trim().toLowerCase(Locale.ROOT);
                if (!parameter.enumValues().contains(lower)) {
                    throw invalidValue(parameter, text).withHint("Available values: "
                            + String.join(", ", parameter.enumValues()) + ".");
                }
                yield parameter.canonicalizer().apply(lower);
            }
            case STRING -> {
                try {
                    yield parameter.canonicalizer().apply(text);
                } catch (IllegalArgumentException e) {
                    SqlException error = invalidValue(parameter, text);
                    yield throwWithDetail(error, e.getMessage());
                }
            }
        };
    }

    private static Object throwWithDetail(SqlException error, String detail) {
        throw detail == null ? error : error.withDetail(detail);
    }

    /** PostgreSQL's {@code parse_bool}: on/off, true/false, yes/no, 1/0 and unique prefixes. */
    public static Boolean parseBoolean(String text) {
        String value = text.trim().toLowerCase(Locale.ROOT);
        if (value.isEmpty()) {
            return null;
        }
        if (value.equals("1") || value.equals("on") || "true".startsWith(value) || "yes".startsWith(value)) {
            return Boolean.TRUE;
        }
        // "o" alone is ambiguous between on and off, so off needs at least "of".
        if (value.equals("0") || value.length() >= 2 && "off".startsWith(value)
                || "false".startsWith(value) || "no".startsWith(value)) {
            return Boolean.FALSE;
        }
        return null;
    }

    private static long parseInteger(GucParameter parameter, String text) {
        Matcher matcher = NUMBER_WITH_UNIT.matcher(text);
        if (!matcher.matches()) {
            throw invalidValue(parameter, text);
        }
        double number;
        try {
            number = Double.parseDouble(matcher.group(1));
        } catch (NumberFormatException e) {
            throw invalidValue(parameter, text);
        }
        String unitText = matcher.group(2);
        GucUnit unit = parameter.unit();
        double baseValue;
        if (unitText.isEmpty()) {
            baseValue = number;
        } else if (unit.isMemory()) {
            long unitKilobytes = switch (unitText) {
                case "kB" -> 1;
                case "MB" -> 1L << 10;
                case "GB" -> 1L << 20;
                case "TB" -> 1L << 30;
                default -> -1;
            };
            if (unitKilobytes < 0 && unitText.equals("B")) {
                baseValue = number / 1024.0 / unit.scale();
            } else if (unitKilobytes < 0) {
                throw invalidValue(parameter, text)
                        .withHint("Valid units for this parameter are \"B\", \"kB\", \"MB\", \"GB\", and \"TB\".");
            } else {
                baseValue = number * unitKilobytes / unit.scale();
            }
        } else if (unit.isTime()) {
            baseValue = number * unitMilliseconds(parameter, text, unitText) / unit.scale();
        } else {
            throw invalidValue(parameter, text);
        }
        if (unitText.isEmpty() && number != Math.rint(number) && unit == GucUnit.NONE) {
            throw invalidValue(parameter, text);
        }
        long rounded = Math.round(baseValue);
        if (rounded < parameter.minimum() || rounded > parameter.maximum()) {
            throw SqlException.of(SqlState.INVALID_PARAMETER_VALUE,
                    "%d%s%s is outside the valid range for parameter \"%s\" (%d .. %d)", rounded,
                    unit == GucUnit.NONE ? "" : " ", unit.displayName(), parameter.name(),
                    (long) parameter.minimum(), (long) parameter.maximum());
        }
        return rounded;
    }

    /** Milliseconds in one {@code unitText} of a time setting; 22023 with PostgreSQL's hint for another unit. */
    private static double unitMilliseconds(GucParameter parameter, String text, String unitText) {
        double milliseconds = switch (unitText) {
            case "us" -> 0.001;
            case "ms" -> 1;
            case "s" -> 1000;
            case "min" -> 60_000;
            case "h" -> 3_600_000;
            case "d" -> 86_400_000;
            default -> -1;
        };
        if (milliseconds < 0) {
            throw invalidValue(parameter, text)
                    .withHint("Valid units for this parameter are \"us\", \"ms\", \"s\", \"min\", \"h\", and \"d\".");
        }
        return milliseconds;
    }

    private static double parseReal(GucParameter parameter, String text) {
        Matcher matcher = NUMBER_WITH_UNIT.matcher(text);
        if (parameter.unit().isTime() && matcher.matches() && !matcher.group(2).isEmpty()) {
            // a real time setting (vacuum_cost_delay) takes units as an integer one does: '20ms', '0.5s'
            double value;
            try {
                value = Double.parseDouble(matcher.group(1))
                        * unitMilliseconds(parameter, text, matcher.group(2)) / parameter.unit().scale();
            } catch (NumberFormatException e) {
                throw invalidValue(parameter, text);
            }
            return realInRange(parameter, value, text);
        }
        try {
            double value = Double.parseDouble(text.trim());
            return realInRange(parameter, value, text);
        } catch (NumberFormatException e) {
            throw invalidValue(parameter, text);
        }
    }

    private static double realInRange(GucParameter parameter, double value, String text) {
        if (parameter.unit() != GucUnit.NONE && (value < parameter.minimum() || value > parameter.maximum())) {
            // parse_and_validate_value's "%g%s%s is outside the valid range for parameter \"%s\" (%g .. %g)"
            throw SqlException.of(SqlState.INVALID_PARAMETER_VALUE,
                    "%s %s is outside the valid range for parameter \"%s\" (%s .. %s)", shortReal(value),
                    parameter.unit().displayName(), parameter.name(), shortReal(parameter.minimum()),
                    shortReal(parameter.maximum()));
        }
        if (Double.isNaN(value) || value < parameter.minimum() || value > parameter.maximum()) {
            throw SqlException.of(SqlState.INVALID_PARAMETER_VALUE,
                    "%s is outside the valid range for parameter \"%s\"", text.trim(), parameter.name());
        }
        return value;
    }

    /** A real as C's {@code %g} prints a short one: 1000, 0.5, -1. */
    private static String shortReal(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e6 ? Long.toString((long) value)
                : new java.math.BigDecimal(value).round(new java.math.MathContext(6)).stripTrailingZeros()
                        .toPlainString();
    }

    static SqlException invalidValue(GucParameter parameter, String text) {
        return SqlException.of(SqlState.INVALID_PARAMETER_VALUE, "invalid value for parameter \"%s\": \"%s\"",
                parameter.name(), text);
    }

    /** The value as SHOW prints it: "on", "128MB", "5min", "0". */
    public static String format(GucParameter parameter, Object value) {
        return switch (value) {
            case Boolean flag -> flag ? "on" : "off";
            case Long number -> formatInteger(parameter.unit(), number);
            case Double real when parameter.unit() == GucUnit.MILLISECONDS && real != 0 -> real == Math.rint(real)
                    ? real.longValue() + "ms" : Math.round(real * 1000) + "us";
            case Double real -> real == Math.rint(real) && Math.abs(real) < 1e15
                    ? Long.toString(real.longValue()) : real.toString();
            default -> value.toString();
        };
    }

    private static String formatInteger(GucUnit unit, long value) {
        if (unit == GucUnit.NONE || value <= 0) {
            return Long.toString(value);
        }
        long scaled = value * unit.scale();
        String[] names = unit.isMemory() ? MEMORY_UNITS : TIME_UNITS;
        long[] sizes = unit.isMemory() ? MEMORY_UNITS_KB : TIME_UNITS_MS;
        for (int i = 0; i < names.length; i++) {
            if (scaled % sizes[i] == 0) {
                return scaled / sizes[i] + names[i];
            }
        }
        return scaled + names[names.length - 1];
    }
}
