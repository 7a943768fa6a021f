package org.woolly.analyzer;

import org.woolly.access.transam.Transaction;
import java.util.List;
import org.woolly.catalog.CatalogAccess;
import org.woolly.catalog.LockedRelation;
import org.woolly.nodes.parse.Expr;
import org.woolly.nodes.parse.Statement;
import org.woolly.nodes.query.Query;
import org.woolly.utils.adt.FormatSettings;
import org.woolly.utils.error.NoticeSink;

/**
 * Entry point of analysis ({@code parse_analyze} in {@code analyze.c}): one raw SELECT, INSERT,
 * UPDATE or DELETE into a {@link Query}, with the parameter types it declared or inferred.
 */
public final class Analyzer {

    /** Parses a stored DEFAULT expression ({@code Parser.parseExpression}). */
    @FunctionalInterface
    public interface ExpressionParser {
        Expr parseExpression(String text);
    }

    /**
     * An analyzed statement, the final types of its parameters, and the relations it opened with
     * the lock each needs (executing it in a later transaction takes them again).
     */
    public record Result(Query query, int[] parameterTypes, List<LockedRelation> relations) {}

    private final TypeSystem types;
    private final CatalogAccess catalog;
    private final ExpressionParser expressionParser;
    private final NoticeSink notices;

    /** @param notices where WARNINGs raised during analysis go (the session's client) */
    public Analyzer(TypeSystem types, CatalogAccess catalog, ExpressionParser expressionParser, NoticeSink notices) {
        this.types = types;
        this.catalog = catalog;
        this.expressionParser = expressionParser;
        this.notices = notices;
    }

    public Result analyze(Statement statement, Transaction transaction, FormatSettings formatSettings,
                          int[] parameterTypes) {
        ParseState state = new ParseState(types, catalog, transaction, formatSettings, notices, parameterTypes);
        Query query = switch (statement) {
            case Statement.Select select -> new SelectAnalyzer(state).analyze(select.query());
            case Statement.Insert insert -> new ModifyAnalyzer(state, expressionParser).insert(insert);
            case Statement.Update update -> new ModifyAnalyzer(state, expressionParser).update(update);
            case Statement.Delete delete -> new ModifyAnalyzer(state, expressionParser).delete(delete);
            default -> throw new IllegalArgumentException("not an optimizable statement: " + statement);
        };
        return new Result(query, state.resolvedParameterTypes(), List.copyOf(state.openedRelations));
    }

    /** Analyzes a DEFAULT expression for CREATE TABLE validation: no columns, no aggregates. */
    public void validateDefault(Expr expr, int typeOid, int typmod, String columnName, Transaction transaction,
                                FormatSettings formatSettings) {
        ParseState state = new ParseState(types, catalog, transaction, formatSettings, notices, null);
        state.aggregateForbiddenIn = "DEFAULT expressions";
        state.inDefaultExpression = true;
        var analyzed = new ExpressionAnalyzer(state).transform(expr);
        new ModifyAnalyzer(state, expressionParser).assign(
                new org.woolly.catalog.AttributeInfo((short) 1, columnName, typeOid, typmod, false, null), analyzed,
                expr.location());
    }

    /**
     * Analyzes a free-standing expression (EXECUTE arguments) and coerces it to {@code targetType}
     * by assignment rules; no columns may appear.
     */
    public org.woolly.nodes.query.QueryExpr analyzeValue(Expr expr, int targetType, Transaction transaction,
                                                        FormatSettings formatSettings) {
        ParseState state = new ParseState(types, catalog, transaction, formatSettings, notices, null);
        state.aggregateForbiddenIn = "EXECUTE parameters";
        var analyzed = new ExpressionAnalyzer(state).transform(expr);
        var coerced = Coercions.coerce(state, analyzed, targetType, -1, TypeSystem.CoercionContext.ASSIGNMENT,
                expr.location());
        if (coerced == null) {
            throw ParseState.error(org.woolly.utils.error.SqlState.DATATYPE_MISMATCH, expr.location(),
                    "parameter $1 of type %s cannot be coerced to the expected type %s",
                    types.formatType(analyzed.type(), -1), types.formatType(targetType, -1))
                    .withHint("You will need to rewrite or cast the expression.");
        }
        return coerced;
    }
}
