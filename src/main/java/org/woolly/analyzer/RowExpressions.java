package org.woolly.analyzer;

import java.util.ArrayList;
import java.util.List;
import org.woolly.catalog.AttributeInfo;
import org.woolly.nodes.parse.Expr;
import org.woolly.nodes.query.FunctionHandle;
import org.woolly.nodes.query.QueryExpr;
import org.woolly.nodes.query.RangeEntry;
import org.woolly.utils.adt.RecordValue;
import org.woolly.utils.adt.TypeOids;
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
        RangeEntry found = null;
        for (RangeEntry entry : state.rangeTable) {
            if (name.equals(entry.alias())) {
                if (found != null) {
                    throw ParseState.error(SqlState.AMBIGUOUS_ALIAS, location, "table reference \"%s\" is ambiguous",
                            name);
                }
                found = entry;
            }
        }
        if (found == null) {
            return null;
        }
        List<QueryExpr> fields = new ArrayList<>();
        for (int i = 0; i < found.columnNames().size(); i++) {
            fields.add(ColumnResolver.var(found, i, location));
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
        String field = select.field();
        if (field.equals("*")) {
            throw ExpressionAnalyzer.unsupported("row expansions with .* outside a select list", select.location());
        }
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
        } else if (type == TypeOids.RECORD && isRow(arg)) {
            List<QueryExpr> args = ((QueryExpr.FuncCall) arg).args();
            for (int i = 0; i < args.size(); i++) {
                names.add("f" + (i + 1));
                types.add(args.get(i).type());
            }
        } else if (type == TypeOids.RECORD) {
            throw ParseState.error(SqlState.UNDEFINED_COLUMN, select.location(),
                    "could not identify column \"%s\" in record data type", field);
        } else {
            throw ParseState.error(SqlState.WRONG_OBJECT_TYPE, select.location(),
                    "column notation .%s applied to type %s, which is not a composite type", field,
                    state.types.formatType(type, -1));
        }
        int index = names.indexOf(field);
        if (index < 0) {
            throw ParseState.error(SqlState.UNDEFINED_COLUMN, select.location(),
                    type == TypeOids.RECORD ? "could not identify column \"%s\" in record data type"
                            : "column \"%s\" not found in data type %s", field, state.types.formatType(type, -1));
        }
        if (isRow(arg)) {
            return ((QueryExpr.FuncCall) arg).args().get(index);
        }
        int fieldType = types.get(index);
        FunctionHandle handle = new FunctionHandle(0, "." + field, new int[] {type}, fieldType, true, false,
                (args, context) -> ((RecordValue) args[0]).values()[index]);
        return new QueryExpr.FuncCall(handle, List.of(arg), false, fieldType);
    }
}
