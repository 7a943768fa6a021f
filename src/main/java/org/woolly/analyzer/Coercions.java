package org.woolly.analyzer;

import org.woolly.nodes.parse.TypeName;
import org.woolly.nodes.query.CoercionHandle;
import org.woolly.nodes.query.QueryExpr;
import org.woolly.utils.adt.BuiltinTypes;
import org.woolly.utils.adt.PgType;
import org.woolly.utils.adt.TypeModifiers;
import org.woolly.utils.adt.TypeOids;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

/**
 * Coercion of analyzed expressions to a target type ({@code parse_coerce.c}): unknown literals
 * are read with the target type's input function, untyped parameters take the target type, other
 * expressions get the cast the type system finds for the context.
 */
final class Coercions {
    private Coercions() {}

    /** The coerced expression, or null when no coercion exists in that context. */
    static QueryExpr coerce(ParseState state, QueryExpr expr, int target, int targetTypmod,
                            TypeSystem.CoercionContext context, int location) {
        QueryExpr coerced = coerceOnce(state, expr, target, targetTypmod, context, location);
        if (coerced == null || coerced == expr || expr.type() == target) {
            return coerced;
        }
        int element = BuiltinTypes.byOid(target) == null ? BuiltinTypes.elementType(target) : 0;
        org.woolly.catalog.DomainInfo domain = element == 0 ? null : DomainCoercion.domain(state, element);
        return domain == null ? coerced : DomainCoercion.checkElements(state, coerced, domain, target, context);
    }

    private static QueryExpr coerceOnce(ParseState state, QueryExpr expr, int target, int targetTypmod,
                                        TypeSystem.CoercionContext context, int location) {
        int source = expr.type();
        if (source != target) {
            org.woolly.catalog.DomainInfo domain = DomainCoercion.domain(state, target);
            if (domain != null) {
                return DomainCoercion.coerce(state, expr, domain, context, location);
            }
        }
        if (expr instanceof QueryExpr.Const constant && source == TypeOids.UNKNOWN) {
            if (constant.value() == null) {
                return new QueryExpr.Const(target, targetTypmod, null);
            }
            PgType type = state.types.type(target);
            if (type == null) {
                return null;
            }
            // as coerce_type: the input function gets no typmod (but interval's, whose input needs
            // it); the length coercion follows, truncating in an explicit cast, failing otherwise
            int inputTypmod = target == TypeOids.INTERVAL ? targetTypmod : -1;
            Object value;
            try {
                value = TypeOids.isObjectIdentifierAlias(target)
                        || type.io() instanceof org.woolly.utils.adt.EnumTypeIO
                        // a reg* literal ('t'::regclass) names an object: read it through this statement's catalog
                        ? ScopedValue.where(org.woolly.utils.adt.CatalogInquiries.CURRENT,
                                        new org.woolly.catalog.CatalogNameLookup(state.catalog, state.transaction,
                                                state.types::formatType))
                                .call(() -> type.io().input((String) constant.value(), inputTypmod,
                                        state.formatSettings))
                        : type.io().input((String) constant.value(), inputTypmod, state.formatSettings);
            } catch (SqlException error) {
                throw ParseState.at(error, location);
            }
            // the length coercion's errors carry no position: PostgreSQL raises them when it folds constants
            return new QueryExpr.Const(target, targetTypmod, org.woolly.utils.adt.TypeModifiers.apply(target, value,
                    targetTypmod, context == TypeSystem.CoercionContext.EXPLICIT));
        }
        if (expr instanceof QueryExpr.Param param && source == TypeOids.UNKNOWN) {
            state.setParameterType(param.number(), target);
            QueryExpr typed = new QueryExpr.Param(param.number(), target);
            return targetTypmod >= 0 ? new QueryExpr.Cast(typed, null, target, targetTypmod, false) : typed;
        }
        if (source == target) {
            if (targetTypmod >= 0 && targetTypmod != expr.typmod() && context != TypeSystem.CoercionContext.IMPLICIT) {
                return new QueryExpr.Cast(expr, null, target, targetTypmod,
                        context == TypeSystem.CoercionContext.EXPLICIT);
            }
            return expr;
        }
        CoercionHandle cast = state.types.findCast(source, target, context);
        if (cast == null) {
            return null;
        }
        return new QueryExpr.Cast(expr, cast, target, targetTypmod, context == TypeSystem.CoercionContext.EXPLICIT);
    }

    /** Coerces to boolean for a clause, with PostgreSQL's 42804 text naming the clause. */
    static QueryExpr toBoolean(ParseState state, QueryExpr expr, String construct, int location) {
        if (expr.type() == TypeOids.BOOL) {
            return expr;
        }
        QueryExpr result = coerce(state, expr, TypeOids.BOOL, -1, TypeSystem.CoercionContext.ASSIGNMENT, location);
        if (result == null) {
            throw ParseState.error(SqlState.DATATYPE_MISMATCH, location, "argument of %s must be type %s, not type %s",
                    construct, "boolean", state.types.formatType(expr.type(), -1));
        }
        return result;
    }

    /** Unknown literals become text (output columns, operands nothing else typed). */
    static QueryExpr unknownToText(ParseState state, QueryExpr expr) {
        if (expr.type() == TypeOids.UNKNOWN && expr instanceof QueryExpr.Const) {
            return coerce(state, expr, TypeOids.TEXT, -1, TypeSystem.CoercionContext.IMPLICIT, -1);
        }
        return expr;
    }

    /** The typmod of a written type name ({@code typenameTypeMod}), the error and warnings placed at the type. */
    static int typmod(ParseState state, int typeOid, TypeName typeName) {
        if (typeName.arrayBounds() > 0 && BuiltinTypes.elementType(typeOid) != 0) {
            typeOid = BuiltinTypes.elementType(typeOid);
        }
        try {
            return TypeModifiers.typmodIn(typeOid, typeName.name(), typeName.modifiers(),
                    warning -> state.notices.notice(ParseState.at(warning, typeName.location())));
        } catch (SqlException error) {
            throw ParseState.at(error, typeName.location());
        }
    }

    /** The OID of a written type name, through the catalog (42704 if unknown). */
    static int typeOid(ParseState state, TypeName typeName) {
        if (typeName.arrayBounds() > 0) {
            TypeName element = new TypeName(typeName.schema(), typeName.name(), typeName.modifiers(), 0,
                    typeName.location());
            int elementOid = typeOid(state, element);
            int arrayOid = BuiltinTypes.arrayTypeOf(elementOid);
            if (arrayOid == 0) {
                throw ParseState.error(SqlState.FEATURE_NOT_SUPPORTED, typeName.location(),
                        "arrays of type %s are not supported yet", state.types.formatType(elementOid, -1));
            }
            return arrayOid;
        }
        try {
            return state.catalog.lookupValueTypeOid(state.transaction, typeName.schema(), typeName.name());
        } catch (SqlException error) {
            throw ParseState.at(error, typeName.location());
        }
    }

}
