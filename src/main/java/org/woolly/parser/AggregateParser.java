package org.woolly.parser;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.woolly.nodes.parse.AggregateCommand;
import org.woolly.nodes.parse.QualifiedName;
import org.woolly.nodes.parse.RoleSpec;
import org.woolly.nodes.parse.Statement;
import org.woolly.nodes.parse.TypeName;

/**
 * CREATE / ALTER / DROP AGGREGATE and CREATE / DROP CAST: the {@code DefineStmt} (aggregate, both
 * the {@code aggr_args} form and the old {@code BASETYPE} form), {@code CreateCastStmt} and
 * {@code DropCastStmt} rules and the aggregate forms of {@code DropStmt}, {@code RenameStmt},
 * {@code AlterOwnerStmt} and {@code AlterObjectSchemaStmt} in {@code src/backend/parser/gram.y}.
 */
final class AggregateParser {
    /** The options whose value is a type. */
    private static final Set<String> TYPE_OPTIONS = Set.of("stype", "mstype", "basetype");
    /** The options whose value is a function, possibly with its argument types. */
    private static final Set<String> FUNCTION_OPTIONS = Set.of("sfunc", "sfunc1", "finalfunc", "combinefunc",
            "serialfunc", "deserialfunc", "msfunc", "minvfunc", "mfinalfunc");

    private final Grammar grammar;
    private final TokenCursor cursor;

    AggregateParser(Grammar grammar) {
        this.grammar = grammar;
        this.cursor = grammar.cursor;
    }

    /** True at {@code [OR REPLACE] AGGREGATE} after CREATE. */
    static boolean atCreateAggregate(TokenCursor cursor) {
        return cursor.atKeyword("aggregate")
                || cursor.atKeyword("or") && cursor.peek(1).isKeyword("replace") && cursor.peek(2).isKeyword("aggregate");
    }

    /** After CREATE, at {@code [OR REPLACE] AGGREGATE}. */
    Statement create(Token create) {
        boolean orReplace = cursor.acceptKeywords("or", "replace");
        cursor.expectKeyword("aggregate");
        Token nameToken = cursor.peek();
        QualifiedName name = grammar.qualifiedName();
        boolean oldStyle = cursor.at(Token.Kind.LEFT_PAREN) && Keywords.isColumnLabel(cursor.peek(1))
                && cursor.peek(2).isOperator("=");
        AggregateCommand.Signature signature = oldStyle
                ? new AggregateCommand.Signature(name, List.of(), false, nameToken.start())
                : signatureArguments(name, nameToken);
        List<AggregateCommand.Option> options = options();
        return wrap(new AggregateCommand.CreateAggregate(signature, orReplace, oldStyle, options, create.start()));
    }

    private List<AggregateCommand.Option> options() {
        cursor.expect(Token.Kind.LEFT_PAREN);
        List<AggregateCommand.Option> options = new ArrayList<>();
        do {
            options.add(option());
        } while (cursor.accept(Token.Kind.COMMA));
        cursor.expect(Token.Kind.RIGHT_PAREN);
        return List.copyOf(options);
    }

    /** {@code def_elem}: {@code name [= def_arg]}; names fold to lower case as PostgreSQL's do. */
    private AggregateCommand.Option option() {
        Token start = cursor.peek();
        String name = grammar.columnLabel().toLowerCase(Locale.ROOT);
        if (!cursor.acceptOperator("=")) {
            return new AggregateCommand.Option(name, null, null, null, null, start.start());
        }
        Token value = cursor.peek();
        if (TYPE_OPTIONS.contains(name) && !value.is(Token.Kind.STRING)) {
            return new AggregateCommand.Option(name, grammar.types.typeName(), null, null, null, start.start());
        }
        if (FUNCTION_OPTIONS.contains(name) && Keywords.isColumnId(value)) {
            QualifiedName function = grammar.qualifiedName();
            List<TypeName> arguments = cursor.at(Token.Kind.LEFT_PAREN) ? typeList() : null;
            return new AggregateCommand.Option(name, null, function, arguments, null, start.start());
        }
        if (value.is(Token.Kind.OPERATOR)) {
            cursor.advance();
            return new AggregateCommand.Option(name, null, new QualifiedName(null, value.text(), value.start()), null,
                    value.text(), start.start());
        }
        if (value.isKeyword("operator") && cursor.peek(1).is(Token.Kind.LEFT_PAREN)) {
            cursor.advance();
            cursor.advance();
            String schema = null;
            if (cursor.peek(1).is(Token.Kind.DOT)) {
                schema = grammar.columnId();
                cursor.expect(Token.Kind.DOT);
            }
            Token symbol = cursor.expect(Token.Kind.OPERATOR);
            cursor.expect(Token.Kind.RIGHT_PAREN);
            return new AggregateCommand.Option(name, null, new QualifiedName(schema, symbol.text(), symbol.start()),
                    null, symbol.text(), start.start());
        }
        String sign = "";
        if (value.isOperator("-") || value.isOperator("+")) {
            sign = cursor.advance().text().equals("-") ? "-" : "";
            value = cursor.peek();
            if (!value.is(Token.Kind.INTEGER) && !value.is(Token.Kind.NUMERIC)) {
                throw cursor.syntaxError();
            }
        }
        if (value.is(Token.Kind.STRING) || value.is(Token.Kind.INTEGER) || value.is(Token.Kind.NUMERIC)) {
            cursor.advance();
            return new AggregateCommand.Option(name, null, null, null, sign + value.text(), start.start());
        }
        if (Keywords.isColumnLabel(value)) {
            // a word (PARALLEL = SAFE), or a name given where a type or function was not expected
            QualifiedName word = grammar.qualifiedName();
            TypeName type = new TypeName(word.schema(), word.name(), List.of(), 0, value.start());
            return new AggregateCommand.Option(name, type, word, null, word.name(), start.start());
        }
        throw cursor.syntaxError();
    }

    /**
     * {@code aggr_args}: {@code (*)}, {@code (type, ...)} with optional argument names and IN, or
     * an ordered-set list (its ORDER BY answers 0A000); at {@code (}.
     */
    private AggregateCommand.Signature signatureArguments(QualifiedName name, Token nameToken) {
        cursor.expect(Token.Kind.LEFT_PAREN);
        if (cursor.acceptOperator("*")) {
            cursor.expect(Token.Kind.RIGHT_PAREN);
            return new AggregateCommand.Signature(name, List.of(), true, nameToken.start());
        }
        List<TypeName> arguments = new ArrayList<>();
        if (!cursor.at(Token.Kind.RIGHT_PAREN)) {
            do {
                if (cursor.atKeyword("order") && cursor.peek(1).isKeyword("by")) {
                    throw TokenCursor.notSupportedClause("ordered-set aggregates are not supported yet",
                            cursor.peek());
                }
                arguments.add(argument());
                if (cursor.atKeyword("order") && cursor.peek(1).isKeyword("by")) {
                    throw TokenCursor.notSupportedClause("ordered-set aggregates are not supported yet",
                            cursor.peek());
                }
            } while (cursor.accept(Token.Kind.COMMA));
        }
        cursor.expect(Token.Kind.RIGHT_PAREN);
        return new AggregateCommand.Signature(name, List.copyOf(arguments), false, nameToken.start());
    }

    /** {@code [IN | VARIADIC] [name] type}: the type (a name is told apart by a type after it). */
    private TypeName argument() {
        if (cursor.atKeyword("variadic")) {
            throw TokenCursor.notSupportedClause("VARIADIC aggregates are not supported yet", cursor.peek());
        }
        if (cursor.atKeyword("in") && !cursor.peek(1).is(Token.Kind.COMMA)
                && !cursor.peek(1).is(Token.Kind.RIGHT_PAREN)) {
            cursor.advance();
        }
        Token next = cursor.peek(1);
        if (Keywords.isColumnId(cursor.peek()) && !next.is(Token.Kind.COMMA) && !next.is(Token.Kind.RIGHT_PAREN)
                && !next.is(Token.Kind.DOT) && !next.is(Token.Kind.LEFT_PAREN) && !next.is(Token.Kind.LEFT_BRACKET)
                && !next.is(Token.Kind.OPERATOR) && Keywords.isColumnId(next) && !isTypeContinuation(cursor.peek())) {
            cursor.advance();
        }
        return grammar.types.typeName();
    }

    /** Words that start a type name of several words ({@code double precision}, {@code character varying}). */
    private static boolean isTypeContinuation(Token token) {
        return token.isKeyword("double") || token.isKeyword("character") || token.isKeyword("char")
                || token.isKeyword("national") || token.isKeyword("bit") || token.isKeyword("time")
                || token.isKeyword("timestamp") || token.isKeyword("interval") || token.isKeyword("varchar");
    }

    /** {@code (type, ...)}, possibly empty. */
    private List<TypeName> typeList() {
        return new OperatorParser(grammar).typeList();
    }

    private AggregateCommand.Signature signature() {
        Token nameToken = cursor.peek();
        QualifiedName name = grammar.qualifiedName();
        return signatureArguments(name, nameToken);
    }

    /** After DROP, at AGGREGATE. */
    Statement drop(Token drop) {
        cursor.expectKeyword("aggregate");
        boolean ifExists = cursor.acceptKeywords("if", "exists");
        List<AggregateCommand.Signature> aggregates = new ArrayList<>();
        do {
            aggregates.add(signature());
        } while (cursor.accept(Token.Kind.COMMA));
        return wrap(new AggregateCommand.DropAggregate(List.copyOf(aggregates), ifExists, dropBehavior(),
                drop.start()));
    }

    /** At ALTER AGGREGATE: RENAME TO, OWNER TO or SET SCHEMA. */
    Statement alter() {
        Token alter = cursor.expectKeyword("alter");
        cursor.expectKeyword("aggregate");
        AggregateCommand.Signature aggregate = signature();
        if (cursor.acceptKeyword("rename")) {
            cursor.expectKeyword("to");
            return wrap(new AggregateCommand.AlterAggregate(aggregate, grammar.columnId(), null, null, alter.start()));
        }
        if (cursor.acceptKeyword("owner")) {
            cursor.expectKeyword("to");
            RoleSpec owner = new AccessParser(grammar).roleSpec();
            return wrap(new AggregateCommand.AlterAggregate(aggregate, null, owner, null, alter.start()));
        }
        cursor.expectKeyword("set");
        cursor.expectKeyword("schema");
        return wrap(new AggregateCommand.AlterAggregate(aggregate, null, null, grammar.columnId(), alter.start()));
    }

    /** After CREATE, at CAST. */
    Statement createCast(Token create) {
        cursor.expectKeyword("cast");
        cursor.expect(Token.Kind.LEFT_PAREN);
        TypeName source = grammar.types.typeName();
        cursor.expectKeyword("as");
        TypeName target = grammar.types.typeName();
        cursor.expect(Token.Kind.RIGHT_PAREN);
        char method;
        QualifiedName function = null;
        List<TypeName> arguments = null;
        if (cursor.acceptKeyword("without")) {
            cursor.expectKeyword("function");
            method = 'b';
        } else {
            cursor.expectKeyword("with");
            if (cursor.acceptKeyword("inout")) {
                method = 'i';
            } else {
                cursor.expectKeyword("function");
                method = 'f';
                function = grammar.qualifiedName();
                arguments = cursor.at(Token.Kind.LEFT_PAREN) ? typeList() : null;
            }
        }
        char context = 'e';
        if (cursor.acceptKeyword("as")) {
            if (cursor.acceptKeyword("assignment")) {
                context = 'a';
            } else {
                cursor.expectKeyword("implicit");
                context = 'i';
            }
        }
        return wrap(new AggregateCommand.CreateCast(source, target, method, function, arguments, context,
                create.start()));
    }

    /** After DROP, at CAST. */
    Statement dropCast(Token drop) {
        cursor.expectKeyword("cast");
        boolean ifExists = cursor.acceptKeywords("if", "exists");
        cursor.expect(Token.Kind.LEFT_PAREN);
        TypeName source = grammar.types.typeName();
        cursor.expectKeyword("as");
        TypeName target = grammar.types.typeName();
        cursor.expect(Token.Kind.RIGHT_PAREN);
        return wrap(new AggregateCommand.DropCast(source, target, ifExists, dropBehavior(), drop.start()));
    }

    private boolean dropBehavior() {
        if (cursor.acceptKeyword("cascade")) {
            return true;
        }
        cursor.acceptKeyword("restrict");
        return false;
    }

    private static Statement wrap(AggregateCommand command) {
        return new Statement.AggregateDefinition(command);
    }
}
