package org.woolly.parser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

class LexerTest {

    private static List<Token> lex(String input) {
        List<Token> tokens = Lexer.tokenize(input);
        return tokens.subList(0, tokens.size() - 1);
    }

    private static List<String> texts(String input) {
        return lex(input).stream().map(Token::text).toList();
    }

    @Test
    void identifiersAreLowerCasedUnlessQuoted() {
        List<Token> tokens = lex("SELECT Foo, \"Bar\"\"x\" FROM t");
        assertThat(tokens).extracting(Token::text).containsExactly("select", "foo", ",", "Bar\"x", "from", "t");
        assertThat(tokens.get(3).quoted()).isTrue();
        assertThat(tokens).extracting(Token::start).containsExactly(0, 7, 10, 12, 21, 26);
    }

    @Test
    void longIdentifiersAreTruncatedTo63Bytes() {
        String name = "a".repeat(70);
        assertThat(texts(name)).containsExactly("a".repeat(63));
    }

    @Test
    void numbers() {
        List<Token> tokens = lex("1 1.5 .5 1e10 2. 99999999999999999999 9223372036854775807");
        assertThat(tokens).extracting(Token::kind).containsExactly(Token.Kind.INTEGER, Token.Kind.NUMERIC,
                Token.Kind.NUMERIC, Token.Kind.NUMERIC, Token.Kind.NUMERIC, Token.Kind.NUMERIC, Token.Kind.INTEGER);
        assertThat(texts("1.5.3")).containsExactly("1.5", ".3");
    }

    @Test
    void strings() {
        assertThat(texts("'it''s'")).containsExactly("it's");
        assertThat(texts("'a'\n  'b'")).containsExactly("ab");
        assertThat(texts("'a' 'b'")).containsExactly("a", "b");
        assertThat(texts("E'a\\nb\\x41\\101\\''")).containsExactly("a\nbAA'");
        assertThat(texts("'a\\nb'")).containsExactly("a\\nb");
        assertThat(texts("$$it's$$ $tag$a$$b$tag$")).containsExactly("it's", "a$$b");
        assertThat(lex("B'101' X'1F'")).extracting(Token::text).containsExactly("101", "00011111");
        assertThat(lex("B'101'").get(0).kind()).isEqualTo(Token.Kind.BIT_STRING);
        assertThat(texts("U&'d\\0061t\\+000061'")).containsExactly("data");
        assertThat(lex("U&\"d\\0061t\"").get(0).quoted()).isTrue();
    }

    @Test
    void parametersAndPunctuation() {
        List<Token> tokens = lex("$1 :: := => .. [ ] ; a$b");
        assertThat(tokens).extracting(Token::kind).containsExactly(Token.Kind.PARAM, Token.Kind.TYPECAST,
                Token.Kind.COLON_EQUALS, Token.Kind.EQUALS_GREATER, Token.Kind.DOT_DOT, Token.Kind.LEFT_BRACKET,
                Token.Kind.RIGHT_BRACKET, Token.Kind.SEMICOLON, Token.Kind.IDENT);
        assertThat(tokens.get(8).text()).isEqualTo("a$b");
    }

    @Test
    void operatorsFollowPostgresRules() {
        assertThat(texts("a<>b")).containsExactly("a", "<>", "b");
        assertThat(texts("a!=b")).containsExactly("a", "<>", "b");
        assertThat(texts("a=-1")).containsExactly("a", "=", "-", "1");
        assertThat(texts("a*-1")).containsExactly("a", "*", "-", "1");
        assertThat(texts("a@-1")).containsExactly("a", "@-", "1");
        assertThat(texts("a||b")).containsExactly("a", "||", "b");
        assertThat(texts("a<=b>=c")).containsExactly("a", "<=", "b", ">=", "c");
        assertThat(texts("a+/*c*/b")).containsExactly("a", "+", "b");
        assertThat(texts("a--c\n+b")).containsExactly("a", "+", "b");
    }

    @Test
    void nestedComments() {
        assertThat(texts("/* a /* b */ c */ x")).containsExactly("x");
    }

    private static void assertError(String input, String message, int position) {
        assertThatThrownBy(() -> Lexer.tokenize(input))
                .isInstanceOfSatisfying(SqlException.class, e -> {
                    assertThat(e.sqlState()).isEqualTo(SqlState.SYNTAX_ERROR);
                    assertThat(e.getMessage()).isEqualTo(message);
                    assertThat(e.position()).isEqualTo(position);
                });
    }

    @Test
    void unicodeEscapeErrorsPointAtTheBackslash() {
        assertThatThrownBy(() -> Lexer.tokenize("SELECT E'wrong: \\u061'"))
                .isInstanceOfSatisfying(SqlException.class, e -> {
                    assertThat(e.sqlState()).isEqualTo(SqlState.INVALID_ESCAPE_SEQUENCE);
                    assertThat(e.getMessage()).isEqualTo("invalid Unicode escape");
                    assertThat(e.position()).isEqualTo(17);
                });
        assertThatThrownBy(() -> Lexer.tokenize("SELECT U&'wrong: \\061'"))
                .isInstanceOfSatisfying(SqlException.class, e -> {
                    assertThat(e.sqlState()).isEqualTo(SqlState.SYNTAX_ERROR);
                    assertThat(e.getMessage()).isEqualTo("invalid Unicode escape");
                    assertThat(e.position()).isEqualTo(18);
                });
        assertThatThrownBy(() -> Lexer.tokenize("SELECT U&'wrong: \\+2FFFFF'"))
                .isInstanceOfSatisfying(SqlException.class, e -> {
                    assertThat(e.getMessage()).isEqualTo("invalid Unicode escape value");
                    assertThat(e.position()).isEqualTo(18);
                });
    }

    @Test
    void lexicalErrorsMatchPostgres() {
        assertError("SELECT 'abc", "unterminated quoted string at or near \"'abc\"", 8);
        assertError("SELECT /* x", "unterminated /* comment at or near \"/* x\"", 8);
        assertError("SELECT \"\"", "zero-length delimited identifier at or near \"\"\"\"", 8);
        assertError("SELECT 123abc", "trailing junk after numeric literal at or near \"123abc\"", 8);
        assertError("SELECT 1e", "trailing junk after numeric literal at or near \"1e\"", 8);
        assertError("select $1abc", "trailing junk after parameter at or near \"$1abc\"", 8);
        assertError("SELECT \"abc", "unterminated quoted identifier at or near \"\"abc\"", 8);
    }
}
