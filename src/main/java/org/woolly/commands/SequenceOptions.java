package org.woolly.commands;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.woolly.catalog.SequenceDefinition;
import org.woolly.nodes.parse.DefElem;
import org.woolly.utils.adt.TypeOids;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

/**
 * The options of CREATE/ALTER SEQUENCE and of identity columns applied to a sequence's
 * definition, with PostgreSQL's defaults, cross-checks and error texts ({@code init_params} in
 * {@code sequence.c}). {@code OWNED BY} and {@code SEQUENCE NAME} are left to the caller.
 */
final class SequenceOptions {
    /** The result: the new pg_sequence row and, when the page must be rewritten, its new state. */
    record Applied(SequenceDefinition definition, Long lastValue, boolean restart, boolean changed) {}

    private final Map<String, DefElem> options = new HashMap<>();

    SequenceOptions(List<DefElem> given) {
        for (DefElem option : given == null ? List.<DefElem>of() : given) {
            if (options.putIfAbsent(option.name(), option) != null) {
                throw TableCommands.at(new SqlException(SqlState.SYNTAX_ERROR, "conflicting or redundant options"),
                        option.location());
            }
        }
    }

    DefElem get(String name) {
        return options.get(name);
    }

    /**
     * Applies the options to {@code old} (null for a new sequence); {@code currentValue} is the
     * page's last_value for ALTER's cross-check. {@code typeOid} is the resolved AS type, or 0.
     */
    Applied apply(SequenceDefinition old, long currentValue, int typeOid, boolean identity) {
        boolean init = old == null;
        int type = init ? TypeOids.INT8 : old.typeOid();
        boolean resetMax = false;
        boolean resetMin = false;
        boolean changed = false;
        if (typeOid != 0) {
            if (typeOid != TypeOids.INT2 && typeOid != TypeOids.INT4 && typeOid != TypeOids.INT8) {
                throw new SqlException(SqlState.INVALID_PARAMETER_VALUE, identity
                        ? "identity column type must be smallint, integer, or bigint"
                        : "sequence type must be smallint, integer, or bigint");
            }
            if (!init) {
                resetMax = old.maxValue() == typeMax(old.typeOid());
                resetMin = old.minValue() == typeMin(old.typeOid());
            }
            type = typeOid;
        }
        long increment = init ? 1 : old.increment();
        DefElem incrementOption = options.get("increment");
        if (incrementOption != null) {
            increment = int64(incrementOption);
            if (increment == 0) {
                throw new SqlException(SqlState.INVALID_PARAMETER_VALUE, "INCREMENT must not be zero");
            }
            changed = true;
        }
        boolean cycle = !init && old.cycle();
        if (options.containsKey("cycle")) {
            cycle = Boolean.parseBoolean(options.get("cycle").value());
            changed = true;
        }
        long max = init ? 0 : old.maxValue();
        DefElem maxOption = options.get("maxvalue");
        if (maxOption != null && maxOption.value() != null) {
            max = int64(maxOption);
            changed = true;
        } else if (init || maxOption != null || resetMax) {
            max = increment > 0 || resetMax ? typeMax(type) : -1;
            changed = true;
        }
        if (max < typeMin(type) || max > typeMax(type)) {
            throw SqlException.of(SqlState.INVALID_PARAMETER_VALUE, "MAXVALUE (%d) is out of range for sequence data type %s",
                    max, typeName(type));
        }
        long min = init ? 0 : old.minValue();
        DefElem minOption = options.get("minvalue");
        if (minOption != null && minOption.value() != null) {
            min = int64(minOption);
            changed = true;
        } else if (init || minOption != null || resetMin) {
            min = increment < 0 || resetMin ? typeMin(type) : 1;
            changed = true;
        }
        if (min < typeMin(type) || min > typeMax(type)) {
            throw SqlException.of(SqlState.INVALID_PARAMETER_VALUE, "MINVALUE (%d) is out of range for sequence data type %s",
                    min, typeName(type));
        }
        if (min >= max) {
            throw SqlException.of(SqlState.INVALID_PARAMETER_VALUE, "MINVALUE (%d) must be less than MAXVALUE (%d)", min,
                    max);
        }
        long start = init ? 0 : old.start();
        if (options.containsKey("start")) {
            start = int64(options.get("start"));
        } else if (init) {
            start = increment > 0 ? min : max;
        }
        if (start < min) {
            throw SqlException.of(SqlState.INVALID_PARAMETER_VALUE, "START value (%d) cannot be less than MINVALUE (%d)",
                    start, min);
        }
        if (start > max) {
            throw SqlException.of(SqlState.INVALID_PARAMETER_VALUE,
                    "START value (%d) cannot be greater than MAXVALUE (%d)", start, max);
        }
        long last = currentValue;
        boolean restart = false;
        DefElem restartOption = options.get("restart");
        if (restartOption != null) {
            last = restartOption.value() != null ? int64(restartOption) : start;
            restart = true;
        } else if (init) {
            last = start;
            restart = true;
        }
        if (last < min) {
            throw SqlException.of(SqlState.INVALID_PARAMETER_VALUE, "RESTART value (%d) cannot be less than MINVALUE (%d)",
                    last, min);
        }
        if (last > max) {
            throw SqlException.of(SqlState.INVALID_PARAMETER_VALUE,
                    "RESTART value (%d) cannot be greater than MAXVALUE (%d)", last, max);
        }
        long cache = init ? 1 : old.cache();
        if (options.containsKey("cache")) {
            cache = int64(options.get("cache"));
            if (cache <= 0) {
                throw SqlException.of(SqlState.INVALID_PARAMETER_VALUE, "CACHE (%d) must be greater than zero", cache);
            }
            changed = true;
        }
        return new Applied(new SequenceDefinition(type, start, increment, max, min, cache, cycle), last, restart,
                changed || restart || typeOid != 0 || options.containsKey("start"));
    }

    /** {@code defGetInt64}: the option's number as bigint, with int8in's error for anything else. */
    private static long int64(DefElem option) {
        try {
            return Long.parseLong(option.value());
        } catch (NumberFormatException notInteger) {
            if (option.value().matches("-?\\d+")) {
                throw SqlException.of(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "value \"%s\" is out of range for type %s",
                        option.value(), "bigint");
            }
            throw SqlException.of(SqlState.INVALID_TEXT_REPRESENTATION, "invalid input syntax for type bigint: \"%s\"",
                    option.value());
        }
    }

    static long typeMax(int type) {
        return switch (type) {
            case TypeOids.INT2 -> Short.MAX_VALUE;
            case TypeOids.INT4 -> Integer.MAX_VALUE;
            default -> Long.MAX_VALUE;
        };
    }

    static long typeMin(int type) {
        return switch (type) {
            case TypeOids.INT2 -> Short.MIN_VALUE;
            case TypeOids.INT4 -> Integer.MIN_VALUE;
            default -> Long.MIN_VALUE;
        };
    }

    static String typeName(int type) {
        return switch (type) {
            case TypeOids.INT2 -> "smallint";
            case TypeOids.INT4 -> "integer";
            default -> "bigint";
        };
    }
}
