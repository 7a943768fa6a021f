package org.woolly.parser;

import java.util.ArrayList;
import java.util.List;
import org.woolly.nodes.parse.Expr;
import org.woolly.nodes.parse.FromItem;
import org.woolly.nodes.parse.QualifiedName;
import org.woolly.nodes.parse.SelectStmt;
import org.woolly.nodes.parse.TypeName;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

/**
 * FROM lists: tables, subqueries, functions, and joins of them (left-associative; a
 * parenthesized join nests). Counterpart of the {@code from_list}, {@code table_ref} and
 * {@code joined_table} rules of {@code src/backend/parser/gram.y}.
 */
final class FromClauseParser {
    private final Grammar grammar;
    private final TokenCursor cursor;

    FromClauseParser(Grammar grammar) {
        this.grammar = grammar;
        this.cursor = grammar.cursor;
    }

    List<FromItem> fromList() {
        List<FromItem> items = new ArrayList<>();
        do {
            items.add(joinedItem());
        } while (cursor.accept(Token.Kind.COMMA));
        return List.copyOf(items);
    }

    /** A table reference followed by any number of joins. */
    FromItem joinedItem() {
        FromItem left = tableReference();
        while (true) {
            Token token = cursor.peek();
            if (token.isKeyword("cross")) {
                cursor.advance();
                cursor.expectKeyword("join");
                FromItem right = tableReference();
                left = new FromItem.Join(FromItem.JoinType.CROSS, left, right, null, null, false, left.location());
                continue;
            }
            boolean natural = cursor.acceptKeyword("natural");
            FromItem.JoinType type = joinType();
            if (type == null) {
                if (natural) {
                    throw cursor.syntaxError();
                }
                return left;
            }
            // A qualified join's right side may itself be an unparenthesized qualified join
            // ("a JOIN b LEFT JOIN c ON x ON y"): the grammar must shift until it sees the qual.
            FromItem right = natural ? tableReference() : joinedItem();
            Expr on = null;
            List<String> using = null;
            FromItem.Alias usingAlias = null;
            if (!natural) {
                if (cursor.acceptKeyword("on")) {
                    on = grammar.expressions.expression();
                } else if (cursor.atKeyword("using")) {
                    cursor.advance();
                    using = grammar.parenthesizedNameList();
                    if (cursor.acceptKeyword("as")) {
                        // join_using_alias: AS name, no column list
                        usingAlias = new FromItem.Alias(grammar.columnId(), List.of());
                    }
                } else {
                    throw cursor.syntaxError();
                }
            }
            left = new FromItem.Join(type, left, right, on, using, natural, left.location(), null, usingAlias);
        }
    }

    /** {@code [INNER | LEFT|RIGHT|FULL [OUTER]] JOIN}, consumed; null when no join follows. */
    private FromItem.JoinType joinType() {
        Token token = cursor.peek();
        FromItem.JoinType type;
        if (token.isKeyword("join")) {
            cursor.advance();
            return FromItem.JoinType.INNER;
        } else if (token.isKeyword("inner")) {
            type = FromItem.JoinType.INNER;
        } else if (token.isKeyword("left")) {
            type = FromItem.JoinType.LEFT;
        } else if (token.isKeyword("right")) {
            type = FromItem.JoinType.RIGHT;
        } else if (token.isKeyword("full")) {
            type = FromItem.JoinType.FULL;
        } else {
            return null;
        }
        cursor.advance();
        if (type != FromItem.JoinType.INNER) {
            cursor.acceptKeyword("outer");
        }
        cursor.expectKeyword("join");
        return type;
    }

    private FromItem tableReference() {
        Token start = cursor.peek();
        boolean lateral = cursor.acceptKeyword("lateral");
        if (cursor.at(Token.Kind.LEFT_PAREN)) {
            SelectStmt subquery = grammar.selects.tryParenthesizedSubquery();
            if (subquery != null) {
                FromItem.Alias alias = alias(true);
                if (alias == null) {
                    throw TokenCursor.errorAt(SqlState.SYNTAX_ERROR, "subquery in FROM must have an alias", start)
                            .withHint("For example, FROM (SELECT ...) [AS] foo.");
                }
                return new FromItem.Subquery(subquery, alias, lateral, start.start());
            }
            if (lateral) {
                throw cursor.syntaxError();
            }
            cursor.advance();
            FromItem joined = joinedItem();
            cursor.expect(Token.Kind.RIGHT_PAREN);
            Token aliasStart = cursor.peek();
            FromItem.Alias alias = alias(true);
            if (alias != null) {
                // '(' joined_table ')' alias_clause: only a join may be parenthesized with an alias
                if (!(joined instanceof FromItem.Join join)) {
                    throw TokenCursor.errorAt(SqlState.SYNTAX_ERROR, "syntax error at or near \"%s\""
                            .formatted(aliasStart.text()), aliasStart);
                }
                return join.withAlias(alias);
            }
            return joined;
        }
        if (cursor.atKeyword("rows") && cursor.peek(1).isKeyword("from")) {
            return rowsFrom(start);
        }
        boolean only = cursor.acceptKeyword("only");
        boolean parenthesizedOnly = only && cursor.accept(Token.Kind.LEFT_PAREN);
        QualifiedName name = grammar.qualifiedName();
        if (parenthesizedOnly) {
            cursor.expect(Token.Kind.RIGHT_PAREN);
        }
        if (!only && cursor.at(Token.Kind.LEFT_PAREN)) {
            Expr call = grammar.specialForms.functionCall(name, start);
            if (!(call instanceof Expr.FuncCall functionCall)) {
                throw cursor.syntaxError();
            }
            boolean ordinality = withOrdinality();
            List<FromItem.ColumnDefinition> definitions = new ArrayList<>();
            FromItem.Alias alias = functionAlias(definitions);
            if (!definitions.isEmpty()) {
                if (ordinality) {
                    throw new SqlException(SqlState.SYNTAX_ERROR,
                            "WITH ORDINALITY cannot be used with a column definition list")
                            .withPosition(definitions.getFirst().location() + 1)
                            .withHint("Put the column definition list inside ROWS FROM().");
                }
                return new FromItem.Function(functionCall, ordinality, alias, definitions, start.start());
            }
            if (isMultiArgumentUnnest(functionCall)) {
                List<Expr.FuncCall> calls = new ArrayList<>();
                for (Expr array : functionCall.args()) {
                    calls.add(new Expr.FuncCall(functionCall.name(), List.of(array), false, false, List.of(), null, null,
                            functionCall.location()));
                }
                return RowsFrom.zipped(calls, ordinality, alias, start.start());
            }
            return new FromItem.Function(functionCall, ordinality, alias, start.start());
        }
        if (lateral) {
            throw cursor.syntaxError(); // LATERAL applies to subqueries and function calls only
        }
        if (!only) {
            cursor.acceptOperator("*");
        }
        if (cursor.atKeyword("tablesample")) {
            throw TokenCursor.notSupportedClause("TABLESAMPLE is not supported yet", cursor.peek());
        }
        return new FromItem.Table(name, alias(true), start.start(), only);
    }

    private boolean withOrdinality() {
        boolean ordinality = cursor.atKeyword("with") && cursor.peek(1).isKeyword("ordinality");
        if (ordinality) {
            cursor.advance();
            cursor.advance();
        }
        return ordinality;
    }

    /** {@code unnest(a, b, ...)} in FROM, which PostgreSQL reads as {@code ROWS FROM (unnest(a), unnest(b), ...)}. */
    private static boolean isMultiArgumentUnnest(Expr.FuncCall call) {
        return call.name().name().equals("unnest")
                && (call.name().schema() == null || call.name().schema().equals("pg_catalog"))
                && call.args().size() > 1 && !call.star() && !call.distinct() && call.orderBy().isEmpty()
                && call.args().stream().noneMatch(arg -> arg instanceof Expr.NamedArgument);
    }

    /** {@code ROWS FROM (f(...) [, ...]) [WITH ORDINALITY] [alias]}. */
    private FromItem rowsFrom(Token start) {
        cursor.advance();
        cursor.advance();
        cursor.expect(Token.Kind.LEFT_PAREN);
        List<Expr.FuncCall> calls = new ArrayList<>();
        List<FromItem.ColumnDefinition> definitions = new ArrayList<>();
        do {
            Token callStart = cursor.peek();
            QualifiedName name = grammar.qualifiedName();
            if (!cursor.at(Token.Kind.LEFT_PAREN) || !(grammar.specialForms.functionCall(name, callStart)
                    instanceof Expr.FuncCall call)) {
                throw cursor.syntaxError();
            }
            if (cursor.atKeyword("as")) {
                Token as = cursor.advance();
                if (!cursor.at(Token.Kind.LEFT_PAREN)) {
                    throw cursor.syntaxError();
                }
                columnDefinitions(definitions);
                if (!calls.isEmpty() || cursor.at(Token.Kind.COMMA)) {
                    throw TokenCursor.notSupportedClause(
                            "column definition lists in ROWS FROM with several functions are not supported yet", as);
                }
            }
            calls.add(call);
        } while (cursor.accept(Token.Kind.COMMA));
        cursor.expect(Token.Kind.RIGHT_PAREN);
        boolean ordinality = withOrdinality();
        FromItem.Alias alias = alias(true);
        if (calls.size() == 1) {
            return new FromItem.Function(calls.getFirst(), ordinality, alias, definitions, start.start());
        }
        return RowsFrom.zipped(calls, ordinality, alias, start.start());
    }

    /**
     * The alias of a function in FROM ({@code func_alias_clause}): {@code [AS] name [(columns)]},
     * or a column definition list {@code AS (name type, ...)} / {@code [AS] name (name type, ...)},
     * whose elements are added to {@code definitions}. Null when there is no alias name.
     */
    private FromItem.Alias functionAlias(List<FromItem.ColumnDefinition> definitions) {
        if (cursor.atKeyword("as") && cursor.peek(1).is(Token.Kind.LEFT_PAREN)) {
            cursor.advance();
            columnDefinitions(definitions);
            return null;
        }
        String name;
        if (cursor.acceptKeyword("as")) {
            name = grammar.columnId();
        } else if (Keywords.isColumnId(cursor.peek())) {
            name = cursor.advance().text();
        } else {
            return null;
        }
        if (!cursor.at(Token.Kind.LEFT_PAREN)) {
            return new FromItem.Alias(name, List.of());
        }
        Token next = cursor.peek(2);
        if (next.is(Token.Kind.COMMA) || next.is(Token.Kind.RIGHT_PAREN)) {
            return new FromItem.Alias(name, grammar.parenthesizedNameList());
        }
        columnDefinitions(definitions);
        return new FromItem.Alias(name, List.of());
    }

    /** {@code (name type [COLLATE collation], ...)} ({@code TableFuncElementList}). */
    private void columnDefinitions(List<FromItem.ColumnDefinition> definitions) {
        cursor.expect(Token.Kind.LEFT_PAREN);
        do {
            Token start = cursor.peek();
            String name = grammar.columnId();
            TypeName type = grammar.types.typeName();
            if (cursor.atKeyword("collate")) {
                throw TokenCursor.notSupportedClause("COLLATE in column definition lists is not supported yet",
                        cursor.peek());
            }
            definitions.add(new FromItem.ColumnDefinition(name, type, start.start()));
        } while (cursor.accept(Token.Kind.COMMA));
        cursor.expect(Token.Kind.RIGHT_PAREN);
    }

    /** {@code [AS] name [(columns)]}; a bare name only when {@code allowBare}. Null when absent. */
    FromItem.Alias alias(boolean allowBare) {
        String name;
        if (cursor.acceptKeyword("as")) {
            name = grammar.columnId();
        } else if (allowBare && Keywords.isColumnId(cursor.peek())) {
            name = cursor.advance().text();
        } else {
            return null;
        }
        List<String> columns = cursor.at(Token.Kind.LEFT_PAREN) ? grammar.parenthesizedNameList() : List.of();
        return new FromItem.Alias(name, columns);
    }
}
