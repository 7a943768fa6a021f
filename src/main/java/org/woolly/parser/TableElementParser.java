package org.woolly.parser;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.woolly.nodes.parse.ColumnConstraint;
import org.woolly.nodes.parse.ColumnDef;
import org.woolly.nodes.parse.ConstraintTiming;
import org.woolly.nodes.parse.DefElem;
import org.woolly.nodes.parse.ForeignKeyActions;
import org.woolly.nodes.parse.Expr;
import org.woolly.nodes.parse.QualifiedName;
import org.woolly.nodes.parse.TableConstraint;
import org.woolly.nodes.parse.TypeName;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

/**
 * The elements of CREATE TABLE's parenthesized list: column definitions with their column
 * constraints, and table constraints. Counterpart of the {@code TableElement},
 * {@code columnDef}, {@code ColConstraint} and {@code TableConstraint} rules of
 * {@code src/backend/parser/gram.y}.
 */
final class TableElementParser {
    private final Grammar grammar;
    private final TokenCursor cursor;

    TableElementParser(Grammar grammar) {
        this.grammar = grammar;
        this.cursor = grammar.cursor;
    }

    void tableElement(List<ColumnDef> columns, List<TableConstraint> constraints) {
        Token start = cursor.peek();
        if (start.isKeyword("like")) {
            throw TokenCursor.notSupportedClause("CREATE TABLE ... LIKE is not supported yet", start);
        }
        if (start.isKeyword("exclude") && (cursor.peek(1).is(Token.Kind.LEFT_PAREN) || cursor.peek(1).isKeyword("using"))) {
            throw TokenCursor.notSupportedClause("EXCLUDE constraints are not supported yet", start);
        }
        if (start.isKeyword("constraint") || start.isKeyword("check") || start.isKeyword("unique")
                || start.isKeyword("primary") || start.isKeyword("foreign")) {
            constraints.add(tableConstraint());
            return;
        }
        String name = grammar.columnId();
        TypeName type = grammar.types.typeName();
        List<ColumnConstraint> columnConstraints = new ArrayList<>();
        while (true) {
            Token attributes = cursor.peek();
            String clause = attributes.isKeyword("not") ? "NOT DEFERRABLE" : attributes.isKeyword("initially")
                    ? "INITIALLY " + cursor.peek(1).text().toUpperCase(Locale.ROOT) : "DEFERRABLE";
            ConstraintTiming timing = constraintAttributes();
            if (timing != null) {
                // transformConstraintAttrs: they belong to the key or foreign key just before them
                ColumnConstraint last = columnConstraints.isEmpty() ? null : columnConstraints.getLast();
                if (last == null || last.kind() != ColumnConstraint.Kind.PRIMARY_KEY
                        && last.kind() != ColumnConstraint.Kind.UNIQUE && last.kind() != ColumnConstraint.Kind.REFERENCES) {
                    throw TokenCursor.errorAt(SqlState.SYNTAX_ERROR, "misplaced %s clause".formatted(clause),
                            attributes);
                }
                columnConstraints.set(columnConstraints.size() - 1, last.withTiming(timing));
                continue;
            }
            ColumnConstraint constraint = columnConstraint();
            if (constraint == null) {
                break;
            }
            columnConstraints.add(constraint);
        }
        columns.add(new ColumnDef(name, type, List.copyOf(columnConstraints), start.start()));
    }

    /** One column constraint, or null when none follows. */
    private ColumnConstraint columnConstraint() {
        Token start = cursor.peek();
        String name = null;
        if (cursor.acceptKeyword("constraint")) {
            name = grammar.columnId();
        }
        Token token = cursor.peek();
        if (!token.is(Token.Kind.IDENT) || token.quoted()) {
            if (name != null) {
                throw cursor.syntaxError();
            }
            return null;
        }
        int location = start.start();
        switch (token.text()) {
            case "not" -> {
                cursor.advance();
                cursor.expectKeyword("null");
                return new ColumnConstraint(ColumnConstraint.Kind.NOT_NULL, name, null, location);
            }
            case "null" -> {
                cursor.advance();
                return new ColumnConstraint(ColumnConstraint.Kind.NULL, name, null, location);
            }
            case "default" -> {
                cursor.advance();
                Expr value = grammar.ddl.defaultExpression();
                return new ColumnConstraint(ColumnConstraint.Kind.DEFAULT, name, value, location);
            }
            case "primary" -> {
                cursor.advance();
                cursor.expectKeyword("key");
                indexParameters();
                return new ColumnConstraint(ColumnConstraint.Kind.PRIMARY_KEY, name, null, location);
            }
            case "unique" -> {
                cursor.advance();
                boolean nullsNotDistinct = nullsNotDistinct();
                indexParameters();
                return new ColumnConstraint(ColumnConstraint.Kind.UNIQUE, name, null, location, null, null,
                        nullsNotDistinct, null);
            }
            case "check" -> {
                cursor.advance();
                Expr check = parenthesizedCheck();
                return new ColumnConstraint(ColumnConstraint.Kind.CHECK, name, check, location);
            }
            case "references" -> {
                cursor.advance();
                QualifiedName table = grammar.qualifiedName();
                List<String> referenced = cursor.at(Token.Kind.LEFT_PAREN) ? grammar.parenthesizedNameList() : List.of();
                ForeignKeyActions actions = referentialActions();
                return new ColumnConstraint(ColumnConstraint.Kind.REFERENCES, name, null, location, table, referenced,
                        false, null, actions);
            }
            case "generated" -> {
                return generated(name, location);
            }
            case "collate" -> {
                throw TokenCursor.notSupportedClause("COLLATE on a column is not supported yet", token);
            }
            default -> {
                if (name != null) {
                    throw cursor.syntaxError();
                }
                return null;
            }
        }
    }

    /**
     * {@code GENERATED {ALWAYS | BY DEFAULT} AS IDENTITY}: the constraint's expr is a STRING
     * constant "always" or "by default" telling which.
     */
    ColumnConstraint generated(String name, int location) {
        cursor.advance();
        Token how = cursor.peek();
        String mode;
        if (cursor.acceptKeyword("always")) {
            mode = "always";
        } else {
            cursor.expectKeyword("by");
            cursor.expectKeyword("default");
            mode = "by default";
        }
        cursor.expectKeyword("as");
        if (cursor.at(Token.Kind.LEFT_PAREN)) {
            throw TokenCursor.notSupportedClause("generated columns are not supported yet", how);
        }
        cursor.expectKeyword("identity");
        List<DefElem> options = new SequenceParser(grammar).identityOptions();
        return new ColumnConstraint(ColumnConstraint.Kind.GENERATED_IDENTITY, name,
                new Expr.Constant(Expr.Constant.Kind.STRING, mode, how.start()), location, null, null, false, options);
    }

    /**
     * {@code [NOT] DEFERRABLE} and {@code INITIALLY {DEFERRED | IMMEDIATE}} in any order
     * ({@code processCASbits}); null when none follows. INITIALLY DEFERRED alone implies
     * DEFERRABLE; each may be written once (42601).
     */
    private ConstraintTiming constraintAttributes() {
        Boolean deferrable = null;
        Boolean deferred = null;
        Token initially = null;
        while (true) {
            Token token = cursor.peek();
            boolean not = token.isKeyword("not") && cursor.peek(1).isKeyword("deferrable");
            if (not || token.isKeyword("deferrable")) {
                if (deferrable != null) {
                    throw TokenCursor.errorAt(SqlState.SYNTAX_ERROR,
                            "multiple DEFERRABLE/NOT DEFERRABLE clauses not allowed", token);
                }
                cursor.advance();
                if (not) {
                    cursor.advance();
                }
                deferrable = !not;
            } else if (token.isKeyword("initially")) {
                if (deferred != null) {
                    throw TokenCursor.errorAt(SqlState.SYNTAX_ERROR,
                            "multiple INITIALLY IMMEDIATE/DEFERRED clauses not allowed", token);
                }
                cursor.advance();
                deferred = cursor.acceptKeyword("deferred");
                if (!deferred) {
                    cursor.expectKeyword("immediate");
                }
                initially = token;
            } else {
                break;
            }
        }
        if (deferrable == null && deferred == null) {
            return null;
        }
        if (Boolean.TRUE.equals(deferred) && Boolean.FALSE.equals(deferrable)) {
            throw TokenCursor.errorAt(SqlState.SYNTAX_ERROR,
                    "constraint declared INITIALLY DEFERRED must be DEFERRABLE", initially);
        }
        return new ConstraintTiming(Boolean.TRUE.equals(deferrable) || Boolean.TRUE.equals(deferred),
                Boolean.TRUE.equals(deferred));
    }

    private Expr parenthesizedCheck() {
        cursor.expect(Token.Kind.LEFT_PAREN);
        Expr check = grammar.expressions.expression();
        cursor.expect(Token.Kind.RIGHT_PAREN);
        if (cursor.atKeyword("no") && cursor.peek(1).isKeyword("inherit")) {
            throw TokenCursor.notSupportedClause("NO INHERIT constraints are not supported yet", cursor.peek());
        }
        return check;
    }

    /** {@code [NULLS [NOT] DISTINCT]} after UNIQUE: whether NOT DISTINCT was written. */
    private boolean nullsNotDistinct() {
        if (!cursor.acceptKeyword("nulls")) {
            return false;
        }
        boolean not = cursor.acceptKeyword("not");
        cursor.expectKeyword("distinct");
        return not;
    }

    /** {@code [INCLUDE (columns)]} after a key's columns. */
    private List<String> include() {
        if (!cursor.atKeyword("include")) {
            return List.of();
        }
        cursor.advance();
        return grammar.parenthesizedNameList();
    }

    private void indexParameters() {
        Token token = cursor.peek();
        if (token.isKeyword("using")
                || token.isKeyword("with") && cursor.peek(1).is(Token.Kind.LEFT_PAREN)) {
            throw TokenCursor.notSupportedClause("index parameters on constraints are not supported yet", token);
        }
    }

    /**
     * {@code [MATCH FULL | PARTIAL | SIMPLE] [ON DELETE action] [ON UPDATE action]} in any order
     * ({@code key_match} and {@code key_actions} in {@code gram.y}); MATCH PARTIAL is refused as
     * PostgreSQL refuses it.
     */
    private ForeignKeyActions referentialActions() {
        char match = 's';
        char onUpdate = 'a';
        char onDelete = 'a';
        boolean matchSeen = false;
        boolean updateSeen = false;
        boolean deleteSeen = false;
        while (true) {
            if (!matchSeen && cursor.atKeyword("match")) {
                cursor.advance();
                Token type = cursor.advance();
                if (type.isKeyword("full")) {
                    match = 'f';
                } else if (type.isKeyword("partial")) {
                    throw TokenCursor.notSupportedClause("MATCH PARTIAL not yet implemented", type);
                } else if (type.isKeyword("simple")) {
                    match = 's';
                } else {
                    throw cursor.syntaxErrorAt(type);
                }
                matchSeen = true;
            } else if (cursor.atKeyword("on") && !deleteSeen && cursor.peek(1).isKeyword("delete")) {
                cursor.advance();
                cursor.advance();
                onDelete = referentialAction();
                deleteSeen = true;
            } else if (cursor.atKeyword("on") && !updateSeen && cursor.peek(1).isKeyword("update")) {
                cursor.advance();
                cursor.advance();
                onUpdate = referentialAction();
                updateSeen = true;
            } else {
                return new ForeignKeyActions(match, onUpdate, onDelete);
            }
        }
    }

    /** {@code NO ACTION | RESTRICT | CASCADE | SET NULL | SET DEFAULT} as pg_constraint's letter. */
    private char referentialAction() {
        if (cursor.acceptKeywords("no", "action")) {
            return 'a';
        }
        if (cursor.acceptKeyword("restrict")) {
            return 'r';
        }
        if (cursor.acceptKeyword("cascade")) {
            return 'c';
        }
        if (cursor.acceptKeywords("set", "null")) {
            return 'n';
        }
        if (cursor.acceptKeywords("set", "default")) {
            return 'd';
        }
        throw cursor.syntaxError();
    }

    TableConstraint tableConstraint() {
        Token start = cursor.peek();
        String name = null;
        if (cursor.acceptKeyword("constraint")) {
            name = grammar.columnId();
        }
        Token token = cursor.advance();
        TableConstraint constraint;
        if (token.isKeyword("check")) {
            constraint = new TableConstraint(TableConstraint.Kind.CHECK, name, List.of(), parenthesizedCheck(),
                    start.start());
        } else if (token.isKeyword("unique")) {
            boolean nullsNotDistinct = nullsNotDistinct();
            List<String> columns = grammar.parenthesizedNameList();
            List<String> include = include();
            indexParameters();
            constraint = new TableConstraint(TableConstraint.Kind.UNIQUE, name, columns, null, start.start(), null,
                    null, include, nullsNotDistinct);
        } else if (token.isKeyword("primary")) {
            cursor.expectKeyword("key");
            List<String> columns = grammar.parenthesizedNameList();
            List<String> include = include();
            indexParameters();
            constraint = new TableConstraint(TableConstraint.Kind.PRIMARY_KEY, name, columns, null, start.start(), null,
                    null, include, false);
        } else if (token.isKeyword("foreign")) {
            cursor.expectKeyword("key");
            List<String> columns = grammar.parenthesizedNameList();
            cursor.expectKeyword("references");
            QualifiedName table = grammar.qualifiedName();
            List<String> referenced = cursor.at(Token.Kind.LEFT_PAREN) ? grammar.parenthesizedNameList() : List.of();
            ForeignKeyActions actions = referentialActions();
            constraint = new TableConstraint(TableConstraint.Kind.FOREIGN_KEY, name, columns, null, start.start(), table,
                    referenced, List.of(), false, actions);
        } else if (token.isKeyword("exclude")) {
            throw TokenCursor.notSupportedClause("EXCLUDE constraints are not supported yet", token);
        } else {
            throw cursor.syntaxErrorAt(token);
        }
        ConstraintTiming timing = constraintAttributes();
        if (timing != null && timing.deferrable() && constraint.kind() == TableConstraint.Kind.CHECK) {
            // processCASbits reports it without a position
            throw SqlException.of(SqlState.FEATURE_NOT_SUPPORTED, "CHECK constraints cannot be marked DEFERRABLE");
        }
        return timing == null ? constraint : constraint.withTiming(timing);
    }
}
