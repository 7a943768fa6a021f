package org.woolly.parser;

import java.util.ArrayList;
import java.util.List;
import org.woolly.nodes.parse.DefElem;
import org.woolly.nodes.parse.QualifiedName;
import org.woolly.nodes.parse.Statement;
import org.woolly.nodes.parse.TypeName;

/**
 * CREATE SEQUENCE, ALTER SEQUENCE and the sequence options of identity columns: the
 * {@code CreateSeqStmt}, {@code AlterSeqStmt} and {@code SeqOptElem} rules of {@code gram.y}.
 */
final class SequenceParser {
    /** Separates the parts of a dotted name in an option's value (NUL cannot be in an identifier). */
    static final String NAME_SEPARATOR = "\0";

    private final Grammar grammar;
    private final TokenCursor cursor;

    SequenceParser(Grammar grammar) {
        this.grammar = grammar;
        this.cursor = grammar.cursor;
    }

    /** After {@code CREATE [TEMP]}, at SEQUENCE. */
    Statement create(Token create, boolean temporary) {
        cursor.expectKeyword("sequence");
        boolean ifNotExists = cursor.acceptKeywords("if", "not", "exists");
        QualifiedName name = grammar.qualifiedName();
        return new Statement.CreateSequence(name, options(false), ifNotExists, temporary, create.start());
    }

    /** After {@code ALTER}, at SEQUENCE. */
    Statement alter(Token alter) {
        cursor.expectKeyword("sequence");
        boolean ifExists = cursor.acceptKeywords("if", "exists");
        QualifiedName name = grammar.qualifiedName();
        if (cursor.acceptKeyword("rename")) {
            cursor.expectKeyword("to");
            return new Statement.AlterSequence(name, List.of(), grammar.columnId(), ifExists, alter.start());
        }
        List<DefElem> options = options(false);
        if (options.isEmpty()) {
            throw cursor.syntaxError();
        }
        return new Statement.AlterSequence(name, options, null, ifExists, alter.start());
    }

    /** {@code ( SeqOptElem ... )} after {@code AS IDENTITY}, or null when there is none. */
    List<DefElem> identityOptions() {
        if (!cursor.accept(Token.Kind.LEFT_PAREN)) {
            return null;
        }
        List<DefElem> options = options(true);
        if (options.isEmpty()) {
            throw cursor.syntaxError();
        }
        cursor.expect(Token.Kind.RIGHT_PAREN);
        return options;
    }

    /** Zero or more SeqOptElem. */
    private List<DefElem> options(boolean identity) {
        List<DefElem> options = new ArrayList<>();
        while (true) {
            Token token = cursor.peek();
            int location = token.start();
            if (cursor.acceptKeyword("as")) {
                TypeName type = grammar.types.typeName();
                String typeName = type.schema() == null ? type.name() : type.schema() + NAME_SEPARATOR + type.name();
                options.add(new DefElem("as", typeName, location));
            } else if (cursor.acceptKeyword("cache")) {
                options.add(new DefElem("cache", number(), location));
            } else if (cursor.acceptKeyword("cycle")) {
                options.add(new DefElem("cycle", "true", location));
            } else if (cursor.atKeyword("no") && cursor.peek(1).isKeyword("cycle")) {
                cursor.advance();
                cursor.advance();
                options.add(new DefElem("cycle", "false", location));
            } else if (cursor.atKeyword("no") && cursor.peek(1).isKeyword("minvalue")) {
                cursor.advance();
                cursor.advance();
                options.add(new DefElem("minvalue", null, location));
            } else if (cursor.atKeyword("no") && cursor.peek(1).isKeyword("maxvalue")) {
                cursor.advance();
                cursor.advance();
                options.add(new DefElem("maxvalue", null, location));
            } else if (cursor.acceptKeyword("increment")) {
                cursor.acceptKeyword("by");
                options.add(new DefElem("increment", number(), location));
            } else if (cursor.acceptKeyword("minvalue")) {
                options.add(new DefElem("minvalue", number(), location));
            } else if (cursor.acceptKeyword("maxvalue")) {
                options.add(new DefElem("maxvalue", number(), location));
            } else if (cursor.acceptKeyword("start")) {
                cursor.acceptKeyword("with");
                options.add(new DefElem("start", number(), location));
            } else if (cursor.acceptKeyword("restart")) {
                boolean with = cursor.acceptKeyword("with");
                boolean hasNumber = with || cursor.at(Token.Kind.INTEGER) || cursor.at(Token.Kind.NUMERIC)
                        || cursor.atOperator("-") || cursor.atOperator("+");
                options.add(new DefElem("restart", hasNumber ? number() : null, location));
            } else if (cursor.atKeyword("owned") && cursor.peek(1).isKeyword("by")) {
                cursor.advance();
                cursor.advance();
                options.add(new DefElem("owned_by", dottedName(), location));
            } else if (identity && cursor.atKeyword("sequence") && cursor.peek(1).isKeyword("name")) {
                cursor.advance();
                cursor.advance();
                options.add(new DefElem("sequence_name", dottedName(), location));
            } else {
                return options;
            }
        }
    }

    /** NumericOnly: an optionally signed integer or decimal literal, as written. */
    private String number() {
        String sign = "";
        if (cursor.acceptOperator("-")) {
            sign = "-";
        } else {
            cursor.acceptOperator("+");
        }
        if (!cursor.at(Token.Kind.INTEGER) && !cursor.at(Token.Kind.NUMERIC)) {
            throw cursor.syntaxError();
        }
        return sign + cursor.advance().text();
    }

    /** any_name: {@code name [. name ...]}, the parts joined with {@link #NAME_SEPARATOR}. */
    private String dottedName() {
        StringBuilder name = new StringBuilder(grammar.columnId());
        while (cursor.accept(Token.Kind.DOT)) {
            name.append(NAME_SEPARATOR).append(grammar.columnLabel());
        }
        return name.toString();
    }
}
