package org.woolly.parser;

import java.util.ArrayList;
import java.util.List;
import org.woolly.nodes.parse.Expr;
import org.woolly.nodes.parse.FromItem;
import org.woolly.nodes.parse.OnConflictClause;
import org.woolly.nodes.parse.QualifiedName;
import org.woolly.nodes.parse.ResTarget;
import org.woolly.nodes.parse.SelectStmt;
import org.woolly.nodes.parse.SetClause;
import org.woolly.nodes.parse.Statement;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

/**
 * INSERT, UPDATE and DELETE. Counterpart of the {@code InsertStmt}, {@code UpdateStmt} and
 * {@code DeleteStmt} rules of {@code src/backend/parser/gram.y}.
 */
final class DmlParser {
    private final Grammar grammar;
    private final TokenCursor cursor;

    DmlParser(Grammar grammar) {
        this.grammar = grammar;
        this.cursor = grammar.cursor;
    }

    Statement insert() {
        Token insert = cursor.expectKeyword("insert");
        cursor.expectKeyword("into");
        QualifiedName table = grammar.qualifiedName();
        String alias = null;
        if (cursor.acceptKeyword("as")) {
            alias = grammar.columnId();
        }
        InsertColumns columns = InsertColumns.NONE;
        if (cursor.at(Token.Kind.LEFT_PAREN) && !grammar.selects.atSelectStart(1)
                && !cursor.peek(1).is(Token.Kind.LEFT_PAREN)) {
            cursor.advance();
            columns = insertColumnList();
        }
        Statement.Overriding overriding = overridingClause();
        SelectStmt source = null;
        boolean defaultValues = false;
        if (cursor.atKeyword("default") && cursor.peek(1).isKeyword("values")) {
            cursor.advance();
            cursor.advance();
            defaultValues = true;
        } else {
            source = grammar.selects.selectStatement();
        }
        OnConflictClause onConflict = null;
        if (cursor.atKeyword("on") && cursor.peek(1).isKeyword("conflict")) {
            onConflict = onConflict();
        }
        List<ResTarget> returning = returning();
        return new Statement.Insert(table, alias, columns.names(), columns.locations(), source,
                defaultValues, returning, insert.start(), overriding, onConflict, columns.targets());
    }

    /**
     * INSERT's column list ({@code insert_column_list}), its opening parenthesis already read:
     * names, their positions, and per column its indirection ({@code col[1]}, {@code col.f}) or
     * null; {@code targets} is null when no column has any.
     */
    record InsertColumns(List<String> names, List<Integer> locations, List<Expr> targets) {
        static final InsertColumns NONE = new InsertColumns(List.of(), List.of(), null);
    }

    InsertColumns insertColumnList() {
        List<String> columns = new ArrayList<>();
        List<Integer> columnLocations = new ArrayList<>();
        List<Expr> columnTargets = new ArrayList<>();
        boolean indirection = false;
        do {
            Token column = cursor.peek();
            String name = grammar.columnId();
            columns.add(name);
            columnLocations.add(column.start());
            Expr target = assignmentTarget(name, column);
            columnTargets.add(target);
            indirection |= target != null;
        } while (cursor.accept(Token.Kind.COMMA));
        cursor.expect(Token.Kind.RIGHT_PAREN);
        return new InsertColumns(List.copyOf(columns), List.copyOf(columnLocations),
                indirection ? java.util.Collections.unmodifiableList(columnTargets) : null);
    }

    /** {@code ON CONFLICT [conflict_target] conflict_action} ({@code opt_on_conflict} in {@code gram.y}). */
    private OnConflictClause onConflict() {
        Token on = cursor.advance();
        cursor.advance();
        List<Expr> targets = new ArrayList<>();
        Expr targetWhere = null;
        String constraint = null;
        if (cursor.at(Token.Kind.LEFT_PAREN)) {
            // index_params: a column, a function call or a parenthesized expression, as in CREATE INDEX
            cursor.advance();
            do {
                targets.add(grammar.expressions.expression(ExpressionParser.B_EXPRESSION));
            } while (cursor.accept(Token.Kind.COMMA));
            cursor.expect(Token.Kind.RIGHT_PAREN);
            if (cursor.acceptKeyword("where")) {
                targetWhere = grammar.expressions.expression(ExpressionParser.LOWEST);
            }
        } else if (cursor.atKeyword("on") && cursor.peek(1).isKeyword("constraint")) {
            cursor.advance();
            cursor.advance();
            constraint = grammar.columnId();
        }
        cursor.expectKeyword("do");
        if (cursor.acceptKeyword("nothing")) {
            return new OnConflictClause(List.copyOf(targets), targetWhere, constraint, false, List.of(), null,
                    on.start());
        }
        cursor.expectKeyword("update");
        cursor.expectKeyword("set");
        List<SetClause> assignments = new ArrayList<>();
        do {
            setClause(assignments);
        } while (cursor.accept(Token.Kind.COMMA));
        Expr where = whereClause();
        return new OnConflictClause(List.copyOf(targets), targetWhere, constraint, true, List.copyOf(assignments),
                where, on.start());
    }

    Statement update() {
        Token update = cursor.expectKeyword("update");
        boolean only = cursor.acceptKeyword("only");
        QualifiedName table = grammar.qualifiedName();
        cursor.acceptOperator("*");
        String alias = relationAlias("set");
        cursor.expectKeyword("set");
        List<SetClause> assignments = new ArrayList<>();
        do {
            setClause(assignments);
        } while (cursor.accept(Token.Kind.COMMA));
        List<FromItem> from = List.of();
        if (cursor.acceptKeyword("from")) {
            from = grammar.selects.fromList();
        }
        Expr where = whereOrCurrentClause();
        return new Statement.Update(table, alias, List.copyOf(assignments), from, where, returning(), update.start(),
                only);
    }

    Statement delete() {
        Token delete = cursor.expectKeyword("delete");
        cursor.expectKeyword("from");
        boolean only = cursor.acceptKeyword("only");
        QualifiedName table = grammar.qualifiedName();
        cursor.acceptOperator("*");
        String alias = relationAlias(null);
        List<FromItem> using = List.of();
        if (cursor.acceptKeyword("using")) {
            using = grammar.selects.fromList();
        }
        Expr where = whereOrCurrentClause();
        return new Statement.Delete(table, alias, using, where, returning(), delete.start(), only);
    }

    /** {@code [AS] alias} after the target table; {@code stopWord} (SET for UPDATE) is never an alias. */
    String relationAlias(String stopWord) {
        if (cursor.acceptKeyword("as")) {
            return grammar.columnId();
        }
        Token token = cursor.peek();
        if (Keywords.isColumnId(token) && (stopWord == null || !token.isKeyword(stopWord))) {
            return cursor.advance().text();
        }
        return null;
    }

    private Expr whereClause() {
        if (!cursor.acceptKeyword("where")) {
            return null;
        }
        return grammar.expressions.expression();
    }

    /** UPDATE's and DELETE's {@code where_or_current_clause}: a condition or {@code CURRENT OF cursor_name}. */
    private Expr whereOrCurrentClause() {
        if (cursor.atKeyword("where") && cursor.peek(1).isKeyword("current") && cursor.peek(2).isKeyword("of")) {
            cursor.advance();
            Token current = cursor.advance();
            cursor.advance();
            return new Expr.CurrentOf(grammar.columnId(), current.start());
        }
        return whereClause();
    }

    /** {@code col = expr} or {@code (a, b) = (x, y)}, the latter spread into one clause per column. */
    void setClause(List<SetClause> assignments) {
        Token start = cursor.peek();
        if (!cursor.accept(Token.Kind.LEFT_PAREN)) {
            String column = grammar.columnId();
            Expr target = assignmentTarget(column, start);
            cursor.expectOperator("=");
            assignments.add(new SetClause(column, grammar.expressions.expression(), start.start(), target));
            return;
        }
        List<String> columns = new ArrayList<>();
        List<Token> columnTokens = new ArrayList<>();
        List<Expr> targets = new ArrayList<>();
        do {
            Token column = cursor.peek();
            columnTokens.add(column);
            columns.add(grammar.columnId());
            targets.add(assignmentTarget(columns.getLast(), column));
        } while (cursor.accept(Token.Kind.COMMA));
        cursor.expect(Token.Kind.RIGHT_PAREN);
        cursor.expectOperator("=");
        Token valueStart = cursor.peek();
        Expr value = grammar.expressions.expression();
        List<Expr> values;
        if (value instanceof Expr.RowConstructor row) {
            values = row.fields();
        } else if (value instanceof Expr.SubLink link && link.kind() == Expr.SubLink.Kind.EXPR) {
            for (int i = 0; i < columns.size(); i++) {
                // a type error points at the sub-select's column, where PostgreSQL's Param for it has its location
                List<ResTarget> outputs = link.subquery().targets();
                int location = outputs.size() == columns.size() ? outputs.get(i).value().location() : link.location();
                assignments.add(new SetClause(columns.get(i), new Expr.MultiAssignRef(link, i, columns.size(),
                        location), columnTokens.get(i).start(), targets.get(i)));
            }
            return;
        } else {
            throw new SqlException(SqlState.FEATURE_NOT_SUPPORTED, "source for a multiple-column UPDATE item must be a "
                    + "sub-SELECT or ROW() expression").withPosition(value.location() + 1);
        }
        if (values.size() != columns.size()) {
            throw TokenCursor.errorAt(SqlState.SYNTAX_ERROR, "number of columns does not match number of values",
                    valueStart);
        }
        for (int i = 0; i < columns.size(); i++) {
            assignments.add(new SetClause(columns.get(i), values.get(i), columnTokens.get(i).start(), targets.get(i)));
        }
    }

    /** {@code [OVERRIDING {SYSTEM | USER} VALUE]} of INSERT and of MERGE's INSERT action. */
    Statement.Overriding overridingClause() {
        if (!cursor.acceptKeyword("overriding")) {
            return Statement.Overriding.NONE;
        }
        Statement.Overriding overriding;
        if (cursor.acceptKeyword("system")) {
            overriding = Statement.Overriding.SYSTEM_VALUE;
        } else {
            cursor.expectKeyword("user");
            overriding = Statement.Overriding.USER_VALUE;
        }
        cursor.expectKeyword("value");
        return overriding;
    }

    /**
     * The indirection after an assigned column ({@code set_target}'s {@code opt_indirection}):
     * subscripts and field names in any order, as an {@link Expr.Subscript} / {@link Expr.FieldSelect}
     * chain over the column, or null when there is none. The analyzer checks each step against
     * the column's type ({@code transformAssignmentIndirection}).
     */
    Expr assignmentTarget(String column, Token columnToken) {
        if (!cursor.at(Token.Kind.LEFT_BRACKET) && !cursor.at(Token.Kind.DOT)) {
            return null;
        }
        return grammar.expressions.indirection(new Expr.ColumnRef(List.of(column), columnToken.start()));
    }

    List<ResTarget> returning() {
        if (!cursor.acceptKeyword("returning")) {
            return List.of();
        }
        return grammar.selects.targetList();
    }
}
