package org.woolly.parser;

import java.util.ArrayList;
import java.util.List;
import org.woolly.nodes.parse.Statement;

/**
 * CREATE EXTENSION and DROP EXTENSION: the {@code CreateExtensionStmt} and the extension form
 * of {@code DropStmt} of {@code gram.y}. {@code CREATE EXTENSION [IF NOT EXISTS] name [WITH]
 * [SCHEMA s] [VERSION v] [CASCADE]}; {@code DROP EXTENSION [IF EXISTS] name [, ...]
 * [CASCADE | RESTRICT]}.
 */
final class ExtensionParser {
    private ExtensionParser() {}

    /** After CREATE, at EXTENSION. */
    static Statement create(TokenCursor cursor, Token create) {
        cursor.expectKeyword("extension");
        boolean ifNotExists = false;
        if (cursor.atKeyword("if")) {
            cursor.advance();
            cursor.expectKeyword("not");
            cursor.expectKeyword("exists");
            ifNotExists = true;
        }
        String name = name(cursor);
        cursor.acceptKeyword("with");
        String schema = null;
        boolean cascade = false;
        while (true) {
            if (cursor.acceptKeyword("schema")) {
                schema = name(cursor);
            } else if (cursor.acceptKeyword("version")) {
                Token version = cursor.advance();
                if (!version.is(Token.Kind.IDENT) && !version.is(Token.Kind.STRING)) {
                    throw cursor.syntaxErrorAt(version);
                }
            } else if (cursor.acceptKeyword("cascade")) {
                cascade = true;
            } else {
                break;
            }
        }
        return new Statement.Extension(false, List.of(name), ifNotExists, schema, cascade, create.start());
    }

    /** After DROP, at EXTENSION. */
    static Statement drop(TokenCursor cursor, Token drop) {
        cursor.expectKeyword("extension");
        boolean ifExists = false;
        if (cursor.atKeyword("if")) {
            cursor.advance();
            cursor.expectKeyword("exists");
            ifExists = true;
        }
        List<String> names = new ArrayList<>();
        do {
            names.add(name(cursor));
        } while (cursor.accept(Token.Kind.COMMA));
        boolean cascade = cursor.acceptKeyword("cascade");
        if (!cascade) {
            cursor.acceptKeyword("restrict");
        }
        return new Statement.Extension(true, names, ifExists, null, cascade, drop.start());
    }

    private static String name(TokenCursor cursor) {
        Token name = cursor.peek();
        if (!name.is(Token.Kind.IDENT)) {
            throw cursor.syntaxErrorAt(name);
        }
        cursor.advance();
        return name.text();
    }
}
