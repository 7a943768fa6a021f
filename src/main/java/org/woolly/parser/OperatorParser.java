package org.woolly.parser;

import java.util.ArrayList;
import java.util.List;
import org.woolly.nodes.parse.OperatorCommand;
import org.woolly.nodes.parse.QualifiedName;
import org.woolly.nodes.parse.RoleSpec;
import org.woolly.nodes.parse.Statement;
import org.woolly.nodes.parse.TypeName;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

/**
 * CREATE / ALTER / DROP OPERATOR and CREATE / ALTER / DROP OPERATOR CLASS and FAMILY: the
 * {@code DefineStmt} (operator), {@code AlterOperatorStmt}, {@code CreateOpClassStmt},
 * {@code CreateOpFamilyStmt}, {@code AlterOpFamilyStmt} rules and the operator forms of
 * {@code DropStmt} and {@code AlterOwnerStmt}/{@code AlterObjectSchemaStmt} in
 * {@code src/backend/parser/gram.y}.
 */
final class OperatorParser {
    private final Grammar grammar;
    private final TokenCursor cursor;

    OperatorParser(Grammar grammar) {
        this.grammar = grammar;
        this.cursor = grammar.cursor;
    }

    /** After CREATE, at OPERATOR. */
    Statement create(Token create) {
        cursor.expectKeyword("operator");
        if (cursor.acceptKeyword("family")) {
            QualifiedName name = grammar.qualifiedName();
            cursor.expectKeyword("using");
            return wrap(new OperatorCommand.CreateFamily(name, grammar.columnId(), create.start()));
        }
        if (cursor.acceptKeyword("class")) {
            return createClass(create);
        }
        QualifiedName name = anyOperator();
        cursor.expect(Token.Kind.LEFT_PAREN);
        List<OperatorCommand.Option> options = new ArrayList<>();
        do {
            options.add(option(false));
        } while (cursor.accept(Token.Kind.COMMA));
        cursor.expect(Token.Kind.RIGHT_PAREN);
        return wrap(new OperatorCommand.CreateOperator(name, List.copyOf(options), create.start()));
    }

    private Statement createClass(Token create) {
        QualifiedName name = grammar.qualifiedName();
        boolean isDefault = cursor.acceptKeyword("default");
        cursor.expectKeyword("for");
        cursor.expectKeyword("type");
        TypeName type = grammar.types.typeName();
        cursor.expectKeyword("using");
        String method = grammar.columnId();
        QualifiedName family = null;
        if (cursor.acceptKeyword("family")) {
            family = grammar.qualifiedName();
        }
        cursor.expectKeyword("as");
        return wrap(new OperatorCommand.CreateClass(name, isDefault, type, method, family, items(true),
                create.start()));
    }

    /** {@code item, ...} of CREATE OPERATOR CLASS and ALTER OPERATOR FAMILY ADD ({@code full}) or DROP. */
    private List<OperatorCommand.Item> items(boolean full) {
        List<OperatorCommand.Item> items = new ArrayList<>();
        do {
            Token start = cursor.peek();
            if (full && cursor.acceptKeyword("storage")) {
                items.add(new OperatorCommand.Item(OperatorCommand.ItemKind.STORAGE, 0, null, List.of(), null,
                        grammar.types.typeName(), start.start()));
                continue;
            }
            OperatorCommand.ItemKind kind;
            if (cursor.acceptKeyword("operator")) {
                kind = OperatorCommand.ItemKind.OPERATOR;
            } else if (cursor.acceptKeyword("function")) {
                kind = OperatorCommand.ItemKind.FUNCTION;
            } else {
                throw cursor.syntaxError();
            }
            int number = Integer.parseInt(cursor.expect(Token.Kind.INTEGER).text());
            if (!full) {
                items.add(new OperatorCommand.Item(kind, number, null, typeList(), null, null, start.start()));
                continue;
            }
            if (kind == OperatorCommand.ItemKind.OPERATOR) {
                QualifiedName operator = anyOperator();
                List<TypeName> types = cursor.at(Token.Kind.LEFT_PAREN) ? typeList() : List.of();
                if (cursor.acceptKeyword("for")) {
                    // FOR SEARCH | FOR ORDER BY family: only search operators are kept
                    if (!cursor.acceptKeyword("search")) {
                        cursor.expectKeyword("order");
                        cursor.expectKeyword("by");
                        grammar.qualifiedName();
                    }
                }
                items.add(new OperatorCommand.Item(kind, number, operator, types, null, null, start.start()));
            } else {
                List<TypeName> types = cursor.at(Token.Kind.LEFT_PAREN) ? typeList() : List.of();
                QualifiedName function = grammar.qualifiedName();
                List<TypeName> arguments = cursor.at(Token.Kind.LEFT_PAREN) ? typeList() : List.of();
                items.add(new OperatorCommand.Item(kind, number, function, types, arguments, null, start.start()));
            }
        } while (cursor.accept(Token.Kind.COMMA));
        return List.copyOf(items);
    }

    /** {@code (type, ...)}, possibly empty. */
    List<TypeName> typeList() {
        cursor.expect(Token.Kind.LEFT_PAREN);
        List<TypeName> types = new ArrayList<>();
        if (!cursor.at(Token.Kind.RIGHT_PAREN)) {
            do {
                types.add(grammar.types.typeName());
            } while (cursor.accept(Token.Kind.COMMA));
        }
        cursor.expect(Token.Kind.RIGHT_PAREN);
        return List.copyOf(types);
    }

    /**
     * {@code name [= value]} ({@code name = value} only, in ALTER's {@code valueRequired}); the
     * value of LEFTARG and RIGHTARG is a type, others a name or an operator.
     */
    private OperatorCommand.Option option(boolean valueRequired) {
        Token start = cursor.peek();
        String name = grammar.columnLabel();
        if (valueRequired) {
            cursor.expectOperator("=");
        } else if (!cursor.acceptOperator("=")) {
            return new OperatorCommand.Option(name, null, null, start.start());
        }
        Token value = cursor.peek();
        if (value.isKeyword("none") && !cursor.peek(1).is(Token.Kind.DOT)) {
            cursor.advance();
            return new OperatorCommand.Option(name, null, null, start.start());
        }
        if (name.equals("leftarg") || name.equals("rightarg")) {
            return new OperatorCommand.Option(name, grammar.types.typeName(), null, start.start());
        }
        if (value.is(Token.Kind.OPERATOR) || value.isKeyword("operator") && cursor.peek(1).is(Token.Kind.LEFT_PAREN)) {
            return new OperatorCommand.Option(name, null, qualifiedOperator(), start.start());
        }
        return new OperatorCommand.Option(name, null, grammar.qualifiedName(), start.start());
    }

    /** {@code op} or {@code OPERATOR(schema.op)} as an option's value ({@code qual_all_Op}). */
    private QualifiedName qualifiedOperator() {
        Token start = cursor.peek();
        if (!cursor.acceptKeyword("operator")) {
            return new QualifiedName(null, cursor.expect(Token.Kind.OPERATOR).text(), start.start());
        }
        cursor.expect(Token.Kind.LEFT_PAREN);
        QualifiedName name = anyOperator();
        cursor.expect(Token.Kind.RIGHT_PAREN);
        return name;
    }

    /** {@code any_operator}: {@code op} or {@code schema.op}. */
    private QualifiedName anyOperator() {
        Token start = cursor.peek();
        String schema = null;
        if (cursor.at(Token.Kind.IDENT) && cursor.peek(1).is(Token.Kind.DOT)) {
            schema = grammar.columnId();
            cursor.expect(Token.Kind.DOT);
        }
        Token symbol = cursor.expect(Token.Kind.OPERATOR);
        return new QualifiedName(schema, symbol.text(), start.start());
    }

    /** {@code op (left, right)} with NONE for the missing operand of a prefix operator. */
    private OperatorCommand.OperatorName operatorWithArguments() {
        Token start = cursor.peek();
        QualifiedName name = anyOperator();
        cursor.expect(Token.Kind.LEFT_PAREN);
        TypeName left = null;
        if (!cursor.acceptKeyword("none")) {
            left = grammar.types.typeName();
        }
        if (!cursor.at(Token.Kind.COMMA)) {
            Token close = cursor.peek();
            if (close.is(Token.Kind.RIGHT_PAREN)) {
                throw TokenCursor.errorAt(SqlState.SYNTAX_ERROR, "missing argument", close)
                        .withHint("Use NONE to denote the missing argument of a unary operator.");
            }
            throw cursor.syntaxError();
        }
        cursor.advance();
        if (cursor.acceptKeyword("none")) {
            // LookupOperName's error: no position
            throw new SqlException(SqlState.SYNTAX_ERROR, "postfix operators are not supported");
        }
        TypeName right = grammar.types.typeName();
        cursor.expect(Token.Kind.RIGHT_PAREN);
        return new OperatorCommand.OperatorName(name, left, right, start.start());
    }

    /** After DROP, at OPERATOR. */
    Statement drop(Token drop) {
        cursor.expectKeyword("operator");
        boolean family = cursor.atKeyword("family");
        if (family || cursor.atKeyword("class")) {
            cursor.advance();
            boolean ifExists = cursor.acceptKeywords("if", "exists");
            QualifiedName name = grammar.qualifiedName();
            cursor.expectKeyword("using");
            String method = grammar.columnId();
            return wrap(new OperatorCommand.DropClassOrFamily(family, name, method, ifExists, dropBehavior(),
                    drop.start()));
        }
        boolean ifExists = cursor.acceptKeywords("if", "exists");
        List<OperatorCommand.OperatorName> operators = new ArrayList<>();
        do {
            operators.add(operatorWithArguments());
        } while (cursor.accept(Token.Kind.COMMA));
        return wrap(new OperatorCommand.DropOperator(List.copyOf(operators), ifExists, dropBehavior(), drop.start()));
    }

    private boolean dropBehavior() {
        if (cursor.acceptKeyword("cascade")) {
            return true;
        }
        cursor.acceptKeyword("restrict");
        return false;
    }

    /** At ALTER OPERATOR: an operator's owner, schema or estimators, or ALTER OPERATOR FAMILY ADD/DROP. */
    Statement alter() {
        Token alter = cursor.expectKeyword("alter");
        cursor.expectKeyword("operator");
        if (cursor.atKeyword("family") || cursor.atKeyword("class")) {
            boolean family = cursor.advance().isKeyword("family");
            QualifiedName name = grammar.qualifiedName();
            cursor.expectKeyword("using");
            String method = grammar.columnId();
            if (!family || !(cursor.atKeyword("add") || cursor.atKeyword("drop"))) {
                throw TokenCursor.notSupported("alter operator " + (family ? "family" : "class"), alter);
            }
            boolean add = cursor.advance().isKeyword("add");
            return wrap(new OperatorCommand.AlterFamily(name, method, add, items(add), alter.start()));
        }
        OperatorCommand.OperatorName operator = operatorWithArguments();
        if (cursor.acceptKeyword("owner")) {
            cursor.expectKeyword("to");
            RoleSpec owner = new AccessParser(grammar).roleSpec();
            return wrap(new OperatorCommand.AlterOperator(operator, owner, null, null, alter.start()));
        }
        cursor.expectKeyword("set");
        if (cursor.acceptKeyword("schema")) {
            return wrap(new OperatorCommand.AlterOperator(operator, null, grammar.columnId(), null, alter.start()));
        }
        cursor.expect(Token.Kind.LEFT_PAREN);
        List<OperatorCommand.Option> options = new ArrayList<>();
        do {
            options.add(option(true));
        } while (cursor.accept(Token.Kind.COMMA));
        cursor.expect(Token.Kind.RIGHT_PAREN);
        return wrap(new OperatorCommand.AlterOperator(operator, null, null, List.copyOf(options), alter.start()));
    }

    private static Statement wrap(OperatorCommand command) {
        return new Statement.OperatorDefinition(command);
    }
}
