package org.woolly.analyzer;

import java.util.ArrayList;
import java.util.List;
import org.woolly.catalog.AttributeInfo;
import org.woolly.catalog.DomainInfo;
import org.woolly.catalog.RelationInfo;
import org.woolly.nodes.parse.Expr;
import org.woolly.nodes.query.CoercionHandle;
import org.woolly.nodes.query.QueryExpr;
import org.woolly.utils.adt.ArrayValue;
import org.woolly.utils.adt.BuiltinTypes;
import org.woolly.utils.error.Severity;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

/**
 * Coercion to a domain ({@code coerce_to_domain} in {@code parse_coerce.c}): the value is
 * coerced to the base type (itself through its domains, innermost first) and then passes the
 * domain's NOT NULL (23502) and CHECK constraints (23514), evaluated at run time on the value
 * ({@code CoerceToDomain}, {@code ExecEvalConstraintCheck}).
 */
final class DomainCoercion {
    private DomainCoercion() {}

    /** The domain of that type OID, or null (built-in types are never domains). */
    static DomainInfo domain(ParseState state, int typeOid) {
        if (typeOid == 0 || BuiltinTypes.byOid(typeOid) != null || state.catalog == null
                || state.transaction == null) {
            return null;
        }
        return state.catalog.domain(state.transaction, typeOid).orElse(null);
    }

    /**
     * {@code expr} coerced to the domain, or null when it does not coerce to the base type in
     * that context. A domain over a domain checks the constraints of every level, the innermost
     * first, and names the outermost in its errors ({@code load_domaintype_info}).
     */
    static QueryExpr coerce(ParseState state, QueryExpr expr, DomainInfo domain, TypeSystem.CoercionContext context,
                            int location) {
        List<DomainInfo> levels = levels(state, domain);
        int typmod = -1;
        for (DomainInfo level : levels.reversed()) {
            typmod = typmod >= 0 ? typmod : level.baseTypmod();
        }
        int baseType = levels.getFirst().baseTypeOid();
        // first to the base type, then its modifier (a literal too long for varchar(3) is cut by an explicit cast)
        QueryExpr base = Coercions.coerce(state, expr, baseType, -1, context, location);
        if (base == null) {
            return null;
        }
        if (typmod >= 0) {
            base = Coercions.coerce(state, base, baseType, typmod, context, location);
        }
        return new QueryExpr.Cast(base, check(state, domain, levels, baseType), domain.oid(), -1,
                context == TypeSystem.CoercionContext.EXPLICIT);
    }

    /** The domain and the domains it is over, the innermost first. */
    private static List<DomainInfo> levels(ParseState state, DomainInfo domain) {
        List<DomainInfo> levels = new ArrayList<>();
        for (DomainInfo level = domain; level != null; level = domain(state, level.baseTypeOid())) {
            levels.addFirst(level);
        }
        return levels;
    }

    /**
     * An array coerced to an array over a domain ({@code _posint}): every element passes the
     * domain's NOT NULL and CHECKs, as {@code array_in} runs {@code domain_in} on each element
     * and an {@code ArrayCoerceExpr} runs {@code CoerceToDomain} on each; the array's elements
     * are then of the domain type.
     */
    static QueryExpr checkElements(ParseState state, QueryExpr array, DomainInfo domain, int arrayType,
                                   TypeSystem.CoercionContext context) {
        List<DomainInfo> levels = levels(state, domain);
        CoercionHandle.Converter element = check(state, domain, levels, levels.getFirst().baseTypeOid()).function();
        int elementType = domain.oid();
        CoercionHandle.Converter converter = (value, typmod, evaluation) -> {
            ArrayValue values = (ArrayValue) value;
            for (Object item : values.elements()) {
                element.convert(item, -1, evaluation);
            }
            return values.withElements(elementType, values.elements().toArray());
        };
        return new QueryExpr.Cast(array, new CoercionHandle("domain_check", array.type(), arrayType, converter),
                arrayType, -1, context == TypeSystem.CoercionContext.EXPLICIT);
    }

    /** The run-time part: NOT NULL of any level, then each level's CHECKs in name order. */
    private static CoercionHandle check(ParseState state, DomainInfo domain, List<DomainInfo> levels, int baseType) {
        String name = state.types.formatType(domain.oid(), -1);
        List<String> names = new ArrayList<>();
        List<QueryExpr> checks = new ArrayList<>();
        boolean anyNotNull = false;
        for (DomainInfo level : levels) {
            anyNotNull |= level.notNull();
            for (DomainInfo.Check check : level.checks()) {
                names.add(check.name());
                checks.add(analyzeCheck(state, level, state.expressionParser.parseExpression(check.expression())));
            }
        }
        boolean notNull = anyNotNull;
        CoercionHandle.NullAcceptingConverter converter = (value, typmod, context) -> {
            if (value == null && notNull) {
                throw SqlException.of(SqlState.NOT_NULL_VIOLATION, "domain %s does not allow null values", name);
            }
            if (context == null) {
                return value; // a planner estimate, not a stored value
            }
            for (int i = 0; i < checks.size(); i++) {
                if (Boolean.FALSE.equals(context.evaluateOnValue(checks.get(i), value))) {
                    throw new SqlException(Severity.ERROR, SqlState.CHECK_VIOLATION,
                            "value for domain %s violates check constraint \"%s\"".formatted(name, names.get(i)),
                            null, null, 0, null);
                }
            }
            return value;
        };
        return new CoercionHandle("domain_check", baseType, domain.oid(), converter);
    }

    /**
     * A domain CHECK expression analyzed over one column, {@code VALUE}, of the domain's
     * stored type ({@code domainAddConstraint}): boolean, no aggregates, window functions or
     * subqueries (PostgreSQL's texts).
     */
    static QueryExpr analyzeCheck(ParseState outer, DomainInfo domain, Expr expr) {
        ParseState state = new ParseState(outer.types, outer.catalog, outer.transaction, outer.formatSettings,
                report -> { }, null);
        state.expressionParser = outer.expressionParser;
        state.aggregateForbiddenIn = "check constraints";
        state.subLinkForbiddenIn = "check constraint";
        state.subLinkErrorHasPosition = true;
        int stored = storedType(outer, domain.baseTypeOid());
        RelationInfo value = new RelationInfo(0, domain.name(), domain.namespaceOid(), null, 'r', null,
                List.of(new AttributeInfo((short) 1, "value", stored, domain.baseTypmod(), false, null)), null);
        FromAnalyzer.addRelation(state, value, null, false);
        QueryExpr analyzed = new ExpressionAnalyzer(state).transform(expr);
        return Coercions.toBoolean(state, analyzed, "CHECK", expr.location());
    }

    /** The type a domain's values have: its base type after every domain it is over. */
    static int storedType(ParseState state, int typeOid) {
        DomainInfo domain = domain(state, typeOid);
        return domain == null ? typeOid : storedType(state, domain.baseTypeOid());
    }
}
