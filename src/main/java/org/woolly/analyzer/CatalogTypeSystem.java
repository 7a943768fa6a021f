package org.woolly.analyzer;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.IntUnaryOperator;
import org.woolly.access.transam.Transaction;
import org.woolly.catalog.CatalogAccess;
import org.woolly.catalog.CatalogNameLookup;
import org.woolly.catalog.EnumLabel;
import org.woolly.catalog.TypeInfo;
import org.woolly.nodes.query.AggregateHandle;
import org.woolly.nodes.query.CoercionHandle;
import org.woolly.nodes.query.FunctionHandle;
import org.woolly.utils.adt.BuiltinFunctions;
import org.woolly.utils.adt.BuiltinTypes;
import org.woolly.utils.adt.EnumTypeIO;
import org.woolly.utils.adt.FormatSettings;
import org.woolly.utils.adt.PgType;
import org.woolly.utils.adt.TypeOids;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

/**
 * The type system of one statement: the built-in one, plus the user-defined types of the
 * statement's catalog. An enum type gets the comparison operators of {@code anyenum}
 * ({@code enum_eq} ... {@code enum_ge} of {@code enum.c}) and I/O conversion casts to and from
 * the string types ({@code COERCION_PATH_COERCEVIAIO} of {@code parse_coerce.c}).
 */
final class CatalogTypeSystem implements TypeSystem {
    /** The {@code anyenum} comparison operators: name to pg_operator OID. */
    private static final Map<String, Integer> ENUM_OPERATORS = Map.of("=", 3516, "<>", 3517, "<", 3518, ">", 3519,
            "<=", 3520, ">=", 3521);

    private final TypeSystem builtin;
    private final CatalogAccess catalog;
    private final Transaction transaction;
    private final CompositeTypes composites;

    private CatalogTypeSystem(TypeSystem builtin, CatalogAccess catalog, Transaction transaction) {
        // errors of the built-in resolution name the catalog's types too ("function f(mood) does not exist")
        this.builtin = builtin instanceof BuiltinTypeSystem plain ? plain.naming(oid -> formatType(oid, -1)) : builtin;
        this.catalog = catalog;
        this.transaction = transaction;
        this.composites = new CompositeTypes(this, catalog, transaction);
    }

    /** The built-in type system extended with the catalog's types (itself when already extended or no catalog). */
    static TypeSystem over(TypeSystem types, CatalogAccess catalog, Transaction transaction) {
        if (types instanceof CatalogTypeSystem || catalog == null || transaction == null) {
            return types;
        }
        return new CatalogTypeSystem(types, catalog, transaction);
    }

    private TypeInfo enumType(int typeOid) {
        if (typeOid == 0 || BuiltinTypes.byOid(typeOid) != null) {
            return null;
        }
        return catalog.typeByOid(transaction, typeOid).filter(type -> type.typtype() == 'e').orElse(null);
    }

    /** The type a value of that type has: a domain's base type (through domains over domains), else itself. */
    private int base(int typeOid) {
        if (typeOid == 0 || BuiltinTypes.byOid(typeOid) != null) {
            return typeOid;
        }
        return catalog.domain(transaction, typeOid).map(domain -> base(domain.baseTypeOid())).orElse(typeOid);
    }

    private int[] bases(int[] types) {
        int[] mapped = types.clone();
        for (int i = 0; i < mapped.length; i++) {
            mapped[i] = base(mapped[i]);
        }
        return mapped;
    }

    @Override
    public PgType type(int oid) {
        PgType type = builtin.type(oid);
        if (type != null) {
            return type;
        }
        int base = base(oid);
        if (base != oid) {
            return type(base);
        }
        TypeInfo array = oid == 0 ? null : catalog.typeByOid(transaction, oid)
                .filter(row -> row.category() == 'A' && row.elementOid() != 0).orElse(null);
        if (array != null) {
            // an array over an enum, composite or domain: array_in/array_out over the element's I/O
            return new PgType(oid, array.name(), (short) -1, false, array.align(), 'A', false, 0,
                    new org.woolly.utils.adt.ArrayIO(array.elementOid()));
        }
        if (oid != 0 && catalog.userRange(transaction, oid).isPresent()) {
            TypeInfo range = catalog.typeByOid(transaction, oid).orElseThrow();
            return new PgType(oid, range.name(), (short) -1, false, range.align(), 'R', false, range.arrayOid(),
                    org.woolly.utils.adt.RangeIO.of(oid));
        }
        TypeInfo enumType = enumType(oid);
        return enumType == null ? composites.type(oid)
                : new EnumTypeIO(oid, formatType(oid, -1)).asType(enumType.arrayOid());
    }

    @Override
    public OperatorMatch resolveOperator(String name, int leftType, int rightType) {
        // a domain's values take the base type's operators (getBaseType in oper_select_candidate)
        leftType = base(leftType);
        rightType = base(rightType);
        OperatorMatch composite = composites.resolveOperator(name, leftType, rightType);
        if (composite != null) {
            return composite;
        }
        Integer operatorOid = ENUM_OPERATORS.get(name);
        if (operatorOid != null && leftType != 0) {
            int enumOid = enumType(leftType) != null ? leftType : enumType(rightType) != null ? rightType : 0;
            int other = enumOid == leftType ? rightType : leftType;
            if (enumOid != 0 && (other == enumOid || other == TypeOids.UNKNOWN)) {
                return new OperatorMatch(comparison(operatorOid, name, enumOid), enumOid, enumOid);
            }
        }
        return builtin.resolveOperator(name, leftType, rightType);
    }

    private static FunctionHandle comparison(int operatorOid, String name, int enumOid) {
        return comparison(operatorOid, name, enumOid, EnumTypeIO.ORDERING);
    }

    /** A comparison operator ({@code = <> < > <= >=}) of a type over {@code order}, strict, returning bool. */
    static FunctionHandle comparison(int operatorOid, String name, int type, Comparator<Object> order) {
        return new FunctionHandle(operatorOid, name, new int[] {type, type}, TypeOids.BOOL, true, false,
                (args, context) -> {
                    int compared = order.compare(args[0], args[1]);
                    return switch (name) {
                        case "=" -> compared == 0;
                        case "<>" -> compared != 0;
                        case "<" -> compared < 0;
                        case ">" -> compared > 0;
                        case "<=" -> compared <= 0;
                        default -> compared >= 0;
                    };
                });
    }

    @Override
    public FunctionMatch resolveFunction(String name, int[] argumentTypes) {
        boolean first = name.equals("enum_first");
        if ((first || name.equals("enum_last")) && argumentTypes.length == 1 && enumType(argumentTypes[0]) != null) {
            List<EnumLabel> labels = catalog.enumLabels(transaction, argumentTypes[0]);
            Integer value = labels.isEmpty() ? null : (first ? labels.getFirst() : labels.getLast()).oid();
            return new FunctionMatch(new FunctionHandle(first ? 3528 : 3529, name, argumentTypes.clone(),
                    argumentTypes[0], false, false, (args, context) -> value), argumentTypes.clone());
        }
        FunctionMatch overEnum = resolveOverAnyenum(name, argumentTypes);
        if (overEnum != null) {
            return overEnum;
        }
        try {
            return resolveOverBases(name, argumentTypes);
        } catch (SqlException noMatch) {
            FunctionMatch constructor = noMatch.sqlState() == SqlState.UNDEFINED_FUNCTION
                    ? UserRangeConstructors.resolve(this, catalog, transaction, name, argumentTypes) : null;
            if (constructor == null) {
                throw noMatch;
            }
            return constructor;
        }
    }

    private FunctionMatch resolveOverBases(String name, int[] argumentTypes) {
        int[] bases = bases(argumentTypes);
        if (Arrays.equals(bases, argumentTypes)) {
            return builtin.resolveFunction(name, argumentTypes);
        }
        try {
            // a function over "any" (pg_typeof) takes the domain's value as it is
            return builtin.resolveFunction(name, argumentTypes);
        } catch (SqlException noMatch) {
            if (noMatch.sqlState() != SqlState.UNDEFINED_FUNCTION) {
                throw noMatch;
            }
            // else a domain's values take the base type's functions (func_select_candidate reduces
            // domains to base types)
            return builtin.resolveFunction(name, bases);
        }
    }

    /**
     * A call whose arguments include values of one enum type, resolved against the built-in
     * functions declared over {@code anyenum} ({@code enum_out(anyenum)}, ...): the enum type binds
     * {@code anyenum}, as {@code enforce_generic_type_consistency} does; unknown arguments in an
     * {@code anyenum} position become that type. Null when there is no enum argument, arguments of
     * two enum types, or no function of that name over {@code anyenum} (then the usual resolution
     * follows: {@code pg_typeof("any")} keeps seeing the enum type itself).
     */
    private FunctionMatch resolveOverAnyenum(String name, int[] argumentTypes) {
        int enumOid = 0;
        int[] generic = argumentTypes.clone();
        for (int i = 0; i < generic.length; i++) {
            if (enumType(generic[i]) != null) {
                if (enumOid != 0 && enumOid != generic[i]) {
                    return null;
                }
                enumOid = generic[i];
                generic[i] = TypeOids.ANYENUM;
            }
        }
        if (enumOid == 0 || BuiltinFunctions.byName(name).stream()
                .noneMatch(function -> Arrays.stream(function.argumentTypes()).anyMatch(type -> type == TypeOids.ANYENUM))) {
            return null;
        }
        FunctionMatch match;
        try {
            match = builtin.resolveFunction(name, generic);
        } catch (SqlException notOverAnyenum) {
            return null;
        }
        FunctionHandle function = match.function();
        int bound = enumOid;
        IntUnaryOperator bind = type -> type == TypeOids.ANYENUM ? bound : type;
        int[] declared = Arrays.stream(function.argumentTypes()).map(bind).toArray();
        int[] targets = Arrays.stream(match.argumentTargets()).map(bind).toArray();
        return new FunctionMatch(new FunctionHandle(function.oid(), function.name(), declared,
                bind.applyAsInt(function.resultType()), function.strict(), function.isVolatile(), function.invoker(),
                function.returnsSet()), targets);
    }

    @Override
    public AggregateMatch resolveAggregate(String name, int[] argumentTypes, boolean star) {
        return resolveAggregate(null, name, argumentTypes, star);
    }

    @Override
    public AggregateMatch resolveAggregate(String schema, String name, int[] argumentTypes, boolean star) {
        boolean larger = name.equals("max");
        if ((larger || name.equals("min")) && argumentTypes.length == 1 && enumType(argumentTypes[0]) != null) {
            // max(anyenum) / min(anyenum): enum_larger / enum_smaller as a strict transition
            Comparator<Object> order = EnumTypeIO.ORDERING;
            return new AggregateMatch(new AggregateHandle(name, argumentTypes.clone(), argumentTypes[0],
                    argumentTypes[0], true, () -> null, (state, args, context) -> state == null
                    || order.compare(args[0], state) > 0 == larger && order.compare(args[0], state) != 0
                    ? args[0] : state, null), argumentTypes.clone());
        }
        AggregateMatch user = new UserAggregates(this, builtin, catalog, transaction).resolve(schema, name,
                argumentTypes, star);
        if (user != null) {
            return user;
        }
        return builtin.resolveAggregate(name, bases(argumentTypes), star);
    }

    @Override
    public CoercionHandle findCast(int sourceType, int targetType, CoercionContext context) {
        int sourceBase = base(sourceType);
        if (sourceBase != sourceType) {
            // a domain's value is its base type's, relabeled (COERCION_PATH_RELABELTYPE)
            return sourceBase == targetType ? new CoercionHandle("domain_relabel", sourceType, targetType, null)
                    : findCast(sourceBase, targetType, context);
        }
        int targetBase = base(targetType);
        if (targetBase != targetType) {
            // to a domain: the cast to its base type (Coercions adds the domain's checks when it coerces)
            return targetBase == sourceType ? new CoercionHandle("domain_relabel", sourceType, targetType, null)
                    : findCast(sourceType, targetBase, context);
        }
        CoercionHandle user = UserCasts.find(this, catalog, transaction, sourceType, targetType, context);
        if (user != null) {
            return user;
        }
        CoercionHandle array = arrayCoercion(sourceType, targetType, context);
        if (array != null) {
            return array;
        }
        CoercionHandle composite = sourceType == targetType ? null
                : composites.findCast(sourceType, targetType, context);
        if (composite != null) {
            return composite;
        }
        boolean toString = BuiltinTypes.byOid(targetType) != null && BuiltinTypes.category(targetType) == 'S';
        boolean fromString = BuiltinTypes.byOid(sourceType) != null && BuiltinTypes.category(sourceType) == 'S';
        CoercionHandle range = UserRangeConstructors.cast(catalog, transaction, sourceType, targetType, context);
        if (range != null) {
            return range;
        }
        if (toString && context != CoercionContext.IMPLICIT && enumType(sourceType) != null) {
            EnumTypeIO io = new EnumTypeIO(sourceType, formatType(sourceType, -1));
            return new CoercionHandle("enum_out", sourceType, targetType, (value, typmod, evaluation) -> {
                Object text = io.output(value, FormatSettings.DEFAULT);
                return typmod < 0 ? text : builtin.applyTypmod(targetType, text, typmod, true);
            });
        }
        if (fromString && context == CoercionContext.EXPLICIT && enumType(targetType) != null) {
            EnumTypeIO io = new EnumTypeIO(targetType, formatType(targetType, -1));
            return new CoercionHandle("enum_in", sourceType, targetType,
                    (value, typmod, evaluation) -> io.input((String) value, -1, FormatSettings.DEFAULT));
        }
        boolean userArray = BuiltinTypes.byOid(toString ? sourceType : targetType) == null
                && BuiltinTypes.elementType(toString ? sourceType : targetType) != 0;
        if (userArray && (toString && context != CoercionContext.IMPLICIT
                || fromString && context == CoercionContext.EXPLICIT)) {
            // an array over a type of the catalog to or from a string type: through array_out / array_in
            PgType arrayType = type(toString ? sourceType : targetType);
            return new CoercionHandle(toString ? "array_out" : "array_in", sourceType, targetType,
                    (value, typmod, evaluation) -> toString ? arrayType.io().output(value, FormatSettings.DEFAULT)
                            : arrayType.io().input((String) value, -1, FormatSettings.DEFAULT));
        }
        return builtin.findCast(sourceType, targetType, context);
    }

    /**
     * Between array types of which one is over a type of the catalog ({@code int[]} to
     * {@code posint[]}): the elements' cast applied to each element ({@code ArrayCoerceExpr});
     * null when either is no array or the elements have no cast in that context.
     */
    private CoercionHandle arrayCoercion(int sourceType, int targetType, CoercionContext context) {
        if (sourceType == targetType
                || BuiltinTypes.byOid(sourceType) != null && BuiltinTypes.byOid(targetType) != null) {
            return null;
        }
        int sourceElement = BuiltinTypes.elementType(sourceType);
        int targetElement = BuiltinTypes.elementType(targetType);
        if (sourceElement == 0 || targetElement == 0) {
            return null;
        }
        CoercionHandle element = findCast(sourceElement, targetElement, context);
        if (element == null) {
            return null;
        }
        CoercionHandle.Converter each = element.function();
        return new CoercionHandle("array_coerce", sourceType, targetType, (value, typmod, evaluation) -> {
            org.woolly.utils.adt.ArrayValue values = (org.woolly.utils.adt.ArrayValue) value;
            Object[] converted = new Object[values.size()];
            for (int i = 0; i < converted.length; i++) {
                Object item = values.element(i);
                converted[i] = item == null || each == null ? item : each.convert(item, -1, evaluation);
            }
            return values.withElements(targetElement, converted);
        });
    }

    @Override
    public int commonType(int[] types, String construct, int[] positions) {
        int composite = composites.commonType(types);
        if (composite != 0) {
            return composite;
        }
        int first = types.length == 0 ? 0 : types[0];
        if (base(first) != first) {
            boolean same = true;
            for (int type : types) {
                same &= type == first || type == TypeOids.UNKNOWN;
            }
            return same ? first : commonType(bases(types), construct, positions);
        }
        if (enumType(first) != null || first != 0 && catalog.userRange(transaction, first).isPresent()) {
            boolean same = true;
            for (int type : types) {
                same &= type == first || type == TypeOids.UNKNOWN;
            }
            if (same) {
                return first;
            }
        }
        return builtin.commonType(types, construct, positions);
    }

    @Override
    public Object applyTypmod(int typeOid, Object value, int typmod, boolean explicit) {
        return builtin.applyTypmod(base(typeOid), value, typmod, explicit);
    }

    @Override
    public String formatType(int typeOid, int typmod) {
        if (BuiltinTypes.byOid(typeOid) != null) {
            return builtin.formatType(typeOid, typmod);
        }
        return new CatalogNameLookup(catalog, transaction, builtin::formatType).formatType(typeOid, typmod);
    }

    @Override
    public Comparator<Object> comparator(int typeOid) {
        return builtin.comparator(base(typeOid));
    }

    @Override
    public Object groupingKey(int typeOid, Object value) {
        return builtin.groupingKey(base(typeOid), value);
    }
}
