package org.woolly.analyzer;

import java.util.ArrayList;
import java.util.List;
import org.woolly.access.transam.Transaction;
import org.woolly.analyzer.resolve.RoutineResolver;
import org.woolly.catalog.CatalogAccess;
import org.woolly.catalog.FunctionInfo;
import org.woolly.nodes.parse.Expr;
import org.woolly.nodes.parse.Statement;
import org.woolly.nodes.query.Query;
import org.woolly.nodes.query.QueryExpr;
import org.woolly.nodes.query.TargetEntry;
import org.woolly.utils.adt.FormatSettings;
import org.woolly.utils.adt.TypeOids;
import org.woolly.utils.error.NoticeSink;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

/**
 * What CREATE FUNCTION and CALL need from the analyzer: a routine body checked at creation
 * ({@code fmgr_sql_validator} with {@code check_function_bodies}), a CALL's procedure chosen and
 * its arguments analyzed ({@code ExecuteCallStmt}), and a body's statements analyzed with the
 * routine's parameters as {@code $n} and by name ({@code sql_fn_parser_setup}).
 */
public final class RoutineAnalyzer {
    private final TypeSystem types;
    private final CatalogAccess catalog;
    private final NoticeSink notices;

    public RoutineAnalyzer(TypeSystem types, CatalogAccess catalog, NoticeSink notices) {
        this.types = types;
        this.catalog = catalog;
        this.notices = notices;
    }

    /** A procedure chosen for CALL with its input arguments in declared order (defaults filled in). */
    public record CallTarget(FunctionInfo procedure, List<QueryExpr> arguments, int[] argumentTypes) {}

    public CallTarget analyzeCall(Expr.FuncCall call, Transaction transaction, FormatSettings formatSettings) {
        ParseState state = new ParseState(types, catalog, transaction, formatSettings, notices, null);
        state.aggregateForbiddenIn = "CALL arguments";
        state.subLinkForbiddenIn = "CALL argument";
        ExpressionAnalyzer analyzer = new ExpressionAnalyzer(state);
        List<QueryExpr> args = new ArrayList<>();
        for (Expr arg : call.args()) {
            args.add(analyzer.transform(RoutineCalls.value(arg)));
        }
        List<FunctionInfo> routines = catalog.lookupFunctions(transaction, call.name().schema(), call.name().name());
        RoutineCalls.Bound bound = RoutineCalls.bind(state, call, args, routines, true);
        return new CallTarget(bound.function(), bound.arguments(), bound.argumentTypes());
    }

    /** Analyzes one statement of a routine body with its parameters as {@code $n} of {@code argumentTypes}. */
    public Analyzer.Result analyzeBodyStatement(Analyzer analyzer, Statement statement, FunctionInfo routine,
                                                int[] argumentTypes, Transaction transaction,
                                                FormatSettings formatSettings) {
        return analyzer.analyzeWithScope(statement, transaction, formatSettings, argumentTypes,
                scope(routine, argumentTypes));
    }

    /** The statements of a routine's body. */
    public static List<Statement> bodyStatements(FunctionInfo routine) {
        return RoutineCalls.bodyStatements(routine);
    }

    /**
     * Checks a new routine's body: each statement analyzes, and a function's final statement
     * returns what it is declared to (42P13 otherwise). A body over polymorphic parameters is
     * only parsed, as PostgreSQL does until a call fixes the types.
     */
    public void validate(Analyzer analyzer, FunctionInfo routine, List<Integer> outputTypes, int bodyLocation,
                         Transaction transaction, FormatSettings formatSettings) {
        try {
            check(analyzer, routine, outputTypes, bodyLocation, transaction, formatSettings);
        } catch (SqlException error) {
            // errors of the final statement's result name the function, as fmgr_sql's error context does
            throw error.sqlState() == SqlState.INVALID_FUNCTION_DEFINITION
                    ? error.withContext("SQL function \"%s\"".formatted(routine.name())) : error;
        }
    }

    private void check(Analyzer analyzer, FunctionInfo routine, List<Integer> outputTypes, int bodyLocation,
                       Transaction transaction, FormatSettings formatSettings) {
        List<Statement> statements = bodyStatements(routine);
        boolean polymorphic = RoutineResolver.isPolymorphic(routine.returnType());
        for (int type : routine.argumentTypes()) {
            polymorphic |= RoutineResolver.isPolymorphic(type);
        }
        if (polymorphic) {
            return;
        }
        Query last = null;
        for (Statement statement : statements) {
            if (!(statement instanceof Statement.Select || statement instanceof Statement.Insert
                    || statement instanceof Statement.Update || statement instanceof Statement.Delete
                    || statement instanceof Statement.Merge)) {
                last = null;
                continue;
            }
            try {
                last = analyzeBodyStatement(analyzer, statement, routine, routine.argumentTypes(), transaction,
                        formatSettings).query();
            } catch (SqlException error) {
                throw error.position() == 0 ? error : error.withPosition(bodyLocation + error.position());
            }
        }
        if (routine.isProcedure() || routine.returnType() == TypeOids.VOID) {
            return;
        }
        ParseState state = new ParseState(types, catalog, transaction, formatSettings, notices, null);
        if (last == null || last.outputColumns().isEmpty() && !statements.isEmpty()) {
            throw RoutineCalls.returnMismatch(state, routine.returnType(),
                    "Function's final statement must be SELECT or INSERT/UPDATE/DELETE RETURNING.");
        }
        List<TargetEntry> outputs = last.outputColumns();
        if (outputTypes.size() <= 1 && !composite(routine)) {
            if (outputs.size() != 1) {
                throw RoutineCalls.returnMismatch(state, routine.returnType(),
                        "Final statement must return exactly one column.");
            }
            RoutineCalls.coerceResult(state, outputs.getFirst().expr(), routine.returnType());
            return;
        }
        if (!outputTypes.isEmpty() && outputs.size() != outputTypes.size()) {
            throw RoutineCalls.returnMismatch(state, routine.returnType(),
                    "Final statement returns %s columns.".formatted(outputs.size() < outputTypes.size() ? "too few"
                            : "too many"));
        }
    }

    private static boolean composite(FunctionInfo routine) {
        return routine.returnType() == TypeOids.RECORD || !RoutineResolver.isPolymorphic(routine.returnType())
                && org.woolly.utils.adt.BuiltinTypes.byOid(routine.returnType()) == null;
    }

    static RoutineCalls.Scope scope(FunctionInfo routine, int[] argumentTypes) {
        List<QueryExpr> values = new ArrayList<>();
        for (int i = 0; i < argumentTypes.length; i++) {
            values.add(new QueryExpr.Param(i + 1, argumentTypes[i]));
        }
        return new RoutineCalls.Scope(routine.name(), RoutineCalls.inputNames(routine), values);
    }
}
