package org.woolly.parser;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.woolly.nodes.parse.AlterTableAction;
import org.woolly.nodes.parse.ColumnConstraint;
import org.woolly.nodes.parse.ColumnDef;
import org.woolly.nodes.parse.Expr;
import org.woolly.nodes.parse.QualifiedName;
import org.woolly.nodes.parse.Statement;
import org.woolly.nodes.parse.TableConstraint;
import org.woolly.nodes.parse.TypeName;

/**
 * {@code ALTER TABLE} and {@code ALTER INDEX ... RENAME TO}. Counterpart of the
 * {@code AlterTableStmt} and {@code alter_table_cmd} rules of {@code src/backend/parser/gram.y},
 * and of the table and index forms of {@code RenameStmt} and {@code AlterObjectSchemaStmt}.
 * Actions of the grammar that Woolly does not run yet are refused with 0A000 naming them.
 */
final class AlterTableParser {
    /** First words of the alter_table_cmd forms not listed in {@link #action}. */
    private static final java.util.Set<String> OTHER_ACTION_WORDS = java.util.Set.of("set", "reset", "enable",
            "disable", "cluster", "inherit", "no", "of", "not", "replica", "force", "attach", "detach", "options",
            "drop");
    /** What may follow SET in an alter_table_cmd besides SCHEMA (and a parenthesized option list). */
    private static final java.util.Set<String> SET_ACTION_WORDS = java.util.Set.of("logged", "unlogged", "without",
            "tablespace", "access");
    private final Grammar grammar;
    private final TokenCursor cursor;
    private final TableElementParser elements;

    AlterTableParser(Grammar grammar) {
        this.grammar = grammar;
        this.cursor = grammar.cursor;
        this.elements = new TableElementParser(grammar);
    }

    /** Whether the tokens at the cursor are {@code ALTER TABLE} or {@code ALTER INDEX}. */
    boolean atAlterTable() {
        Token object = cursor.peek(1);
        return cursor.atKeyword("alter") && (object.isKeyword("table") || object.isKeyword("index")
                || object.isKeyword("view"));
    }

    Statement alter() {
        Token alter = cursor.expectKeyword("alter");
        Token object = cursor.advance();
        Statement.ObjectKind kind = object.isKeyword("index") ? Statement.ObjectKind.INDEX
                : object.isKeyword("view") ? Statement.ObjectKind.VIEW : Statement.ObjectKind.TABLE;
        if (cursor.atKeyword("all") && cursor.peek(1).isKeyword("in")) {
            throw TokenCursor.notSupported("alter " + object.text() + " all in tablespace", alter);
        }
        boolean ifExists = cursor.acceptKeywords("if", "exists");
        boolean only = false;
        QualifiedName name;
        if (kind == Statement.ObjectKind.TABLE && cursor.acceptKeyword("only")) {
            only = true;
            boolean parenthesized = cursor.accept(Token.Kind.LEFT_PAREN);
            name = grammar.qualifiedName();
            if (parenthesized) {
                cursor.expect(Token.Kind.RIGHT_PAREN);
            }
        } else {
            name = grammar.qualifiedName();
            if (kind == Statement.ObjectKind.TABLE) {
                cursor.acceptOperator("*");
            }
        }
        List<AlterTableAction> actions = new ArrayList<>();
        Token first = cursor.peek();
        if (kind == Statement.ObjectKind.TABLE && TriggerParser.atEnableTrigger(cursor)) {
            return new TriggerParser(grammar).enable(name, ifExists);
        }
        if (kind == Statement.ObjectKind.TABLE && RuleParser.atEnableRule(cursor)) {
            return new RuleParser(grammar).enable(name, ifExists);
        }
        if (first.isKeyword("rename")) {
            actions.add(rename(kind));
        } else if (first.isKeyword("set") && cursor.peek(1).isKeyword("schema")) {
            cursor.advance();
            cursor.advance();
            actions.add(new AlterTableAction.SetSchema(grammar.columnId(), first.start()));
        } else if (kind == Statement.ObjectKind.INDEX && atOptions(first)) {
            do {
                actions.add(setOptions());
            } while (cursor.accept(Token.Kind.COMMA));
        } else if (kind == Statement.ObjectKind.INDEX && first.isKeyword("attach")
                && cursor.peek(1).isKeyword("partition")) {
            // ALTER INDEX parent ATTACH PARTITION child (a partition action without a bound)
            cursor.advance();
            cursor.advance();
            actions.add(new AlterTableAction.Partition(grammar.qualifiedName(), null, first.start()));
        } else if (kind == Statement.ObjectKind.INDEX) {
            if (!first.is(Token.Kind.IDENT)) {
                throw cursor.syntaxError();
            }
            throw TokenCursor.notSupportedClause("ALTER INDEX ... " + first.text().toUpperCase(Locale.ROOT)
                    + " is not supported yet", first);
        } else {
            do {
                actions.add(action());
            } while (cursor.accept(Token.Kind.COMMA));
        }
        return new Statement.AlterTable(kind, name, ifExists, only, List.copyOf(actions), alter.start());
    }

    /** {@code RENAME TO n}, {@code RENAME [COLUMN] c TO n}, {@code RENAME CONSTRAINT c TO n}. */
    private AlterTableAction rename(Statement.ObjectKind kind) {
        Token rename = cursor.expectKeyword("rename");
        if (cursor.acceptKeyword("to")) {
            return new AlterTableAction.RenameRelation(grammar.columnId(), rename.start());
        }
        if (kind == Statement.ObjectKind.INDEX) {
            throw cursor.syntaxError();
        }
        if (cursor.acceptKeyword("constraint")) {
            String constraint = grammar.columnId();
            cursor.expectKeyword("to");
            return new AlterTableAction.RenameConstraint(constraint, grammar.columnId(), rename.start());
        }
        cursor.acceptKeyword("column");
        String column = grammar.columnId();
        cursor.expectKeyword("to");
        return new AlterTableAction.RenameColumn(column, grammar.columnId(), rename.start());
    }

    /** One {@code alter_table_cmd}. */
    private AlterTableAction action() {
        Token start = cursor.peek();
        if (!start.is(Token.Kind.IDENT) || start.quoted()) {
            throw cursor.syntaxError();
        }
        return switch (start.text()) {
            case "add" -> add();
            case "drop" -> drop();
            case "alter" -> alterColumn();
            case "validate" -> {
                cursor.advance();
                cursor.expectKeyword("constraint");
                yield new AlterTableAction.ValidateConstraint(grammar.columnId(), start.start());
            }
            case "set", "reset" -> {
                if (!atOptions(start)) {
                    throw unsupportedAction(start);
                }
                yield setOptions();
            }
            case "owner" -> {
                cursor.advance();
                cursor.expectKeyword("to");
                yield ownerTo(start);
            }
            case "inherit" -> {
                cursor.advance();
                yield new AlterTableAction.Inherit(grammar.qualifiedName(), false, start.start());
            }
            case "no" -> {
                if (!cursor.peek(1).isKeyword("inherit")) {
                    throw unsupportedAction(start);
                }
                cursor.advance();
                cursor.advance();
                yield new AlterTableAction.Inherit(grammar.qualifiedName(), true, start.start());
            }
            case "attach", "detach" -> {
                if (!cursor.peek(1).isKeyword("partition")) {
                    throw unsupportedAction(start);
                }
                cursor.advance();
                cursor.advance();
                QualifiedName partition = grammar.qualifiedName();
                if (start.isKeyword("attach")) {
                    yield new AlterTableAction.Partition(partition, new PartitionParser(grammar).bound(),
                            start.start());
                }
                if (cursor.atKeyword("concurrently") || cursor.atKeyword("finalize")) {
                    throw unsupportedAction(start);
                }
                yield new AlterTableAction.Partition(partition, null, start.start());
            }
            default -> throw unsupportedAction(start);
        };
    }

    /** Whether {@code SET (} or {@code RESET (} starts at {@code token}. */
    private boolean atOptions(Token token) {
        return (token.isKeyword("set") || token.isKeyword("reset")) && cursor.peek(1).is(Token.Kind.LEFT_PAREN);
    }

    /** {@code SET (reloptions)} or {@code RESET (reloptions)}. */
    private AlterTableAction setOptions() {
        Token verb = cursor.advance();
        return new AlterTableAction.SetOptions(grammar.ddl.definitionList(), verb.isKeyword("reset"), verb.start());
    }

    private AlterTableAction add() {
        Token add = cursor.expectKeyword("add");
        Token next = cursor.peek();
        if (next.isKeyword("constraint") || next.isKeyword("check") || next.isKeyword("unique")
                || next.isKeyword("primary") || next.isKeyword("foreign") || next.isKeyword("exclude")) {
            TableConstraint constraint = elements.tableConstraint();
            boolean notValid = cursor.acceptKeywords("not", "valid");
            return new AlterTableAction.AddConstraint(constraint, notValid, add.start());
        }
        cursor.acceptKeyword("column");
        boolean ifNotExists = cursor.acceptKeywords("if", "not", "exists");
        if (!Keywords.isColumnId(cursor.peek())) {
            throw cursor.syntaxError();
        }
        List<ColumnDef> columns = new ArrayList<>();
        elements.tableElement(columns, new ArrayList<>());
        return new AlterTableAction.AddColumn(columns.getFirst(), ifNotExists, add.start());
    }

    private AlterTableAction drop() {
        Token drop = cursor.expectKeyword("drop");
        if (cursor.acceptKeyword("constraint")) {
            boolean ifExists = cursor.acceptKeywords("if", "exists");
            String name = grammar.columnId();
            return new AlterTableAction.DropConstraint(name, ifExists, dropBehavior(), drop.start());
        }
        Token next = cursor.peek();
        if (isOtherDropAction(next)) {
            throw unsupportedAction(drop);
        }
        cursor.acceptKeyword("column");
        boolean ifExists = cursor.acceptKeywords("if", "exists");
        String column = grammar.columnId();
        return new AlterTableAction.DropColumn(column, ifExists, dropBehavior(), drop.start());
    }

    /** DROP forms of alter_table_cmd that are not DROP [COLUMN] (DROP ROW LEVEL SECURITY is a typo-proof example). */
    private boolean isOtherDropAction(Token next) {
        Token after = cursor.peek(1);
        return next.isKeyword("row") && after.isKeyword("level")
                || next.isKeyword("identity") && !after.is(Token.Kind.EOF) && !after.is(Token.Kind.COMMA)
                        && !after.is(Token.Kind.SEMICOLON) && !after.isKeyword("cascade") && !after.isKeyword("restrict");
    }

    private boolean dropBehavior() {
        if (cursor.acceptKeyword("cascade")) {
            return true;
        }
        cursor.acceptKeyword("restrict");
        return false;
    }

    /** {@code ALTER [COLUMN] name {SET DEFAULT e | DROP DEFAULT | SET/DROP NOT NULL | [SET DATA] TYPE t [USING e]}}. */
    private AlterTableAction alterColumn() {
        Token alter = cursor.expectKeyword("alter");
        if (cursor.atKeyword("constraint")) {
            throw TokenCursor.notSupportedClause("ALTER TABLE ... ALTER CONSTRAINT is not supported yet", alter);
        }
        cursor.acceptKeyword("column");
        String column = grammar.columnId();
        Token verb = cursor.peek();
        if (cursor.acceptKeywords("set", "default")) {
            Expr value = grammar.expressions.expression();
            return new AlterTableAction.ColumnDefault(column, value, alter.start());
        }
        if (cursor.acceptKeywords("drop", "default")) {
            return new AlterTableAction.ColumnDefault(column, null, alter.start());
        }
        if (cursor.acceptKeywords("set", "not", "null")) {
            return new AlterTableAction.ColumnNotNull(column, true, alter.start());
        }
        if (cursor.acceptKeywords("drop", "not", "null")) {
            return new AlterTableAction.ColumnNotNull(column, false, alter.start());
        }
        if (verb.isKeyword("set") && cursor.peek(1).is(Token.Kind.IDENT)
                && (cursor.peek(1).text().equalsIgnoreCase("storage") || cursor.peek(1).text().equalsIgnoreCase("compression"))) {
            cursor.advance();
            boolean compression = cursor.advance().text().equalsIgnoreCase("compression");
            // SET COMPRESSION DEFAULT is a keyword; the rest are identifiers
            String value = cursor.acceptKeyword("default") ? "default" : grammar.columnId();
            return new AlterTableAction.ColumnStorage(column, value, compression, alter.start());
        }
        if (cursor.acceptKeywords("set", "data", "type") || cursor.acceptKeyword("type")) {
            TypeName type = grammar.types.typeName();
            if (cursor.atKeyword("collate")) {
                throw TokenCursor.notSupportedClause("COLLATE on a column is not supported yet", cursor.peek());
            }
            Expr using = null;
            if (cursor.acceptKeyword("using")) {
                using = grammar.expressions.expression();
            }
            return new AlterTableAction.AlterColumnType(column, type, using, alter.start());
        }
        if (verb.isKeyword("add") && cursor.peek(1).isKeyword("generated")) {
            cursor.advance();
            ColumnConstraint identity = elements.generated(null, cursor.peek().start());
            return new AlterTableAction.AddIdentity(column, identity, alter.start());
        }
        if (verb.isKeyword("set") || verb.isKeyword("drop") || verb.isKeyword("add") || verb.isKeyword("reset")
                || verb.isKeyword("restart") || verb.isKeyword("options")) {
            Token what = cursor.peek(1);
            String words = verb.text() + (what.is(Token.Kind.IDENT) ? " " + what.text() : "");
            throw TokenCursor.notSupportedClause("ALTER TABLE ... ALTER COLUMN ... " + words.toUpperCase(Locale.ROOT)
                    + " is not supported yet", verb);
        }
        throw cursor.syntaxError();
    }

    private AlterTableAction ownerTo(Token owner) {
        Token role = cursor.peek();
        if (role.isKeyword("current_user") || role.isKeyword("session_user") || role.isKeyword("current_role")) {
            cursor.advance();
            return new AlterTableAction.OwnerTo(role.text().toUpperCase(Locale.ROOT), true, owner.start());
        }
        if (role.isKeyword("none")) {
            cursor.advance();
            throw TokenCursor.errorAt(org.woolly.utils.error.SqlState.RESERVED_NAME,
                    "role name \"" + role.text() + "\" is reserved", role);
        }
        String name = grammar.columnLabel();
        return new AlterTableAction.OwnerTo(name, false, owner.start());
    }

    /** 0A000 for an alter_table_cmd of PostgreSQL's grammar that Woolly does not run, by its leading words. */
    private org.woolly.utils.error.SqlException unsupportedAction(Token start) {
        Token second = cursor.peek(start == cursor.peek() ? 1 : 0);
        if (!start.is(Token.Kind.IDENT) || start.quoted() || !OTHER_ACTION_WORDS.contains(start.text())) {
            return cursor.syntaxErrorAt(start);
        }
        if (start.isKeyword("set") && !second.is(Token.Kind.LEFT_PAREN) && !SET_ACTION_WORDS.contains(second.text())) {
            return cursor.syntaxErrorAt(second);
        }
        String words = start.text() + (second.is(Token.Kind.IDENT) && !second.quoted() ? " " + second.text() : "");
        return TokenCursor.notSupportedClause("ALTER TABLE ... " + words.toUpperCase(Locale.ROOT)
                + " is not supported yet", start);
    }
}
