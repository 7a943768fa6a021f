package org.woolly.parser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.woolly.nodes.parse.Expr;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

class ExpressionParserTest {

    private static String expr(String text) {
        return ExprPrinter.print(Parser.parseExpression(text));
    }

    @Test
    void arithmeticPrecedence() {
        assertThat(expr("1+2*3")).isEqualTo("(+ 1 (* 2 3))");
        assertThat(expr("1-2-3")).isEqualTo("(- (- 1 2) 3)");
        assertThat(expr("2^3^2")).isEqualTo("(^ (^ 2 3) 2)");
        assertThat(expr("-2^2")).isEqualTo("(^ -2 2)");
        assertThat(expr("-a^2")).isEqualTo("(^ (- a) 2)");
        assertThat(expr("a || b + c")).isEqualTo("(|| a (+ b c))");
        assertThat(expr("a % b * c")).isEqualTo("(* (% a b) c)");
        assertThat(expr("- 9223372036854775808")).isEqualTo("-9223372036854775808");
    }

    @Test
    void explicitOperatorSyntax() {
        assertThat(expr("a OPERATOR(pg_catalog.~) b")).isEqualTo(expr("a ~ b"));
        assertThat(expr("a operator(+) b * c")).isEqualTo("(+ a (* b c))");
        assertThat(expr("OPERATOR(pg_catalog.-) a")).isEqualTo(expr("- a"));
        assertThat(expr("a OPERATOR(public.~) b")).isEqualTo("(public.~ a b)");
    }

    @Test
    void negativeLiteralsAreFolded() {
        Expr minus = Parser.parseExpression("-9223372036854775808");
        assertThat(minus).isEqualTo(new Expr.Constant(Expr.Constant.Kind.INTEGER, "-9223372036854775808", 0));
        assertThat(Parser.parseExpression("-1.5")).isEqualTo(new Expr.Constant(Expr.Constant.Kind.NUMERIC, "-1.5", 0));
    }

    @Test
    void booleanPrecedence() {
        assertThat(expr("a OR b AND c")).isEqualTo("(OR a (AND b c))");
        assertThat(expr("a AND b AND c")).isEqualTo("(AND a b c)");
        assertThat(expr("NOT a = b")).isEqualTo("(NOT (= a b))");
        assertThat(expr("NOT a AND b")).isEqualTo("(AND (NOT a) b)");
        assertThat(expr("a = b IS NULL")).isEqualTo("(IS_NULL (= a b))");
        assertThat(expr("a < b + 1")).isEqualTo("(< a (+ b 1))");
        assertThat(expr("a IS NOT DISTINCT FROM b")).isEqualTo("(NOT_DISTINCT a b)");
        assertThat(expr("a ISNULL OR b NOTNULL")).isEqualTo("(OR (IS_NULL a) (IS_NOT_NULL b))");
        assertThat(expr("x IS NOT TRUE")).isEqualTo("(IS_NOT_TRUE x)");
        assertThat(expr("x IS UNKNOWN")).isEqualTo("(IS_UNKNOWN x)");
    }

    @Test
    void patternsAndRanges() {
        assertThat(expr("a BETWEEN 1 AND 2 AND b")).isEqualTo("(AND (BETWEEN a 1 2) b)");
        assertThat(expr("a NOT BETWEEN SYMMETRIC 1 AND 2")).isEqualTo("(NOT_BETWEEN_SYM a 1 2)");
        assertThat(expr("a IN (1, 2)")).isEqualTo("(IN a [1 2])");
        assertThat(expr("a NOT IN (1)")).isEqualTo("(NOT_IN a [1])");
        assertThat(expr("a LIKE 'x%'")).isEqualTo("(~~ a 'x%')");
        assertThat(expr("a NOT ILIKE 'x%'")).isEqualTo("(!~~* a 'x%')");
        assertThat(expr("a LIKE 'x' ESCAPE '!'")).isEqualTo("(~~ a pg_catalog.like_escape('x' '!'))");
        assertThat(expr("a SIMILAR TO 'x'")).isEqualTo("(~ a pg_catalog.similar_to_escape('x'))");
        assertThat(expr("a IN (SELECT 1)")).isEqualTo("(SUBLINK ANY a =)");
        assertThat(expr("a NOT IN (SELECT 1)")).isEqualTo("(NOT (SUBLINK ANY a =))");
        assertThat(expr("a IN ((SELECT 1), 2)")).isEqualTo("(IN a [(SUBLINK EXPR) 2])");
        assertThat(expr("a = ANY (ARRAY[1,2])")).isEqualTo("(= ANY a ARRAY[1 2])");
        assertThat(expr("a < ALL (SELECT b FROM t)")).isEqualTo("(SUBLINK ALL a <)");
        assertThat(expr("a LIKE ANY ('{x}')")).isEqualTo("(~~ ANY a '{x}')");
        assertThat(expr("1 IN (1) IN (true)")).isEqualTo("(IN (IN 1 [1]) [true])");
        assertThat(expr("$1[2]")).isEqualTo("$1[2]");
        assertThat(expr("(SELECT a)[1]")).isEqualTo("(SUBLINK EXPR)[1]");
    }

    @Test
    void comparisonIsNonAssociative() {
        assertThatThrownBy(() -> Parser.parse("SELECT a = b = c"))
                .isInstanceOfSatisfying(SqlException.class, e -> {
                    assertThat(e.getMessage()).isEqualTo("syntax error at or near \"=\"");
                    assertThat(e.position()).isEqualTo(14);
                });
    }

    @Test
    void primaries() {
        assertThat(expr("t.a + s.t.b")).isEqualTo("(+ t.a s.t.b)");
        assertThat(expr("$1 + $2")).isEqualTo("(+ $1 $2)");
        assertThat(expr("TRUE AND NULL")).isEqualTo("(AND true NULL)");
        assertThat(expr("(1, 2)")).isEqualTo("ROW(1 2)");
        assertThat(expr("ROW(1)")).isEqualTo("ROW(1)");
        assertThat(expr("ARRAY[[1,2],[3]]")).isEqualTo("ARRAY[ARRAY[1 2] ARRAY[3]]");
        assertThat(expr("a[1][2:3]")).isEqualTo("a[1][2:3]");
        assertThat(expr("(a).f")).isEqualTo("a.f");
        assertThat(expr("(SELECT 1)")).isEqualTo("(SUBLINK EXPR)");
        assertThat(expr("EXISTS (SELECT 1)")).isEqualTo("(SUBLINK EXISTS)");
        assertThat(expr("((SELECT 1)) + 1")).isEqualTo("(+ (SUBLINK EXPR) 1)");
        assertThat(expr("a COLLATE \"C\"")).isEqualTo("(COLLATE a C)");
        assertThat(expr("B'101'")).isEqualTo("B'101'");
    }

    @Test
    void casts() {
        assertThat(expr("a::int")).isEqualTo("(CAST a int4)");
        assertThat(expr("-a::int")).isEqualTo("(- (CAST a int4))");
        assertThat(expr("CAST(a AS character varying(10))")).isEqualTo("(CAST a varchar[10])");
        assertThat(expr("'1'::numeric(10,2)[]")).isEqualTo("(CAST '1' numeric[10, 2][])");
        assertThat(expr("date '2020-01-01'")).isEqualTo("(CAST '2020-01-01' date)");
        assertThat(expr("interval '1 day'")).isEqualTo("(CAST '1 day' interval)");
        assertThat(expr("interval '1' day")).isEqualTo("(CAST '1' interval[8])");
        assertThat(expr("timestamp with time zone '2020-01-01'")).isEqualTo("(CAST '2020-01-01' timestamptz)");
        assertThat(expr("double precision '1.5'")).isEqualTo("(CAST '1.5' float8)");
        assertThat(expr("char 'abc'")).isEqualTo("(CAST 'abc' bpchar)");
        assertThat(expr("'abc'::char")).isEqualTo("(CAST 'abc' bpchar[1])");
        assertThat(expr("varchar(3) 'abc'")).isEqualTo("(CAST 'abc' varchar[3])");
        assertThat(expr("pg_catalog.int4 '1'")).isEqualTo("(CAST '1' pg_catalog.int4)");
        assertThat(expr("int + 1")).isEqualTo("(+ int 1)");
    }

    @Test
    void functionCalls() {
        assertThat(expr("count(*)")).isEqualTo("count(*)");
        assertThat(expr("count(DISTINCT a)")).isEqualTo("count(DISTINCT a)");
        assertThat(expr("string_agg(a, ',' ORDER BY b)")).isEqualTo("string_agg(a ',' ORDER b)");
        assertThat(expr("sum(a) FILTER (WHERE a > 0)")).isEqualTo("sum(a) FILTER (> a 0)");
        assertThat(expr("rank() OVER (PARTITION BY a ORDER BY b)")).isEqualTo("rank() OVER(a)");
        assertThat(expr("pg_catalog.lower(x)")).isEqualTo("pg_catalog.lower(x)");
        assertThat(expr("left(s, 2)")).isEqualTo("left(s 2)");
        assertThat(expr("COALESCE(a, b, 1)")).isEqualTo("COALESCE(a b 1)");
        assertThat(expr("NULLIF(a, b)")).isEqualTo("NULLIF(a b)");
        assertThat(expr("GREATEST(a, b)")).isEqualTo("GREATEST(a b)");
    }

    @Test
    void specialSyntaxFunctions() {
        assertThat(expr("EXTRACT(year FROM d)")).isEqualTo("pg_catalog.extract('year' d)");
        assertThat(expr("SUBSTRING(s FROM 2 FOR 3)")).isEqualTo("pg_catalog.substring(s 2 3)");
        assertThat(expr("SUBSTRING(s FOR 3)")).isEqualTo("pg_catalog.substring(s 1 3)");
        assertThat(expr("SUBSTRING(s, 2)")).isEqualTo("pg_catalog.substring(s 2)");
        assertThat(expr("POSITION('b' IN s)")).isEqualTo("pg_catalog.position(s 'b')");
        assertThat(expr("TRIM(s)")).isEqualTo("pg_catalog.btrim(s)");
        assertThat(expr("TRIM(LEADING 'x' FROM s)")).isEqualTo("pg_catalog.ltrim(s 'x')");
        assertThat(expr("TRIM(TRAILING FROM s)")).isEqualTo("pg_catalog.rtrim(s)");
        assertThat(expr("TRIM(BOTH 'x' FROM s)")).isEqualTo("pg_catalog.btrim(s 'x')");
        assertThat(expr("OVERLAY(s PLACING 'x' FROM 2 FOR 1)")).isEqualTo("pg_catalog.overlay(s 'x' 2 1)");
        assertThat(expr("NORMALIZE(s, nfkc)")).isEqualTo("pg_catalog.normalize(s 'NFKC')");
        assertThat(expr("ts AT TIME ZONE 'UTC'")).isEqualTo("pg_catalog.timezone('UTC' ts)");
        assertThat(expr("CURRENT_TIMESTAMP(3)")).isEqualTo("CURRENT_TIMESTAMP(3)");
        assertThat(expr("CURRENT_DATE")).isEqualTo("CURRENT_DATE");
        assertThat(expr("current_user")).isEqualTo("CURRENT_USER");
        assertThat(expr("CASE WHEN a THEN 1 ELSE 2 END")).isEqualTo("(CASE nil (WHEN a 1) 2)");
        assertThat(expr("CASE a WHEN 1 THEN 'x' END")).isEqualTo("(CASE a (WHEN 1 'x') nil)");
    }

    @Test
    void locationsAreOffsetsInTheString() {
        Expr.Operator plus = (Expr.Operator) Parser.parseExpression("a +  b");
        assertThat(plus.location()).isEqualTo(2);
        assertThat(plus.right().location()).isEqualTo(5);
    }

    @Test
    void reservedWordsAreNotColumns() {
        assertThatThrownBy(() -> Parser.parseExpression("select + 1"))
                .isInstanceOfSatisfying(SqlException.class, e -> {
                    assertThat(e.sqlState()).isEqualTo(SqlState.SYNTAX_ERROR);
                    assertThat(e.getMessage()).isEqualTo("syntax error at or near \"select\"");
                    assertThat(e.position()).isEqualTo(1);
                });
        assertThat(expr("name || type || value || text")).isEqualTo("(|| (|| (|| name type) value) text)");
    }

    @Test
    void typeNames() {
        assertThat(ExprPrinter.type(Parser.parseTypeName("character varying(10)"))).isEqualTo("varchar[10]");
        assertThat(ExprPrinter.type(Parser.parseTypeName("int ARRAY"))).isEqualTo("int4[]");
        assertThat(ExprPrinter.type(Parser.parseTypeName("timestamp(3) without time zone"))).isEqualTo("timestamp[3]");
        assertThat(ExprPrinter.type(Parser.parseTypeName("time with time zone"))).isEqualTo("timetz");
        assertThat(ExprPrinter.type(Parser.parseTypeName("bit varying(5)"))).isEqualTo("varbit[5]");
        assertThat(ExprPrinter.type(Parser.parseTypeName("bit"))).isEqualTo("bit[1]");
        assertThat(ExprPrinter.type(Parser.parseTypeName("float(24)"))).isEqualTo("float4");
        assertThat(ExprPrinter.type(Parser.parseTypeName("float"))).isEqualTo("float8");
        assertThat(ExprPrinter.type(Parser.parseTypeName("decimal(5,2)"))).isEqualTo("numeric[5, 2]");
        assertThat(ExprPrinter.type(Parser.parseTypeName("interval day to second(3)"))).isEqualTo("interval[7176, 3]");
        assertThat(ExprPrinter.type(Parser.parseTypeName("interval(2)"))).isEqualTo("interval[32767, 2]");
        assertThat(ExprPrinter.type(Parser.parseTypeName("national character varying"))).isEqualTo("varchar");
        assertThat(ExprPrinter.type(Parser.parseTypeName("text[][]"))).isEqualTo("text[][]");
        assertThat(ExprPrinter.type(Parser.parseTypeName("numeric(3, -6)"))).isEqualTo("numeric[3, -6]");
        assertThat(ExprPrinter.type(Parser.parseTypeName("boolean"))).isEqualTo("bool");
        assertThat(ExprPrinter.type(Parser.parseTypeName("\"char\""))).isEqualTo("char");
    }
}
