package org.woolly.tcop.engine;

import org.woolly.server.StorageWiring;
import org.woolly.testfakes.HandBuiltTrees;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.woolly.testfakes.Raw.*;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.woolly.access.transam.StorageOptions;
import org.woolly.access.transam.StorageServices;
import org.woolly.access.transam.StorageStartup;
import org.woolly.catalog.CatalogAccess;
import org.woolly.catalog.CatalogTupleCodec;
import org.woolly.catalog.SystemCatalog;
import org.woolly.catalog.bootstrap.InitDb;
import org.woolly.nodes.parse.Statement;
import org.woolly.catalog.RoleInfo;
import org.woolly.testfakes.FakeSettings;
import org.woolly.utils.error.SqlException;

/** Sessions over the real stack with the built-in type system (functions, operators, casts, tuple codec). */
class BuiltinTypesSessionTest {
    @TempDir
    Path dataDirectory;
    private StorageServices storage;
    private CatalogAccess catalog;
    private final List<SqlException> notices = new ArrayList<>();

    @BeforeEach
    void start() {
        StorageStartup.initialize(dataDirectory);
        storage = StorageWiring.open(dataDirectory, StorageOptions.defaults());
        CatalogTupleCodec codec = new CatalogTupleCodec() {
            @Override
            public byte[] encode(org.woolly.access.common.TupleDescriptor descriptor, Object[] values) {
                return org.woolly.access.common.TupleCodec.encode(descriptor, values);
            }

            @Override
            public Object[] decode(org.woolly.access.common.TupleDescriptor descriptor, byte[] body) {
                return org.woolly.access.common.TupleCodec.decode(descriptor, body);
            }
        };
        InitDb.bootstrap(storage, codec, "alice", null);
        SystemCatalog system = new SystemCatalog(storage, codec);
        catalog = system.catalogFor(system.databaseOid("postgres").getAsInt());
    }

    @AfterEach
    void stop() {
        storage.close();
    }

    private SessionDriver session() {
        return new SessionDriver(new QuerySession(storage, catalog, new RoleInfo(10, "alice", true, true, null), "postgres",
                new FakeSettings(), notices::add, 7, new org.woolly.analyzer.BuiltinTypeSystem(), HandBuiltTrees.PARSER), notices);
    }

    private static Statement count() {
        return select(countStar()).from(table("t")).statement();
    }

    @Test
    void builtinOperatorsFunctionsAggregatesAndTypmods() {
        SessionDriver driver = session();
        driver.run(new Statement.CreateTable(new org.woolly.nodes.parse.QualifiedName(null, "t", 0), List.of(
                column("id", "int4", notNull()),
                new org.woolly.nodes.parse.ColumnDef("name", new org.woolly.nodes.parse.TypeName(null, "varchar", List.of(3), 0, 0),
                        List.of(), 0),
                new org.woolly.nodes.parse.ColumnDef("price", new org.woolly.nodes.parse.TypeName(null, "numeric", List.of(5, 2), 0, 0),
                        List.of(), 0)), List.of(), false, false, List.of(), 0));
        assertThat(driver.run(insert("t", List.of("id", "name", "price"), List.of(List.of(i(1), s("ab"), s("1.5")),
                List.of(i(2), s("cd"), new org.woolly.nodes.parse.Expr.Constant(
                        org.woolly.nodes.parse.Expr.Constant.Kind.NUMERIC, "2.255", 0))))).tag()).isEqualTo("INSERT 0 2");
        var rows = driver.run(select(col("id"), op("||", col("name"), s("!")), op("*", col("price"), i(2)))
                .from(table("t")).orderBy(desc(col("id"))).statement()).rows();
        assertThat(rows.getFirst()[0]).isEqualTo(2);
        assertThat(rows.getFirst()[1]).isEqualTo("cd!");
        assertThat(rows.getFirst()[2]).isEqualTo(new java.math.BigDecimal("4.52"));
        var aggregate = driver.run(select(countStar(), func("sum", col("price")), func("max", col("name")), func("avg", col("id")))
                .from(table("t")).statement()).rows().getFirst();
        assertThat(aggregate[0]).isEqualTo(2L);
        assertThat(aggregate[1]).isEqualTo(new java.math.BigDecimal("3.76"));
        assertThat(aggregate[2]).isEqualTo("cd");
        assertThat(((java.math.BigDecimal) aggregate[3]).compareTo(new java.math.BigDecimal("1.5"))).isZero();
        assertThatThrownBy(() -> driver.run(insert("t", List.of("id", "name"), List.of(List.of(i(3), s("abcd"))))))
                .isInstanceOfSatisfying(SqlException.class, error -> {
                    assertThat(error.sqlState()).isEqualTo(org.woolly.utils.error.SqlState.STRING_DATA_RIGHT_TRUNCATION);
                    assertThat(error.getMessage()).isEqualTo("value too long for type character varying(3)");
                });
        assertThatThrownBy(() -> driver.run(select(op("+", col("name"), i(1))).from(table("t")).statement()))
                .isInstanceOfSatisfying(SqlException.class, error ->
                        assertThat(error.sqlState()).isEqualTo(org.woolly.utils.error.SqlState.UNDEFINED_FUNCTION));
        assertThatThrownBy(() -> driver.run(select(op("/", i(1), i(0))).statement()))
                .hasMessage("division by zero");
        var explain = driver.run(new Statement.Explain(select(col("id")).from(table("t"))
                .where(op("=", col("name"), s("ab"))).statement(), List.of(), 0));
        assertThat(explain.rows()).extracting(row -> row[0]).containsExactly(
                "Seq Scan on t  (cost=0.00..27.00 rows=7 width=4)", "  Filter: ((name)::text = 'ab'::text)");
    }
}
