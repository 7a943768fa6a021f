package org.woolly.utils.adt;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.woolly.utils.adt.JsonPathItem.Kind;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

/**
 * Evaluates a {@link JsonPath} against a jsonb value ({@code src/backend/utils/adt/jsonpath_exec.c},
 * {@code executeItemOptUnwrapTarget} and its helpers), step for step: lax mode wraps scalars as
 * one-element arrays for array accessors, unwraps arrays for member accessors, methods and
 * arithmetic, and ignores structural errors; strict mode raises them. Errors go through
 * {@link #fail}: thrown when the call is not {@code silent}, else the item's result is
 * {@link Result#ERROR} (predicates turn it into unknown). Values are jsonb nodes (see
 * {@link Jsonb}) plus {@link JsonPathDatetime.Value} for {@code .datetime()} results.
 */
final class JsonPathExecutor {
    /** {@code JsonPathExecResult}. */
    enum Result { OK, NOT_FOUND, ERROR }

    /** {@code JsonPathBool}. */
    enum Bool { FALSE, TRUE, UNKNOWN }

    private static final BigDecimal OBJECT_ID_FACTOR = new BigDecimal(10000000000L);

    private final Object root;
    private final TreeMap<String, Object> vars;
    private final boolean lax;
    private boolean throwErrors;
    private final boolean useTz;
    private final FormatSettings settings;
    private boolean ignoreStructuralErrors;
    private Object current;
    private int innermostArraySize = -1;
    private Object baseObject;
    private long baseObjectId;
    private long lastGeneratedObjectId;

    private JsonPathExecutor(JsonPath path, Object root, TreeMap<String, Object> vars, boolean throwErrors,
                             boolean useTz, FormatSettings settings) {
        this.root = root;
        this.vars = vars;
        this.lax = path.lax();
        this.ignoreStructuralErrors = lax;
        this.throwErrors = throwErrors;
        this.useTz = useTz;
        this.settings = settings;
        this.current = root;
        this.baseObject = root;
        this.lastGeneratedObjectId = vars != null ? 2 : 1;
    }

    /**
     * {@code executeJsonPath}: the items the path yields into {@code found} (null when only
     * existence matters), or ERROR when an error was suppressed.
     */
    static Result execute(JsonPath path, Object json, Object varsNode, boolean throwErrors, boolean useTz,
                          FormatSettings settings, List<Object> found) {
        TreeMap<String, Object> vars = null;
        if (varsNode != null) {
            vars = Jsonb.asObject(varsNode);
            if (vars == null) {
                throw new SqlException(SqlState.INVALID_PARAMETER_VALUE, "\"vars\" argument is not an object")
                        .withDetail("Jsonpath parameters should be encoded as key-value pairs of \"vars\" object.");
            }
        }
        JsonPathExecutor executor = new JsonPathExecutor(path, json, vars, throwErrors, useTz, settings);
        try {
            return executor.run(path, json, found);
        } catch (StackOverflowError e) {
            throw JsonPathParser.stackDepthExceeded();
        }
    }

    private Result run(JsonPath path, Object json, List<Object> found) {
        if (!lax && found == null) {
            // strict mode must see every item to find an error anywhere
            List<Object> values = new ArrayList<>();
            Result result = executeItem(path.root(), json, values);
            if (result == Result.ERROR) {
                return result;
            }
            return values.isEmpty() ? Result.NOT_FOUND : Result.OK;
        }
        return executeItem(path.root(), json, found);
    }

    private Result fail(SqlState state, String message) {
        if (throwErrors) {
            throw new SqlException(state, message);
        }
        return Result.ERROR;
    }

    private boolean strictAbsenceOfErrors() {
        return !lax;
    }

    static boolean isArray(Object node) {
        return node instanceof List<?>;
    }

    static boolean isObject(Object node) {
        return node instanceof TreeMap<?, ?>;
    }

    private Result executeItem(JsonPathItem item, Object value, List<Object> found) {
        return execute(item, value, found, lax);
    }

    /** {@code executeNextItem}: the next accessor on {@code value}, or {@code value} itself into {@code found}. */
    private Result next(JsonPathItem item, Object value, List<Object> found) {
        if (item.next != null) {
            return executeItem(item.next, value, found);
        }
        if (found != null) {
            found.add(value);
        }
        return Result.OK;
    }

    /** {@code executeItemUnwrapTargetArray}: {@code item} on each element of {@code array}. */
    private Result unwrapTargetArray(JsonPathItem item, Object array, List<Object> found, boolean unwrapElements) {
        return anyItem(item, array, found, 1, 1, 1, false, unwrapElements);
    }

    private Result execute(JsonPathItem item, Object value, List<Object> found, boolean unwrap) {
        org.woolly.utils.misc.Interrupts.check();
        switch (item.kind) {
            case NULL, BOOL, NUMERIC, STRING, VARIABLE: {
                if (item.next == null && found == null && item.kind != Kind.VARIABLE) {
                    return Result.OK;
                }
                Object savedBase = baseObject;
                long savedId = baseObjectId;
                Object literal = literal(item);
                Result result = next(item, literal, found);
                baseObject = savedBase;
                baseObjectId = savedId;
                return result;
            }
            case AND, OR, NOT, IS_UNKNOWN, EQUAL, NOT_EQUAL, LESS, GREATER, LESS_OR_EQUAL, GREATER_OR_EQUAL,
                 EXISTS, STARTS_WITH, LIKE_REGEX: {
                Bool bool = executeBool(item, value);
                if (found == null) {
                    return Result.OK;
                }
                return next(item, bool == Bool.UNKNOWN ? Jsonb.NULL : (Object) (bool == Bool.TRUE), found);
            }
            case ADD, SUB, MUL, DIV, MOD:
                return binaryArithmetic(item, value, found);
            case PLUS, MINUS:
                return unaryArithmetic(item, value, found);
            case FILTER: {
                if (unwrap && isArray(value)) {
                    return unwrapTargetArray(item, value, found, false);
                }
                Bool bool = nestedBool(item.left, value);
                return bool != Bool.TRUE ? Result.NOT_FOUND : next(item, value, found);
            }
            case ANY: {
                Result result = Result.NOT_FOUND;
                if (item.first == 0) {
                    boolean saved = ignoreStructuralErrors;
                    ignoreStructuralErrors = true;
                    result = next(item, value, found);
                    ignoreStructuralErrors = saved;
                    if (result == Result.OK && found == null) {
                        return result;
                    }
                }
                if (isArray(value) || isObject(value)) {
                    result = anyItem(item.next, value, found, 1, item.first, item.last, true, lax);
                }
                return result;
            }
            case KEY:
                return key(item, value, found, unwrap);
            case ROOT: {
                Object savedBase = baseObject;
                long savedId = baseObjectId;
                baseObject = root;
                baseObjectId = 0;
                Result result = next(item, root, found);
                baseObject = savedBase;
                baseObjectId = savedId;
                return result;
            }
            case CURRENT:
                return next(item, current, found);
            case ANY_ARRAY:
                if (isArray(value)) {
                    return unwrapTargetArray(item.next, value, found, lax);
                }
                if (lax) {
                    return next(item, value, found);
                }
                if (!ignoreStructuralErrors) {
                    return fail(SqlState.SQL_JSON_ARRAY_NOT_FOUND,
                            "jsonpath wildcard array accessor can only be applied to an array");
                }
                return Result.NOT_FOUND;
            case INDEX_ARRAY:
                return indexArray(item, value, found);
            case LAST: {
                if (innermostArraySize < 0) {
                    throw new SqlException(SqlState.INTERNAL_ERROR,
                            "evaluating jsonpath LAST outside of array subscript");
                }
                if (item.next == null && found == null) {
                    return Result.OK;
                }
                return next(item, BigDecimal.valueOf(innermostArraySize - 1L), found);
            }
            case ANY_KEY:
                if (isObject(value)) {
                    return anyItem(item.next, value, found, 1, 1, 1, false, lax);
                }
                if (unwrap && isArray(value)) {
                    return unwrapTargetArray(item, value, found, false);
                }
                if (!ignoreStructuralErrors) {
                    return fail(SqlState.SQL_JSON_OBJECT_NOT_FOUND,
                            "jsonpath wildcard member accessor can only be applied to an object");
                }
                return Result.NOT_FOUND;
            case TYPE:
                return next(item, typeName(value), found);
            case SIZE: {
                int size;
                if (value instanceof List<?> list) {
                    size = list.size();
                } else if (lax) {
                    size = 1;
                } else {
                    if (!ignoreStructuralErrors) {
                        return fail(SqlState.SQL_JSON_ARRAY_NOT_FOUND,
                                "jsonpath item method .size() can only be applied to an array");
                    }
                    return Result.NOT_FOUND;
                }
                return next(item, BigDecimal.valueOf(size), found);
            }
            case ABS, FLOOR, CEILING:
                return numericMethod(item, value, found, unwrap);
            case DOUBLE:
                return doubleMethod(item, value, found, unwrap);
            case DATETIME:
                if (unwrap && isArray(value)) {
                    return unwrapTargetArray(item, value, found, false);
                }
                return datetime(item, value, found);
            case KEY_VALUE:
                return keyValue(item, value, found, unwrap);
            default:
                throw new SqlException(SqlState.INTERNAL_ERROR, "unrecognized jsonpath item type: " + item.kind);
        }
    }

    private Object literal(JsonPathItem item) {
        return switch (item.kind) {
            case NULL -> Jsonb.NULL;
            case BOOL -> item.bool;
            case NUMERIC -> item.number;
            case STRING -> item.text;
            default -> variable(item.text);
        };
    }

    /** {@code getJsonPathVariable}: a variable's value, whose objects take the vars object as their base. */
    private Object variable(String name) {
        Object value = vars == null ? null : vars.get(name);
        if (value == null) {
            throw new SqlException(SqlState.UNDEFINED_OBJECT, "could not find jsonpath variable \"" + name + "\"");
        }
        baseObject = vars;
        baseObjectId = 1;
        return value;
    }

    private static String typeName(Object value) {
        if (value instanceof JsonPathDatetime.Value datetime) {
            return datetime.typeName();
        }
        return Jsonb.typeName(value);
    }

    private Result key(JsonPathItem item, Object value, List<Object> found, boolean unwrap) {
        TreeMap<String, Object> object = Jsonb.asObject(value);
        if (object != null) {
            Object member = object.get(item.text);
            if (member != null) {
                return next(item, member, found);
            }
            if (!ignoreStructuralErrors) {
                if (!throwErrors) {
                    return Result.ERROR;
                }
                throw new SqlException(SqlState.SQL_JSON_MEMBER_NOT_FOUND,
                        "JSON object does not contain key \"" + item.text + "\"");
            }
            return Result.NOT_FOUND;
        }
        if (unwrap && isArray(value)) {
            return unwrapTargetArray(item, value, found, false);
        }
        if (!ignoreStructuralErrors) {
            return fail(SqlState.SQL_JSON_MEMBER_NOT_FOUND, "jsonpath member accessor can only be applied to an object");
        }
        return Result.NOT_FOUND;
    }

    /**
     * {@code executeAnyItem}: {@code item} (or the values themselves when it is null) on the
     * members of a container from {@code level} down to {@code last}, those from {@code first} on;
     * {@code **{last}} selects the leaves.
     */
    private Result anyItem(JsonPathItem item, Object container, List<Object> found, long level, long first, long last,
                           boolean ignoreStructural, boolean unwrapNext) {
        Result result = Result.NOT_FOUND;
        if (level > last) {
            return result;
        }
        Iterable<Object> children = isArray(container) ? Jsonb.asArray(container) : Jsonb.asObject(container).values();
        for (Object child : children) {
            boolean childIsContainer = isArray(child) || isObject(child);
            if (level >= first || (first == JsonPathItem.LAST_LEVEL && last == JsonPathItem.LAST_LEVEL
                    && !childIsContainer)) {
                if (item != null) {
                    if (ignoreStructural) {
                        boolean saved = ignoreStructuralErrors;
                        ignoreStructuralErrors = true;
                        result = execute(item, child, found, unwrapNext);
                        ignoreStructuralErrors = saved;
                    } else {
                        result = execute(item, child, found, unwrapNext);
                    }
                    if (result == Result.ERROR || (result == Result.OK && found == null)) {
                        return result;
                    }
                } else if (found != null) {
                    found.add(child);
                } else {
                    return Result.OK;
                }
            }
            if (level < last && childIsContainer) {
                result = anyItem(item, child, found, level + 1, first, last, ignoreStructural, unwrapNext);
                if (result == Result.ERROR || (result == Result.OK && found == null)) {
                    return result;
                }
            }
        }
        return result;
    }

    private Result indexArray(JsonPathItem item, Object value, List<Object> found) {
        if (!isArray(value) && !lax) {
            if (!ignoreStructuralErrors) {
                return fail(SqlState.SQL_JSON_ARRAY_NOT_FOUND, "jsonpath array accessor can only be applied to an array");
            }
            return Result.NOT_FOUND;
        }
        List<Object> array = Jsonb.asArray(value);
        int savedSize = innermostArraySize;
        boolean singleton = array == null;
        int size = singleton ? 1 : array.size();
        innermostArraySize = size;
        Result result = Result.NOT_FOUND;
        try {
            for (JsonPathItem[] subscript : item.subscripts) {
                int[] from = new int[1];
                result = arrayIndex(subscript[0], value, from);
                if (result == Result.ERROR) {
                    break;
                }
                int[] to = from.clone();
                if (subscript.length > 1) {
                    to = new int[1];
                    result = arrayIndex(subscript[1], value, to);
                    if (result == Result.ERROR) {
                        break;
                    }
                }
                int indexFrom = from[0];
                int indexTo = to[0];
                if (!ignoreStructuralErrors && (indexFrom < 0 || indexFrom > indexTo || indexTo >= size)) {
                    return fail(SqlState.INVALID_SQL_JSON_SUBSCRIPT, "jsonpath array subscript is out of bounds");
                }
                indexFrom = Math.max(indexFrom, 0);
                indexTo = Math.min(indexTo, size - 1);
                result = Result.NOT_FOUND;
                for (int index = indexFrom; index <= indexTo; index++) {
                    Object element = singleton ? value : array.get(index);
                    if (item.next == null && found == null) {
                        return Result.OK;
                    }
                    result = next(item, element, found);
                    if (result == Result.ERROR || (result == Result.OK && found == null)) {
                        break;
                    }
                }
                if (result == Result.ERROR || (result == Result.OK && found == null)) {
                    break;
                }
            }
        } finally {
            innermostArraySize = savedSize;
        }
        return result;
    }

    /** {@code getArrayIndex}: a subscript's single numeric value, truncated to int4. */
    private Result arrayIndex(JsonPathItem subscript, Object value, int[] index) {
        List<Object> values = new ArrayList<>();
        Result result = executeItem(subscript, value, values);
        if (result == Result.ERROR) {
            return result;
        }
        if (values.size() != 1 || !(values.get(0) instanceof BigDecimal number)) {
            return fail(SqlState.INVALID_SQL_JSON_SUBSCRIPT, "jsonpath array subscript is not a single numeric value");
        }
        BigDecimal truncated = number.setScale(0, RoundingMode.DOWN);
        if (truncated.compareTo(BigDecimal.valueOf(Integer.MIN_VALUE)) < 0
                || truncated.compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) > 0) {
            return fail(SqlState.INVALID_SQL_JSON_SUBSCRIPT, "jsonpath array subscript is out of integer range");
        }
        index[0] = truncated.intValue();
        return Result.OK;
    }

    /** {@code executeItemOptUnwrapResult}: the item's values, arrays among them unwrapped in lax mode. */
    private Result unwrappedValues(JsonPathItem item, Object value, boolean unwrap, List<Object> found) {
        if (unwrap && lax) {
            List<Object> values = new ArrayList<>();
            Result result = executeItem(item, value, values);
            if (result == Result.ERROR) {
                return result;
            }
            for (Object element : values) {
                if (isArray(element)) {
                    unwrapTargetArray(null, element, found, false);
                } else {
                    found.add(element);
                }
            }
            return Result.OK;
        }
        return executeItem(item, value, found);
    }

    /** {@code executeItemOptUnwrapResultNoThrow}: {@link #unwrappedValues} with errors suppressed, as predicates need. */
    private Result unwrappedValuesNoThrow(JsonPathItem item, Object value, boolean unwrap, List<Object> found) {
        boolean saved = throwErrors;
        throwErrors = false;
        try {
            return unwrappedValues(item, value, unwrap, found);
        } finally {
            throwErrors = saved;
        }
    }

    private Result binaryArithmetic(JsonPathItem item, Object value, List<Object> found) {
        List<Object> left = new ArrayList<>();
        Result result = unwrappedValues(item.left, value, true, left);
        if (result == Result.ERROR) {
            return result;
        }
        List<Object> right = new ArrayList<>();
        result = unwrappedValues(item.right, value, true, right);
        if (result == Result.ERROR) {
            return result;
        }
        if (left.size() != 1 || !(left.get(0) instanceof BigDecimal a)) {
            return fail(SqlState.SINGLETON_SQL_JSON_ITEM_REQUIRED,
                    "left operand of jsonpath operator " + item.kind.operator + " is not a single numeric value");
        }
        if (right.size() != 1 || !(right.get(0) instanceof BigDecimal b)) {
            return fail(SqlState.SINGLETON_SQL_JSON_ITEM_REQUIRED,
                    "right operand of jsonpath operator " + item.kind.operator + " is not a single numeric value");
        }
        return nextComputed(item, found, () -> switch (item.kind) {
            case ADD -> NumericOperators.add(a, b);
            case SUB -> NumericOperators.subtract(a, b);
            case MUL -> NumericOperators.multiply(a, b);
            case DIV -> NumericOperators.divide(a, b);
            default -> NumericOperators.modulo(a, b);
        });
    }

    /**
     * The next accessor on a computed value; an error of the computation (division by zero, a
     * datetime that does not parse) is suppressed as {@code *_opt_error} calls are when silent.
     */
    private Result nextComputed(JsonPathItem item, List<Object> found, java.util.function.Supplier<Object> computation) {
        Object computed;
        try {
            computed = computation.get();
        } catch (SqlException e) {
            if (throwErrors) {
                throw e;
            }
            return Result.ERROR;
        }
        if (item.next == null && found == null) {
            return Result.OK;
        }
        return next(item, computed, found);
    }

    private Result unaryArithmetic(JsonPathItem item, Object value, List<Object> found) {
        List<Object> values = new ArrayList<>();
        Result result = unwrappedValues(item.left, value, true, values);
        if (result == Result.ERROR) {
            return result;
        }
        result = Result.NOT_FOUND;
        boolean hasNext = item.next != null;
        for (Object element : values) {
            if (element instanceof BigDecimal number) {
                if (found == null && !hasNext) {
                    return Result.OK;
                }
                Result nextResult = next(item, item.kind == Kind.MINUS ? number.negate() : number, found);
                if (nextResult == Result.ERROR) {
                    return nextResult;
                }
                if (nextResult == Result.OK) {
                    if (found == null) {
                        return Result.OK;
                    }
                    result = Result.OK;
                }
            } else {
                if (found == null && !hasNext) {
                    continue;
                }
                return fail(SqlState.SQL_JSON_NUMBER_NOT_FOUND,
                        "operand of unary jsonpath operator " + item.kind.operator + " is not a numeric value");
            }
        }
        return result;
    }

    private Result numericMethod(JsonPathItem item, Object value, List<Object> found, boolean unwrap) {
        if (unwrap && isArray(value)) {
            return unwrapTargetArray(item, value, found, false);
        }
        if (!(value instanceof BigDecimal number)) {
            return fail(SqlState.NON_NUMERIC_SQL_JSON_ITEM, "jsonpath item method ." + item.kind.operator
                    + "() can only be applied to a numeric value");
        }
        BigDecimal computed = switch (item.kind) {
            case ABS -> number.abs();
            case FLOOR -> number.setScale(0, RoundingMode.FLOOR);
            default -> number.setScale(0, RoundingMode.CEILING);
        };
        if (item.next == null && found == null) {
            return Result.OK;
        }
        return next(item, computed, found);
    }

    private Result doubleMethod(JsonPathItem item, Object value, List<Object> found, boolean unwrap) {
        if (unwrap && isArray(value)) {
            return unwrapTargetArray(item, value, found, false);
        }
        Object result;
        if (value instanceof BigDecimal number) {
            if (Double.isInfinite(number.doubleValue())) {
                return fail(SqlState.NON_NUMERIC_SQL_JSON_ITEM, "numeric argument of jsonpath item method .double() "
                        + "is out of range for type double precision");
            }
            result = number;
        } else if (value instanceof String text) {
            double parsed;
            try {
                parsed = FloatIO.parseDouble(text, "double precision", false);
            } catch (SqlException e) {
                parsed = Double.NaN;
            }
            if (Double.isNaN(parsed) || Double.isInfinite(parsed)) {
                return fail(SqlState.NON_NUMERIC_SQL_JSON_ITEM, "string argument of jsonpath item method .double() "
                        + "is not a valid representation of a double precision number");
            }
            result = BuiltinFunctions.cast(TypeOids.FLOAT8, TypeOids.NUMERIC).apply(parsed, -1, null);
        } else {
            return fail(SqlState.NON_NUMERIC_SQL_JSON_ITEM,
                    "jsonpath item method .double() can only be applied to a string or numeric value");
        }
        return next(item, result, found);
    }

    /**
     * {@code executeKeyValueMethod}: one {@code {"key", "value", "id"}} object per member, the id
     * naming the object by its base (0 for the root, 1 for vars, then generated ones) times 10^10
     * plus its byte offset inside that base's binary jsonb ({@link JsonbLayout}).
     */
    private Result keyValue(JsonPathItem item, Object value, List<Object> found, boolean unwrap) {
        if (unwrap && isArray(value)) {
            return unwrapTargetArray(item, value, found, false);
        }
        TreeMap<String, Object> object = Jsonb.asObject(value);
        if (object == null) {
            return fail(SqlState.SQL_JSON_OBJECT_NOT_FOUND,
                    "jsonpath item method .keyvalue() can only be applied to an object");
        }
        if (object.isEmpty()) {
            return Result.NOT_FOUND;
        }
        BigDecimal id = BigDecimal.valueOf(JsonbLayout.offsetOf(baseObject, value))
                .add(OBJECT_ID_FACTOR.multiply(BigDecimal.valueOf(baseObjectId)));
        Result result = Result.NOT_FOUND;
        for (Map.Entry<String, Object> member : object.entrySet()) {
            TreeMap<String, Object> pair = new TreeMap<>(Jsonb.KEY_ORDER);
            pair.put("key", member.getKey());
            pair.put("value", member.getValue());
            pair.put("id", id);
            Object savedBase = baseObject;
            long savedId = baseObjectId;
            baseObject = pair;
            baseObjectId = lastGeneratedObjectId++;
            result = next(item, pair, found);
            baseObject = savedBase;
            baseObjectId = savedId;
            if (result == Result.ERROR || (result == Result.OK && found == null)) {
                return result;
            }
        }
        return result;
    }

    private Result datetime(JsonPathItem item, Object value, List<Object> found) {
        if (!(value instanceof String text)) {
            return fail(SqlState.INVALID_ARGUMENT_FOR_SQL_JSON_DATETIME_FUNCTION,
                    "jsonpath item method .datetime() can only be applied to a string");
        }
        return nextComputed(item, found,
                () -> JsonPathDatetime.parse(text, item.left == null ? null : item.left.text, useTz, settings));
    }

    private Bool nestedBool(JsonPathItem item, Object value) {
        Object saved = current;
        current = value;
        try {
            return executeBool(item, value);
        } finally {
            current = saved;
        }
    }

    private Bool executeBool(JsonPathItem item, Object value) {
        switch (item.kind) {
            case AND: {
                Bool left = executeBool(item.left, value);
                if (left == Bool.FALSE) {
                    return left;
                }
                Bool right = executeBool(item.right, value);
                return right == Bool.TRUE ? left : right;
            }
            case OR: {
                Bool left = executeBool(item.left, value);
                if (left == Bool.TRUE) {
                    return left;
                }
                Bool right = executeBool(item.right, value);
                return right == Bool.FALSE ? left : right;
            }
            case NOT: {
                Bool argument = executeBool(item.left, value);
                return argument == Bool.UNKNOWN ? argument : argument == Bool.TRUE ? Bool.FALSE : Bool.TRUE;
            }
            case IS_UNKNOWN:
                return executeBool(item.left, value) == Bool.UNKNOWN ? Bool.TRUE : Bool.FALSE;
            case EXISTS: {
                if (strictAbsenceOfErrors()) {
                    List<Object> values = new ArrayList<>();
                    Result result = unwrappedValuesNoThrow(item.left, value, false, values);
                    if (result == Result.ERROR) {
                        return Bool.UNKNOWN;
                    }
                    return values.isEmpty() ? Bool.FALSE : Bool.TRUE;
                }
                Result result = unwrappedValuesNoThrow(item.left, value, false, null);
                if (result == Result.ERROR) {
                    return Bool.UNKNOWN;
                }
                return result == Result.OK ? Bool.TRUE : Bool.FALSE;
            }
            default:
                return predicate(item, value);
        }
    }

    /** {@code executePredicate}: the predicate over every pair of left and right operand values. */
    private Bool predicate(JsonPathItem item, Object value) {
        List<Object> left = new ArrayList<>();
        if (unwrappedValuesNoThrow(item.left, value, true, left)
                == Result.ERROR) {
            return Bool.UNKNOWN;
        }
        List<Object> right = null;
        if (item.kind != Kind.LIKE_REGEX) {
            right = new ArrayList<>();
            if (unwrappedValuesNoThrow(item.right, value, item.kind != Kind.STARTS_WITH, right) == Result.ERROR) {
                return Bool.UNKNOWN;
            }
        }
        boolean error = false;
        boolean found = false;
        for (Object leftValue : left) {
            int count = right == null ? 1 : right.size();
            for (int i = 0; i < count; i++) {
                Bool result = switch (item.kind) {
                    case STARTS_WITH -> startsWith(leftValue, right.get(i));
                    case LIKE_REGEX -> likeRegex(item, leftValue);
                    default -> JsonPathComparison.compare(item.kind, leftValue, right.get(i), useTz, settings);
                };
                if (result == Bool.UNKNOWN) {
                    if (strictAbsenceOfErrors()) {
                        return Bool.UNKNOWN;
                    }
                    error = true;
                } else if (result == Bool.TRUE) {
                    if (!strictAbsenceOfErrors()) {
                        return Bool.TRUE;
                    }
                    found = true;
                }
            }
        }
        if (found) {
            return Bool.TRUE;
        }
        return error ? Bool.UNKNOWN : Bool.FALSE;
    }

    private static Bool startsWith(Object whole, Object initial) {
        if (!(whole instanceof String text) || !(initial instanceof String prefix)) {
            return Bool.UNKNOWN;
        }
        return text.startsWith(prefix) ? Bool.TRUE : Bool.FALSE;
    }

    private static Bool likeRegex(JsonPathItem item, Object value) {
        if (!(value instanceof String text)) {
            return Bool.UNKNOWN;
        }
        return item.regex.matcher(text).find() ? Bool.TRUE : Bool.FALSE;
    }
}
