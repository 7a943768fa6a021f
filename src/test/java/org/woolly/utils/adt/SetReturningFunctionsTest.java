package org.woolly.utils.adt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.woolly.utils.error.SqlException;

/** generate_series over each type, against what PostgreSQL 15 prints for the same calls. */
class SetReturningFunctionsTest {
    private static final TestFunctionContext CONTEXT = new TestFunctionContext();

    /** {@code series(INT4, "1", INT4, "3")}: alternating type OIDs and literal texts; values printed. */
    private static List<String> series(Object... typesAndTexts) {
        int count = typesAndTexts.length / 2;
        int[] types = new int[count];
        Object[] args = new Object[count];
        for (int i = 0; i < count; i++) {
            types[i] = (Integer) typesAndTexts[2 * i];
            args[i] = BuiltinTypes.byOid(types[i]).io().input((String) typesAndTexts[2 * i + 1], -1,
                    CONTEXT.formatSettings());
        }
        FunctionDescriptor function = BuiltinFunctions.byName("generate_series").stream()
                .filter(candidate -> Arrays.equals(candidate.argumentTypes(), types)).findFirst().orElseThrow();
        assertThat(SetReturningFunctions.returnsSet(function.oid())).isTrue();
        Iterator<?> values = (Iterator<?>) function.invoke(args, CONTEXT);
        List<String> printed = new ArrayList<>();
        values.forEachRemaining(value -> printed.add(BuiltinTypes.byOid(function.returnType()).io()
                .output(value, CONTEXT.formatSettings())));
        return printed;
    }

    @Test
    void integerSeries() {
        int int4 = TypeOids.INT4;
        assertThat(series(int4, "1", int4, "5")).containsExactly("1", "2", "3", "4", "5");
        assertThat(series(int4, "10", int4, "1", int4, "-4")).containsExactly("10", "6", "2");
        assertThat(series(int4, "3", int4, "1")).isEmpty();
        // the step past the largest value ends the series instead of overflowing
        assertThat(series(int4, "2147483646", int4, "2147483647")).containsExactly("2147483646", "2147483647");
        int int8 = TypeOids.INT8;
        assertThat(series(int8, "9223372036854775806", int8, "9223372036854775807", int8, "5"))
                .containsExactly("9223372036854775806");
    }

    @Test
    void numericAndTimestampSeries() {
        int numeric = TypeOids.NUMERIC;
        assertThat(series(numeric, "0.1", numeric, "0.35", numeric, "0.1")).containsExactly("0.1", "0.2", "0.3");
        assertThat(series(numeric, "1.5", numeric, "3.5")).containsExactly("1.5", "2.5", "3.5");
        int timestamp = TypeOids.TIMESTAMP;
        assertThat(series(timestamp, "2024-01-31", timestamp, "2024-04-30", TypeOids.INTERVAL, "1 month"))
                .containsExactly("2024-01-31 00:00:00", "2024-02-29 00:00:00", "2024-03-29 00:00:00",
                        "2024-04-29 00:00:00");
    }

    @Test
    void invalidStepsAreRefused() {
        int int4 = TypeOids.INT4;
        assertThatThrownBy(() -> series(int4, "1", int4, "3", int4, "0")).isInstanceOf(SqlException.class)
                .hasMessage("step size cannot equal zero")
                .satisfies(error -> assertThat(((SqlException) error).sqlState().code()).isEqualTo("22023"));
        int numeric = TypeOids.NUMERIC;
        assertThatThrownBy(() -> series(numeric, "1", numeric, "NaN")).hasMessage("stop value cannot be NaN");
        assertThatThrownBy(() -> series(numeric, "1", numeric, "Infinity")).hasMessage("stop value cannot be infinity");
        int timestamp = TypeOids.TIMESTAMP;
        assertThatThrownBy(() -> series(timestamp, "2024-01-01", timestamp, "2024-01-02", TypeOids.INTERVAL, "0"))
                .hasMessage("step size cannot equal zero");
    }

    @Test
    void rowEstimatesFollowTheSupportFunction() {
        assertThat(SetReturningFunctions.estimateRows(1067, new Object[] {1, 10})).isEqualTo(10);
        assertThat(SetReturningFunctions.estimateRows(1066, new Object[] {10, 1, -4})).isEqualTo(3);
        assertThat(SetReturningFunctions.estimateRows(1066, new Object[] {1, 10, 0})).isEqualTo(-1);
        assertThat(SetReturningFunctions.estimateRows(3260, new Object[] {1, 10})).isEqualTo(-1);
    }
}
