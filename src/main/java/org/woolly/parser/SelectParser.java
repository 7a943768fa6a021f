package org.woolly.parser;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.woolly.nodes.parse.CommonTableExpr;
import org.woolly.nodes.parse.Expr;
import org.woolly.nodes.parse.FromItem;
import org.woolly.nodes.parse.QualifiedName;
import org.woolly.nodes.parse.ResTarget;
import org.woolly.nodes.parse.LockingClause;
import org.woolly.nodes.parse.SelectStmt;
import org.woolly.nodes.parse.SortBy;
import org.woolly.nodes.parse.Statement;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

/**
 * SELECT, VALUES, TABLE and set operations (INTERSECT binding tighter than UNION and EXCEPT),
 * with WITH, ORDER BY, LIMIT/OFFSET/FETCH and FOR UPDATE/SHARE. Counterpart of the
 * {@code SelectStmt}, {@code select_no_parens}, {@code simple_select} and related rules of
 * {@code src/backend/parser/gram.y}.
 */
final class SelectParser {
    private final Grammar grammar;
    private final TokenCursor cursor;
    private final FromClauseParser fromClause;

    /** {@code SELECT ... INTO name}: where the rows go, taken by the statement around the select. */
    record IntoTarget(QualifiedName name, boolean temporary, int location) {}

    private int depth;
    private int topLevelSelects;
    private IntoTarget into;

    SelectParser(Grammar grammar) {
        this.grammar = grammar;
        this.cursor = grammar.cursor;
        this.fromClause = new FromClauseParser(grammar);
    }

    /** {@code select_stmt}: a possibly parenthesized select with its trailing options. */
    SelectStmt selectStatement() {
        depth++;
        try {
            SelectBuilder.Options options = new SelectBuilder.Options();
            if (cursor.atKeyword("with")) {
                options.withToken = cursor.peek();
                options.with = withClause();
            }
            SelectStmt body = setExpression();
            trailingOptions(options);
            return SelectBuilder.applyOptions(body, options);
        } finally {
            depth--;
        }
    }

    /**
     * The INTO target of the statement just parsed, or null; forgets it, and the count of
     * top-level selects, for the next statement.
     */
    IntoTarget takeInto() {
        IntoTarget taken = into;
        into = null;
        topLevelSelects = 0;
        return taken;
    }

    /**
     * {@code INTO [TEMPORARY | TEMP | UNLOGGED] [TABLE] name} after a select list: allowed on the
     * first select of a top-level statement only (PostgreSQL's transformSelectStmt and
     * transformSetOperationStmt).
     */
    private void intoClause() {
        cursor.expectKeyword("into");
        boolean temporary = false;
        if (cursor.acceptKeyword("global") || cursor.acceptKeyword("local")) {
            if (!cursor.atKeyword("temp") && !cursor.atKeyword("temporary")) {
                throw cursor.syntaxError();
            }
        }
        if (cursor.acceptKeyword("temp") || cursor.acceptKeyword("temporary")) {
            temporary = true;
        } else {
            cursor.acceptKeyword("unlogged");
        }
        cursor.acceptKeyword("table");
        Token target = cursor.peek();
        QualifiedName name = grammar.qualifiedName();
        if (depth > 1) {
            throw TokenCursor.errorAt(SqlState.SYNTAX_ERROR, "SELECT ... INTO is not allowed here", target);
        }
        if (topLevelSelects > 1 || into != null) {
            throw TokenCursor.errorAt(SqlState.SYNTAX_ERROR,
                    "INTO is only allowed on first SELECT of UNION/INTERSECT/EXCEPT", target);
        }
        into = new IntoTarget(name, temporary, target.start());
    }

    /** {@code ( select_stmt )}. */
    SelectStmt parenthesizedSelect() {
        cursor.expect(Token.Kind.LEFT_PAREN);
        SelectStmt stmt = selectStatement();
        cursor.expect(Token.Kind.RIGHT_PAREN);
        return stmt;
    }

    /** True when the cursor is at a token that can start a select (not counting parentheses). */
    boolean atSelectStart(int ahead) {
        Token token = cursor.peek(ahead);
        return token.isKeyword("select") || token.isKeyword("values") || token.isKeyword("with")
                || token.isKeyword("table");
    }

    /**
     * At {@code (}: a parenthesized subquery, or null (cursor unchanged) when the parentheses
     * hold something else, such as an expression or a list.
     */
    SelectStmt tryParenthesizedSubquery() {
        if (!cursor.at(Token.Kind.LEFT_PAREN)) {
            return null;
        }
        if (atSelectStart(1)) {
            return parenthesizedSelect();
        }
        if (!cursor.peek(1).is(Token.Kind.LEFT_PAREN)) {
            return null;
        }
        int mark = cursor.mark();
        try {
            return parenthesizedSelect();
        } catch (SqlException e) {
            cursor.reset(mark);
            return null;
        }
    }

    List<CommonTableExpr> withClause() {
        cursor.expectKeyword("with");
        boolean recursive = cursor.acceptKeyword("recursive");
        List<CommonTableExpr> ctes = new ArrayList<>();
        do {
            Token nameToken = cursor.peek();
            String name = grammar.columnId();
            List<String> columns = cursor.at(Token.Kind.LEFT_PAREN) ? grammar.parenthesizedNameList() : List.of();
            cursor.expectKeyword("as");
            Boolean materialized = null;
            if (cursor.acceptKeyword("not")) {
                cursor.expectKeyword("materialized");
                materialized = false;
            } else if (cursor.acceptKeyword("materialized")) {
                materialized = true;
            }
            cursor.expect(Token.Kind.LEFT_PAREN);
            Statement query = grammar.statement();
            cursor.expect(Token.Kind.RIGHT_PAREN);
            CommonTableExpr.SearchClause search = searchClause();
            CommonTableExpr.CycleClause cycle = cycleClause();
            ctes.add(new CommonTableExpr(name, columns, query, materialized, recursive, nameToken.start(), search,
                    cycle));
        } while (cursor.accept(Token.Kind.COMMA));
        return List.copyOf(ctes);
    }

    /** {@code SEARCH {DEPTH | BREADTH} FIRST BY columns SET column}, or null. */
    private CommonTableExpr.SearchClause searchClause() {
        if (!cursor.atKeyword("search")) {
            return null;
        }
        Token search = cursor.advance();
        boolean breadth = cursor.acceptKeyword("breadth");
        if (!breadth) {
            cursor.expectKeyword("depth");
        }
        cursor.expectKeyword("first");
        cursor.expectKeyword("by");
        List<String> columns = new ArrayList<>();
        do {
            columns.add(grammar.columnId());
        } while (cursor.accept(Token.Kind.COMMA));
        cursor.expectKeyword("set");
        return new CommonTableExpr.SearchClause(breadth, List.copyOf(columns), grammar.columnId(), search.start());
    }

    /** {@code CYCLE columns SET column [TO value DEFAULT value] USING column}, or null. */
    private CommonTableExpr.CycleClause cycleClause() {
        if (!cursor.atKeyword("cycle")) {
            return null;
        }
        Token cycle = cursor.advance();
        List<String> columns = new ArrayList<>();
        do {
            columns.add(grammar.columnId());
        } while (cursor.accept(Token.Kind.COMMA));
        cursor.expectKeyword("set");
        String mark = grammar.columnId();
        Expr value = null;
        Expr otherwise = null;
        if (cursor.acceptKeyword("to")) {
            value = grammar.expressions.expression();
            cursor.expectKeyword("default");
            otherwise = grammar.expressions.expression();
        }
        cursor.expectKeyword("using");
        return new CommonTableExpr.CycleClause(List.copyOf(columns), mark, value, otherwise, grammar.columnId(),
                cycle.start());
    }

    /** UNION and EXCEPT over INTERSECT terms, left-associative. */
    private SelectStmt setExpression() {
        SelectStmt left = setTerm();
        while (cursor.atKeyword("union") || cursor.atKeyword("except")) {
            Token op = cursor.advance();
            boolean all = setQuantifier();
            SelectStmt right = setTerm();
            left = setOperation(op.isKeyword("union") ? SelectStmt.SetOperation.UNION : SelectStmt.SetOperation.EXCEPT,
                    all, left, right);
        }
        return left;
    }

    private SelectStmt setTerm() {
        SelectStmt left = setPrimary();
        while (cursor.atKeyword("intersect")) {
            cursor.advance();
            boolean all = setQuantifier();
            left = setOperation(SelectStmt.SetOperation.INTERSECT, all, left, setPrimary());
        }
        return left;
    }

    private boolean setQuantifier() {
        if (cursor.acceptKeyword("all")) {
            return true;
        }
        cursor.acceptKeyword("distinct");
        return false;
    }

    private static SelectStmt setOperation(SelectStmt.SetOperation op, boolean all, SelectStmt left, SelectStmt right) {
        SelectBuilder builder = new SelectBuilder(left.location());
        builder.op = op;
        builder.all = all;
        builder.left = left;
        builder.right = right;
        return builder.build();
    }

    private SelectStmt setPrimary() {
        Token token = cursor.peek();
        if (token.is(Token.Kind.LEFT_PAREN)) {
            return parenthesizedSelect();
        }
        if (token.isKeyword("select")) {
            return simpleSelect();
        }
        if (token.isKeyword("values")) {
            return valuesList();
        }
        if (token.isKeyword("table")) {
            cursor.advance();
            QualifiedName name = grammar.qualifiedName();
            SelectBuilder builder = new SelectBuilder(token.start());
            builder.targets = List.of(new ResTarget(new Expr.ColumnRef(List.of("*"), token.start()), null, token.start()));
            builder.from = List.of(new FromItem.Table(name, null, name.location()));
            return builder.build();
        }
        throw cursor.syntaxError();
    }

    private SelectStmt valuesList() {
        Token values = cursor.expectKeyword("values");
        List<List<Expr>> rows = new ArrayList<>();
        do {
            cursor.expect(Token.Kind.LEFT_PAREN);
            rows.add(List.copyOf(grammar.expressions.expressionList()));
            cursor.expect(Token.Kind.RIGHT_PAREN);
        } while (cursor.accept(Token.Kind.COMMA));
        SelectBuilder builder = new SelectBuilder(values.start());
        builder.values = List.copyOf(rows);
        return builder.build();
    }

    private SelectStmt simpleSelect() {
        Token select = cursor.expectKeyword("select");
        SelectBuilder builder = new SelectBuilder(select.start());
        if (cursor.acceptKeyword("distinct")) {
            builder.distinct = true;
            if (cursor.acceptKeyword("on")) {
                cursor.expect(Token.Kind.LEFT_PAREN);
                builder.distinctOn = List.copyOf(grammar.expressions.expressionList());
                cursor.expect(Token.Kind.RIGHT_PAREN);
            }
        } else {
            cursor.acceptKeyword("all");
        }
        // SELECT [ALL] may have no columns; SELECT DISTINCT needs some (gram.y's target_list after distinct_clause)
        builder.targets = !builder.distinct && atTargetListEnd() ? List.of() : targetList();
        if (depth == 1) {
            topLevelSelects++;
        }
        if (cursor.atKeyword("into")) {
            intoClause();
        }
        if (cursor.acceptKeyword("from")) {
            builder.from = fromClause.fromList();
        }
        if (cursor.acceptKeyword("where")) {
            builder.where = grammar.expressions.expression();
        }
        if (cursor.atKeyword("group") && cursor.peek(1).isKeyword("by")) {
            cursor.advance();
            cursor.advance();
            builder.groupBy = groupByList();
        }
        if (cursor.acceptKeyword("having")) {
            builder.having = grammar.expressions.expression();
        }
        if (cursor.acceptKeyword("window")) {
            builder.windows = WindowClauseParser.windowClause(grammar, this);
        }
        return builder.build();
    }

    private boolean atTargetListEnd() {
        Token token = cursor.peek();
        if (token.is(Token.Kind.EOF) || token.is(Token.Kind.SEMICOLON) || token.is(Token.Kind.RIGHT_PAREN)) {
            return true;
        }
        if (!token.is(Token.Kind.IDENT) || token.quoted()) {
            return false;
        }
        return switch (token.text()) {
            case "from", "where", "group", "having", "window", "order", "limit", "offset", "fetch", "for", "union",
                 "intersect", "except", "into" -> true;
            default -> false;
        };
    }

    List<ResTarget> targetList() {
        List<ResTarget> targets = new ArrayList<>();
        do {
            targets.add(target());
        } while (cursor.accept(Token.Kind.COMMA));
        return List.copyOf(targets);
    }

    private ResTarget target() {
        Token start = cursor.peek();
        if (start.isOperator("*")) {
            cursor.advance();
            return new ResTarget(new Expr.ColumnRef(List.of("*"), start.start()), null, start.start());
        }
        Expr value = grammar.expressions.expression();
        String name = null;
        if (cursor.acceptKeyword("as")) {
            name = grammar.columnLabel();
        } else if (Keywords.isBareColumnLabel(cursor.peek())) {
            name = cursor.advance().text();
        }
        return new ResTarget(value, name, start.start());
    }

    private List<Expr> groupByList() {
        cursor.acceptKeyword("all");
        List<Expr> items = new ArrayList<>();
        do {
            items.add(groupByItem());
        } while (cursor.accept(Token.Kind.COMMA));
        return List.copyOf(items);
    }

    /** {@code group_by_item} of {@code gram.y}: an expression, {@code ()}, ROLLUP, CUBE or GROUPING SETS. */
    private Expr groupByItem() {
        Token token = cursor.peek();
        if (token.is(Token.Kind.LEFT_PAREN) && cursor.peek(1).is(Token.Kind.RIGHT_PAREN)) {
            cursor.advance();
            cursor.advance();
            return new Expr.GroupingSet(Expr.GroupingSet.Kind.EMPTY, List.of(), token.start());
        }
        if ((token.isKeyword("rollup") || token.isKeyword("cube")) && cursor.peek(1).is(Token.Kind.LEFT_PAREN)) {
            cursor.advance();
            cursor.advance();
            List<Expr> elements = grammar.expressions.expressionList();
            cursor.expect(Token.Kind.RIGHT_PAREN);
            return new Expr.GroupingSet(token.isKeyword("rollup") ? Expr.GroupingSet.Kind.ROLLUP
                    : Expr.GroupingSet.Kind.CUBE, elements, token.start());
        }
        if (token.isKeyword("grouping") && cursor.peek(1).isKeyword("sets")) {
            cursor.advance();
            cursor.advance();
            cursor.expect(Token.Kind.LEFT_PAREN);
            List<Expr> sets = new ArrayList<>();
            do {
                sets.add(groupByItem());
            } while (cursor.accept(Token.Kind.COMMA));
            cursor.expect(Token.Kind.RIGHT_PAREN);
            return new Expr.GroupingSet(Expr.GroupingSet.Kind.SETS, List.copyOf(sets), token.start());
        }
        return grammar.expressions.expression();
    }

    /** ORDER BY, LIMIT, OFFSET, FETCH and locking clauses in any of the orders PostgreSQL accepts. */
    private void trailingOptions(SelectBuilder.Options options) {
        if (cursor.atKeyword("order") && cursor.peek(1).isKeyword("by")) {
            options.orderByToken = cursor.advance();
            cursor.advance();
            options.orderBy = sortList();
        }
        while (true) {
            Token token = cursor.peek();
            if (token.isKeyword("limit") && options.limitToken == null) {
                cursor.advance();
                options.limitToken = token;
                if (!cursor.acceptKeyword("all")) {
                    options.limit = grammar.expressions.expression();
                }
                if (cursor.at(Token.Kind.COMMA)) {
                    throw TokenCursor.errorAt(SqlState.SYNTAX_ERROR, "LIMIT #,# syntax is not supported", token)
                            .withHint("Use separate LIMIT and OFFSET clauses.");
                }
            } else if (token.isKeyword("offset") && options.offsetToken == null) {
                cursor.advance();
                options.offsetToken = token;
                options.offset = grammar.expressions.expression();
                if (!cursor.acceptKeyword("rows")) {
                    cursor.acceptKeyword("row");
                }
            } else if (token.isKeyword("fetch") && options.limitToken == null) {
                cursor.advance();
                options.limitToken = token;
                options.limit = fetchFirst(token, options);
            } else if (token.isKeyword("for")) {
                lockingClause(options);
            } else {
                return;
            }
        }
    }

    private Expr fetchFirst(Token fetch, SelectBuilder.Options options) {
        if (!cursor.acceptKeyword("first")) {
            cursor.expectKeyword("next");
        }
        Expr count;
        if (cursor.atKeyword("row") || cursor.atKeyword("rows")) {
            count = new Expr.Constant(Expr.Constant.Kind.INTEGER, "1", fetch.start());
        } else {
            count = grammar.expressions.expression();
        }
        if (!cursor.acceptKeyword("rows")) {
            cursor.expectKeyword("row");
        }
        if (cursor.atKeyword("with") && cursor.peek(1).isKeyword("ties")) {
            cursor.advance();
            cursor.advance();
            options.limitWithTies = true;
        } else {
            cursor.expectKeyword("only");
        }
        return count;
    }

    private void lockingClause(SelectBuilder.Options options) {
        Token forToken = cursor.expectKeyword("for");
        if (cursor.acceptKeyword("read")) {
            cursor.expectKeyword("only");
            return;
        }
        String strength;
        if (cursor.acceptKeyword("update")) {
            strength = "UPDATE";
        } else if (cursor.acceptKeyword("share")) {
            strength = "SHARE";
        } else if (cursor.acceptKeyword("no")) {
            cursor.expectKeyword("key");
            cursor.expectKeyword("update");
            strength = "NO KEY UPDATE";
        } else {
            cursor.expectKeyword("key");
            cursor.expectKeyword("share");
            strength = "KEY SHARE";
        }
        List<String> relations = new ArrayList<>();
        if (cursor.acceptKeyword("of")) {
            do {
                QualifiedName name = grammar.qualifiedName();
                if (name.schema() != null) {
                    throw new SqlException(SqlState.SYNTAX_ERROR, "FOR " + strength
                            + " must specify unqualified relation names").withPosition(name.location() + 1);
                }
                relations.add(name.name());
            } while (cursor.acceptOperator(","));
        }
        String waitPolicy = null;
        if (cursor.acceptKeyword("nowait")) {
            waitPolicy = "NOWAIT";
        } else if (cursor.acceptKeyword("skip")) {
            cursor.expectKeyword("locked");
            waitPolicy = "SKIP LOCKED";
        }
        options.forLocking.add(new LockingClause(strength, List.copyOf(relations), waitPolicy, forToken.start()));
    }

    /**
     * {@code USING op}: the btree ordering operators {@code <} (ascending) and {@code >}
     * (descending); any other operator is refused as {@code addTargetToSortList} refuses it.
     */
    private boolean usingDescending() {
        Token operator = cursor.peek();
        if (!operator.is(Token.Kind.OPERATOR)) {
            throw TokenCursor.errorAt(SqlState.SYNTAX_ERROR, "syntax error at or near \"" + operator.text() + "\"",
                    operator);
        }
        cursor.advance();
        return switch (operator.text()) {
            case "<" -> false;
            case ">" -> true;
            default -> throw TokenCursor.errorAt(SqlState.WRONG_OBJECT_TYPE,
                    "operator " + operator.text() + " is not a valid ordering operator", operator)
                    .withHint("Ordering operators must be \"<\" or \">\" members of btree operator families.");
        };
    }

    /** {@code sortby [, ...]}: expr [ASC|DESC | USING op] [NULLS FIRST|LAST]. */
    List<SortBy> sortList() {
        List<SortBy> items = new ArrayList<>();
        do {
            Token start = cursor.peek();
            Expr expr = grammar.expressions.expression();
            boolean descending = false;
            if (cursor.acceptKeyword("desc")) {
                descending = true;
            } else if (cursor.acceptKeyword("using")) {
                descending = usingDescending();
            } else {
                cursor.acceptKeyword("asc");
            }
            Boolean nullsFirst = null;
            if (cursor.acceptKeyword("nulls")) {
                if (cursor.acceptKeyword("first")) {
                    nullsFirst = Boolean.TRUE;
                } else {
                    cursor.expectKeyword("last");
                    nullsFirst = Boolean.FALSE;
                }
            }
            items.add(new SortBy(expr, descending, nullsFirst, start.start()));
        } while (cursor.accept(Token.Kind.COMMA));
        return List.copyOf(items);
    }

    /** After OVER: a window name, or a parenthesized window specification. */
    Expr.WindowDef windowSpecification() {
        return WindowClauseParser.overClause(grammar, this);
    }

    List<FromItem> fromList() {
        return fromClause.fromList();
    }

    /** One {@code table_ref} with the joins after it (MERGE's USING). */
    FromItem fromItem() {
        return fromClause.joinedItem();
    }
}
