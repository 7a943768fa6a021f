package org.woolly.analyzer.resolve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.woolly.utils.adt.TypeOids;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

/** Overload resolution between user routines and the built-ins (PostgreSQL's func_select_candidate rules). */
class RoutineResolverTest {

    private static RoutineResolver.Candidate<String> candidate(String name, int... declared) {
        return new RoutineResolver.Candidate<>(name, declared);
    }

    @Test
    void anExactMatchWinsOverCoercibleCandidates() {
        var choice = RoutineResolver.choose("pick", List.of(candidate("int4", TypeOids.INT4),
                candidate("int8", TypeOids.INT8), candidate("numeric", TypeOids.NUMERIC)), false,
                new int[] {TypeOids.INT8}, "bigint");
        assertThat(choice.chosen().routine()).isEqualTo("int8");
    }

    @Test
    void aNumericArgumentGoesToThePreferredTypeOfItsCategory() {
        var choice = RoutineResolver.choose("pick", List.of(candidate("float8", TypeOids.FLOAT8),
                candidate("text", TypeOids.TEXT)), false, new int[] {TypeOids.INT4}, "integer");
        assertThat(choice.chosen().routine()).isEqualTo("float8");
    }

    @Test
    void anUnknownLiteralPrefersTheStringCategory() {
        var choice = RoutineResolver.choose("pick", List.of(candidate("int4", TypeOids.INT4),
                candidate("text", TypeOids.TEXT)), false, new int[] {TypeOids.UNKNOWN}, "unknown");
        assertThat(choice.chosen().routine()).isEqualTo("text");
    }

    @Test
    void aBuiltinWithTheExactSignatureWinsOverAUserRoutineNeedingACast() {
        var choice = RoutineResolver.choose("upper", List.of(candidate("user", TypeOids.VARCHAR)), true,
                new int[] {TypeOids.TEXT}, "text");
        assertThat(choice.builtin()).isTrue();
    }

    @Test
    void aUserRoutineWithMoreArgumentsStandsBesideTheBuiltin() {
        var choice = RoutineResolver.choose("upper", List.of(candidate("user", TypeOids.TEXT, TypeOids.INT4)), true,
                new int[] {TypeOids.UNKNOWN, TypeOids.INT4}, "unknown, integer");
        assertThat(choice.chosen().routine()).isEqualTo("user");
    }

    @Test
    void noMatchIs42883AndATieIs42725() {
        SqlException none = catchThrowableOfType(SqlException.class, () -> RoutineResolver.choose("pick",
                List.of(candidate("int4", TypeOids.INT4)), false, new int[] {TypeOids.BOOL}, "boolean"));
        assertThat(none.sqlState()).isEqualTo(SqlState.UNDEFINED_FUNCTION);
        assertThat(none.getMessage()).isEqualTo("function pick(boolean) does not exist");
        SqlException tie = catchThrowableOfType(SqlException.class, () -> RoutineResolver.choose("pick",
                List.of(candidate("int4", TypeOids.INT4), candidate("int8", TypeOids.INT8)), false,
                new int[] {TypeOids.UNKNOWN}, "unknown"));
        assertThat(tie.sqlState()).isEqualTo(SqlState.AMBIGUOUS_FUNCTION);
        assertThat(tie.getMessage()).isEqualTo("function pick(unknown) is not unique");
    }

    @Test
    void polymorphicResultsFollowTheArguments() {
        assertThat(RoutineResolver.bindPolymorphic(TypeOids.ANYELEMENT, new int[] {TypeOids.ANYARRAY},
                new int[] {1007})).isEqualTo(TypeOids.INT4);
        assertThat(RoutineResolver.bindPolymorphic(TypeOids.ANYARRAY, new int[] {TypeOids.ANYELEMENT},
                new int[] {TypeOids.TEXT})).isEqualTo(1009);
    }
}
