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
    /** The routine whose body's statements this analyzer analyzes (CALL), or null. */
    private RoutineCalls.Scope routineScope;

    /** @param notices where WARNINGs raised during analysis go (the session's client) */
    public Analyzer(TypeSystem types, CatalogAccess catalog, ExpressionParser expressionParser, NoticeSink notices) {
        this.types = types;
        this.catalog = catalog;
        this.expressionParser = expressionParser;
        this.notices = notices;
    }

    public Result analyze(Statement statement, Transaction transaction, FormatSettings formatSettings,
                          int[] parameterTypes) {
        return analyzeWithScope(statement, transaction, formatSettings, parameterTypes, routineScope);
    }

    /** An analyzer of the statements of {@code routine}'s body, its parameters typed {@code argumentTypes}. */
    public Analyzer forRoutineBody(org.woolly.catalog.FunctionInfo routine, int[] argumentTypes) {
        Analyzer body = new Analyzer(types, catalog, expressionParser, notices);
        body.routineScope = RoutineAnalyzer.scope(routine, argumentTypes);
        return body;
    }

    /** {@link #analyze} of a statement of a routine body, which reads the routine's parameters ({@code routine}). */
    Result analyzeWithScope(Statement statement, Transaction transaction, FormatSettings formatSettings,
                            int[] parameterTypes, RoutineCalls.Scope routine) {
        ParseState state = new ParseState(types, catalog, transaction, formatSettings, notices, parameterTypes);
        state.expressionParser = expressionParser;
        state.routine = routine;
        Query query = switch (statement) {
            case Statement.Select select -> new SelectAnalyzer(state).analyze(select.query());
            case Statement.Insert insert -> new ModifyAnalyzer(state, expressionParser).insert(insert);
            case Statement.Update update -> new ModifyAnalyzer(state, expressionParser).update(update);
            case Statement.Delete delete -> new ModifyAnalyzer(state, expressionParser).delete(delete);
            case Statement.Merge merge -> new MergeAnalyzer(state, expressionParser).merge(merge);
            default -> throw new IllegalArgumentException("not an optimizable statement: " + statement);
        };
        if (!state.dataModifyingCtes().isEmpty()) {
            query = query.withDataModifyingCtes(state.dataModifyingCtes());
        }
        return new Result(query, state.resolvedParameterTypes(), List.copyOf(state.openedRelations));
    }

    /** CREATE FUNCTION's body checks and CALL's analysis, over this analyzer's catalog. */
    public RoutineAnalyzer routines() {
        return new RoutineAnalyzer(types, catalog, notices);
    }

    /** Analyzes a DEFAULT expression for CREATE TABLE validation: no columns, no aggregates. */
    public void validateDefault(Expr expr, int typeOid, int typmod, String columnName, Transaction transaction,
                                FormatSettings formatSettings) {
        ParseState state = new ParseState(types, catalog, transaction, formatSettings, notices, null);
        state.expressionParser = expressionParser;
        state.aggregateForbiddenIn = "DEFAULT expressions";
        state.inDefaultExpression = true;
        state.subLinkForbiddenIn = "DEFAULT expression";
        var analyzed = new ExpressionAnalyzer(state).transform(expr);
        new ModifyAnalyzer(state, expressionParser).assign(
                new org.woolly.catalog.AttributeInfo((short) 1, columnName, typeOid, typmod, false, null), analyzed,
                expr.location());
    }

    /**
     * Analyzes a CHECK constraint's expression over {@code relation}'s columns
     * ({@code cookConstraint} in {@code heap.c}): a boolean whose column references are the
     * positions of the row (0-based attribute order), so the executor evaluates it on the new
     * row. No aggregates, window functions or subqueries (PostgreSQL's texts).
     */
    public org.woolly.nodes.query.QueryExpr analyzeCheckConstraint(org.woolly.catalog.RelationInfo relation, Expr expr,
                                                                  Transaction transaction,
                                                                  FormatSettings formatSettings) {
        ParseState state = new ParseState(types, catalog, transaction, formatSettings, report -> { }, null);
        state.expressionParser = expressionParser;
        state.aggregateForbiddenIn = "check constraints";
        state.subLinkForbiddenIn = "check constraint";
        state.subLinkErrorHasPosition = true;
        FromAnalyzer.addRelation(state, relation, null, false);
        var analyzed = new ExpressionAnalyzer(state).transform(expr);
        if (analyzed.type() != org.woolly.utils.adt.TypeOids.BOOL) {
            var coerced = Coercions.coerce(state, analyzed, org.woolly.utils.adt.TypeOids.BOOL, -1,
                    TypeSystem.CoercionContext.ASSIGNMENT, expr.location());
            if (coerced == null) {
                throw ParseState.error(org.woolly.utils.error.SqlState.DATATYPE_MISMATCH, expr.location(),
                        "argument of CHECK must be type boolean, not type %s", types.formatType(analyzed.type(), -1));
            }
            analyzed = coerced;
        }
        return analyzed;
    }

    /**
     * Analyzes an index column's expression or an index's WHERE clause ({@code predicate}) over
     * {@code relation}'s row, with CREATE INDEX's checks (42P17 for functions that are not IMMUTABLE).
     */
    public org.woolly.nodes.query.QueryExpr analyzeIndexExpression(org.woolly.catalog.RelationInfo relation, Expr expr,
                                                                  boolean predicate, Transaction transaction,
                                                                  FormatSettings formatSettings) {
        ParseState state = new ParseState(types, catalog, transaction, formatSettings, report -> { }, null);
        state.expressionParser = expressionParser;
        return new IndexAnalyzer(state).analyze(relation, expr, predicate);
    }

    /** Parses and analyzes the stored expressions and predicate of an index (empty for a plain index). */
    public org.woolly.nodes.query.IndexExpressions storedIndexExpressions(org.woolly.catalog.RelationInfo relation,
                                                                         org.woolly.catalog.IndexInfo index,
                                                                         Transaction transaction,
                                                                         FormatSettings formatSettings) {
        if (!index.hasExpressions() && !index.partial()) {
            return org.woolly.nodes.query.IndexExpressions.NONE;
        }
        List<org.woolly.nodes.query.QueryExpr> expressions = new java.util.ArrayList<>();
        for (String text : index.expressionTexts()) {
            expressions.add(analyzeIndexExpression(relation, expressionParser.parseExpression(text), false, transaction,
                    formatSettings));
        }
        org.woolly.nodes.query.QueryExpr predicate = index.partial() ? analyzeIndexExpression(relation,
                expressionParser.parseExpression(index.predicate()), true, transaction, formatSettings) : null;
        return new org.woolly.nodes.query.IndexExpressions(List.copyOf(expressions), predicate);
    }

    /**
     * Analyzes a domain's CHECK expression over {@code VALUE} (the domain's base type) for
     * CREATE/ALTER DOMAIN: 42703 for other column names, 42804 when not boolean.
     */
    public org.woolly.nodes.query.QueryExpr analyzeDomainCheck(org.woolly.catalog.DomainInfo domain, Expr expr,
                                                              Transaction transaction, FormatSettings formatSettings) {
        ParseState state = new ParseState(types, catalog, transaction, formatSettings, report -> { }, null);
        state.expressionParser = expressionParser;
        return DomainCoercion.analyzeCheck(state, domain, expr);
    }

    /** Parses and analyzes a domain's stored CHECK constraint (its SQL text). */
    public org.woolly.nodes.query.QueryExpr storedDomainCheck(org.woolly.catalog.DomainInfo domain, String text,
                                                             Transaction transaction, FormatSettings formatSettings) {
        return analyzeDomainCheck(domain, expressionParser.parseExpression(text), transaction, formatSettings);
    }

    /** Parses and analyzes a stored CHECK constraint (its SQL text) for the executor. */
    public org.woolly.nodes.query.QueryExpr storedCheckConstraint(org.woolly.catalog.RelationInfo relation, String text,
                                                                 Transaction transaction, FormatSettings formatSettings) {
        return analyzeCheckConstraint(relation, expressionParser.parseExpression(text), transaction, formatSettings);
    }

    /** Parses and analyzes a column's stored DEFAULT, coerced to the column's type (ON DELETE SET DEFAULT). */
    public org.woolly.nodes.query.QueryExpr storedDefault(org.woolly.catalog.AttributeInfo column,
                                                         Transaction transaction, FormatSettings formatSettings) {
        if (column.defaultExpression() == null) {
            return new org.woolly.nodes.query.QueryExpr.Const(column.typeOid(), column.typeModifier(), null);
        }
        return analyzeValue(expressionParser.parseExpression(column.defaultExpression()), column.typeOid(),
                transaction, formatSettings);
    }

    /**
     * Analyzes a free-standing expression (EXECUTE arguments) and coerces it to {@code targetType}
     * by assignment rules; no columns may appear.
     */
    public org.woolly.nodes.query.QueryExpr analyzeValue(Expr expr, int targetType, Transaction transaction,
                                                        FormatSettings formatSettings) {
        ParseState state = new ParseState(types, catalog, transaction, formatSettings, notices, null);
        state.expressionParser = expressionParser;
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

    /**
     * The value ALTER COLUMN ... TYPE writes for a column ({@code ATPrepAlterColumnType}): the
     * USING expression, or the column itself when there is none, over one row of
     * {@code relation} (its columns at their positions), coerced by assignment to the new type.
     * 42804 with PostgreSQL's hint when no assignment coercion exists.
     */
    public org.woolly.nodes.query.QueryExpr analyzeColumnTransform(org.woolly.catalog.RelationInfo relation,
            org.woolly.catalog.AttributeInfo column, Expr using, int typeOid, int typmod, Transaction transaction,
            FormatSettings formatSettings) {
        ParseState state = new ParseState(types, catalog, transaction, formatSettings, report -> { }, null);
        state.expressionParser = expressionParser;
        state.aggregateForbiddenIn = "transform expressions";
        state.subLinkForbiddenIn = "transform expression";
        state.subLinkErrorHasPosition = true;
        int index = FromAnalyzer.addRelation(state, relation, null, false);
        org.woolly.nodes.query.QueryExpr analyzed;
        int location = using == null ? -1 : using.location();
        if (using == null) {
            analyzed = ColumnResolver.var(state.rangeTable.get(index), relation.attributes().indexOf(column), -1);
        } else {
            analyzed = new ExpressionAnalyzer(state).transform(using);
        }
        var coerced = Coercions.coerce(state, analyzed, typeOid, typmod, TypeSystem.CoercionContext.ASSIGNMENT,
                location);
        if (coerced == null) {
            String typeName = types.formatType(typeOid, typmod);
            if (using == null) {
                throw new org.woolly.utils.error.SqlException(org.woolly.utils.error.SqlState.DATATYPE_MISMATCH,
                        "column \"%s\" cannot be cast automatically to type %s".formatted(column.name(),
                                types.formatType(typeOid, -1)))
                        .withHint("You might need to specify \"USING %s::%s\".".formatted(
                                quoteIdentifier(column.name()), typeName));
            }
            throw new org.woolly.utils.error.SqlException(org.woolly.utils.error.SqlState.DATATYPE_MISMATCH,
                    "result of USING clause for column \"%s\" cannot be cast automatically to type %s".formatted(
                            column.name(), types.formatType(typeOid, -1)))
                    .withHint("You might need to add an explicit cast.");
        }
        return coerced;
    }

    /**
     * A partition bound value ({@code transformPartitionBoundValue}): any expression without column
     * references, aggregates, window functions, subqueries or set-returning functions, coerced by
     * assignment to the key's type; 42804 naming {@code column} when it cannot be, at {@code location}
     * (where the expression begins).
     */
    public org.woolly.nodes.query.QueryExpr analyzePartitionBound(Expr expr, int location, int typeOid, int typmod,
                                                                 String column,
                                                                 Transaction transaction,
                                                                 FormatSettings formatSettings) {
        ParseState state = new ParseState(types, catalog, transaction, formatSettings, report -> { }, null);
        state.expressionParser = expressionParser;
        state.aggregateForbiddenIn = "partition bound";
        state.inPartitionBound = true;
        state.subLinkForbiddenIn = "partition bound";
        state.subLinkErrorHasPosition = true;
        var analyzed = new ExpressionAnalyzer(state).transform(expr);
        var coerced = Coercions.coerce(state, analyzed, typeOid, typmod, TypeSystem.CoercionContext.ASSIGNMENT,
                location);
        if (coerced == null) {
            throw ParseState.error(org.woolly.utils.error.SqlState.DATATYPE_MISMATCH, location,
                    "specified value cannot be cast to type %s for column \"%s\"", types.formatType(typeOid, -1),
                    column);
        }
        return coerced;
    }

    /**
     * Partition key expression {@code keyNumber} (1-based) of CREATE TABLE ... PARTITION BY over
     * {@code relation}'s row, with PostgreSQL's checks ({@code ComputePartitionAttrs}).
     */
    public org.woolly.nodes.query.QueryExpr analyzePartitionKeyExpression(org.woolly.catalog.RelationInfo relation,
                                                                         Expr expr, int keyNumber,
                                                                         Transaction transaction,
                                                                         FormatSettings formatSettings) {
        ParseState state = new ParseState(types, catalog, transaction, formatSettings, report -> { }, null);
        state.expressionParser = expressionParser;
        return PartitionKeyAnalyzer.analyze(state, relation, expr, keyNumber);
    }

    /** A DEFAULT expression analyzed and coerced to its column's type, as INSERT would use it. */
    public org.woolly.nodes.query.QueryExpr analyzeDefault(Expr expr, org.woolly.catalog.AttributeInfo column,
                                                          Transaction transaction, FormatSettings formatSettings) {
        ParseState state = new ParseState(types, catalog, transaction, formatSettings, report -> { }, null);
        state.expressionParser = expressionParser;
        state.aggregateForbiddenIn = "DEFAULT expressions";
        state.inDefaultExpression = true;
        state.subLinkForbiddenIn = "DEFAULT expression";
        var analyzed = new ExpressionAnalyzer(state).transform(expr);
        return new ModifyAnalyzer(state, expressionParser).assign(column, analyzed, expr.location());
    }

    private static String quoteIdentifier(String name) {
        boolean plain = !name.isEmpty() && (Character.isLowerCase(name.charAt(0)) || name.charAt(0) == '_');
        for (int i = 0; i < name.length() && plain; i++) {
            char c = name.charAt(i);
            plain = Character.isLowerCase(c) || Character.isDigit(c) || c == '_' || c == '$';
        }
        return plain ? name : "\"" + name.replace("\"", "\"\"") + "\"";
    }
}
