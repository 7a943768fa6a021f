package org.woolly.parser;

import java.util.ArrayList;
import java.util.List;
import org.woolly.nodes.parse.Expr;
import org.woolly.nodes.parse.QualifiedName;
import org.woolly.nodes.parse.SelectStmt;
import org.woolly.nodes.parse.Statement;

/**
 * {@code COPY}: the {@code CopyStmt} rule of {@code gram.y} with both option syntaxes, the
 * parenthesized {@code (FORMAT csv, HEADER)} list and the pre-9.0 keywords
 * ({@code WITH CSV HEADER DELIMITER ','}), turned into the same option list.
 */
final class CopyParser {
    private final Grammar grammar;
    private final TokenCursor cursor;

    CopyParser(Grammar grammar) {
        this.grammar = grammar;
        this.cursor = grammar.cursor;
    }

    Statement copy() {
        Token copy = cursor.expectKeyword("copy");
        List<Statement.CopyOption> options = new ArrayList<>();
        Token binary = cursor.peek();
        if (cursor.acceptKeyword("binary")) {
            options.add(new Statement.CopyOption("format", "binary", null, binary.start()));
        }
        QualifiedName table = null;
        Statement query = null;
        List<String> columns = List.of();
        if (cursor.accept(Token.Kind.LEFT_PAREN)) {
            // PreparableStmt: a query, or a data-modifying statement whose RETURNING rows are copied
            query = cursor.atKeyword("insert") ? grammar.dml.insert()
                    : cursor.atKeyword("update") ? grammar.dml.update()
                    : cursor.atKeyword("delete") ? grammar.dml.delete()
                    : new Statement.Select(grammar.selects.selectStatement());
            cursor.expect(Token.Kind.RIGHT_PAREN);
        } else {
            table = grammar.qualifiedName();
            if (cursor.accept(Token.Kind.LEFT_PAREN)) {
                columns = columnList();
                cursor.expect(Token.Kind.RIGHT_PAREN);
            }
        }
        boolean isFrom;
        Token direction = cursor.peek();
        if (cursor.acceptKeyword("from")) {
            isFrom = true;
        } else {
            cursor.expectKeyword("to");
            isFrom = false;
        }
        if (query != null && isFrom) {
            throw TokenCursor.errorAt(org.woolly.utils.error.SqlState.SYNTAX_ERROR, "syntax error at or near \"from\"",
                    direction);
        }
        boolean program = cursor.acceptKeyword("program");
        String file = null;
        if (program || cursor.at(Token.Kind.STRING)) {
            file = cursor.expect(Token.Kind.STRING).text();
        } else if (!cursor.acceptKeyword(isFrom ? "stdin" : "stdout")) {
            throw cursor.syntaxError();
        }
        if (cursor.at(Token.Kind.LEFT_PAREN) || cursor.atKeyword("with") && cursor.peek(1).is(Token.Kind.LEFT_PAREN)) {
            cursor.acceptKeyword("with");
            cursor.expect(Token.Kind.LEFT_PAREN);
            do {
                options.add(genericOption());
            } while (cursor.accept(Token.Kind.COMMA));
            cursor.expect(Token.Kind.RIGHT_PAREN);
        } else {
            cursor.acceptKeyword("with");
            legacyOptions(options);
        }
        Expr where = null;
        if (cursor.acceptKeyword("where")) {
            where = grammar.expressions.expression();
        }
        return new Statement.Copy(table, columns, query, isFrom, program, file, List.copyOf(options), where,
                copy.start());
    }

    private List<String> columnList() {
        List<String> columns = new ArrayList<>();
        do {
            columns.add(grammar.columnId());
        } while (cursor.accept(Token.Kind.COMMA));
        return List.copyOf(columns);
    }

    /** {@code name [value | * | (col, ...)]} of the parenthesized list. */
    private Statement.CopyOption genericOption() {
        Token name = cursor.peek();
        String option = grammar.columnLabel();
        Token next = cursor.peek();
        if (next.is(Token.Kind.COMMA) || next.is(Token.Kind.RIGHT_PAREN)) {
            return new Statement.CopyOption(option, null, null, name.start());
        }
        if (next.isOperator("*")) {
            cursor.advance();
            return new Statement.CopyOption(option, "*", null, name.start());
        }
        if (cursor.accept(Token.Kind.LEFT_PAREN)) {
            List<String> columns = columnList();
            cursor.expect(Token.Kind.RIGHT_PAREN);
            return new Statement.CopyOption(option, null, columns, name.start());
        }
        if (next.is(Token.Kind.IDENT)) {
            cursor.advance();
            return new Statement.CopyOption(option, next.text(), null, name.start());
        }
        return new Statement.CopyOption(option, grammar.ddl.optionValue(), null, name.start());
    }

    /** The old keyword options, in any order ({@code copy_opt_list}). */
    private void legacyOptions(List<Statement.CopyOption> options) {
        while (true) {
            Token token = cursor.peek();
            int at = token.start();
            if (cursor.acceptKeyword("binary")) {
                options.add(new Statement.CopyOption("format", "binary", null, at));
            } else if (cursor.acceptKeyword("csv")) {
                options.add(new Statement.CopyOption("format", "csv", null, at));
            } else if (cursor.acceptKeyword("header")) {
                options.add(new Statement.CopyOption("header", null, null, at));
            } else if (cursor.acceptKeyword("freeze")) {
                options.add(new Statement.CopyOption("freeze", null, null, at));
            } else if (cursor.acceptKeyword("delimiter")) {
                options.add(new Statement.CopyOption("delimiter", stringAfterAs(), null, at));
            } else if (cursor.acceptKeyword("null")) {
                options.add(new Statement.CopyOption("null", stringAfterAs(), null, at));
            } else if (cursor.acceptKeyword("quote")) {
                options.add(new Statement.CopyOption("quote", stringAfterAs(), null, at));
            } else if (cursor.acceptKeyword("escape")) {
                options.add(new Statement.CopyOption("escape", stringAfterAs(), null, at));
            } else if (cursor.acceptKeyword("encoding")) {
                options.add(new Statement.CopyOption("encoding", stringAfterAs(), null, at));
            } else if (cursor.acceptKeyword("force")) {
                if (cursor.acceptKeyword("quote")) {
                    if (cursor.peek().isOperator("*")) {
                        cursor.advance();
                        options.add(new Statement.CopyOption("force_quote", "*", null, at));
                    } else {
                        options.add(new Statement.CopyOption("force_quote", null, columnList(), at));
                    }
                } else if (cursor.acceptKeyword("not")) {
                    cursor.expectKeyword("null");
                    options.add(new Statement.CopyOption("force_not_null", null, columnList(), at));
                } else {
                    cursor.expectKeyword("null");
                    options.add(new Statement.CopyOption("force_null", null, columnList(), at));
                }
            } else {
                return;
            }
        }
    }

    private String stringAfterAs() {
        cursor.acceptKeyword("as");
        return cursor.expect(Token.Kind.STRING).text();
    }
}
