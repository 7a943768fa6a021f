package org.woolly.analyzer;

import java.util.ArrayList;
import java.util.List;
import org.woolly.catalog.AttributeInfo;
import org.woolly.catalog.DomainInfo;
import org.woolly.nodes.parse.Expr;
import org.woolly.nodes.query.QueryExpr;
import org.woolly.utils.adt.ArrayValue;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

/**
 * Assignment to a part of a column: {@code col[i] = v}, {@code col[lo:hi] = v}, {@code col.f = v}
 * and any chain of them ({@code col[1].f[2:3] = v}) in UPDATE's SET, INSERT's column list, ON
 * CONFLICT DO UPDATE and MERGE. Counterpart of {@code transformAssignmentIndirection} and
 * {@code transformAssignmentSubscripts} in {@code parse_target.c}.
 *
 * <p>The result is the column's new value: the column's current value (a null for INSERT) with
 * the addressed part replaced. Adjacent subscripts form one multidimensional step; a field step
 * becomes a field store, a subscript step an {@link QueryExpr.ArrayAssign}. Where PostgreSQL
 * substitutes a {@code CaseTestExpr} for the old value of an inner part, this builds the fetch
 * of that part from the container (a field select or an element fetch), which reads the same
 * value. A domain over an array or a composite is unwrapped for the step and the new value is
 * coerced back to the domain, so its constraints are checked on the whole new value.
 */
final class AssignmentIndirection {
    private final ExpressionAnalyzer analyzer;
    private final ParseState state;
    private final List<Expr> steps;
    private final int location;
    private final int valueLocation;

    private AssignmentIndirection(ExpressionAnalyzer analyzer, ParseState state, List<Expr> steps, int location,
                                  int valueLocation) {
        this.analyzer = analyzer;
        this.state = state;
        this.steps = steps;
        this.location = location;
        this.valueLocation = valueLocation;
    }

    /**
     * The new value of column {@code column} (of type {@code type}, a domain where the column has
     * one, and {@code typmod}) after assigning {@code value} through {@code target}, the
     * subscript / field chain over the column's reference; {@code base} is the column's current
     * value. Errors point at {@code location}, the head of the target, as PostgreSQL's do; a
     * literal that does not convert, at {@code valueLocation}.
     */
    static QueryExpr assign(ExpressionAnalyzer analyzer, ParseState state, Expr target, QueryExpr base,
                            String column, int type, int typmod, QueryExpr value, int location, int valueLocation) {
        List<Expr> steps = new ArrayList<>();
        for (Expr step = target; ; ) {
            if (step instanceof Expr.Subscript subscript) {
                steps.addFirst(subscript);
                step = subscript.arg();
            } else if (step instanceof Expr.FieldSelect field) {
                steps.addFirst(field);
                step = field.arg();
            } else {
                break;
            }
        }
        return new AssignmentIndirection(analyzer, state, steps, location, valueLocation)
                .indirection(base, column, false, type, typmod, 0, value);
    }

    /** The first step of {@code target}: a subscript or a field name. */
    static boolean startsWithSubscript(Expr target) {
        Expr first = target;
        while (true) {
            Expr inner = first instanceof Expr.Subscript subscript ? subscript.arg()
                    : first instanceof Expr.FieldSelect field ? field.arg() : null;
            if (!(inner instanceof Expr.Subscript) && !(inner instanceof Expr.FieldSelect)) {
                return first instanceof Expr.Subscript;
            }
            first = inner;
        }
    }

    private QueryExpr indirection(QueryExpr base, String targetName, boolean subscripting, int type, int typmod,
                                  int from, QueryExpr value) {
        List<Expr.Subscript> subscripts = new ArrayList<>();
        for (int i = from; i < steps.size(); i++) {
            Expr step = steps.get(i);
            if (step instanceof Expr.Subscript subscript) {
                subscripts.add(subscript);
                continue;
            }
            String name = ((Expr.FieldSelect) step).field();
            if (name.equals("*")) {
                throw ParseState.error(SqlState.FEATURE_NOT_SUPPORTED, location,
                        "row expansion via \"*\" is not supported here");
            }
            if (!subscripts.isEmpty()) {
                return subscripting(base, targetName, type, typmod, subscripts, i, value);
            }
            return field(base, targetName, type, name, i, value);
        }
        if (!subscripts.isEmpty()) {
            return subscripting(base, targetName, type, typmod, subscripts, steps.size(), value);
        }
        QueryExpr coerced = Coercions.coerce(state, value, type, typmod, TypeSystem.CoercionContext.ASSIGNMENT,
                valueLocation);
        if (coerced == null) {
            String wanted = state.types.formatType(type, -1);
            String given = state.types.formatType(value.type(), -1);
            SqlException error = subscripting
                    ? ParseState.error(SqlState.DATATYPE_MISMATCH, location,
                            "subscripted assignment to \"%s\" requires type %s but expression is of type %s",
                            targetName, wanted, given)
                    : ParseState.error(SqlState.DATATYPE_MISMATCH, location,
                            "subfield \"%s\" is of type %s but expression is of type %s", targetName, wanted, given);
            throw error.withHint("You will need to rewrite or cast the expression.");
        }
        return coerced;
    }

    /** {@code .name} and the steps after it: a field store into the composite {@code base}. */
    private QueryExpr field(QueryExpr base, String targetName, int type, String name, int index, QueryExpr value) {
        int composite = baseType(type);
        List<AttributeInfo> attributes = state.catalog == null ? null
                : state.catalog.compositeFields(state.transaction, composite);
        if (attributes == null) {
            throw ParseState.error(SqlState.DATATYPE_MISMATCH, location,
                    "cannot assign to field \"%s\" of column \"%s\" because its type %s is not a composite type",
                    name, targetName, state.types.formatType(type, -1));
        }
        int position = -1;
        for (int i = 0; i < attributes.size(); i++) {
            if (attributes.get(i).name().equals(name)) {
                position = i;
            }
        }
        if (position < 0) {
            throw ParseState.error(SqlState.UNDEFINED_COLUMN, location,
                    "cannot assign to field \"%s\" of column \"%s\" because there is no such column in data type %s",
                    name, targetName, state.types.formatType(type, -1));
        }
        AttributeInfo attribute = attributes.get(position);
        QueryExpr current = index + 1 < steps.size() ? RowExpressions.field(state, base, name, location) : null;
        int fieldType = attribute.domainOid() != 0 ? attribute.domainOid() : attribute.typeOid();
        QueryExpr newValue = indirection(current, name, false, fieldType,
                attribute.domainOid() != 0 ? -1 : attribute.typeModifier(), index + 1, value);
        QueryExpr stored = RowExpressions.fieldStore(composite, attributes, position, base, newValue);
        return composite == type ? stored : toDomain(stored, type);
    }

    /** Subscripts {@code subscripts} and the steps from {@code next} on: an element or slice assignment. */
    private QueryExpr subscripting(QueryExpr base, String targetName, int type, int typmod,
                                   List<Expr.Subscript> subscripts, int next, QueryExpr value) {
        int arrayType = baseType(type);
        int arrayTypmod = arrayType == type ? typmod : baseTypmod(type);
        int elementType = ArrayAnalyzer.subscriptedElementType(state, arrayType, location);
        if (subscripts.size() > ArrayValue.MAX_DIMENSIONS) {
            throw SqlException.of(SqlState.PROGRAM_LIMIT_EXCEEDED,
                    "number of array dimensions (%d) exceeds the maximum allowed (%d)", subscripts.size(),
                    ArrayValue.MAX_DIMENSIONS);
        }
        ArrayAnalyzer.Subscripts analyzed = ArrayAnalyzer.subscripts(analyzer, state, subscripts);
        int wanted = analyzed.slice() ? arrayType : elementType;
        QueryExpr current = next < steps.size() ? new QueryExpr.ArraySubscript(base, analyzed.lowers(),
                analyzed.uppers(), analyzed.slice(), wanted) : null;
        QueryExpr newValue = indirection(current, targetName, true, wanted, arrayTypmod, next, value);
        QueryExpr assigned = new QueryExpr.ArrayAssign(base, analyzed.lowers(), analyzed.uppers(), analyzed.slice(),
                newValue, arrayType);
        return arrayType == type ? assigned : toDomain(assigned, type);
    }

    /** The new value of a domain-typed part coerced back to its domain, which checks the domain's constraints. */
    private QueryExpr toDomain(QueryExpr value, int domain) {
        QueryExpr coerced = Coercions.coerce(state, value, domain, -1, TypeSystem.CoercionContext.ASSIGNMENT, -1);
        if (coerced == null) {
            throw ParseState.error(SqlState.CANNOT_COERCE, location, "cannot cast type %s to %s",
                    state.types.formatType(value.type(), -1), state.types.formatType(domain, -1));
        }
        return coerced;
    }

    /** The type under a domain (through domains over domains), else the type itself. */
    private int baseType(int type) {
        for (DomainInfo domain = DomainCoercion.domain(state, type); domain != null;
             domain = DomainCoercion.domain(state, type)) {
            type = domain.baseTypeOid();
        }
        return type;
    }

    /** The type modifier a domain gives its base type (the innermost one that has one), or -1. */
    private int baseTypmod(int type) {
        int typmod = -1;
        for (DomainInfo domain = DomainCoercion.domain(state, type); domain != null;
             domain = DomainCoercion.domain(state, domain.baseTypeOid())) {
            typmod = typmod >= 0 ? typmod : domain.baseTypmod();
        }
        return typmod;
    }
}
