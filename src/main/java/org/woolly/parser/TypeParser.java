package org.woolly.parser;

import java.util.ArrayList;
import java.util.List;
import org.woolly.nodes.parse.ColumnDef;
import org.woolly.nodes.parse.QualifiedName;
import org.woolly.nodes.parse.Statement;
import org.woolly.nodes.parse.TypeCommand;
import org.woolly.nodes.parse.TypeName;

/**
 * CREATE TYPE (enum, composite, range, base and shell forms) and ALTER TYPE: the
 * {@code CreateEnumStmt}, {@code CompositeTypeStmt}, {@code CreateRangeStmt}, {@code DefineStmt}
 * of a type, {@code AlterEnumStmt}
 * and the type forms of {@code RenameStmt}, {@code AlterObjectSchemaStmt} and
 * {@code AlterOwnerStmt} in {@code src/backend/parser/gram.y}.
 */
final class TypeParser {
    private final Grammar grammar;
    private final TokenCursor cursor;

    TypeParser(Grammar grammar) {
        this.grammar = grammar;
        this.cursor = grammar.cursor;
    }

    /**
     * After CREATE, at TYPE: {@code name AS ENUM (labels)}, {@code name AS (attributes)},
     * {@code name AS RANGE (definition)}, {@code name (definition)} (a base type) or the shell
     * type {@code name} alone.
     */
    Statement create(Token create) {
        cursor.expectKeyword("type");
        QualifiedName name = grammar.qualifiedName();
        if (cursor.atKeyword("as") && cursor.peek(1).kind() == Token.Kind.LEFT_PAREN) {
            cursor.advance();
            return composite(name, create);
        }
        if (cursor.at(Token.Kind.SEMICOLON) || cursor.at(Token.Kind.EOF)) {
            return new Statement.TypeDefinition(new TypeCommand.CreateShell(name, create.start()));
        }
        if (cursor.at(Token.Kind.LEFT_PAREN)) {
            return new Statement.TypeDefinition(new TypeCommand.CreateBase(name, definition(), create.start()));
        }
        if (cursor.atKeyword("as") && cursor.peek(1).isKeyword("range")) {
            cursor.advance();
            cursor.advance();
            return new Statement.TypeDefinition(new TypeCommand.CreateRange(name, definition(), create.start()));
        }
        if (!cursor.atKeyword("as") || !cursor.peek(1).isKeyword("enum")) {
            throw cursor.syntaxError();
        }
        cursor.advance();
        cursor.advance();
        cursor.expect(Token.Kind.LEFT_PAREN);
        List<String> labels = new ArrayList<>();
        if (!cursor.at(Token.Kind.RIGHT_PAREN)) {
            do {
                labels.add(cursor.expect(Token.Kind.STRING).text());
            } while (cursor.accept(Token.Kind.COMMA));
        }
        cursor.expect(Token.Kind.RIGHT_PAREN);
        return new Statement.TypeDefinition(new TypeCommand.CreateEnum(name, List.copyOf(labels), create.start()));
    }

    /**
     * gram.y's {@code definition}: {@code (name [= value], ...)} where a value is a type or
     * function name ({@code func_type}), a string or a possibly signed number.
     */
    private List<TypeCommand.Definition> definition() {
        cursor.expect(Token.Kind.LEFT_PAREN);
        List<TypeCommand.Definition> elements = new ArrayList<>();
        do {
            Token start = cursor.peek();
            String name = grammar.columnLabel();
            TypeName type = null;
            String text = null;
            if (cursor.acceptOperator("=")) {
                Token value = cursor.peek();
                if (value.is(Token.Kind.STRING) || value.is(Token.Kind.INTEGER) || value.is(Token.Kind.NUMERIC)
                        || value.isOperator("-") || value.isOperator("+")) {
                    text = grammar.ddl.optionValue();
                } else {
                    type = grammar.types.typeName();
                }
            }
            elements.add(new TypeCommand.Definition(name, type, text, start.start()));
        } while (cursor.accept(Token.Kind.COMMA));
        cursor.expect(Token.Kind.RIGHT_PAREN);
        return List.copyOf(elements);
    }

    /** {@code ADD ATTRIBUTE a type}, {@code DROP ATTRIBUTE [IF EXISTS] a} or {@code RENAME ATTRIBUTE a TO b}. */
    private Statement attributeAction(QualifiedName type, Token alter) {
        Token action = cursor.advance();
        cursor.expectKeyword("attribute");
        if (action.isKeyword("add")) {
            Token start = cursor.peek();
            String name = grammar.columnId();
            TypeName attributeType = grammar.types.typeName();
            if (cursor.acceptKeyword("collate")) {
                grammar.qualifiedName();
            }
            ColumnDef attribute = new ColumnDef(name, attributeType, List.of(), start.start());
            acceptDropBehavior();
            return new Statement.TypeDefinition(new TypeCommand.AlterAttribute(type,
                    TypeCommand.AttributeAction.ADD, name, null, attribute, false, alter.start()));
        }
        if (action.isKeyword("drop")) {
            boolean ifExists = cursor.acceptKeywords("if", "exists");
            String name = grammar.columnId();
            acceptDropBehavior();
            return new Statement.TypeDefinition(new TypeCommand.AlterAttribute(type,
                    TypeCommand.AttributeAction.DROP, name, null, null, ifExists, alter.start()));
        }
        String name = grammar.columnId();
        cursor.expectKeyword("to");
        String newName = grammar.columnId();
        acceptDropBehavior();
        return new Statement.TypeDefinition(new TypeCommand.AlterAttribute(type, TypeCommand.AttributeAction.RENAME,
                name, newName, null, false, alter.start()));
    }

    private void acceptDropBehavior() {
        if (!cursor.acceptKeyword("cascade")) {
            cursor.acceptKeyword("restrict");
        }
    }

    /** At the parenthesis of {@code CREATE TYPE name AS (attribute type [COLLATE c], ...)}. */
    private Statement composite(QualifiedName name, Token create) {
        cursor.expect(Token.Kind.LEFT_PAREN);
        List<ColumnDef> attributes = new ArrayList<>();
        if (!cursor.at(Token.Kind.RIGHT_PAREN)) {
            do {
                Token start = cursor.peek();
                String attribute = grammar.columnId();
                TypeName type = grammar.types.typeName();
                if (cursor.acceptKeyword("collate")) {
                    grammar.qualifiedName();
                }
                attributes.add(new ColumnDef(attribute, type, List.of(), start.start()));
            } while (cursor.accept(Token.Kind.COMMA));
        }
        cursor.expect(Token.Kind.RIGHT_PAREN);
        return new Statement.TypeDefinition(new TypeCommand.CreateComposite(name, List.copyOf(attributes),
                create.start()));
    }

    /** At ALTER TYPE name: ADD VALUE, RENAME VALUE, RENAME TO, SET SCHEMA or OWNER TO. */
    Statement alter() {
        Token alter = cursor.expectKeyword("alter");
        cursor.expectKeyword("type");
        QualifiedName type = grammar.qualifiedName();
        if (cursor.atKeyword("add") && cursor.peek(1).isKeyword("attribute")
                || cursor.atKeyword("drop") && cursor.peek(1).isKeyword("attribute")
                || cursor.atKeyword("rename") && cursor.peek(1).isKeyword("attribute")) {
            return attributeAction(type, alter);
        }
        if (cursor.acceptKeyword("add")) {
            cursor.expectKeyword("value");
            boolean ifNotExists = cursor.acceptKeywords("if", "not", "exists");
            String label = cursor.expect(Token.Kind.STRING).text();
            String neighbor = null;
            boolean before = cursor.atKeyword("before");
            if (before || cursor.atKeyword("after")) {
                cursor.advance();
                neighbor = cursor.expect(Token.Kind.STRING).text();
            }
            return new Statement.TypeDefinition(new TypeCommand.AddEnumValue(type, label, neighbor, before,
                    ifNotExists, alter.start()));
        }
        if (cursor.acceptKeyword("rename")) {
            if (cursor.acceptKeyword("value")) {
                String oldLabel = cursor.expect(Token.Kind.STRING).text();
                cursor.expectKeyword("to");
                String newLabel = cursor.expect(Token.Kind.STRING).text();
                return new Statement.TypeDefinition(new TypeCommand.RenameEnumValue(type, oldLabel, newLabel,
                        alter.start()));
            }
            cursor.expectKeyword("to");
            return new Statement.TypeDefinition(new TypeCommand.AlterType(type, grammar.columnId(), null, null,
                    alter.start()));
        }
        if (cursor.acceptKeyword("set")) {
            cursor.expectKeyword("schema");
            return new Statement.TypeDefinition(new TypeCommand.AlterType(type, null, grammar.columnId(), null,
                    alter.start()));
        }
        if (cursor.acceptKeyword("owner")) {
            cursor.expectKeyword("to");
            return new Statement.TypeDefinition(new TypeCommand.AlterType(type, null, null,
                    new AccessParser(grammar).roleSpec(), alter.start()));
        }
        throw TokenCursor.notSupported("alter type", alter);
    }
}
