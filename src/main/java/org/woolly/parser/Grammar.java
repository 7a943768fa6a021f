package org.woolly.parser;

import java.util.ArrayList;
import java.util.List;
import org.woolly.nodes.parse.QualifiedName;
import org.woolly.nodes.parse.Statement;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

/**
 * Ties the statement-family parsers together over one token stream, and parses the names they
 * all share (ColId, ColLabel, qualified names). Counterpart of the top-level {@code stmt} rule
 * and the name productions of {@code src/backend/parser/gram.y}.
 */
final class Grammar {
    final TokenCursor cursor;
    final ExpressionParser expressions;
    final SpecialFormParser specialForms;
    final TypeNameParser types;
    final SelectParser selects;
    final DmlParser dml;
    final DdlParser ddl;
    final UtilityParser utility;
    final AlterTableParser alterTable;

    Grammar(String input) {
        this.cursor = new TokenCursor(input);
        this.expressions = new ExpressionParser(this);
        this.specialForms = new SpecialFormParser(this);
        this.types = new TypeNameParser(this);
        this.selects = new SelectParser(this);
        this.dml = new DmlParser(this);
        this.ddl = new DdlParser(this);
        this.utility = new UtilityParser(this);
        this.alterTable = new AlterTableParser(this);
    }

    /** One statement, not including its terminating semicolon. */
    Statement statement() {
        selects.takeInto();
        Statement statement = statementWithoutInto();
        SelectParser.IntoTarget into = selects.takeInto();
        if (into == null) {
            return statement;
        }
        if (!(statement instanceof Statement.Select select)) {
            throw new SqlException(SqlState.SYNTAX_ERROR, "SELECT ... INTO is not allowed here")
                    .withPosition(into.location() + 1);
        }
        // SELECT ... INTO is CREATE TABLE AS (transformSelectStmt moves the IntoClause up)
        return new Statement.CreateTableAs(into.name(), List.of(), select.query(), false, into.temporary(), List.of(),
                true, true, into.location());
    }

    private Statement statementWithoutInto() {
        Token first = cursor.peek();
        if (first.is(Token.Kind.LEFT_PAREN)) {
            return new Statement.Select(selects.selectStatement());
        }
        if (!first.is(Token.Kind.IDENT) || first.quoted()) {
            throw cursor.syntaxError();
        }
        return switch (first.text()) {
            case "select", "values", "table" -> new Statement.Select(selects.selectStatement());
            case "with" -> withStatement();
            case "insert" -> dml.insert();
            case "update" -> dml.update();
            case "delete" -> dml.delete();
            case "merge" -> new MergeParser(this).merge();
            case "create" -> ddl.create();
            case "drop" -> ddl.drop();
            case "truncate" -> ddl.truncate();
            case "lock" -> ddl.lock();
            case "reindex" -> ddl.reindex();
            case "alter" -> {
                if (alterTable.atAlterTable()) {
                    yield alterTable.alter();
                }
                yield ddl.alter();
            }
            case "grant", "revoke" -> new AccessParser(this).grantOrRevoke();
            case "comment" -> ddl.comment();
            case "call" -> new FunctionParser(this).call();
            case "do" -> new FunctionParser(this).doStatement();
            case "security", "reassign", "import" -> throw ddl.unsupported();
            default -> utility.statement();
        };
    }

    /**
     * WITH before SELECT, and before an INSERT whose rows come from a query: there the WITH
     * clause goes to that query, which is where its names are visible; MERGE keeps its own. WITH
     * before UPDATE, DELETE or INSERT ... DEFAULT VALUES has no place in the tree yet.
     */
    private Statement withStatement() {
        int mark = cursor.mark();
        Token with = cursor.peek();
        List<org.woolly.nodes.parse.CommonTableExpr> ctes = selects.withClause();
        Token next = cursor.peek();
        if (next.isKeyword("insert")) {
            Statement.Insert insert = (Statement.Insert) dml.insert();
            if (insert.source() == null || !insert.source().with().isEmpty()) {
                throw TokenCursor.notSupportedClause("WITH before INSERT ... DEFAULT VALUES is not supported yet", with);
            }
            SelectBuilder source = SelectBuilder.from(insert.source());
            source.with = ctes;
            return new Statement.Insert(insert.table(), insert.alias(), insert.columns(), insert.columnLocations(),
                    source.build(), insert.defaultValues(), insert.returning(), insert.location(), insert.overriding(),
                    insert.onConflict(), insert.columnTargets());
        }
        if (next.isKeyword("merge")) {
            return ((Statement.Merge) new MergeParser(this).merge()).withCtes(ctes);
        }
        if (next.isKeyword("update") || next.isKeyword("delete")) {
            throw TokenCursor.notSupportedClause("WITH before " + next.text().toUpperCase(java.util.Locale.ROOT)
                    + " is not supported yet", with);
        }
        cursor.reset(mark);
        return new Statement.Select(selects.selectStatement());
    }

    // ---- names ----

    /** ColId: an identifier or a keyword that may name a column. */
    String columnId() {
        if (!Keywords.isColumnId(cursor.peek())) {
            throw cursor.syntaxError();
        }
        return cursor.advance().text();
    }

    /** ColLabel: any identifier or keyword. */
    String columnLabel() {
        if (!Keywords.isColumnLabel(cursor.peek())) {
            throw cursor.syntaxError();
        }
        return cursor.advance().text();
    }

    /** {@code name}, {@code schema.name} or {@code catalog.schema.name}. */
    QualifiedName qualifiedName() {
        Token start = cursor.peek();
        String first = columnId();
        if (!cursor.at(Token.Kind.DOT)) {
            return new QualifiedName(null, first, start.start());
        }
        cursor.advance();
        String second = columnLabel();
        if (!cursor.at(Token.Kind.DOT)) {
            return new QualifiedName(first, second, start.start());
        }
        cursor.advance();
        String third = columnLabel();
        if (cursor.at(Token.Kind.DOT)) {
            throw TokenCursor.errorAt(SqlState.SYNTAX_ERROR,
                    "improper qualified name (too many dotted names): " + first + "." + second + "." + third + "."
                            + cursor.peek(1).text(), start);
        }
        return new QualifiedName(second, third, start.start());
    }

    List<QualifiedName> qualifiedNameList() {
        List<QualifiedName> names = new ArrayList<>();
        do {
            names.add(qualifiedName());
        } while (cursor.accept(Token.Kind.COMMA));
        return names;
    }

    /** {@code (a, b, ...)} of ColIds. */
    List<String> parenthesizedNameList() {
        cursor.expect(Token.Kind.LEFT_PAREN);
        List<String> names = new ArrayList<>();
        do {
            names.add(columnId());
        } while (cursor.accept(Token.Kind.COMMA));
        cursor.expect(Token.Kind.RIGHT_PAREN);
        return names;
    }
}
