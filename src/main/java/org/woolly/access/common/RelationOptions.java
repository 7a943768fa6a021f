package org.woolly.access.common;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;
import org.woolly.utils.guc.GucValues;

/**
 * A relation's storage parameters ({@code pg_class.reloptions}, PostgreSQL's
 * {@code src/backend/access/common/reloptions.c}): the options a table or B-tree index accepts,
 * their validation with PostgreSQL 15's bounds and 22023 errors, how {@code WITH (...)},
 * {@code SET (...)} and {@code RESET (...)} turn into the stored {@code name=value} texts, and
 * the values the heap, VACUUM and autovacuum read from them. A value is stored as written (as
 * PostgreSQL stores it); a boolean option written without a value is stored as {@code true}.
 *
 * @param stored the {@code name=value} texts of pg_class.reloptions, in their stored order
 * @param fillFactor percent of a page inserts fill (tables default 100, B-tree 90)
 * @param autovacuumEnabled false when autovacuum must leave the table alone
 * @param vacuumThreshold autovacuum_vacuum_threshold, -1 for the server's setting
 * @param vacuumScaleFactor autovacuum_vacuum_scale_factor, -1 for the server's setting
 * @param vacuumInsertThreshold autovacuum_vacuum_insert_threshold, -2 for the server's setting
 *                              (-1 is a valid value: insert-driven vacuum off)
 * @param vacuumInsertScaleFactor autovacuum_vacuum_insert_scale_factor, -1 for the server's setting
 * @param analyzeThreshold autovacuum_analyze_threshold, -1 for the server's setting
 * @param analyzeScaleFactor autovacuum_analyze_scale_factor, -1 for the server's setting
 * @param vacuumTruncate false when VACUUM must not truncate empty pages at the end
 */
public record RelationOptions(List<String> stored, int fillFactor, boolean autovacuumEnabled, int vacuumThreshold,
                              double vacuumScaleFactor, int vacuumInsertThreshold, double vacuumInsertScaleFactor,
                              int analyzeThreshold, double analyzeScaleFactor, boolean vacuumTruncate) {

    /** Which relations an option applies to ({@code relopt_kind}). */
    public enum Kind {
        HEAP(100), BTREE(90);

        private final int defaultFillFactor;

        Kind(int defaultFillFactor) {
            this.defaultFillFactor = defaultFillFactor;
        }
    }

    private enum Type { BOOLEAN, INTEGER, REAL, ENUM }

    private record Definition(String name, Type type, double min, double max, Set<Kind> kinds) {}

    private static final Set<Kind> HEAP = Set.of(Kind.HEAP);
    private static final Set<Kind> BTREE = Set.of(Kind.BTREE);
    private static final double INT_MAX = Integer.MAX_VALUE;

    /** PostgreSQL 15's heap and B-tree options (boolRelOpts, intRelOpts, realRelOpts, enumRelOpts). */
    private static final List<Definition> DEFINITIONS = List.of(
            new Definition("autovacuum_enabled", Type.BOOLEAN, 0, 0, HEAP),
            new Definition("user_catalog_table", Type.BOOLEAN, 0, 0, HEAP),
            new Definition("vacuum_truncate", Type.BOOLEAN, 0, 0, HEAP),
            new Definition("deduplicate_items", Type.BOOLEAN, 0, 0, BTREE),
            new Definition("fillfactor", Type.INTEGER, 10, 100, Set.of(Kind.HEAP, Kind.BTREE)),
            new Definition("autovacuum_vacuum_threshold", Type.INTEGER, 0, INT_MAX, HEAP),
            new Definition("autovacuum_vacuum_insert_threshold", Type.INTEGER, -1, INT_MAX, HEAP),
            new Definition("autovacuum_analyze_threshold", Type.INTEGER, 0, INT_MAX, HEAP),
            new Definition("autovacuum_vacuum_cost_limit", Type.INTEGER, 1, 10000, HEAP),
            new Definition("autovacuum_freeze_min_age", Type.INTEGER, 0, 1000000000, HEAP),
            new Definition("autovacuum_multixact_freeze_min_age", Type.INTEGER, 0, 1000000000, HEAP),
            new Definition("autovacuum_freeze_max_age", Type.INTEGER, 100000, 2000000000, HEAP),
            new Definition("autovacuum_multixact_freeze_max_age", Type.INTEGER, 10000, 2000000000, HEAP),
            new Definition("autovacuum_freeze_table_age", Type.INTEGER, 0, 2000000000, HEAP),
            new Definition("autovacuum_multixact_freeze_table_age", Type.INTEGER, 0, 2000000000, HEAP),
            new Definition("log_autovacuum_min_duration", Type.INTEGER, -1, INT_MAX, HEAP),
            new Definition("toast_tuple_target", Type.INTEGER, 128, 8160, HEAP),
            new Definition("parallel_workers", Type.INTEGER, 0, 1024, HEAP),
            new Definition("autovacuum_vacuum_cost_delay", Type.REAL, 0, 100, HEAP),
            new Definition("autovacuum_vacuum_scale_factor", Type.REAL, 0, 100, HEAP),
            new Definition("autovacuum_vacuum_insert_scale_factor", Type.REAL, 0, 100, HEAP),
            new Definition("autovacuum_analyze_scale_factor", Type.REAL, 0, 100, HEAP),
            new Definition("vacuum_cleanup_index_scale_factor", Type.REAL, 0, 1e10, BTREE),
            new Definition("vacuum_index_cleanup", Type.ENUM, 0, 0, HEAP));

    private static final List<String> INDEX_CLEANUP_VALUES = List.of("auto", "on", "off", "true", "false", "yes",
            "no", "1", "0");

    /** One {@code name [= value]} of a WITH, SET or RESET list; {@code value} null when not written. */
    public record Option(String name, String value) {}

    /** The options of a relation of {@code kind} with nothing set (every default). */
    public static RelationOptions defaults(Kind kind) {
        return of(kind, List.of());
    }

    /** {@code toast_tuple_target}: the tuple length TOAST aims for, {@link Toaster#TUPLE_THRESHOLD} unless set. */
    public int toastTupleTarget() {
        String prefix = "toast_tuple_target=";
        for (String text : stored) {
            if (text.startsWith(prefix)) {
                return (int) parseInteger(text.substring(prefix.length()));
            }
        }
        return Toaster.TUPLE_THRESHOLD;
    }

    /**
     * The values stored in pg_class.reloptions ({@code heap_reloptions} / {@code btoptions}
     * over a stored array); {@code stored} was validated when it was written.
     */
    public static RelationOptions of(Kind kind, List<String> stored) {
        int fillFactor = kind.defaultFillFactor;
        boolean autovacuum = true;
        boolean truncate = true;
        int vacuumThreshold = -1;
        int insertThreshold = -2;
        int analyzeThreshold = -1;
        double vacuumScale = -1;
        double insertScale = -1;
        double analyzeScale = -1;
        for (String text : stored) {
            int equals = text.indexOf('=');
            String name = text.substring(0, equals);
            String value = text.substring(equals + 1);
            switch (name) {
                case "fillfactor" -> fillFactor = (int) parseInteger(value);
                case "autovacuum_enabled" -> autovacuum = Boolean.TRUE.equals(GucValues.parseBoolean(value));
                case "vacuum_truncate" -> truncate = Boolean.TRUE.equals(GucValues.parseBoolean(value));
                case "autovacuum_vacuum_threshold" -> vacuumThreshold = (int) parseInteger(value);
                case "autovacuum_vacuum_insert_threshold" -> insertThreshold = (int) parseInteger(value);
                case "autovacuum_analyze_threshold" -> analyzeThreshold = (int) parseInteger(value);
                case "autovacuum_vacuum_scale_factor" -> vacuumScale = parseReal(value);
                case "autovacuum_vacuum_insert_scale_factor" -> insertScale = parseReal(value);
                case "autovacuum_analyze_scale_factor" -> analyzeScale = parseReal(value);
                default -> { }
            }
        }
        return new RelationOptions(List.copyOf(stored), fillFactor, autovacuum, vacuumThreshold, vacuumScale,
                insertThreshold, insertScale, analyzeThreshold, analyzeScale, truncate);
    }

    /**
     * The new stored list after {@code WITH (...)} / {@code SET (...)} ({@code reset} false) or
     * {@code RESET (...)} ({@code reset} true) over {@code existing} ({@code transformRelOptions}
     * then {@code heap_reloptions}): options kept from {@code existing} come first in their order,
     * then the new ones as written. Names with the {@code toast.} prefix are accepted and not
     * stored (Woolly has no TOAST tables), as is {@code oids=false}. An empty result is stored as
     * NULL by the caller.
     */
    public static List<String> transform(Kind kind, List<String> existing, List<Option> options, boolean reset) {
        List<Option> mine = new ArrayList<>();
        for (Option option : options) {
            String name = option.name();
            int dot = name.indexOf('.');
            if (reset && option.value() != null) {
                throw SqlException.of(SqlState.SYNTAX_ERROR, "RESET must not include values for parameters");
            }
            if (dot >= 0) {
                String namespace = name.substring(0, dot);
                if (kind != Kind.HEAP || !namespace.equals("toast")) {
                    throw SqlException.of(SqlState.INVALID_PARAMETER_VALUE, "unrecognized parameter namespace \"%s\"",
                            namespace);
                }
                continue;
            }
            if (kind == Kind.HEAP && !reset && name.equals("oids")) {
                if (Boolean.TRUE.equals(GucValues.parseBoolean(option.value() == null ? "true" : option.value()))) {
                    throw SqlException.of(SqlState.FEATURE_NOT_SUPPORTED, "tables declared WITH OIDS are not supported");
                }
                continue;
            }
            mine.add(option);
        }
        Set<String> named = new HashSet<>();
        for (Option option : mine) {
            named.add(option.name());
        }
        List<String> result = new ArrayList<>();
        for (String text : existing) {
            if (!named.contains(text.substring(0, text.indexOf('=')))) {
                result.add(text);
            }
        }
        if (!reset) {
            for (Option option : mine) {
                result.add(option.name() + "=" + (option.value() == null ? "true" : option.value()));
            }
        }
        validate(kind, result);
        return List.copyOf(result);
    }

    /** Every stored option known for {@code kind}, given once, with a valid value ({@code parseRelOptions}). */
    private static void validate(Kind kind, List<String> stored) {
        Set<String> seen = new HashSet<>();
        for (String text : stored) {
            int equals = text.indexOf('=');
            String name = text.substring(0, equals);
            String value = text.substring(equals + 1);
            Definition definition = definition(kind, name);
            if (!seen.add(name)) {
                throw SqlException.of(SqlState.INVALID_PARAMETER_VALUE, "parameter \"%s\" specified more than once",
                        name);
            }
            check(definition, value);
        }
    }

    private static Definition definition(Kind kind, String name) {
        for (Definition definition : DEFINITIONS) {
            if (definition.name().equals(name) && definition.kinds().contains(kind)) {
                return definition;
            }
        }
        throw SqlException.of(SqlState.INVALID_PARAMETER_VALUE, "unrecognized parameter \"%s\"", name);
    }

    /** {@code parse_one_reloption}: the value's type, then its bounds. */
    private static void check(Definition definition, String value) {
        switch (definition.type()) {
            case BOOLEAN -> {
                if (GucValues.parseBoolean(value) == null) {
                    throw invalid("boolean", definition, value);
                }
            }
            case INTEGER -> checkNumber(definition, value, "integer", RelationOptions::parseInteger,
                    bound -> String.valueOf((long) bound));
            case REAL -> checkNumber(definition, value, "floating point", RelationOptions::parseReal,
                    bound -> String.format(Locale.ROOT, "%f", bound));
            case ENUM -> {
                if (!INDEX_CLEANUP_VALUES.contains(value.toLowerCase(Locale.ROOT))) {
                    throw SqlException.of(SqlState.INVALID_PARAMETER_VALUE, "invalid value for enum option \"%s\": %s",
                            definition.name(), value).withDetail("Valid values are \"on\", \"off\", and \"auto\".");
                }
            }
        }
    }

    /** A number of the option's type ({@code parse_int} / {@code parse_real}), within its bounds. */
    private static void checkNumber(Definition definition, String value, String type,
                                    java.util.function.ToDoubleFunction<String> parser,
                                    java.util.function.DoubleFunction<String> boundText) {
        double number;
        try {
            number = parser.applyAsDouble(value);
        } catch (NumberFormatException e) {
            throw invalid(type, definition, value);
        }
        if (number < definition.min() || number > definition.max()) {
            throw outOfBounds(definition, value, boundText.apply(definition.min()), boundText.apply(definition.max()));
        }
    }

    private static SqlException invalid(String type, Definition definition, String value) {
        return SqlException.of(SqlState.INVALID_PARAMETER_VALUE, "invalid value for %s option \"%s\": %s", type,
                definition.name(), value);
    }

    private static SqlException outOfBounds(Definition definition, String value, String min, String max) {
        return SqlException.of(SqlState.INVALID_PARAMETER_VALUE, "value %s out of bounds for option \"%s\"", value,
                definition.name()).withDetail("Valid values are between \"%s\" and \"%s\".".formatted(min, max));
    }

    /**
     * PostgreSQL's {@code parse_int} without units: a 32-bit integer (decimal, or hex with
     * {@code 0x}), or a decimal fraction rounded to one; white space around it is allowed.
     */
    private static double parseInteger(String value) {
        String text = value.trim();
        double number;
        if (text.startsWith("0x") || text.startsWith("0X")) {
            number = Long.parseLong(text.substring(2), 16);
        } else if (text.matches("[+-]?[0-9]+")) {
            number = Long.parseLong(text);
        } else if (text.matches("[+-]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][+-]?[0-9]+)?")) {
            number = Math.rint(Double.parseDouble(text));
        } else {
            throw new NumberFormatException(value);
        }
        if (number < Integer.MIN_VALUE || number > Integer.MAX_VALUE) {
            throw new NumberFormatException(value);
        }
        return number;
    }

    /** PostgreSQL's {@code parse_real} without units: a finite decimal number, white space around it allowed. */
    private static double parseReal(String value) {
        String text = value.trim();
        if (!text.matches("[+-]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][+-]?[0-9]+)?")) {
            throw new NumberFormatException(value);
        }
        return Double.parseDouble(text);
    }
}
