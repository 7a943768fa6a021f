package org.woolly.parser;

import java.util.ArrayList;
import java.util.List;
import org.woolly.nodes.parse.Expr;
import org.woolly.nodes.parse.QualifiedName;
import org.woolly.nodes.parse.Statement;
import org.woolly.nodes.parse.TypeCommand;
import org.woolly.nodes.parse.TypeCommand.DomainAction;
import org.woolly.nodes.parse.TypeCommand.DomainConstraint;
import org.woolly.nodes.parse.TypeName;

/**
 * CREATE DOMAIN and ALTER DOMAIN: the {@code CreateDomainStmt} and {@code AlterDomainStmt}
 * rules of {@code src/backend/parser/gram.y}, and the domain forms of {@code RenameStmt},
 * {@code AlterObjectSchemaStmt} and {@code AlterOwnerStmt}.
 */
final class DomainParser {
    private final Grammar grammar;
    private final TokenCursor cursor;

    DomainParser(Grammar grammar) {
        this.grammar = grammar;
        this.cursor = grammar.cursor;
    }

    /** After CREATE, at DOMAIN: {@code name [AS] type [COLLATE c] [DEFAULT e] [constraint ...]}. */
    Statement create(Token create) {
        cursor.expectKeyword("domain");
        QualifiedName name = grammar.qualifiedName();
        cursor.acceptKeyword("as");
        TypeName type = grammar.types.typeName();
        String collation = null;
        Expr defaultValue = null;
        List<DomainConstraint> constraints = new ArrayList<>();
        while (true) {
            if (cursor.acceptKeyword("collate")) {
                collation = grammar.qualifiedName().name();
            } else if (cursor.acceptKeyword("default")) {
                defaultValue = grammar.ddl.defaultExpression();
            } else {
                DomainConstraint constraint = constraint(false);
                if (constraint == null) {
                    break;
                }
                constraints.add(constraint);
            }
        }
        return new Statement.TypeDefinition(new TypeCommand.CreateDomain(name, type, collation, defaultValue,
                List.copyOf(constraints), create.start()));
    }

    /**
     * {@code [CONSTRAINT name] {NOT NULL | NULL | CHECK (expr)}} ({@code DomainConstraintElem});
     * NOT VALID is accepted after a CHECK only in ALTER DOMAIN ADD. Null when none follows.
     */
    private DomainConstraint constraint(boolean allowNotValid) {
        Token start = cursor.peek();
        String name = null;
        if (cursor.acceptKeyword("constraint")) {
            name = grammar.columnId();
        }
        if (cursor.atKeyword("not") && cursor.peek(1).isKeyword("null")) {
            cursor.advance();
            cursor.advance();
            return new DomainConstraint(name, DomainConstraint.Kind.NOT_NULL, null, false, start.start());
        }
        if (cursor.acceptKeyword("null")) {
            return new DomainConstraint(name, DomainConstraint.Kind.NULL, null, false, start.start());
        }
        if (cursor.acceptKeyword("check")) {
            cursor.expect(Token.Kind.LEFT_PAREN);
            Expr check = grammar.expressions.expression();
            cursor.expect(Token.Kind.RIGHT_PAREN);
            boolean notValid = allowNotValid && cursor.acceptKeywords("not", "valid");
            return new DomainConstraint(name, DomainConstraint.Kind.CHECK, check, notValid, start.start());
        }
        if (name != null) {
            throw cursor.syntaxError();
        }
        return null;
    }

    /** At ALTER DOMAIN name: the default, NOT NULL, constraints, or the name, schema or owner. */
    Statement alter() {
        Token alter = cursor.expectKeyword("alter");
        cursor.expectKeyword("domain");
        QualifiedName domain = grammar.qualifiedName();
        int location = alter.start();
        if (cursor.acceptKeyword("set")) {
            if (cursor.acceptKeyword("default")) {
                return alterDomain(domain, DomainAction.SET_DEFAULT, grammar.ddl.defaultExpression(), null, null,
                        false, location);
            }
            if (cursor.acceptKeywords("not", "null")) {
                return alterDomain(domain, DomainAction.SET_NOT_NULL, null, null, null, false, location);
            }
            cursor.expectKeyword("schema");
            return rename(domain, null, grammar.columnId(), location);
        }
        if (cursor.acceptKeyword("drop")) {
            if (cursor.acceptKeyword("default")) {
                return alterDomain(domain, DomainAction.DROP_DEFAULT, null, null, null, false, location);
            }
            if (cursor.acceptKeywords("not", "null")) {
                return alterDomain(domain, DomainAction.DROP_NOT_NULL, null, null, null, false, location);
            }
            cursor.expectKeyword("constraint");
            boolean ifExists = cursor.acceptKeywords("if", "exists");
            String name = grammar.columnId();
            if (!cursor.acceptKeyword("cascade")) {
                cursor.acceptKeyword("restrict");
            }
            return alterDomain(domain, DomainAction.DROP_CONSTRAINT, null, null, name, ifExists, location);
        }
        if (cursor.acceptKeyword("add")) {
            DomainConstraint constraint = constraint(true);
            if (constraint == null) {
                throw cursor.syntaxError();
            }
            return alterDomain(domain, DomainAction.ADD_CONSTRAINT, null, constraint, null, false, location);
        }
        if (cursor.acceptKeyword("validate")) {
            cursor.expectKeyword("constraint");
            return alterDomain(domain, DomainAction.VALIDATE_CONSTRAINT, null, null, grammar.columnId(), false,
                    location);
        }
        if (cursor.acceptKeyword("rename")) {
            cursor.expectKeyword("to");
            return rename(domain, grammar.columnId(), null, location);
        }
        if (cursor.acceptKeyword("owner")) {
            cursor.expectKeyword("to");
            return new Statement.TypeDefinition(new TypeCommand.AlterDomainName(new TypeCommand.AlterType(domain,
                    null, null, new AccessParser(grammar).roleSpec(), location)));
        }
        throw cursor.syntaxError();
    }

    private static Statement alterDomain(QualifiedName domain, DomainAction action, Expr defaultValue,
                                         DomainConstraint constraint, String constraintName, boolean ifExists,
                                         int location) {
        return new Statement.TypeDefinition(new TypeCommand.AlterDomain(domain, action, defaultValue, constraint,
                constraintName, ifExists, location));
    }

    private static Statement rename(QualifiedName domain, String newName, String newSchema, int location) {
        return new Statement.TypeDefinition(new TypeCommand.AlterDomainName(new TypeCommand.AlterType(domain,
                newName, newSchema, null, location)));
    }
}
