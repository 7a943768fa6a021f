package org.woolly.parser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.woolly.nodes.parse.ColumnConstraint;
import org.woolly.nodes.parse.ColumnDef;
import org.woolly.nodes.parse.DefElem;
import org.woolly.nodes.parse.Expr;
import org.woolly.nodes.parse.FromItem;
import org.woolly.nodes.parse.QualifiedName;
import org.woolly.nodes.parse.RawStatement;
import org.woolly.nodes.parse.SelectStmt;
import org.woolly.nodes.parse.SetValue;
import org.woolly.nodes.parse.Statement;
import org.woolly.nodes.parse.TableConstraint;

class StatementParserTest {

    static Statement one(String sql) {
        List<RawStatement> statements = Parser.parse(sql);
        assertThat(statements).hasSize(1);
        return statements.get(0).statement();
    }

    static SelectStmt select(String sql) {
        return ((Statement.Select) one(sql)).query();
    }

    @Test
    void joinAliasesAreKeptOnTheJoin() {
        FromItem.Join aliased = (FromItem.Join) select("SELECT * FROM (a JOIN b USING (k)) AS x (p, q)").from()
                .getFirst();
        assertThat(aliased.alias().name()).isEqualTo("x");
        assertThat(aliased.alias().columns()).containsExactly("p", "q");
        assertThat(aliased.usingAlias()).isNull();
        FromItem.Join using = (FromItem.Join) select("SELECT j.k FROM a JOIN b USING (k) AS j").from().getFirst();
        assertThat(using.usingAlias().name()).isEqualTo("j");
        assertThat(using.alias()).isNull();
        assertThatThrownBy(() -> select("SELECT * FROM (a) x")).hasMessageContaining("syntax error at or near \"x\"");
        assertThatThrownBy(() -> select("SELECT rank(DISTINCT 1) WITHIN GROUP (ORDER BY x) FROM a"))
                .hasMessage("cannot use DISTINCT with WITHIN GROUP");
    }

    @Test
    void splitsOnTopLevelSemicolons() {
        String sql = " SELECT 1; ;SELECT 'a;b' ;\n-- c\n";
        List<RawStatement> statements = Parser.parse(sql);
        assertThat(statements).hasSize(2);
        assertThat(statements.get(0).location()).isEqualTo(1);
        assertThat(statements.get(0).length()).isEqualTo(8);
        assertThat(sql.substring(statements.get(1).location(), statements.get(1).location() + statements.get(1).length()))
                .isEqualTo("SELECT 'a;b'");
    }

    @Test
    void emptyQueries() {
        assertThat(Parser.parse("")).extracting(RawStatement::statement).containsExactly(new Statement.Empty());
        assertThat(Parser.parse(" ; -- x\n /* y */ ;")).extracting(RawStatement::statement)
                .containsExactly(new Statement.Empty());
    }

    @Test
    void insertForms() {
        Statement.Insert insert = (Statement.Insert) one("INSERT INTO s.t (a, b) VALUES (1, DEFAULT), (2, 'x') RETURNING a");
        assertThat(insert.table()).isEqualTo(new QualifiedName("s", "t", 12));
        assertThat(insert.columns()).containsExactly("a", "b");
        assertThat(insert.columnLocations()).containsExactly(17, 20);
        assertThat(insert.source().values()).hasSize(2);
        assertThat(insert.source().values().get(0).get(1)).isInstanceOf(Expr.Default.class);
        assertThat(insert.returning()).hasSize(1);
        Statement.Insert defaults = (Statement.Insert) one("insert into t default values");
        assertThat(defaults.defaultValues()).isTrue();
        assertThat(defaults.source()).isNull();
        Statement.Insert fromSelect = (Statement.Insert) one("insert into t (select * from u)");
        assertThat(fromSelect.columns()).isEmpty();
        assertThat(fromSelect.source().from()).hasSize(1);
        Statement.Insert aliased = (Statement.Insert) one("insert into t as x select 1");
        assertThat(aliased.alias()).isEqualTo("x");
    }

    @Test
    void updateForms() {
        Statement.Update update = (Statement.Update) one(
                "UPDATE t x SET a = a + 1, (b, c) = (1, DEFAULT) FROM u WHERE x.id = u.id RETURNING *");
        assertThat(update.alias()).isEqualTo("x");
        assertThat(update.assignments()).extracting(a -> a.column()).containsExactly("a", "b", "c");
        assertThat(update.assignments().get(2).value()).isInstanceOf(Expr.Default.class);
        assertThat(update.from()).hasSize(1);
        assertThat(ExprPrinter.print(update.where())).isEqualTo("(= x.id u.id)");
        assertThat(update.returning()).hasSize(1);
        Statement.Update noAlias = (Statement.Update) one("update t set name = 'x'");
        assertThat(noAlias.alias()).isNull();
    }

    @Test
    void createTableAsExecute() {
        Statement.CreateTableAs create = (Statement.CreateTableAs) one(
                "CREATE TABLE t (a) AS EXECUTE q (1, 'x') WITH NO DATA");
        assertThat(create.query()).isNull();
        assertThat(create.execute().name()).isEqualTo("q");
        assertThat(create.execute().args()).hasSize(2);
        assertThat(create.columnNames()).containsExactly("a");
        assertThat(create.withData()).isFalse();
    }

    @Test
    void multipleColumnSubSelectAssignment() {
        Statement.Update update = (Statement.Update) one("UPDATE t SET (a, b) = (SELECT x, y FROM u)");
        assertThat(update.assignments()).extracting(a -> a.column()).containsExactly("a", "b");
        Expr.MultiAssignRef second = (Expr.MultiAssignRef) update.assignments().get(1).value();
        assertThat(second.column()).isEqualTo(1);
        assertThat(second.columns()).isEqualTo(2);
        assertThat(second.location()).isEqualTo(33); // the sub-select's second column, for type errors
        assertThat(second.source().location()).isEqualTo(22);
    }

    @Test
    void deleteForms() {
        Statement.Delete delete = (Statement.Delete) one("DELETE FROM t AS x USING u WHERE x.a = u.a RETURNING x.a");
        assertThat(delete.alias()).isEqualTo("x");
        assertThat(delete.using()).hasSize(1);
        assertThat(delete.returning()).hasSize(1);
        assertThat(((Statement.Delete) one("delete from t")).where()).isNull();
        assertThat(ExprPrinter.print(((Statement.Delete) one("DELETE FROM t WHERE CURRENT OF c")).where()))
                .isEqualTo("CURRENT OF c");
        assertThat(((Statement.Update) one("UPDATE t SET a = 1 WHERE CURRENT OF \"Cur\"")).where())
                .isEqualTo(new Expr.CurrentOf("Cur", 25));
    }

    @Test
    void createTable() {
        Statement.CreateTable create = (Statement.CreateTable) one("""
                CREATE TEMP TABLE IF NOT EXISTS s.t (
                  id integer PRIMARY KEY,
                  name character varying(20) NOT NULL DEFAULT 'x',
                  price numeric(10,2) CHECK (price > 0),
                  at timestamp with time zone DEFAULT now(),
                  tags text[],
                  other int REFERENCES o(id),
                  serial_id bigint GENERATED ALWAYS AS IDENTITY,
                  CONSTRAINT u1 UNIQUE (name, price),
                  FOREIGN KEY (other) REFERENCES o (id)
                ) WITH (fillfactor=100)""");
        assertThat(create.temporary()).isTrue();
        assertThat(create.ifNotExists()).isTrue();
        assertThat(create.name()).isEqualTo(new QualifiedName("s", "t", 32));
        assertThat(create.columns()).extracting(ColumnDef::name)
                .containsExactly("id", "name", "price", "at", "tags", "other", "serial_id");
        assertThat(create.columns()).extracting(c -> ExprPrinter.type(c.type()))
                .containsExactly("int4", "varchar[20]", "numeric[10, 2]", "timestamptz", "text[]", "int4", "int8");
        assertThat(create.columns().get(1).constraints()).extracting(ColumnConstraint::kind)
                .containsExactly(ColumnConstraint.Kind.NOT_NULL, ColumnConstraint.Kind.DEFAULT);
        assertThat(ExprPrinter.print(create.columns().get(2).constraints().get(0).expr())).isEqualTo("(> price 0)");
        ColumnConstraint references = create.columns().get(5).constraints().get(0);
        assertThat(references.referencedTable().name()).isEqualTo("o");
        assertThat(references.referencedColumns()).containsExactly("id");
        assertThat(create.columns().get(6).constraints().get(0).kind()).isEqualTo(ColumnConstraint.Kind.GENERATED_IDENTITY);
        assertThat(create.constraints()).extracting(TableConstraint::kind)
                .containsExactly(TableConstraint.Kind.UNIQUE, TableConstraint.Kind.FOREIGN_KEY);
        assertThat(create.constraints().get(0).name()).isEqualTo("u1");
        assertThat(create.constraints().get(0).columns()).containsExactly("name", "price");
        assertThat(create.options()).extracting(DefElem::name, DefElem::value).containsExactly(
                org.assertj.core.groups.Tuple.tuple("fillfactor", "100"));
    }

    @Test
    void createTableEdgeCases() {
        Statement.CreateTable empty = (Statement.CreateTable) one("create unlogged table t ()");
        assertThat(empty.columns()).isEmpty();
        Statement.CreateTable keywordsAsColumns = (Statement.CreateTable) one(
                "create table t (name text, type int, value float, text varchar, int int default -1 not null)");
        assertThat(keywordsAsColumns.columns()).extracting(ColumnDef::name)
                .containsExactly("name", "type", "value", "text", "int");
        assertThat(ExprPrinter.print(keywordsAsColumns.columns().get(4).constraints().get(0).expr())).isEqualTo("-1");
    }

    @Test
    void dropAndTruncate() {
        Statement.Drop drop = (Statement.Drop) one("DROP TABLE IF EXISTS a, s.b CASCADE");
        assertThat(drop.kind()).isEqualTo(Statement.ObjectKind.TABLE);
        assertThat(drop.ifExists()).isTrue();
        assertThat(drop.cascade()).isTrue();
        assertThat(drop.names()).extracting(QualifiedName::toString).containsExactly("a", "s.b");
        assertThat(((Statement.Drop) one("drop index i")).kind()).isEqualTo(Statement.ObjectKind.INDEX);
        assertThat(((Statement.Drop) one("drop sequence q restrict")).cascade()).isFalse();
        assertThat(((Statement.Drop) one("drop view v")).kind()).isEqualTo(Statement.ObjectKind.VIEW);
        assertThat(((Statement.Drop) one("drop schema sc")).kind()).isEqualTo(Statement.ObjectKind.SCHEMA);
        Statement.Truncate truncate = (Statement.Truncate) one("TRUNCATE TABLE a, b RESTART IDENTITY CASCADE");
        assertThat(truncate.names()).hasSize(2);
        assertThat(truncate.restartIdentity()).isTrue();
        assertThat(truncate.cascade()).isTrue();
        assertThat(((Statement.Truncate) one("truncate a")).restartIdentity()).isFalse();
    }

    private static Statement.Transaction transaction(String sql) {
        return (Statement.Transaction) one(sql);
    }

    @Test
    void transactionControl() {
        assertThat(transaction("BEGIN").kind()).isEqualTo(Statement.TransactionKind.BEGIN);
        assertThat(transaction("begin work isolation level repeatable read, read only").modes())
                .containsExactly("isolation level repeatable read", "read only");
        assertThat(transaction("START TRANSACTION READ WRITE").kind()).isEqualTo(Statement.TransactionKind.START);
        assertThat(transaction("COMMIT").kind()).isEqualTo(Statement.TransactionKind.COMMIT);
        assertThat(transaction("end transaction").kind()).isEqualTo(Statement.TransactionKind.COMMIT);
        assertThat(transaction("commit and chain").chain()).isTrue();
        assertThat(transaction("commit and no chain").chain()).isFalse();
        assertThat(transaction("ROLLBACK").kind()).isEqualTo(Statement.TransactionKind.ROLLBACK);
        assertThat(transaction("abort").kind()).isEqualTo(Statement.TransactionKind.ROLLBACK);
        assertThat(transaction("SAVEPOINT sp").savepointName()).isEqualTo("sp");
        assertThat(transaction("RELEASE SAVEPOINT sp").kind()).isEqualTo(Statement.TransactionKind.RELEASE);
        assertThat(transaction("release sp").savepointName()).isEqualTo("sp");
        Statement.Transaction rollbackTo = transaction("ROLLBACK TO SAVEPOINT sp");
        assertThat(rollbackTo.kind()).isEqualTo(Statement.TransactionKind.ROLLBACK_TO);
        assertThat(rollbackTo.savepointName()).isEqualTo("sp");
        assertThat(transaction("release savepoint").savepointName()).isEqualTo("savepoint");
        assertThat(transaction("rollback work to sp").kind()).isEqualTo(Statement.TransactionKind.ROLLBACK_TO);
    }

    private static Statement.VariableSet set(String sql) {
        return (Statement.VariableSet) one(sql);
    }

    @Test
    void setShowReset() {
        Statement.VariableSet set = set("SET search_path TO public, 'x'");
        assertThat(set.name()).isEqualTo("search_path");
        assertThat(set.values()).containsExactly(new SetValue("public", false, false, 19),
                new SetValue("x", true, false, 27));
        assertThat(set("set local work_mem = 64").local()).isTrue();
        assertThat(set("set session statement_timeout = -5").values().get(0).text()).isEqualTo("-5");
        assertThat(set("SET datestyle = DEFAULT").toDefault()).isTrue();
        assertThat(set("SET TIME ZONE 'UTC'").name()).isEqualTo("timezone");
        assertThat(set("SET TIME ZONE LOCAL").toDefault()).isTrue();
        assertThat(set("SET NAMES 'UTF8'").name()).isEqualTo("client_encoding");
        Statement.VariableSet authorization = set("set session authorization default");
        assertThat(authorization.name()).isEqualTo("session_authorization");
        assertThat(authorization.toDefault()).isTrue();
        assertThat(set("SET enable_seqscan = on").values().get(0).text()).isEqualTo("on");
        Statement.VariableSet characteristics = set(
                "SET SESSION CHARACTERISTICS AS TRANSACTION ISOLATION LEVEL SERIALIZABLE");
        assertThat(characteristics.name()).isEqualTo(Statement.VariableSet.SESSION_CHARACTERISTICS);
        assertThat(characteristics.values().get(0).text()).isEqualTo("isolation level serializable");
        Statement.VariableSet transaction = set("SET TRANSACTION ISOLATION LEVEL READ COMMITTED, READ ONLY");
        assertThat(transaction.name()).isEqualTo(Statement.VariableSet.SET_TRANSACTION);
        assertThat(transaction.values()).extracting(value -> value.text())
                .containsExactly("isolation level read committed", "read only");
        assertThat(set("set transaction read only not deferrable").values()).extracting(value -> value.text())
                .containsExactly("read only", "not deferrable");
        assertThat(((Statement.VariableShow) one("SHOW ALL")).name()).isEqualTo("all");
        assertThat(((Statement.VariableShow) one("show TIME ZONE")).name()).isEqualTo("timezone");
        assertThat(((Statement.VariableShow) one("SHOW TRANSACTION ISOLATION LEVEL")).name())
                .isEqualTo("transaction_isolation");
        assertThat(((Statement.VariableShow) one("show server_version")).name()).isEqualTo("server_version");
        assertThat(((Statement.VariableReset) one("RESET ALL")).name()).isEqualTo("all");
        assertThat(((Statement.VariableReset) one("reset search_path")).name()).isEqualTo("search_path");
    }

    @Test
    void explainPrepareExecute() {
        Statement.Explain explain = (Statement.Explain) one("EXPLAIN ANALYZE VERBOSE SELECT 1");
        assertThat(explain.options()).extracting(DefElem::name).containsExactly("analyze", "verbose");
        assertThat(explain.statement()).isInstanceOf(Statement.Select.class);
        Statement.Explain withOptions = (Statement.Explain) one("explain (analyze, costs off, format json) delete from t");
        assertThat(withOptions.options()).extracting(DefElem::name, DefElem::value).containsExactly(
                org.assertj.core.groups.Tuple.tuple("analyze", null),
                org.assertj.core.groups.Tuple.tuple("costs", "off"),
                org.assertj.core.groups.Tuple.tuple("format", "json"));
        Statement.Prepare prepare = (Statement.Prepare) one("PREPARE q (int, text) AS SELECT $1, $2");
        assertThat(prepare.name()).isEqualTo("q");
        assertThat(prepare.argTypes()).extracting(t -> t.name()).containsExactly("int4", "text");
        Statement.Execute execute = (Statement.Execute) one("EXECUTE q (1, 'a')");
        assertThat(execute.args()).hasSize(2);
        assertThat(((Statement.Deallocate) one("DEALLOCATE ALL")).name()).isNull();
        assertThat(((Statement.Deallocate) one("deallocate prepare q")).name()).isEqualTo("q");
        assertThat(((Statement.Discard) one("DISCARD ALL")).target()).isEqualTo("all");
    }

    @Test
    void windowClauseAndFrames() {
        SelectStmt stmt = select("SELECT sum(a) OVER (w ROWS BETWEEN 2 PRECEDING AND UNBOUNDED FOLLOWING EXCLUDE TIES), "
                + "rank() OVER w FROM t WINDOW w AS (PARTITION BY b ORDER BY c DESC), v AS (w GROUPS CURRENT ROW)");
        assertThat(stmt.windows()).extracting(Expr.NamedWindow::name).containsExactly("w", "v");
        Expr.WindowDef w = stmt.windows().getFirst().spec();
        assertThat(w.partitionBy()).hasSize(1);
        assertThat(w.orderBy().getFirst().descending()).isTrue();
        assertThat(w.frame()).isNull();
        Expr.Frame groups = stmt.windows().get(1).spec().frame();
        assertThat(groups.mode()).isEqualTo(Expr.FrameMode.GROUPS);
        assertThat(groups.start().kind()).isEqualTo(Expr.FrameBound.BoundKind.CURRENT_ROW);
        assertThat(groups.end().kind()).isEqualTo(Expr.FrameBound.BoundKind.CURRENT_ROW);
        Expr.WindowDef over = ((Expr.FuncCall) stmt.targets().getFirst().value()).over();
        assertThat(over.name()).isEqualTo("w");
        assertThat(over.parenthesized()).isTrue();
        assertThat(over.frame().mode()).isEqualTo(Expr.FrameMode.ROWS);
        assertThat(over.frame().start().kind()).isEqualTo(Expr.FrameBound.BoundKind.OFFSET_PRECEDING);
        assertThat(ExprPrinter.print(over.frame().start().offset())).isEqualTo("2");
        assertThat(over.frame().end().kind()).isEqualTo(Expr.FrameBound.BoundKind.UNBOUNDED_FOLLOWING);
        assertThat(over.frame().exclusion()).isEqualTo(Expr.FrameExclusion.TIES);
        Expr.WindowDef named = ((Expr.FuncCall) stmt.targets().get(1).value()).over();
        assertThat(named.parenthesized()).isFalse();
        assertThat(named.name()).isEqualTo("w");
        org.woolly.utils.error.SqlException error = org.assertj.core.api.Assertions.catchThrowableOfType(
                org.woolly.utils.error.SqlException.class,
                () -> select("SELECT sum(a) OVER (ROWS BETWEEN 1 FOLLOWING AND CURRENT ROW) FROM t"));
        assertThat(error.getMessage()).isEqualTo("frame starting from following row cannot have preceding rows");
        assertThat(error.sqlState().code()).isEqualTo("42P20");
        assertThat(error.position()).isEqualTo(50);
    }

    @Test
    void selectClauses() {
        SelectStmt stmt = select("SELECT DISTINCT ON (a) a, b AS x, c y FROM t WHERE a > 1 GROUP BY a, b HAVING count(*) > 1 "
                + "ORDER BY a DESC NULLS LAST, b LIMIT 10 OFFSET 5 FOR UPDATE");
        assertThat(stmt.distinct()).isTrue();
        assertThat(stmt.distinctOn()).hasSize(1);
        assertThat(stmt.targets()).extracting(t -> t.name()).containsExactly(null, "x", "y");
        assertThat(stmt.groupBy()).hasSize(2);
        assertThat(stmt.having()).isNotNull();
        assertThat(stmt.orderBy().get(0).descending()).isTrue();
        assertThat(stmt.orderBy().get(0).nullsFirst()).isFalse();
        assertThat(stmt.orderBy().get(1).nullsFirst()).isNull();
        assertThat(ExprPrinter.print(stmt.limit())).isEqualTo("10");
        assertThat(ExprPrinter.print(stmt.offset())).isEqualTo("5");
        assertThat(stmt.forLocking()).extracting(org.woolly.nodes.parse.LockingClause::strength).containsExactly("UPDATE");
        SelectStmt fetch = select("select * from t offset 1 rows fetch first 3 rows only");
        assertThat(ExprPrinter.print(fetch.limit())).isEqualTo("3");
        assertThat(fetch.limitWithTies()).isFalse();
        SelectStmt ties = select("select * from t order by a fetch next 3 rows with ties offset 1");
        assertThat(ExprPrinter.print(ties.limit())).isEqualTo("3");
        assertThat(ties.limitWithTies()).isTrue();
        assertThat(ExprPrinter.print(ties.offset())).isEqualTo("1");
        assertThat(select("select 1 limit all").limit()).isNull();
        assertThat(select("select from t").targets()).isEmpty();
        assertThat(select("select 1 not").targets().get(0).name()).isEqualTo("not");
        assertThat(select("select 1 is").targets().get(0).name()).isEqualTo("is");
        assertThat(select("select 1 collate").targets().get(0).name()).isEqualTo("collate");
    }

    @Test
    void joins() {
        SelectStmt stmt = select("SELECT * FROM a JOIN b ON a.id = b.id LEFT OUTER JOIN c USING (id) CROSS JOIN d, e NATURAL FULL JOIN f");
        assertThat(stmt.from()).hasSize(2);
        FromItem.Join cross = (FromItem.Join) stmt.from().get(0);
        assertThat(cross.type()).isEqualTo(FromItem.JoinType.CROSS);
        FromItem.Join left = (FromItem.Join) cross.left();
        assertThat(left.type()).isEqualTo(FromItem.JoinType.LEFT);
        assertThat(left.using()).containsExactly("id");
        FromItem.Join inner = (FromItem.Join) left.left();
        assertThat(inner.type()).isEqualTo(FromItem.JoinType.INNER);
        assertThat(ExprPrinter.print(inner.on())).isEqualTo("(= a.id b.id)");
        FromItem.Join natural = (FromItem.Join) stmt.from().get(1);
        assertThat(natural.natural()).isTrue();
        assertThat(natural.type()).isEqualTo(FromItem.JoinType.FULL);
        SelectStmt nested = select("select * from (a join b on true) right join (select 1) s(x) on true, generate_series(1, 3) g");
        FromItem.Join right = (FromItem.Join) nested.from().get(0);
        assertThat(right.left()).isInstanceOf(FromItem.Join.class);
        FromItem.Subquery subquery = (FromItem.Subquery) right.right();
        assertThat(subquery.alias()).isEqualTo(new FromItem.Alias("s", List.of("x")));
        FromItem.Function function = (FromItem.Function) nested.from().get(1);
        assertThat(function.alias().name()).isEqualTo("g");
        assertThat(function.ordinality()).isFalse();
        FromItem.Function numbered = (FromItem.Function) select("select * from generate_series(1, 3) with ordinality as g(v, n)")
                .from().get(0);
        assertThat(numbered.ordinality()).isTrue();
        assertThat(numbered.alias()).isEqualTo(new FromItem.Alias("g", List.of("v", "n")));
        SelectStmt rightNested = select("select * from a inner join b left join c on b.x = c.x on a.y = b.y");
        FromItem.Join outer = (FromItem.Join) rightNested.from().get(0);
        assertThat(outer.type()).isEqualTo(FromItem.JoinType.INNER);
        assertThat(ExprPrinter.print(outer.on())).isEqualTo("(= a.y b.y)");
        assertThat(((FromItem.Join) outer.right()).type()).isEqualTo(FromItem.JoinType.LEFT);
        FromItem.Join crossFirst = (FromItem.Join) select("select * from a cross join b join c on true").from().get(0);
        assertThat(crossFirst.left()).isInstanceOf(FromItem.Join.class);
        FromItem.Table aliased = (FromItem.Table) select("select * from only s.t as x").from().get(0);
        assertThat(aliased.alias().name()).isEqualTo("x");
    }

    @Test
    void setOperationsPrecedence() {
        SelectStmt stmt = select("SELECT 1 UNION SELECT 2 INTERSECT SELECT 3 EXCEPT ALL SELECT 4 ORDER BY 1 LIMIT 2");
        assertThat(stmt.op()).isEqualTo(SelectStmt.SetOperation.EXCEPT);
        assertThat(stmt.all()).isTrue();
        assertThat(stmt.orderBy()).hasSize(1);
        assertThat(stmt.limit()).isNotNull();
        SelectStmt union = stmt.left();
        assertThat(union.op()).isEqualTo(SelectStmt.SetOperation.UNION);
        assertThat(union.right().op()).isEqualTo(SelectStmt.SetOperation.INTERSECT);
        SelectStmt parenthesized = select("(SELECT 1 UNION SELECT 2) INTERSECT (SELECT 3 ORDER BY 1 LIMIT 1)");
        assertThat(parenthesized.op()).isEqualTo(SelectStmt.SetOperation.INTERSECT);
        assertThat(parenthesized.left().op()).isEqualTo(SelectStmt.SetOperation.UNION);
        assertThat(parenthesized.right().limit()).isNotNull();
        SelectStmt values = select("VALUES (1, 'a'), (2, 'b') ORDER BY 1");
        assertThat(values.values()).hasSize(2);
        assertThat(values.orderBy()).hasSize(1);
        SelectStmt with = select("WITH x AS (SELECT 1), y (a) AS (VALUES (2)) SELECT * FROM x, y");
        assertThat(with.with()).extracting(c -> c.name()).containsExactly("x", "y");
        assertThat(with.with().get(1).columns()).containsExactly("a");
        assertThat(select("with x as (select 1) select * from x for update").forLocking()).extracting(org.woolly.nodes.parse.LockingClause::strength).containsExactly("UPDATE");
        SelectStmt table = select("TABLE t");
        assertThat(table.from()).hasSize(1);
    }

    @Test
    void withRecursiveMaterializedAndLateral() {
        SelectStmt with = select("WITH RECURSIVE r (n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r), "
                + "m AS MATERIALIZED (SELECT 2), i AS NOT MATERIALIZED (SELECT 3) SELECT * FROM r, m, i");
        assertThat(with.with()).extracting(c -> c.recursive()).containsExactly(true, true, true);
        assertThat(with.with()).extracting(c -> c.materialized()).containsExactly(null, true, false);
        SelectStmt lateral = select("SELECT * FROM t, LATERAL (SELECT t.a) s, LATERAL generate_series(1, t.a) g");
        assertThat(((FromItem.Subquery) lateral.from().get(1)).lateral()).isTrue();
        assertThat(lateral.from().get(2)).isInstanceOf(FromItem.Function.class);
    }

    @Test
    void groupByTakesGroupingSetsRollupCubeAndTheEmptySet() {
        SelectStmt stmt = select("SELECT a, grouping(a, b) FROM t GROUP BY a, ROLLUP (b, (c, d)), CUBE (e), "
                + "GROUPING SETS ((), (a, b), ROLLUP (c)), ()");
        assertThat(stmt.groupBy().stream().map(ExprPrinter::print).toList()).containsExactly("a",
                "ROLLUP(b ROW(c d))", "CUBE(e)", "SETS(EMPTY() ROW(a b) ROLLUP(c))", "EMPTY()");
        assertThat(ExprPrinter.print(stmt.targets().get(1).value())).isEqualTo("GROUPING(a b)");
    }

    @Test
    void withBeforeInsertGoesToTheInsertedQuery() {
        Statement.Insert insert = (Statement.Insert) one(
                "WITH d AS (DELETE FROM t WHERE a > 1 RETURNING *) INSERT INTO log SELECT * FROM d");
        assertThat(insert.source().with()).hasSize(1);
        assertThat(insert.source().with().getFirst().query()).isInstanceOf(Statement.Delete.class);
    }
}
