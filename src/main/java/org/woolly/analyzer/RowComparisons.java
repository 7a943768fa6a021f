package org.woolly.analyzer;

import java.util.ArrayList;
import java.util.List;
import org.woolly.nodes.parse.Expr;
import org.woolly.nodes.parse.FromItem;
import org.woolly.nodes.parse.ResTarget;
import org.woolly.nodes.parse.SelectStmt;
import org.woolly.nodes.query.QueryExpr;
import org.woolly.utils.adt.TypeOids;
import org.woolly.utils.error.SqlState;

/**
 * Row-wise comparisons ({@code make_row_comparison_op}, {@code make_row_distinct_op} and the
 * row cases of {@code transformSubLink} / {@code transformAExprIn} in {@code parse_expr.c}):
 * {@code (a, b) op (c, d)}, {@code IS [NOT] DISTINCT FROM}, {@code IN} lists of rows,
 * {@code ROW(...) IS [NOT] NULL}, and a row against a multi-column subquery.
 *
 * <p>Each is rewritten into per-column comparisons with PostgreSQL's null semantics: {@code =} is
 * the AND of the columns' equalities, {@code <>} their OR, and {@code <}, {@code <=}, {@code >},
 * {@code >=} the lexicographic order ({@code RowCompareExpr}): the first column that is not equal
 * decides, a NULL met before that makes the result NULL. A row against a subquery becomes a
 * subquery over it that yields the combined comparison per row ({@code true = ANY (...)} for
 * ANY/ALL, a scalar subquery for {@code =}), which keeps the ANY/ALL and single-row rules.
 */
final class RowComparisons {
    /** Names the subquery's columns inside the rewritten subquery; never visible to the user. */
    private static final String SOURCE = "?row comparison?";

    private RowComparisons() {}

    static boolean isRow(Expr expr) {
        return expr instanceof Expr.RowConstructor;
    }

    /** {@code (a, b) op (c, d)} or {@code (a, b) op (SELECT x, y ...)}. */
    static QueryExpr operator(ExpressionAnalyzer analyzer, ParseState state, Expr.Operator operator) {
        List<Expr> lefts = ((Expr.RowConstructor) operator.left()).fields();
        if (operator.right() instanceof Expr.SubLink link && link.kind() == Expr.SubLink.Kind.EXPR) {
            List<Expr> columns = subqueryColumns(state, link, lefts.size());
            Expr combined = combine(analyzer, state, operator.name(), lefts, columns, operator.location());
            return analyzer.transform(new Expr.SubLink(Expr.SubLink.Kind.EXPR, null, null,
                    wrap(link, combined, lefts.size()), link.location()));
        }
        List<Expr> rights = ((Expr.RowConstructor) operator.right()).fields();
        return analyzer.transform(combine(analyzer, state, operator.name(), lefts, rights, operator.location()));
    }

    /** {@code (a, b) op ANY|ALL (SELECT x, y ...)}, IN and NOT IN included. */
    static QueryExpr subLink(ExpressionAnalyzer analyzer, ParseState state, Expr.SubLink link) {
        List<Expr> lefts = ((Expr.RowConstructor) link.test()).fields();
        List<Expr> columns = subqueryColumns(state, link, lefts.size());
        String operator = link.operator() == null ? "=" : link.operator();
        Expr combined = combine(analyzer, state, operator, lefts, columns, link.location());
        Expr yes = new Expr.Constant(Expr.Constant.Kind.BOOLEAN, "true", link.location());
        return analyzer.transform(new Expr.SubLink(link.kind(), yes, "=", wrap(link, combined, lefts.size()),
                link.location()));
    }

    /** {@code (a, b) IS [NOT] DISTINCT FROM (c, d)}: any column distinct makes the rows distinct. */
    static QueryExpr distinctFrom(ExpressionAnalyzer analyzer, Expr.DistinctFrom distinct) {
        List<Expr> lefts = fields(distinct.left());
        List<Expr> rights = fields(distinct.right());
        checkWidths(lefts, rights, distinct.location());
        List<Expr> tests = new ArrayList<>();
        for (int i = 0; i < lefts.size(); i++) {
            tests.add(new Expr.DistinctFrom(lefts.get(i), rights.get(i), distinct.not(), distinct.location()));
        }
        return analyzer.transform(bool(distinct.not() ? Expr.BoolExpr.BoolOp.AND : Expr.BoolExpr.BoolOp.OR, tests,
                distinct.location()));
    }

    /** {@code (a, b) [NOT] IN ((1, 2), (3, 4))}: an OR of row equalities (AND of row inequalities). */
    static QueryExpr inList(ExpressionAnalyzer analyzer, ParseState state, Expr.InList in) {
        List<Expr> lefts = ((Expr.RowConstructor) in.arg()).fields();
        List<Expr> tests = new ArrayList<>();
        for (Expr element : in.list()) {
            if (!(element instanceof Expr.RowConstructor row)) {
                throw ParseState.error(SqlState.FEATURE_NOT_SUPPORTED, element.location(),
                        "comparing a row with a value that is not a row constructor is not supported yet");
            }
            tests.add(combine(analyzer, state, in.not() ? "<>" : "=", lefts, row.fields(), in.location()));
        }
        return analyzer.transform(bool(in.not() ? Expr.BoolExpr.BoolOp.AND : Expr.BoolExpr.BoolOp.OR, tests,
                in.location()));
    }

    /** {@code ROW(a, b) IS [NOT] NULL}: every field null (or every field not null). */
    static QueryExpr nullTest(ExpressionAnalyzer analyzer, Expr.NullTest test) {
        List<Expr> tests = new ArrayList<>();
        for (Expr field : ((Expr.RowConstructor) test.arg()).fields()) {
            tests.add(new Expr.NullTest(field, test.test(), test.location()));
        }
        if (tests.isEmpty()) {
            return new QueryExpr.Const(TypeOids.BOOL, -1, true);
        }
        return analyzer.transform(bool(Expr.BoolExpr.BoolOp.AND, tests, test.location()));
    }

    private static List<Expr> fields(Expr row) {
        if (row instanceof Expr.RowConstructor constructor) {
            return constructor.fields();
        }
        throw ParseState.error(SqlState.FEATURE_NOT_SUPPORTED, row.location(),
                "comparing a row with a value that is not a row constructor is not supported yet");
    }

    /** The per-column comparisons of {@code op} combined as {@code make_row_comparison_op} interprets it. */
    private static Expr combine(ExpressionAnalyzer analyzer, ParseState state, String op, List<Expr> lefts, List<Expr> rights,
                                int location) {
        checkWidths(lefts, rights, location);
        if (lefts.isEmpty()) {
            throw ParseState.error(SqlState.FEATURE_NOT_SUPPORTED, location, "cannot compare rows of zero length");
        }
        return switch (op) {
            case "=" -> bool(Expr.BoolExpr.BoolOp.AND, pairs(op, lefts, rights, location), location);
            case "<>" -> bool(Expr.BoolExpr.BoolOp.OR, pairs(op, lefts, rights, location), location);
            case "<", "<=", ">", ">=" -> ordered(op, lefts, rights, 0, location);
            default -> {
                // the operators must exist and yield boolean before their meaning is asked for
                for (int i = 0; i < lefts.size(); i++) {
                    QueryExpr result = analyzer.transform(new Expr.Operator(op, lefts.get(i), rights.get(i), location));
                    if (result.type() != TypeOids.BOOL) {
                        throw ParseState.error(SqlState.DATATYPE_MISMATCH, location,
                                "row comparison operator must yield type boolean, not type %s",
                                state.types.formatType(result.type(), -1));
                    }
                }
                throw ParseState.error(SqlState.UNDEFINED_FUNCTION, location,
                        "could not determine interpretation of row comparison operator %s", op)
                        .withHint("Row comparison operators must be associated with btree operator families.");
            }
        };
    }

    /** {@code l[i] < r[i] OR (l[i] = r[i] AND <the rest>)}, the last column with {@code op} itself. */
    private static Expr ordered(String op, List<Expr> lefts, List<Expr> rights, int index, int location) {
        if (index == lefts.size() - 1) {
            return new Expr.Operator(op, lefts.get(index), rights.get(index), location);
        }
        Expr strict = new Expr.Operator(op.substring(0, 1), lefts.get(index), rights.get(index), location);
        Expr equal = new Expr.Operator("=", lefts.get(index), rights.get(index), location);
        Expr rest = ordered(op, lefts, rights, index + 1, location);
        return bool(Expr.BoolExpr.BoolOp.OR, List.of(strict, bool(Expr.BoolExpr.BoolOp.AND, List.of(equal, rest),
                location)), location);
    }

    private static List<Expr> pairs(String op, List<Expr> lefts, List<Expr> rights, int location) {
        List<Expr> pairs = new ArrayList<>();
        for (int i = 0; i < lefts.size(); i++) {
            pairs.add(new Expr.Operator(op, lefts.get(i), rights.get(i), location));
        }
        return pairs;
    }

    private static Expr bool(Expr.BoolExpr.BoolOp op, List<Expr> args, int location) {
        return args.size() == 1 ? args.getFirst() : new Expr.BoolExpr(op, List.copyOf(args), location);
    }

    private static void checkWidths(List<Expr> lefts, List<Expr> rights, int location) {
        if (lefts.size() != rights.size()) {
            throw ParseState.error(SqlState.SYNTAX_ERROR, location, "unequal number of entries in row expressions");
        }
    }

    /**
     * References to the subquery's columns inside {@link #wrap}, after checking that it has as
     * many columns as the row (analyzed once on the side for that).
     */
    private static List<Expr> subqueryColumns(ParseState state, Expr.SubLink link, int width) {
        int columns = new SelectAnalyzer(state.nested(false)).analyze(link.subquery()).outputColumns().size();
        if (columns != width) {
            throw ParseState.error(SqlState.SYNTAX_ERROR, link.location(),
                    columns > width ? "subquery has too many columns" : "subquery has too few columns");
        }
        List<Expr> references = new ArrayList<>();
        for (int i = 0; i < width; i++) {
            references.add(new Expr.ColumnRef(List.of(SOURCE, column(i)), link.location()));
        }
        return references;
    }

    private static String column(int index) {
        return "?column" + (index + 1) + "?";
    }

    /** {@code SELECT combined FROM (the subquery) AS source(c1, c2, ...)}. */
    private static SelectStmt wrap(Expr.SubLink link, Expr combined, int width) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < width; i++) {
            names.add(column(i));
        }
        FromItem source = new FromItem.Subquery(link.subquery(), new FromItem.Alias(SOURCE, names), false,
                link.location());
        return new SelectStmt(List.of(new ResTarget(combined, null, link.location())), false, null, List.of(source), null,
                List.of(), null, null, null, false, null, null, List.of(), null, null, List.of(), List.of(),
                link.location());
    }
}
