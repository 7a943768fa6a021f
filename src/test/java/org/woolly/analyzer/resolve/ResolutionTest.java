package org.woolly.analyzer.resolve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.woolly.utils.adt.BuiltinTypes;
import org.woolly.utils.adt.CastDescriptor;
import org.woolly.utils.adt.TestFunctionContext;
import org.woolly.utils.adt.TypeModifiers;
import org.woolly.utils.adt.TypeOids;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

class ResolutionTest {
    private static final int UNKNOWN = TypeOids.UNKNOWN;

    @Test
    void integerPlusNumericIsNumeric() {
        ResolvedOperator plus = OperatorResolver.resolve("+", TypeOids.INT4, TypeOids.NUMERIC);
        assertThat(plus.op().resultType()).isEqualTo(TypeOids.NUMERIC);
        assertThat(plus.leftTarget()).isEqualTo(TypeOids.NUMERIC);
        assertThat(plus.rightTarget()).isEqualTo(TypeOids.NUMERIC);
    }

    @Test
    void unknownLiteralTakesTheOtherSidesType() {
        ResolvedOperator plus = OperatorResolver.resolve("+", UNKNOWN, TypeOids.INT4);
        assertThat(plus.op().leftType()).isEqualTo(TypeOids.INT4);
        assertThat(plus.leftTarget()).isEqualTo(TypeOids.INT4);
        assertThat(plus.op().resultType()).isEqualTo(TypeOids.INT4);
        ResolvedOperator equals = OperatorResolver.resolve("=", TypeOids.DATE, UNKNOWN);
        assertThat(equals.rightTarget()).isEqualTo(TypeOids.DATE);
    }

    @Test
    void concatenationWithNonText() {
        ResolvedOperator concat = OperatorResolver.resolve("||", UNKNOWN, TypeOids.INT4);
        assertThat(concat.op().resultType()).isEqualTo(TypeOids.TEXT);
        assertThat(concat.leftTarget()).isEqualTo(TypeOids.TEXT);
        // the integer keeps its type; the specialized operator prints it with int4out
        assertThat(concat.rightTarget()).isEqualTo(TypeOids.INT4);
        ResolvedOperator both = OperatorResolver.resolve("||", UNKNOWN, UNKNOWN);
        assertThat(both.op().leftType()).isEqualTo(TypeOids.TEXT);
        assertThat(both.op().rightType()).isEqualTo(TypeOids.TEXT);
        ResolvedOperator varchars = OperatorResolver.resolve("||", TypeOids.VARCHAR, TypeOids.VARCHAR);
        assertThat(varchars.op().leftType()).isEqualTo(TypeOids.TEXT);
        assertThat(varchars.op().rightType()).isEqualTo(TypeOids.TEXT);
    }

    @Test
    void crossTypeAndComparisons() {
        assertThat(OperatorResolver.resolve("*", TypeOids.INT2, TypeOids.INT8).op().resultType())
                .isEqualTo(TypeOids.INT8);
        assertThat(OperatorResolver.resolve("<", TypeOids.INT4, TypeOids.FLOAT8).op().leftType())
                .isEqualTo(TypeOids.FLOAT8);
        assertThat(OperatorResolver.resolve("=", TypeOids.VARCHAR, TypeOids.TEXT).op().leftType())
                .isEqualTo(TypeOids.TEXT);
        assertThat(OperatorResolver.resolve("=", TypeOids.DATE, TypeOids.TIMESTAMPTZ).op().leftType())
                .isEqualTo(TypeOids.DATE);
        assertThat(OperatorResolver.resolve("-", 0, TypeOids.INT4).op().resultType()).isEqualTo(TypeOids.INT4);
        assertThat(OperatorResolver.resolve("~~", TypeOids.VARCHAR, UNKNOWN).op().resultType())
                .isEqualTo(TypeOids.BOOL);
        assertThat(OperatorResolver.resolve("-", TypeOids.TIMESTAMPTZ, TypeOids.INTERVAL).op().resultType())
                .isEqualTo(TypeOids.TIMESTAMPTZ);
    }

    @Test
    void missingOperatorReportsPostgresMessage() {
        assertThatThrownBy(() -> OperatorResolver.resolve("+", TypeOids.INT4, TypeOids.TEXT))
                .isInstanceOfSatisfying(SqlException.class, e -> {
                    assertThat(e.sqlState()).isEqualTo(SqlState.UNDEFINED_FUNCTION);
                    assertThat(e.getMessage()).isEqualTo("operator does not exist: integer + text");
                    assertThat(e.hint()).isEqualTo("No operator matches the given name and argument types. "
                            + "You might need to add explicit type casts.");
                });
        assertThatThrownBy(() -> OperatorResolver.resolve("+", UNKNOWN, UNKNOWN))
                .isInstanceOfSatisfying(SqlException.class, e -> {
                    assertThat(e.sqlState()).isEqualTo(SqlState.AMBIGUOUS_FUNCTION);
                    assertThat(e.getMessage()).isEqualTo("operator is not unique: unknown + unknown");
                });
    }

    @Test
    void functions() {
        ResolvedFunction length = FunctionResolver.resolve("length", new int[] {UNKNOWN});
        assertThat(length.function().argumentTypes()).containsExactly(TypeOids.TEXT);
        ResolvedFunction round = FunctionResolver.resolve("round", new int[] {TypeOids.NUMERIC, TypeOids.INT4});
        assertThat(round.function().returnType()).isEqualTo(TypeOids.NUMERIC);
        assertThat(FunctionResolver.resolve("round", new int[] {TypeOids.INT4}).function().returnType())
                .isEqualTo(TypeOids.FLOAT8);
        ResolvedFunction substr = FunctionResolver.resolve("substr", new int[] {TypeOids.VARCHAR, TypeOids.INT2});
        assertThat(substr.argumentTargets()).containsExactly(TypeOids.TEXT, TypeOids.INT4);
        ResolvedFunction concat = FunctionResolver.resolve("concat",
                new int[] {UNKNOWN, TypeOids.INT4, TypeOids.BOOL});
        assertThat(concat.argumentTargets()).containsExactly(TypeOids.TEXT, TypeOids.INT4, TypeOids.BOOL);
        assertThat(FunctionResolver.resolve("now", new int[0]).function().returnType())
                .isEqualTo(TypeOids.TIMESTAMPTZ);
        assertThatThrownBy(() -> FunctionResolver.resolve("foo", new int[] {TypeOids.INT4}))
                .isInstanceOfSatisfying(SqlException.class, e -> {
                    assertThat(e.sqlState()).isEqualTo(SqlState.UNDEFINED_FUNCTION);
                    assertThat(e.getMessage()).isEqualTo("function foo(integer) does not exist");
                    assertThat(e.hint()).isEqualTo("No function matches the given name and argument types. "
                            + "You might need to add explicit type casts.");
                });
    }

    @Test
    void aggregates() {
        assertThat(FunctionResolver.resolveAggregate("sum", new int[] {TypeOids.INT4}, false).aggregate().resultType())
                .isEqualTo(TypeOids.INT8);
        assertThat(FunctionResolver.resolveAggregate("sum", new int[] {TypeOids.INT8}, false).aggregate().resultType())
                .isEqualTo(TypeOids.NUMERIC);
        assertThat(FunctionResolver.resolveAggregate("avg", new int[] {TypeOids.INT4}, false).aggregate().resultType())
                .isEqualTo(TypeOids.NUMERIC);
        assertThat(FunctionResolver.resolveAggregate("avg", new int[] {TypeOids.FLOAT4}, false).aggregate()
                .resultType()).isEqualTo(TypeOids.FLOAT8);
        assertThat(FunctionResolver.resolveAggregate("count", new int[0], true).aggregate().argumentTypes()).isEmpty();
        ResolvedAggregate countAny = FunctionResolver.resolveAggregate("count", new int[] {TypeOids.DATE}, false);
        assertThat(countAny.argumentTargets()).containsExactly(TypeOids.DATE);
        assertThat(FunctionResolver.resolveAggregate("max", new int[] {TypeOids.VARCHAR}, false).aggregate()
                .resultType()).isEqualTo(TypeOids.TEXT);
        assertThat(FunctionResolver.isAggregate("string_agg")).isTrue();
        assertThat(FunctionResolver.isAggregate("lower")).isFalse();
    }

    @Test
    void coercions() {
        assertThat(TypeCoercion.canCoerce(TypeOids.INT4, TypeOids.INT8, CoercionContext.IMPLICIT)).isTrue();
        assertThat(TypeCoercion.canCoerce(TypeOids.INT8, TypeOids.INT4, CoercionContext.IMPLICIT)).isFalse();
        assertThat(TypeCoercion.canCoerce(TypeOids.INT8, TypeOids.INT4, CoercionContext.ASSIGNMENT)).isTrue();
        assertThat(TypeCoercion.canCoerce(TypeOids.INT4, TypeOids.TEXT, CoercionContext.IMPLICIT)).isFalse();
        assertThat(TypeCoercion.canCoerce(TypeOids.INT4, TypeOids.TEXT, CoercionContext.ASSIGNMENT)).isTrue();
        assertThat(TypeCoercion.canCoerce(TypeOids.TEXT, TypeOids.INT4, CoercionContext.ASSIGNMENT)).isFalse();
        assertThat(TypeCoercion.canCoerce(TypeOids.TEXT, TypeOids.INT4, CoercionContext.EXPLICIT)).isTrue();
        TestFunctionContext context = new TestFunctionContext();
        CastDescriptor textToInt = TypeCoercion.findCast(TypeOids.TEXT, TypeOids.INT4, CoercionContext.EXPLICIT);
        assertThat(textToInt.apply(" 12 ", -1, context)).isEqualTo(12);
        CastDescriptor numericToInt = TypeCoercion.findCast(TypeOids.NUMERIC, TypeOids.INT4,
                CoercionContext.ASSIGNMENT);
        assertThat(numericToInt.apply(new BigDecimal("2.5"), -1, context)).isEqualTo(3);
        assertThat(numericToInt.apply(new BigDecimal("-2.5"), -1, context)).isEqualTo(-3);
        CastDescriptor floatToNumeric = TypeCoercion.findCast(TypeOids.FLOAT8, TypeOids.NUMERIC,
                CoercionContext.EXPLICIT);
        assertThat(floatToNumeric.apply(0.1, -1, context)).isEqualTo(new BigDecimal("0.1"));
        CastDescriptor unknownToDate = TypeCoercion.findCast(UNKNOWN, TypeOids.DATE, CoercionContext.IMPLICIT);
        assertThat(unknownToDate.apply("2000-01-02", -1, context)).isEqualTo(1);
        CastDescriptor intToText = TypeCoercion.findCast(TypeOids.INT4, TypeOids.TEXT, CoercionContext.EXPLICIT);
        assertThat(intToText.apply(-5, -1, context)).isEqualTo("-5");
        assertThat(TypeCoercion.findCast(TypeOids.TEXT, TypeOids.VARCHAR, CoercionContext.IMPLICIT).binaryCoercible())
                .isTrue();
        assertThat(TypeModifiers.apply(TypeOids.VARCHAR, "abcdef", TypeModifiers.varchar(3), true)).isEqualTo("abc");
        assertThatThrownBy(() -> TypeCoercion.findCast(TypeOids.INT8, TypeOids.INT4, CoercionContext.ASSIGNMENT)
                .apply(1L << 40, -1, context)).isInstanceOfSatisfying(SqlException.class,
                        e -> assertThat(e.getMessage()).isEqualTo("integer out of range"));
    }

    @Test
    void commonTypes() {
        assertThat(TypeCoercion.commonType(new int[] {TypeOids.INT4, TypeOids.NUMERIC}, "CASE", null))
                .isEqualTo(TypeOids.NUMERIC);
        assertThat(TypeCoercion.commonType(new int[] {TypeOids.INT4, UNKNOWN, TypeOids.INT8}, "UNION", null))
                .isEqualTo(TypeOids.INT8);
        assertThat(TypeCoercion.commonType(new int[] {UNKNOWN, UNKNOWN}, "VALUES", null)).isEqualTo(TypeOids.TEXT);
        // text coerces implicitly to varchar too, so the first type stays (as in PostgreSQL)
        assertThat(TypeCoercion.commonType(new int[] {TypeOids.VARCHAR, TypeOids.TEXT}, "COALESCE", null))
                .isEqualTo(TypeOids.VARCHAR);
        assertThat(TypeCoercion.commonType(new int[] {TypeOids.DATE, TypeOids.TIMESTAMPTZ}, "CASE", null))
                .isEqualTo(TypeOids.TIMESTAMPTZ);
        assertThatThrownBy(() -> TypeCoercion.commonType(new int[] {TypeOids.INT4, TypeOids.TEXT}, "CASE",
                new int[] {8, 20})).isInstanceOfSatisfying(SqlException.class, e -> {
                    assertThat(e.sqlState()).isEqualTo(SqlState.DATATYPE_MISMATCH);
                    assertThat(e.getMessage()).isEqualTo("CASE types integer and text cannot be matched");
                    assertThat(e.position()).isEqualTo(20);
                });
    }

    @Test
    void typeNames() {
        assertThat(TypeNames.format(TypeOids.INT4, -1)).isEqualTo("integer");
        assertThat(TypeNames.format(TypeOids.VARCHAR, TypeModifiers.varchar(10))).isEqualTo("character varying(10)");
        assertThat(TypeNames.format(TypeOids.NUMERIC, TypeModifiers.numeric(10, 2))).isEqualTo("numeric(10,2)");
        assertThat(TypeNames.format(TypeOids.TIMESTAMP, -1)).isEqualTo("timestamp without time zone");
        assertThat(TypeNames.format(TypeOids.TIMESTAMPTZ, 3)).isEqualTo("timestamp(3) with time zone");
        assertThat(TypeNames.format(TypeOids.BPCHAR, TypeModifiers.bpchar(1))).isEqualTo("character(1)");
        assertThat(TypeNames.format(1007, -1)).isEqualTo("integer[]");
        assertThat(TypeNames.format(BuiltinTypes.ANY, -1)).isEqualTo("\"any\"");
    }
}
