package org.woolly.utils.adt;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every row of the built-in catalog tables ({@code Pg*Data}) is PostgreSQL 15's row for the same
 * object: checked against the rows read from a real PostgreSQL 15 (src/test/resources/catalog).
 */
class PgCatalogDataTest {

    private static Map<Integer, String[]> postgres(String catalog) throws IOException {
        Map<Integer, String[]> rows = new HashMap<>();
        try (InputStream in = PgCatalogDataTest.class.getResourceAsStream("/catalog/pg15_" + catalog + ".tsv")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isEmpty()) {
                    String[] fields = line.split("\t", -1);
                    rows.put(Integer.parseInt(fields[0]), fields);
                }
            }
        }
        return rows;
    }

    private static String oids(int[] types) {
        List<String> parts = new ArrayList<>();
        for (int type : types) {
            parts.add(Integer.toString(type));
        }
        return String.join(" ", parts);
    }

    private static String bool(boolean value) {
        return value ? "t" : "f";
    }

    @Test
    void functionsArePostgresRowsOrUseTheFreeRange() throws IOException {
        Map<Integer, String[]> proc = postgres("proc");
        for (PgProcData.Proc function : PgProcData.all()) {
            String[] row = proc.get(function.oid());
            if (row == null) {
                assertThat(function.oid()).as(function.name()).isBetween(8000, 9999);
                continue;
            }
            assertThat(List.of(row[1], row[2], row[3], row[4], row[5], row[6], row[7])).as("pg_proc %d", function.oid())
                    .containsExactly(function.name(), Integer.toString(function.returnType()),
                            oids(function.argumentTypes()), String.valueOf(function.volatility()),
                            bool(function.strict()), bool(function.variadic()), "f");
        }
        for (Integer oid : proc.keySet()) {
            assertThat(oid < 8000 || oid > 9999).as("PostgreSQL keeps 8000-9999 free: %d", oid).isTrue();
        }
    }

    @Test
    void operatorsAndTheirFunctionsArePostgresRows() throws IOException {
        Map<Integer, String[]> operators = postgres("operator");
        Map<Integer, String[]> proc = postgres("proc");
        for (PgOperatorData.Operator operator : PgOperatorData.all()) {
            String[] row = operators.get(operator.oid());
            assertThat(row).as("pg_operator %d", operator.oid()).isNotNull();
            assertThat(List.of(row[1], row[2], row[3], row[4], row[5], row[6])).as("pg_operator %d", operator.oid())
                    .containsExactly(operator.name(), Integer.toString(operator.leftType()),
                            Integer.toString(operator.rightType()), Integer.toString(operator.resultType()),
                            Integer.toString(operator.procOid()), operator.procName());
            for (int[] link : new int[][] {{operator.commutator(), 7}, {operator.negator(), 8}}) {
                int postgresLink = Integer.parseInt(row[link[1]]);
                assertThat(link[0]).as("oprcom/oprnegate of %d", operator.oid())
                        .isEqualTo(PgOperatorData.byOid(postgresLink) == null ? 0 : postgresLink);
            }
            String[] function = proc.get(operator.procOid());
            // a function also called by name (array_append behind ||) is PgProcData's row, checked there
            boolean listedByName = PgProcData.all().stream().anyMatch(listed -> listed.oid() == operator.procOid()
                    && listed.name().equals(operator.procName()));
            assertThat(List.of(function[3], function[4], function[5])).as("pg_proc %d", operator.procOid())
                    .containsExactly(oids(operator.procArgumentTypes()), String.valueOf(operator.procVolatility()),
                            listedByName ? function[5] : "t");
        }
    }

    @Test
    void operatorFamiliesAndClassesArePostgresRows() throws IOException {
        Map<Integer, String[]> families = postgres("opfamily");
        for (PgOpclassData.Family family : PgOpclassData.families()) {
            assertThat(families.get(family.oid())).as("pg_opfamily %d", family.oid())
                    .containsExactly(Integer.toString(family.oid()), Integer.toString(family.method()), family.name());
        }
        Map<Integer, String[]> classes = postgres("opclass");
        for (PgOpclassData.OperatorClass opclass : PgOpclassData.classes()) {
            assertThat(classes.get(opclass.oid())).as("pg_opclass %d", opclass.oid())
                    .containsExactly(Integer.toString(opclass.oid()), Integer.toString(opclass.method()),
                            opclass.name(), Integer.toString(opclass.family()), Integer.toString(opclass.inputType()),
                            bool(opclass.isDefault()), Integer.toString(opclass.keyType()));
        }
    }

    @Test
    void operatorFamilyMembersArePostgresRowsNamingOperatorsWoollyHas() throws IOException {
        Map<Integer, String[]> members = postgres("amop");
        Set<Integer> operators = new HashSet<>();
        PgOperatorData.all().forEach(operator -> operators.add(operator.oid()));
        for (PgOpclassData.Member member : PgOpclassData.operators()) {
            assertThat(members.get(member.oid())).as("pg_amop %d", member.oid())
                    .containsExactly(Integer.toString(member.oid()), Integer.toString(member.family()),
                            Integer.toString(member.leftType()), Integer.toString(member.rightType()),
                            Integer.toString(member.strategy()), "s", Integer.toString(member.operator()),
                            Integer.toString(PgOpclassData.methodOf(member.family())), "0");
            assertThat(operators).as("pg_amop %d", member.oid()).contains(member.operator());
        }
        Map<Integer, String[]> support = postgres("amproc");
        for (PgOpclassData.Support function : PgOpclassData.supportFunctions()) {
            assertThat(support.get(function.oid())).as("pg_amproc %d", function.oid())
                    .containsExactly(Integer.toString(function.oid()), Integer.toString(function.family()),
                            Integer.toString(function.leftType()), Integer.toString(function.rightType()),
                            Integer.toString(function.number()), function.function());
        }
    }

    @Test
    void everyTypeWithComparisonOperatorsHasADefaultBtreeAndHashClass() {
        for (int type : new int[] {TypeOids.BOOL, TypeOids.BYTEA, TypeOids.CHAR, TypeOids.NAME, TypeOids.INT2,
                TypeOids.INT4, TypeOids.INT8, TypeOids.TEXT, TypeOids.OID, TypeOids.FLOAT4, TypeOids.FLOAT8,
                TypeOids.BPCHAR, TypeOids.DATE, TypeOids.TIME, TypeOids.TIMESTAMP, TypeOids.TIMESTAMPTZ,
                TypeOids.INTERVAL, TypeOids.NUMERIC}) {
            assertThat(PgOpclassData.defaultOpclass(type, PgOpclassData.BTREE)).as("btree %d", type).isPresent();
            assertThat(PgOpclassData.defaultOpclass(type, PgOpclassData.HASH)).as("hash %d", type).isPresent();
        }
        assertThat(PgOpclassData.defaultOpclass(TypeOids.INT4, PgOpclassData.BTREE).orElseThrow().name())
                .isEqualTo("int4_ops");
        // varchar has no class of its own: binary-coercible to text, it gets text_ops (GetDefaultOpClass)
        assertThat(PgOpclassData.defaultOpclass(TypeOids.VARCHAR, PgOpclassData.BTREE).orElseThrow().oid())
                .isEqualTo(3126);
        assertThat(PgOpclassData.defaultOpclass(TypeOids.VARCHAR, PgOpclassData.HASH).orElseThrow().name())
                .isEqualTo("text_ops");
        assertThat(PgOpclassData.defaultOpclass(TypeOids.VOID, PgOpclassData.BTREE)).isEmpty();
    }

    @Test
    void castsArePostgresRows() throws IOException {
        Map<Integer, String[]> casts = postgres("cast");
        for (PgCastData.Cast cast : PgCastData.all()) {
            String[] row = casts.get(cast.oid());
            assertThat(row).as("pg_cast %d", cast.oid()).isNotNull();
            assertThat(List.of(row[1], row[2], row[3], row[4], row[5])).as("pg_cast %d", cast.oid())
                    .containsExactly(Integer.toString(cast.source()), Integer.toString(cast.target()),
                            Integer.toString(cast.function()), String.valueOf(cast.context()),
                            String.valueOf(cast.method()));
        }
    }

    @Test
    void aggregatesArePostgresRows() throws IOException {
        Map<Integer, String[]> aggregates = postgres("aggregate");
        Map<Integer, String[]> proc = postgres("proc");
        for (PgAggregateData.Aggregate aggregate : PgAggregateData.all()) {
            String[] row = aggregates.get(aggregate.oid());
            String[] function = proc.get(aggregate.oid());
            assertThat(row).as("pg_aggregate %d", aggregate.oid()).isNotNull();
            assertThat(List.of(function[1], function[2], function[3], function[7], row[1], row[2], row[3], row[4]))
                    .as("aggregate %d", aggregate.oid())
                    .containsExactly(aggregate.name(), Integer.toString(aggregate.resultType()),
                            oids(aggregate.argumentTypes()), "a", aggregate.transitionFunction(),
                            aggregate.finalFunction(), Integer.toString(aggregate.transitionType()),
                            aggregate.initialValue() == null ? "" : aggregate.initialValue());
        }
    }

    @Test
    void windowFunctionsArePostgresRows() throws IOException {
        Map<Integer, String[]> proc = postgres("proc");
        for (PgWindowData.WindowFunction function : PgWindowData.all()) {
            String[] row = proc.get(function.oid());
            assertThat(row).as("pg_proc %d", function.oid()).isNotNull();
            assertThat(List.of(row[1], row[2], row[3], row[4], row[5], row[7])).as("window function %d", function.oid())
                    .containsExactly(function.name(), Integer.toString(function.resultType()),
                            oids(function.argumentTypes()), "i", bool(function.strict()), "w");
        }
        assertThat(proc.values().stream().filter(row -> row[7].equals("w")).count())
                .isEqualTo(PgWindowData.all().size());
    }

    @Test
    void typesArePostgresRows() throws IOException {
        Map<Integer, String[]> types = postgres("type");
        for (PgTypeData.Type type : PgTypeData.all()) {
            String[] row = types.get(type.oid());
            assertThat(row).as("pg_type %d", type.oid()).isNotNull();
            if (type.oid() == TypeOids.XID) {
                // the one difference on purpose: Woolly's xid holds the 64-bit XID whole, as xid8 does
                row = row.clone();
                row[2] = "8";
                row[11] = "d";
            }
            assertThat(List.of(row).subList(1, 14)).as("pg_type %d", type.oid()).containsExactly(type.name(),
                    Short.toString(type.length()), bool(type.byValue()), String.valueOf(type.typtype()),
                    String.valueOf(type.category()), bool(type.preferred()), Integer.toString(type.elementOid()),
                    Integer.toString(type.arrayOid()), type.input(), type.output(), String.valueOf(type.align()),
                    String.valueOf(type.storage()), Integer.toString(type.collation()));
        }
    }

    @Test
    void pgProcOidsAreUniqueAcrossFunctionsOperatorsAndAggregates() {
        Set<Integer> functions = new HashSet<>();
        PgProcData.all().forEach(function -> assertThat(functions.add(function.oid())).isTrue());
        PgAggregateData.all().forEach(aggregate -> assertThat(functions.add(aggregate.oid())).isTrue());
        PgWindowData.all().forEach(window -> assertThat(functions.add(window.oid())).isTrue());
        // an operator's function is not listed again, unless it is the same function also called by name
        PgOperatorData.all().stream().filter(operator -> PgProcData.all().stream().noneMatch(
                row -> row.oid() == operator.procOid() && row.name().equals(operator.procName())))
                .forEach(operator -> assertThat(functions).doesNotContain(operator.procOid()));
    }

    @Test
    void everyRowHasItsImplementation() {
        assertThat(BuiltinFunctions.byName("length")).extracting(FunctionDescriptor::oid).contains(1317);
        assertThat(BuiltinFunctions.operatorsByName("=")).filteredOn(
                operator -> operator.leftType() == TypeOids.INT4 && operator.rightType() == TypeOids.INT4)
                .singleElement().satisfies(operator -> {
                    assertThat(operator.oid()).isEqualTo(96);
                    assertThat(operator.function().oid()).isEqualTo(65);
                    assertThat(operator.function().name()).isEqualTo("int4eq");
                });
        assertThat(BuiltinTypes.byName("int4").oid()).isEqualTo(23);
    }

    @Test
    void aRegistrationTheTablesDoNotListOrStateDifferentlyIsRefused() {
        BuiltinFunctions.Registry registry = new BuiltinFunctions.Registry();
        FunctionImplementation none = (args, context) -> null;
        assertThatThrownBy(() -> registry.function("length", TypeOids.INT8, none, TypeOids.TEXT))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("disagrees with PgProcData");
        assertThatThrownBy(() -> registry.function("no_such_function", TypeOids.INT4, none))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("has no row in PgProcData");
        assertThatThrownBy(() -> registry.operator("%", TypeOids.INT2, TypeOids.INT4, TypeOids.INT4, none))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("has no row in PgOperatorData");
        assertThatThrownBy(registry::checkComplete).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no implementation registered");
    }
}
