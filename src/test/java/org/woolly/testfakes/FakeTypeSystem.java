package org.woolly.testfakes;

import java.math.BigDecimal;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import org.woolly.analyzer.TypeSystem;
import org.woolly.nodes.query.AggregateHandle;
import org.woolly.nodes.query.CoercionHandle;
import org.woolly.nodes.query.FunctionHandle;
import org.woolly.utils.adt.FormatSettings;
import org.woolly.utils.adt.PgType;
import org.woolly.utils.adt.TypeIO;
import org.woolly.utils.adt.TypeOids;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

/** A small type system for tests: bool, int4, int8, numeric, text, varchar, name and their basic operators. */
public final class FakeTypeSystem implements TypeSystem {
    private final Map<Integer, PgType> types = new HashMap<>();

    public FakeTypeSystem() {
        add(TypeOids.BOOL, "bool", 1, 'B', text -> switch (text.trim().toLowerCase()) {
            case "t", "true", "yes", "on", "1" -> true;
            case "f", "false", "no", "off", "0" -> false;
            default -> throw SqlException.of(SqlState.INVALID_TEXT_REPRESENTATION,
                    "invalid input syntax for type boolean: \"%s\"", text);
        }, value -> (Boolean) value ? "t" : "f");
        add(TypeOids.INT4, "int4", 4, 'N', text -> {
            try {
                return Integer.parseInt(text.trim());
            } catch (NumberFormatException e) {
                throw SqlException.of(SqlState.INVALID_TEXT_REPRESENTATION, "invalid input syntax for type integer: \"%s\"", text);
            }
        }, Object::toString);
        add(TypeOids.INT8, "int8", 8, 'N', text -> Long.parseLong(text.trim()), Object::toString);
        add(TypeOids.NUMERIC, "numeric", -1, 'N', text -> new BigDecimal(text.trim()), value -> ((BigDecimal) value).toPlainString());
        add(TypeOids.TEXT, "text", -1, 'S', text -> text, Object::toString);
        add(TypeOids.VARCHAR, "varchar", -1, 'S', text -> text, Object::toString);
        add(TypeOids.NAME, "name", 64, 'S', text -> text, Object::toString);
        add(TypeOids.UNKNOWN, "unknown", -2, 'X', text -> text, Object::toString);
    }

    private void add(int oid, String name, int length, char category, java.util.function.Function<String, Object> in,
                     java.util.function.Function<Object, String> out) {
        TypeIO io = new TypeIO() {
            @Override
            public Object input(String text, int typmod, FormatSettings settings) {
                Object value = in.apply(text);
                return typmod >= 0 ? applyTypmod(oid, value, typmod, false) : value;
            }

            @Override
            public String output(Object value, FormatSettings settings) {
                return out.apply(value);
            }

            @Override
            public Object receive(byte[] bytes, int offset, int length, int typmod, FormatSettings settings) {
                return in.apply(new String(bytes, offset, length, java.nio.charset.StandardCharsets.UTF_8));
            }

            @Override
            public byte[] send(Object value, FormatSettings settings) {
                return out.apply(value).getBytes(java.nio.charset.StandardCharsets.UTF_8);
            }
        };
        types.put(oid, new PgType(oid, name, (short) length, length > 0 && length <= 8, 'i', category, false, 0, io));
    }

    @Override
    public PgType type(int oid) {
        return types.get(oid);
    }

    private static int rank(int type) {
        return switch (type) {
            case TypeOids.INT4 -> 1;
            case TypeOids.INT8 -> 2;
            case TypeOids.NUMERIC -> 3;
            default -> 0;
        };
    }

    private static int unify(int left, int right) {
        if (left == TypeOids.UNKNOWN && right == TypeOids.UNKNOWN) {
            return TypeOids.TEXT;
        }
        if (left == TypeOids.UNKNOWN) {
            return right;
        }
        if (right == TypeOids.UNKNOWN || left == right) {
            return left;
        }
        if (rank(left) > 0 && rank(right) > 0) {
            return rank(left) > rank(right) ? left : right;
        }
        if (isText(left) && isText(right)) {
            return TypeOids.TEXT;
        }
        return -1;
    }

    private static boolean isText(int type) {
        return type == TypeOids.TEXT || type == TypeOids.VARCHAR || type == TypeOids.NAME;
    }


    private static FunctionHandle function(String name, int[] args, int result, FunctionHandle.Invoker invoker) {
        return new FunctionHandle(name.hashCode(), name, args, result, true, false, invoker);
    }

    @Override
    public OperatorMatch resolveOperator(String name, int leftType, int rightType) {
        if (leftType == 0) {
            if (name.equals("-") && rank(rightType) > 0) {
                return new OperatorMatch(function("-", new int[] {rightType}, rightType,
                        (args, context) -> negate(args[0])), 0, rightType);
            }
            throw SqlException.of(SqlState.UNDEFINED_FUNCTION, "operator does not exist: %s %s", name, formatType(rightType, -1));
        }
        int type = unify(leftType, rightType);
        if (type < 0) {
            throw SqlException.of(SqlState.UNDEFINED_FUNCTION, "operator does not exist: %s %s %s", formatType(leftType, -1),
                    name, formatType(rightType, -1)).withHint(
                    "No operator matches the given name and argument types. You might need to add explicit type casts.");
        }
        Comparator<Object> order = comparator(type);
        int[] args = {type, type};
        FunctionHandle handle = switch (name) {
            case "=" -> function(name, args, TypeOids.BOOL, (a, c) -> order.compare(a[0], a[1]) == 0);
            case "<>" -> function(name, args, TypeOids.BOOL, (a, c) -> order.compare(a[0], a[1]) != 0);
            case "<" -> function(name, args, TypeOids.BOOL, (a, c) -> order.compare(a[0], a[1]) < 0);
            case ">" -> function(name, args, TypeOids.BOOL, (a, c) -> order.compare(a[0], a[1]) > 0);
            case "<=" -> function(name, args, TypeOids.BOOL, (a, c) -> order.compare(a[0], a[1]) <= 0);
            case ">=" -> function(name, args, TypeOids.BOOL, (a, c) -> order.compare(a[0], a[1]) >= 0);
            case "||" -> function(name, new int[] {TypeOids.TEXT, TypeOids.TEXT}, TypeOids.TEXT,
                    (a, c) -> a[0].toString() + a[1]);
            case "+", "-", "*", "/" -> rank(type) > 0 ? function(name, args, type, (a, c) -> arithmetic(name, type, a[0], a[1]))
                    : null;
            default -> null;
        };
        if (handle == null) {
            throw SqlException.of(SqlState.UNDEFINED_FUNCTION, "operator does not exist: %s %s %s", formatType(leftType, -1),
                    name, formatType(rightType, -1));
        }
        return new OperatorMatch(handle, handle.argumentTypes()[0], handle.argumentTypes()[1]);
    }

    private static Object negate(Object value) {
        return switch (value) {
            case Integer i -> -i;
            case Long l -> -l;
            default -> ((BigDecimal) value).negate();
        };
    }

    private static Object arithmetic(String op, int type, Object left, Object right) {
        if (type == TypeOids.NUMERIC) {
            BigDecimal a = (BigDecimal) left;
            BigDecimal b = (BigDecimal) right;
            return switch (op) {
                case "+" -> a.add(b);
                case "-" -> a.subtract(b);
                case "*" -> a.multiply(b);
                default -> {
                    if (b.signum() == 0) {
                        throw SqlException.of(SqlState.DIVISION_BY_ZERO, "division by zero");
                    }
                    yield a.divide(b, java.math.MathContext.DECIMAL64);
                }
            };
        }
        long a = ((Number) left).longValue();
        long b = ((Number) right).longValue();
        long result = switch (op) {
            case "+" -> a + b;
            case "-" -> a - b;
            case "*" -> a * b;
            default -> {
                if (b == 0) {
                    throw SqlException.of(SqlState.DIVISION_BY_ZERO, "division by zero");
                }
                yield a / b;
            }
        };
        if (type == TypeOids.INT4) {
            if (result != (int) result) {
                throw SqlException.of(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "integer out of range");
            }
            return (int) result;
        }
        return result;
    }

    @Override
    public FunctionMatch resolveFunction(String name, int[] argumentTypes) {
        if (name.equals("length") && argumentTypes.length == 1 && (isText(argumentTypes[0]) || argumentTypes[0] == TypeOids.UNKNOWN)) {
            return new FunctionMatch(function("length", new int[] {TypeOids.TEXT}, TypeOids.INT4,
                    (a, c) -> a[0].toString().length()), new int[] {TypeOids.TEXT});
        }
        if (name.equals("upper") && argumentTypes.length == 1) {
            return new FunctionMatch(function("upper", new int[] {TypeOids.TEXT}, TypeOids.TEXT,
                    (a, c) -> a[0].toString().toUpperCase()), new int[] {TypeOids.TEXT});
        }
        StringBuilder signature = new StringBuilder();
        for (int i = 0; i < argumentTypes.length; i++) {
            signature.append(i > 0 ? ", " : "").append(formatType(argumentTypes[i], -1));
        }
        throw SqlException.of(SqlState.UNDEFINED_FUNCTION, "function %s(%s) does not exist", name, signature);
    }

    @Override
    public AggregateMatch resolveAggregate(String name, int[] argumentTypes, boolean star) {
        return switch (name) {
            case "count" -> {
                int[] args = star ? new int[0] : new int[] {argumentTypes[0]};
                yield new AggregateMatch(new AggregateHandle("count", args, TypeOids.INT8, TypeOids.INT8, !star, () -> 0L,
                        (state, values, context) -> (Long) state + 1, null), args);
            }
            case "sum" -> {
                int result = argumentTypes[0] == TypeOids.NUMERIC ? TypeOids.NUMERIC : TypeOids.INT8;
                yield new AggregateMatch(new AggregateHandle("sum", argumentTypes, result, result, true, () -> null,
                        (state, values, context) -> add(state, values[0], result), null), argumentTypes);
            }
            case "max", "min" -> {
                Comparator<Object> order = comparator(argumentTypes[0]);
                boolean max = name.equals("max");
                yield new AggregateMatch(new AggregateHandle(name, argumentTypes, argumentTypes[0], argumentTypes[0], true,
                        () -> null, (state, values, context) -> (order.compare(values[0], state) > 0) == max ? values[0] : state,
                        null), argumentTypes);
            }
            default -> null;
        };
    }

    private static Object add(Object state, Object value, int type) {
        if (type == TypeOids.NUMERIC) {
            return state == null ? value : ((BigDecimal) state).add((BigDecimal) value);
        }
        return (state == null ? 0L : (Long) state) + ((Number) value).longValue();
    }

    @Override
    public CoercionHandle findCast(int sourceType, int targetType, CoercionContext context) {
        if (sourceType == targetType || isText(sourceType) && isText(targetType)) {
            return new CoercionHandle("relabel", sourceType, targetType, null);
        }
        int sourceRank = rank(sourceType);
        int targetRank = rank(targetType);
        if (sourceRank > 0 && targetRank > 0) {
            if (targetRank < sourceRank && context == CoercionContext.IMPLICIT) {
                return null;
            }
            return new CoercionHandle("numeric", sourceType, targetType, (value, typmod, c) -> convertNumber(value, targetType));
        }
        if (targetType == TypeOids.TEXT && context != CoercionContext.IMPLICIT) {
            PgType source = types.get(sourceType);
            return new CoercionHandle("text", sourceType, targetType, (value, typmod, c) -> source.io().output(value, null));
        }
        if (isText(sourceType) && context == CoercionContext.EXPLICIT && types.containsKey(targetType)) {
            PgType target = types.get(targetType);
            return new CoercionHandle("io", sourceType, targetType, (value, typmod, c) -> target.io().input((String) value, typmod, null));
        }
        return null;
    }

    private static Object convertNumber(Object value, int target) {
        BigDecimal decimal = value instanceof BigDecimal d ? d : BigDecimal.valueOf(((Number) value).longValue());
        return switch (target) {
            case TypeOids.INT4 -> {
                BigDecimal rounded = decimal.setScale(0, java.math.RoundingMode.HALF_UP);
                if (rounded.compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) > 0 || rounded.compareTo(BigDecimal.valueOf(Integer.MIN_VALUE)) < 0) {
                    throw SqlException.of(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "integer out of range");
                }
                yield rounded.intValue();
            }
            case TypeOids.INT8 -> decimal.setScale(0, java.math.RoundingMode.HALF_UP).longValueExact();
            default -> decimal;
        };
    }

    @Override
    public int commonType(int[] types, String construct) {
        int result = TypeOids.UNKNOWN;
        for (int type : types) {
            int unified = unify(result, type);
            if (unified < 0) {
                throw SqlException.of(SqlState.DATATYPE_MISMATCH, "%s types %s and %s cannot be matched", construct,
                        formatType(result, -1), formatType(type, -1));
            }
            result = unified;
        }
        return result == TypeOids.UNKNOWN ? TypeOids.TEXT : result;
    }

    @Override
    public Object applyTypmod(int typeOid, Object value, int typmod, boolean explicit) {
        if (typeOid == TypeOids.VARCHAR && typmod >= 4) {
            String text = (String) value;
            int max = typmod - 4;
            if (text.length() > max) {
                if (explicit) {
                    return text.substring(0, max);
                }
                throw SqlException.of(SqlState.STRING_DATA_RIGHT_TRUNCATION, "value too long for type character varying(%d)", max);
            }
        }
        return value;
    }

    @Override
    public String formatType(int typeOid, int typmod) {
        return switch (typeOid) {
            case TypeOids.INT4 -> "integer";
            case TypeOids.INT8 -> "bigint";
            case TypeOids.BOOL -> "boolean";
            case TypeOids.VARCHAR -> typmod >= 4 ? "character varying(" + (typmod - 4) + ")" : "character varying";
            default -> types.containsKey(typeOid) ? types.get(typeOid).name() : "???";
        };
    }

    @Override
    @SuppressWarnings("unchecked")
    public Comparator<Object> comparator(int typeOid) {
        return (a, b) -> ((Comparable<Object>) a).compareTo(b);
    }

    @Override
    public Object groupingKey(int typeOid, Object value) {
        return value instanceof BigDecimal decimal ? decimal.stripTrailingZeros() : value;
    }
}
