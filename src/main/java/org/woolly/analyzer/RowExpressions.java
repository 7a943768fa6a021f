package org.woolly.analyzer;

import java.util.ArrayList;
import java.util.List;
import org.woolly.catalog.AttributeInfo;
import org.woolly.nodes.parse.Expr;
import org.woolly.nodes.query.FromNode;
import org.woolly.nodes.query.FunctionHandle;
import org.woolly.nodes.query.Query;
import org.woolly.nodes.query.QueryExpr;
import org.woolly.nodes.query.RangeEntry;
import org.woolly.nodes.query.TargetEntry;
import org.woolly.utils.adt.RecordValue;
import org.woolly.utils.adt.RowShape;
import org.woolly.utils.adt.TypeOids;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

/**
 * Composite values in expressions ({@code transformRowExpr}, {@code ParseFuncOrColumn}'s
 * field selection and the whole-row {@code Var} of {@code parse_relation.c}): {@code ROW(a, b)}
 * and {@code (a, b)}, {@code (e).field}, and a table name used as a column. A row is built by a
 * call of the {@link #ROW} pseudo-function, so a field of a row written in the query is read from
 * its argument without building the value.
 */
final class RowExpressions {
    /** The name of the row-building pseudo-function ({@code RowExpr}); it has no pg_proc row. */
    static final String ROW = "row";

    private RowExpressions() {}

    /** {@code ROW(...)}: an anonymous record of the fields as they are typed. */
    static QueryExpr construct(ExpressionAnalyzer analyzer, Expr.RowConstructor row) {
        List<QueryExpr> fields = new ArrayList<>();
        for (Expr field : row.fields()) {
            fields.add(analyzer.transform(field));
        }
        return build(TypeOids.RECORD, fields);
    }

    /** A row of {@code typeOid} (RECORD or a composite type) from expressions of its field types. */
    static QueryExpr build(int typeOid, List<QueryExpr> fields) {
        int[] fieldTypes = fields.stream().mapToInt(QueryExpr::type).toArray();
        FunctionHandle handle = new FunctionHandle(0, ROW, fieldTypes, typeOid, false, false,
                (args, context) -> new RecordValue(typeOid, fieldTypes, args.clone()));
        return new QueryExpr.FuncCall(handle, List.copyOf(fields), false, typeOid);
    }

    private static boolean isRow(QueryExpr expr) {
        return expr instanceof QueryExpr.FuncCall call && call.function().oid() == 0
                && call.function().name().equals(ROW);
    }

    /**
     * A table name used as a value ({@code SELECT t FROM t}): a row of all its columns, of the
     * table's row type; null when no FROM item of this level has that name.
     */
    static QueryExpr wholeRow(ParseState state, String name, int location) {
        StarExpansion.JoinScope join = StarExpansion.aliased(state, name);
        if (join != null) {
            // an aliased join as a whole: a record of its columns
            return build(TypeOids.RECORD, join.columns().stream()
                    .map(column -> StarExpansion.at(column, location).expr()).toList());
        }
        RangeEntry found = null;
        int foundIndex = -1;
        for (int index = 0; index < state.rangeTable.size(); index++) {
            RangeEntry entry = state.rangeTable.get(index);
            if (name.equals(entry.alias()) && index != state.hiddenEntry && !state.hiddenRefnames.contains(index)) {
                if (found != null) {
                    throw ParseState.error(SqlState.AMBIGUOUS_ALIAS, location, "table reference \"%s\" is ambiguous",
                            name);
                }
                found = entry;
                foundIndex = index;
            }
        }
        if (found == null) {
            return null;
        }
        List<QueryExpr> fields = new ArrayList<>();
        for (int i = 0; i < found.columnNames().size(); i++) {
            if (!ColumnResolver.isExpansionTableOid(state, foundIndex, i)) {
                fields.add(ColumnResolver.var(found, i, location));
            }
        }
        int typeOid = TypeOids.RECORD;
        if (found.kind() == RangeEntry.Kind.RELATION && found.relation() != null && state.catalog != null) {
            typeOid = state.catalog.typeOidOfRelation(state.transaction, found.relation().oid());
        }
        return build(typeOid == 0 ? TypeOids.RECORD : typeOid, fields);
    }

    /** {@code (e).field}: 42809 when e is not composite, 42703 when it has no such field. */
    static QueryExpr fieldSelect(ExpressionAnalyzer analyzer, ParseState state, Expr.FieldSelect select) {
        QueryExpr arg = analyzer.transform(select.arg());
        if (select.field().equals("*")) {
            throw ExpressionAnalyzer.unsupported("row expansions with .* outside a select list", select.location());
        }
        // PostgreSQL's cursor points at the value whose field is asked for
        return field(state, arg, select.field(), select.arg().location());
    }

    /** Field {@code field} of the composite value {@code arg}. */
    static QueryExpr field(ParseState state, QueryExpr arg, String field, int location) {
        int type = arg.type();
        List<String> names = new ArrayList<>();
        List<Integer> types = new ArrayList<>();
        List<AttributeInfo> attributes = type == TypeOids.RECORD || state.catalog == null ? null
                : state.catalog.compositeFields(state.transaction, type);
        if (attributes != null) {
            for (AttributeInfo attribute : attributes) {
                names.add(attribute.name());
                types.add(attribute.typeOid());
            }
        } else if (type == TypeOids.RECORD && RecordFunctions.outputShape(arg) != null) {
            RowShape outputs = RecordFunctions.outputShape(arg);
            for (int i = 0; i < outputs.size(); i++) {
                names.add(outputs.names().get(i));
                types.add(outputs.types()[i]);
            }
        } else if (type == TypeOids.RECORD && isRow(arg)) {
            List<QueryExpr> args = ((QueryExpr.FuncCall) arg).args();
            for (int i = 0; i < args.size(); i++) {
                names.add("f" + (i + 1));
                types.add(args.get(i).type());
            }
        } else if (type != TypeOids.RECORD) {
            throw ParseState.error(SqlState.WRONG_OBJECT_TYPE, location,
                    "column notation .%s applied to type %s, which is not a composite type", field,
                    state.types.formatType(type, -1));
        }
        int index = names.indexOf(field);
        if (index < 0) {
            throw type == TypeOids.RECORD ? ParseState.error(SqlState.UNDEFINED_COLUMN, location,
                    "could not identify column \"%s\" in record data type", field)
                    : ParseState.error(SqlState.UNDEFINED_COLUMN, location, "column \"%s\" not found in data type %s",
                    field, state.types.formatType(type, -1));
        }
        if (isRow(arg)) {
            return ((QueryExpr.FuncCall) arg).args().get(index);
        }
        int fieldType = types.get(index);
        FunctionHandle handle = new FunctionHandle(0, "." + field, new int[] {type}, fieldType, true, false,
                (args, context) -> {
                    // a value stored before ALTER TYPE ... ADD ATTRIBUTE lacks the later fields
                    Object[] values = ((RecordValue) args[0]).values();
                    return index < values.length ? values[index] : null;
                });
        return new QueryExpr.FuncCall(handle, List.of(arg), false, fieldType);
    }

    /**
     * {@code FieldStore}: the composite {@code container} of type {@code type} (fields
     * {@code attributes}) with field {@code index} replaced by {@code value}, already of the
     * field's type; a null composite becomes a row of nulls first, as {@code ExecEvalFieldStoreForm}.
     */
    static QueryExpr fieldStore(int type, List<AttributeInfo> attributes, int index, QueryExpr container,
                                QueryExpr value) {
        int[] fieldTypes = attributes.stream().mapToInt(AttributeInfo::typeOid).toArray();
        String field = attributes.get(index).name();
        FunctionHandle store = new FunctionHandle(0, "fieldstore." + field, new int[] {type, value.type()},
                type, false, false, (args, context) -> {
                    Object[] values = args[0] == null ? new Object[fieldTypes.length]
                            : java.util.Arrays.copyOf(((RecordValue) args[0]).values(), fieldTypes.length);
                    values[index] = args[1];
                    return new RecordValue(type, fieldTypes, values);
                });
        return new QueryExpr.FuncCall(store, List.of(container, value), false, type);
    }

    /** The field names of a composite value ({@code (e).*}): its type's, or f1, f2, ... of a ROW(...); else 42809. */
    static List<String> fieldNamesOf(ParseState state, QueryExpr value, int location) {
        if (isRow(value) && value.type() == TypeOids.RECORD) {
            List<String> names = new ArrayList<>();
            for (int i = 1; i <= ((QueryExpr.FuncCall) value).args().size(); i++) {
                names.add("f" + i);
            }
            return names;
        }
        List<String> names = fieldNames(state, value.type());
        if (names == null) {
            throw ParseState.error(value.type() == TypeOids.RECORD ? SqlState.FEATURE_NOT_SUPPORTED
                            : SqlState.WRONG_OBJECT_TYPE, location,
                    value.type() == TypeOids.RECORD ? "record type has not been registered"
                            : "type %s is not composite", state.types.formatType(value.type(), -1));
        }
        return names;
    }

    /** The field names of a composite type of the catalog, or null for another type. */
    static List<String> fieldNames(ParseState state, int typeOid) {
        List<AttributeInfo> fields = state.catalog == null ? null : state.catalog.compositeFields(state.transaction, typeOid);
        return fields == null ? null : fields.stream().map(AttributeInfo::name).toList();
    }

    /**
     * {@code SELECT ROW(sub.*)::type FROM (query) sub}: the one-column query whose value is the
     * row of {@code query}'s output columns, as a function returning a composite type gives it
     * in an expression; the columns are coerced to the type's fields (42P13 when they do not fit).
     */
    static Query rowOfOutputs(ParseState state, Query query, int typeOid, int location) {
        List<TargetEntry> outputs = query.outputColumns();
        List<AttributeInfo> fields = typeOid == TypeOids.RECORD ? null
                : state.catalog.compositeFields(state.transaction, typeOid);
        if (fields != null && fields.size() != outputs.size()) {
            throw SqlException.of(SqlState.INVALID_FUNCTION_DEFINITION,
                    "return type mismatch in function declared to return %s", state.types.formatType(typeOid, -1))
                    .withDetail(outputs.size() > fields.size() ? "Final statement returns too many columns."
                            : "Final statement returns too few columns.");
        }
        List<String> names = new ArrayList<>();
        int[] types = new int[outputs.size()];
        int[] typmods = new int[outputs.size()];
        List<QueryExpr> values = new ArrayList<>();
        for (int i = 0; i < outputs.size(); i++) {
            QueryExpr expr = outputs.get(i).expr();
            names.add(outputs.get(i).name());
            types[i] = expr.type();
            typmods[i] = expr.typmod();
            QueryExpr column = new QueryExpr.Var(i, expr.type(), expr.typmod(), outputs.get(i).name(), location);
            if (fields != null && fields.get(i).typeOid() != expr.type()) {
                AttributeInfo field = fields.get(i);
                QueryExpr coerced = Coercions.coerce(state, column, field.typeOid(), field.typeModifier(),
                        TypeSystem.CoercionContext.ASSIGNMENT, location);
                if (coerced == null) {
                    throw SqlException.of(SqlState.INVALID_FUNCTION_DEFINITION,
                            "return type mismatch in function declared to return %s",
                            state.types.formatType(typeOid, -1))
                            .withDetail("Final statement returns %s instead of %s at column %d.".formatted(
                                    state.types.formatType(expr.type(), -1),
                                    state.types.formatType(field.typeOid(), -1), i + 1));
                }
                column = coerced;
            }
            values.add(column);
        }
        RangeEntry body = new RangeEntry(RangeEntry.Kind.SUBQUERY, "f", null, query, null, List.copyOf(names), types,
                typmods, 0, false);
        TargetEntry row = new TargetEntry(build(typeOid, values), "row", 0, (short) 0, false);
        return new Query(Query.CommandType.SELECT, List.of(body), List.of(new FromNode.Leaf(0)), null, List.of(row),
                List.of(), List.of(), null, List.of(), false, null, null, null, null, null, List.<Integer>of());
    }
}
