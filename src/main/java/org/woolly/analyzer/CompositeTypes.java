package org.woolly.analyzer;

import java.util.List;
import java.util.Map;
import org.woolly.access.transam.Transaction;
import org.woolly.catalog.AttributeInfo;
import org.woolly.catalog.CatalogAccess;
import org.woolly.catalog.TypeInfo;
import org.woolly.nodes.query.CoercionHandle;
import org.woolly.nodes.query.FunctionHandle;
import org.woolly.utils.adt.BuiltinTypes;
import org.woolly.utils.adt.FormatSettings;
import org.woolly.utils.adt.PgType;
import org.woolly.utils.adt.RecordIO;
import org.woolly.utils.adt.RecordValue;
import org.woolly.utils.adt.TypeOids;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

/**
 * The composite types of a statement's catalog for {@link CatalogTypeSystem}: their I/O
 * ({@code record_in}/{@code record_out}), the {@code record} comparison operators
 * ({@code record_eq} ... {@code record_ge} of {@code rowtypes.c}), and the coercions
 * {@code parse_coerce.c} allows: a row to a composite type field by field
 * ({@code coerce_record_to_complex}), a composite value to {@code record}, and I/O conversion to
 * the string types.
 */
final class CompositeTypes {
    /** The {@code record} comparison operators: name to pg_operator OID. */
    private static final Map<String, Integer> RECORD_OPERATORS = Map.of("=", 2988, "<>", 2989, "<", 2990, ">", 2991,
            "<=", 2992, ">=", 2993);

    private final TypeSystem types;
    private final CatalogAccess catalog;
    private final Transaction transaction;

    CompositeTypes(TypeSystem types, CatalogAccess catalog, Transaction transaction) {
        this.types = types;
        this.catalog = catalog;
        this.transaction = transaction;
    }

    /** Whether values of the type are rows: {@code record} or a type with typtype 'c'. */
    boolean isComposite(int typeOid) {
        return typeOid == TypeOids.RECORD || fields(typeOid) != null;
    }

    private List<AttributeInfo> fields(int typeOid) {
        if (typeOid == 0 || BuiltinTypes.byOid(typeOid) != null) {
            return null;
        }
        return catalog.compositeFields(transaction, typeOid);
    }

    /** The PgType of a composite type of the catalog, or null when the OID is not one. */
    PgType type(int typeOid) {
        List<AttributeInfo> fields = fields(typeOid);
        if (fields == null) {
            return null;
        }
        TypeInfo info = catalog.typeByOid(transaction, typeOid).orElseThrow();
        int[] fieldTypes = fields.stream().mapToInt(AttributeInfo::typeOid).toArray();
        return new PgType(typeOid, info.name(), (short) -1, false, 'd', 'C', false, info.arrayOid(),
                new RecordIO(typeOid, fieldTypes));
    }

    /** {@code record op record} for the six comparison operators, or null for anything else. */
    TypeSystem.OperatorMatch resolveOperator(String name, int leftType, int rightType) {
        Integer operatorOid = RECORD_OPERATORS.get(name);
        if (operatorOid == null || leftType == 0) {
            return null;
        }
        boolean left = isComposite(leftType);
        boolean right = isComposite(rightType);
        if (!(left && (right || rightType == TypeOids.UNKNOWN) || right && leftType == TypeOids.UNKNOWN)) {
            return null;
        }
        // record_eq and kin take (record, record): an unknown literal is read as record, which is 0A000 as in PostgreSQL
        FunctionHandle handle = CatalogTypeSystem.comparison(operatorOid, name, TypeOids.RECORD,
                (first, second) -> ((RecordValue) first).compareTo(second));
        return new TypeSystem.OperatorMatch(handle, TypeOids.RECORD, TypeOids.RECORD);
    }

    /** A coercion from or to a composite type, or null when neither side is one (or there is none). */
    CoercionHandle findCast(int sourceType, int targetType, TypeSystem.CoercionContext context) {
        boolean source = isComposite(sourceType);
        if (source && targetType == TypeOids.RECORD) {
            return new CoercionHandle("record_relabel", sourceType, targetType, (value, typmod, evaluation) -> value);
        }
        List<AttributeInfo> targetFields = source ? fields(targetType) : null;
        if (targetFields != null) {
            int[] targetTypes = targetFields.stream().mapToInt(AttributeInfo::typeOid).toArray();
            TypeSystem.CoercionContext fieldContext = context == TypeSystem.CoercionContext.EXPLICIT ? context
                    : TypeSystem.CoercionContext.ASSIGNMENT;
            String sourceName = types.formatType(sourceType, -1);
            String targetName = types.formatType(targetType, -1);
            return new CoercionHandle("record_to_composite", sourceType, targetType,
                    (value, typmod, evaluation) -> convert((RecordValue) value, targetType, targetTypes, fieldContext,
                            sourceName, targetName, evaluation));
        }
        boolean toString = BuiltinTypes.byOid(targetType) != null && BuiltinTypes.category(targetType) == 'S';
        if (source && toString && context != TypeSystem.CoercionContext.IMPLICIT) {
            return new CoercionHandle("record_out", sourceType, targetType, (value, typmod, evaluation) -> {
                Object text = RecordIO.ANONYMOUS.output(value, FormatSettings.DEFAULT);
                return typmod < 0 ? text : types.applyTypmod(targetType, text, typmod, true);
            });
        }
        return null;
    }

    private RecordValue convert(RecordValue row, int targetType, int[] targetTypes, TypeSystem.CoercionContext context,
                                String sourceName, String targetName,
                                org.woolly.nodes.query.EvaluationContext evaluation) {
        if (row.size() != targetTypes.length) {
            throw SqlException.of(SqlState.CANNOT_COERCE, "cannot cast type %s to %s", sourceName, targetName)
                    .withDetail(row.size() < targetTypes.length ? "Input has too few columns."
                            : "Input has too many columns.");
        }
        Object[] values = new Object[targetTypes.length];
        for (int i = 0; i < targetTypes.length; i++) {
            Object value = row.values()[i];
            int from = row.fieldTypes()[i];
            if (value == null || from == targetTypes[i]) {
                values[i] = value;
                continue;
            }
            CoercionHandle cast = types.findCast(from, targetTypes[i], context);
            if (cast == null) {
                throw SqlException.of(SqlState.CANNOT_COERCE, "cannot cast type %s to %s", sourceName, targetName)
                        .withDetail("Cannot cast type %s to %s in column %d.".formatted(types.formatType(from, -1),
                                types.formatType(targetTypes[i], -1), i + 1));
            }
            values[i] = cast.function() == null ? value : cast.function().convert(value, -1, evaluation);
        }
        return new RecordValue(targetType, targetTypes, values);
    }

    /** The common type of branches that are all the same composite type (unknowns aside), or 0. */
    int commonType(int[] inputs) {
        int first = 0;
        for (int type : inputs) {
            if (type == TypeOids.UNKNOWN) {
                continue;
            }
            if (first != 0 && type != first) {
                return 0;
            }
            first = type;
        }
        return first != 0 && isComposite(first) ? first : 0;
    }
}
