package org.woolly.analyzer;

import java.util.ArrayList;
import java.util.List;
import org.woolly.catalog.AttributeInfo;
import org.woolly.nodes.parse.FromItem;
import org.woolly.nodes.query.FunctionHandle;
import org.woolly.nodes.query.QueryExpr;
import org.woolly.utils.adt.BuiltinFunctions;
import org.woolly.utils.adt.BuiltinOutParameters;
import org.woolly.utils.adt.BuiltinTypes;
import org.woolly.utils.adt.FunctionContext;
import org.woolly.utils.adt.FunctionDescriptor;
import org.woolly.utils.adt.FunctionImplementation;
import org.woolly.utils.adt.RowShape;
import org.woolly.utils.adt.RowShapedImplementation;
import org.woolly.utils.adt.TypeOids;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

/**
 * The columns of functions that return rows ({@code get_expr_result_type},
 * {@code addRangeTableEntryForFunction} of {@code parse_relation.c}): a function with OUT
 * parameters returns their record, {@code json_populate_record(base, ...)} a row of its first
 * argument's composite type, and a function declared {@code RETURNS record} the columns of the
 * query's column definition list ({@code AS x(a int, b text)}). A built-in that builds its rows
 * from those columns ({@link RowShapedImplementation}) is bound to them here.
 */
final class RecordFunctions {
    /** Nested composite types are described this deep; deeper ones are read from their text. */
    private static final int MAX_NESTING = 8;

    private RecordFunctions() {}

    /** The call of a function in FROM and the row each of its values is spread over. */
    record Columns(QueryExpr call, RowShape shape) {}

    /**
     * A resolved built-in call returning {@code anyelement} rows ({@code json_populate_record}):
     * its result is a row of the first argument's type ({@code get_record_type_from_argument}).
     * Any other call is returned as it is.
     */
    static QueryExpr.FuncCall bindBase(ParseState state, QueryExpr.FuncCall call, int firstArgumentType) {
        if (call.type() != TypeOids.ANYELEMENT || !(implementation(call) instanceof RowShapedImplementation shaped)) {
            return call;
        }
        if (firstArgumentType == TypeOids.UNKNOWN) {
            throw SqlException.of(SqlState.DATATYPE_MISMATCH,
                    "could not determine polymorphic type because input has type unknown");
        }
        int type = call.args().getFirst().type();
        RowShape shape = compositeShape(state, type, 0);
        if (shape == null) {
            // PostgreSQL raises both at run time, without a cursor position
            throw SqlException.of(SqlState.DATATYPE_MISMATCH, "first argument of %s must be a row type",
                    call.function().name());
        }
        return bind(call, shaped, shape, type);
    }

    /**
     * The columns of a function in FROM ({@code addRangeTableEntryForFunction}), checking its
     * column definition list; null when its value is the one column.
     */
    static Columns fromColumns(ParseState state, QueryExpr call, List<FromItem.ColumnDefinition> definitions,
                               int location) {
        RowShape outputs = call instanceof QueryExpr.FuncCall funcCall
                ? BuiltinOutParameters.outputShape(funcCall.function().oid()) : null;
        if (!definitions.isEmpty()) {
            int at = definitions.getFirst().location();
            if (outputs != null) {
                throw ParseState.error(SqlState.SYNTAX_ERROR, at,
                        "a column definition list is redundant for a function with OUT parameters");
            }
            if (call.type() != TypeOids.RECORD) {
                throw onlyForRecord(at);
            }
            RowShape shape = definitionShape(state, definitions);
            if (call instanceof QueryExpr.FuncCall funcCall
                    && implementation(funcCall) instanceof RowShapedImplementation shaped) {
                call = bind(funcCall, shaped, shape, TypeOids.RECORD);
            }
            return new Columns(call, shape);
        }
        if (outputs != null) {
            return new Columns(call, outputs);
        }
        if (call.type() == TypeOids.RECORD) {
            throw requiredForRecord(location);
        }
        RowShape composite = compositeShape(state, call.type(), 0);
        return composite == null ? null : new Columns(call, composite);
    }

    static SqlException onlyForRecord(int location) {
        return ParseState.error(SqlState.SYNTAX_ERROR, location,
                "a column definition list is only allowed for functions returning \"record\"");
    }

    static SqlException requiredForRecord(int location) {
        return ParseState.error(SqlState.SYNTAX_ERROR, location,
                "a column definition list is required for functions returning \"record\"");
    }

    /** The columns of a column definition list, their types resolved ({@code typenameTypeIdAndMod}). */
    static RowShape definitionShape(ParseState state, List<FromItem.ColumnDefinition> definitions) {
        List<String> names = new ArrayList<>();
        int[] types = new int[definitions.size()];
        int[] typmods = new int[definitions.size()];
        RowShape[] nested = new RowShape[definitions.size()];
        for (int i = 0; i < types.length; i++) {
            FromItem.ColumnDefinition definition = definitions.get(i);
            // CheckAttributeNamesTypes: no name twice, no pseudo-type (no position, as there)
            if (names.contains(definition.name())) {
                throw SqlException.of(SqlState.DUPLICATE_COLUMN, "column name \"%s\" specified more than once",
                        definition.name());
            }
            names.add(definition.name());
            types[i] = Coercions.typeOid(state, definition.type());
            if (BuiltinTypes.category(types[i]) == 'P') {
                throw SqlException.of(SqlState.INVALID_TABLE_DEFINITION, "column \"%s\" has pseudo-type %s",
                        definition.name(), state.types.formatType(types[i], -1));
            }
            typmods[i] = Coercions.typmod(state, types[i], definition.type());
            nested[i] = compositeShape(state, types[i], 1);
        }
        return new RowShape(TypeOids.RECORD, List.copyOf(names), types, typmods, nested);
    }

    /** The columns of a composite type, nested composite fields described too; null for other types. */
    static RowShape compositeShape(ParseState state, int typeOid, int depth) {
        if (depth > MAX_NESTING || typeOid == TypeOids.RECORD || state.catalog == null) {
            return null;
        }
        List<AttributeInfo> attributes = state.catalog.compositeFields(state.transaction, typeOid);
        if (attributes == null) {
            return null;
        }
        List<String> names = new ArrayList<>();
        int[] types = new int[attributes.size()];
        int[] typmods = new int[attributes.size()];
        RowShape[] nested = new RowShape[attributes.size()];
        for (int i = 0; i < types.length; i++) {
            AttributeInfo attribute = attributes.get(i);
            names.add(attribute.name());
            types[i] = attribute.typeOid();
            typmods[i] = attribute.typeModifier();
            nested[i] = compositeShape(state, types[i], depth + 1);
        }
        return new RowShape(typeOid, List.copyOf(names), types, typmods, nested);
    }

    /** The field names and types of a record-returning built-in's value ({@code (json_each(j)).key}); or null. */
    static RowShape outputShape(QueryExpr expr) {
        return expr instanceof QueryExpr.FuncCall call ? BuiltinOutParameters.outputShape(call.function().oid()) : null;
    }

    /**
     * The column names of a function in FROM before its alias renames them, as far as they
     * follow from the syntax and the built-ins' OUT parameters (a view's stored query names its
     * columns with them): the column definition list's, the OUT parameters', else the function's
     * name; then {@code ordinality}.
     */
    static List<String> columnNames(FromItem.Function function) {
        List<String> names = new ArrayList<>();
        String name = function.call().name().name();
        if (!function.columnDefinitions().isEmpty()) {
            function.columnDefinitions().forEach(definition -> names.add(definition.name()));
        } else {
            for (FunctionDescriptor descriptor : BuiltinFunctions.byName(name)) {
                RowShape outputs = BuiltinOutParameters.outputShape(descriptor.oid());
                if (outputs != null && names.isEmpty()) {
                    names.addAll(outputs.names());
                }
            }
            if (names.isEmpty()) {
                names.add(name);
            }
        }
        if (function.ordinality()) {
            names.add("ordinality");
        }
        return names;
    }

    private static FunctionImplementation implementation(QueryExpr.FuncCall call) {
        if (call.function().oid() == 0) {
            return null;
        }
        for (FunctionDescriptor descriptor : BuiltinFunctions.byName(call.function().name())) {
            if (descriptor.oid() == call.function().oid()) {
                return descriptor.implementation();
            }
        }
        return null;
    }

    private static QueryExpr.FuncCall bind(QueryExpr.FuncCall call, RowShapedImplementation shaped, RowShape shape,
                                           int resultType) {
        FunctionImplementation body = shaped.bind(shape);
        FunctionHandle old = call.function();
        FunctionHandle handle = new FunctionHandle(old.oid(), old.name(), old.argumentTypes(), resultType,
                old.strict(), old.isVolatile(), (args, context) -> body.invoke(args, (FunctionContext) context),
                old.returnsSet());
        return new QueryExpr.FuncCall(handle, call.args(), false, resultType);
    }
}
