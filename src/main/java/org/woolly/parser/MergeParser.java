package org.woolly.parser;

import java.util.ArrayList;
import java.util.List;
import org.woolly.nodes.parse.Expr;
import org.woolly.nodes.parse.FromItem;
import org.woolly.nodes.parse.MergeWhen;
import org.woolly.nodes.parse.QualifiedName;
import org.woolly.nodes.parse.SetClause;
import org.woolly.nodes.parse.Statement;

/**
 * MERGE: counterpart of the {@code MergeStmt}, {@code merge_when_clause}, {@code merge_update},
 * {@code merge_delete} and {@code merge_insert} rules of {@code src/backend/parser/gram.y}. There
 * is no RETURNING (PostgreSQL 15 has none), so one after the WHEN clauses is a syntax error there.
 */
final class MergeParser {
    private final Grammar grammar;
    private final TokenCursor cursor;

    MergeParser(Grammar grammar) {
        this.grammar = grammar;
        this.cursor = grammar.cursor;
    }

    Statement merge() {
        Token merge = cursor.expectKeyword("merge");
        cursor.expectKeyword("into");
        boolean only = cursor.acceptKeyword("only");
        QualifiedName table = grammar.qualifiedName();
        cursor.acceptOperator("*");
        String alias = grammar.dml.relationAlias("using");
        cursor.expectKeyword("using");
        FromItem source = grammar.selects.fromItem();
        cursor.expectKeyword("on");
        Expr condition = grammar.expressions.expression();
        List<MergeWhen> whens = new ArrayList<>();
        do {
            whens.add(whenClause(table, alias));
        } while (cursor.atKeyword("when"));
        return new Statement.Merge(table, alias, source, condition, List.copyOf(whens), merge.start(), only);
    }

    private MergeWhen whenClause(QualifiedName table, String alias) {
        Token when = cursor.expectKeyword("when");
        boolean matched = !cursor.acceptKeyword("not");
        cursor.expectKeyword("matched");
        Expr condition = null;
        if (cursor.acceptKeyword("and")) {
            condition = grammar.expressions.expression();
        }
        cursor.expectKeyword("then");
        if (cursor.atKeyword("do")) {
            cursor.advance();
            cursor.expectKeyword("nothing");
            return new MergeWhen(matched, condition, MergeWhen.Action.NOTHING, List.of(), null, when.start());
        }
        if (matched && cursor.atKeyword("delete")) {
            cursor.advance();
            return new MergeWhen(true, condition, MergeWhen.Action.DELETE, List.of(), null, when.start());
        }
        if (matched) {
            cursor.expectKeyword("update");
            cursor.expectKeyword("set");
            List<SetClause> assignments = new ArrayList<>();
            do {
                grammar.dml.setClause(assignments);
            } while (cursor.accept(Token.Kind.COMMA));
            return new MergeWhen(true, condition, MergeWhen.Action.UPDATE, List.copyOf(assignments), null,
                    when.start());
        }
        return new MergeWhen(false, condition, MergeWhen.Action.INSERT, List.of(), insert(table, alias), when.start());
    }

    /** {@code INSERT [(columns)] [OVERRIDING {SYSTEM | USER} VALUE] {VALUES (exprs) | DEFAULT VALUES}}. */
    private Statement.Insert insert(QualifiedName table, String alias) {
        Token insert = cursor.expectKeyword("insert");
        DmlParser.InsertColumns columns = DmlParser.InsertColumns.NONE;
        if (cursor.accept(Token.Kind.LEFT_PAREN)) {
            columns = grammar.dml.insertColumnList();
        }
        Statement.Overriding overriding = grammar.dml.overridingClause();
        if (columns.names().isEmpty() && overriding == Statement.Overriding.NONE && cursor.acceptKeyword("default")) {
            cursor.expectKeyword("values");
            return new Statement.Insert(table, alias, List.of(), List.of(), null, true, List.of(), insert.start(),
                    overriding);
        }
        Token values = cursor.expectKeyword("values");
        cursor.expect(Token.Kind.LEFT_PAREN);
        SelectBuilder row = new SelectBuilder(values.start());
        row.values = List.of(List.copyOf(grammar.expressions.expressionList()));
        cursor.expect(Token.Kind.RIGHT_PAREN);
        return new Statement.Insert(table, alias, columns.names(), columns.locations(), row.build(), false,
                List.of(), insert.start(), overriding, null, columns.targets());
    }
}
