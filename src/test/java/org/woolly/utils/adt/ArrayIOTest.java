package org.woolly.utils.adt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

/** {@code array_in}/{@code array_out}/{@code array_recv}/{@code array_send} against PostgreSQL 15's answers. */
class ArrayIOTest {
    private static final FormatSettings SETTINGS = FormatSettings.DEFAULT;
    private static final TypeIO INT_ARRAY = BuiltinTypes.byOid(1007).io();
    private static final TypeIO TEXT_ARRAY = BuiltinTypes.byOid(1009).io();

    private static String roundTrip(TypeIO io, String text) {
        return io.output(io.input(text, -1, SETTINGS), SETTINGS);
    }

    @Test
    void textFormMatchesPostgres() {
        assertThat(roundTrip(INT_ARRAY, "{1,2,NULL}")).isEqualTo("{1,2,NULL}");
        assertThat(roundTrip(INT_ARRAY, "  { 1 , 2 }  ")).isEqualTo("{1,2}");
        assertThat(roundTrip(INT_ARRAY, "[0:1]={1,2}")).isEqualTo("[0:1]={1,2}");
        assertThat(roundTrip(INT_ARRAY, "{{1,2},{3,4}}")).isEqualTo("{{1,2},{3,4}}");
        assertThat(roundTrip(INT_ARRAY, "[1:1][2:3]={{1,2}}")).isEqualTo("[1:1][2:3]={{1,2}}");
        assertThat(roundTrip(INT_ARRAY, "{}")).isEqualTo("{}");
        assertThat(roundTrip(TEXT_ARRAY, "{a b,\"\",NULL,\"NULL\",\"x\\\\y\",\\ q}"))
                .isEqualTo("{\"a b\",\"\",NULL,\"NULL\",\"x\\\\y\",\" q\"}");
    }

    @Test
    void malformedLiteralsGivePostgresDetails() {
        String[][] cases = {
                {"{1,2", "Unexpected end of input."},
                {"{{1},2}", "Unexpected array element."},
                {"{1,{2}}", "Unexpected \"{\" character."},
                {"1", "Array value must start with \"{\" or dimension information."},
                {"{1}x", "Junk after closing right brace."},
                {"{{1,2},{3}}", "Multidimensional arrays must have sub-arrays with matching dimensions."},
                {"{1,,2}", "Unexpected \",\" character."},
                {"{1,}", "Unexpected \"}\" character."},
                {"{{},{}}", "Unexpected \"}\" character."},
                {"[1:2]={1}", "Specified array dimensions do not match array contents."},
                {"[1:2]{1,2}", "Missing \"=\" after array dimensions."},
                {"[1:2", "Missing \"]\" after array dimensions."},
                {"[a]={1}", "\"[\" must introduce explicitly-specified array dimensions."},
                {"{\"1\"x}", "Unexpected array element."},
        };
        for (String[] test : cases) {
            assertThatThrownBy(() -> INT_ARRAY.input(test[0], -1, SETTINGS)).as(test[0])
                    .isInstanceOfSatisfying(SqlException.class, error -> {
                        assertThat(error.sqlState()).isEqualTo(SqlState.INVALID_TEXT_REPRESENTATION);
                        assertThat(error.getMessage()).isEqualTo("malformed array literal: \"" + test[0] + "\"");
                        assertThat(error.detail()).isEqualTo(test[1]);
                    });
        }
        assertThatThrownBy(() -> INT_ARRAY.input("[2:1]={}", -1, SETTINGS)).isInstanceOfSatisfying(SqlException.class,
                error -> assertThat(error.sqlState()).isEqualTo(SqlState.ARRAY_SUBSCRIPT_ERROR));
        assertThatThrownBy(() -> INT_ARRAY.input("{{{{{{{1}}}}}}}", -1, SETTINGS)).isInstanceOfSatisfying(
                SqlException.class, error -> assertThat(error.getMessage())
                        .isEqualTo("number of array dimensions (7) exceeds the maximum allowed (6)"));
        assertThatThrownBy(() -> INT_ARRAY.input("{a b}", -1, SETTINGS)).hasMessage(
                "invalid input syntax for type integer: \"a b\"");
    }

    @Test
    void binaryFormIsArraySend() {
        Object value = INT_ARRAY.input("[0:1]={7,NULL}", -1, SETTINGS);
        byte[] bytes = INT_ARRAY.send(value, SETTINGS);
        // ndim 1, has nulls 1, element int4, length 2, lower bound 0, 4-byte 7, NULL
        assertThat(Arrays.copyOf(bytes, 20)).containsExactly(0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 23, 0, 0, 0, 2, 0, 0, 0, 0);
        assertThat(bytes).hasSize(32);
        assertThat(INT_ARRAY.receive(bytes, 0, bytes.length, -1, SETTINGS)).isEqualTo(value);
        assertThat(ArrayIO.decode(bytes, 0, bytes.length)).isEqualTo(value);
        assertThatThrownBy(() -> TEXT_ARRAY.receive(bytes, 0, bytes.length, -1, SETTINGS)).isInstanceOfSatisfying(
                SqlException.class, error -> assertThat(error.sqlState()).isEqualTo(SqlState.DATATYPE_MISMATCH));
    }

    @Test
    void equalityAndOrderFollowArrayCmp() {
        TypeIO numerics = BuiltinTypes.byOid(1231).io();
        assertThat(numerics.input("{1.0,2}", -1, SETTINGS)).isEqualTo(
                ArrayValue.of(TypeOids.NUMERIC, List.of(new BigDecimal("1"), new BigDecimal("2.00"))));
        var order = ArrayValue.comparator(TypeOids.INT4);
        assertThat(order.compare(INT_ARRAY.input("{1,2}", -1, SETTINGS), INT_ARRAY.input("{1,3}", -1, SETTINGS)))
                .isNegative();
        assertThat(order.compare(INT_ARRAY.input("{1,2}", -1, SETTINGS), INT_ARRAY.input("{1}", -1, SETTINGS)))
                .isPositive();
        assertThat(order.compare(INT_ARRAY.input("{1,NULL}", -1, SETTINGS), INT_ARRAY.input("{1,5}", -1, SETTINGS)))
                .isPositive();
        assertThat(INT_ARRAY.input("{1,2}", -1, SETTINGS)).isNotEqualTo(INT_ARRAY.input("[0:1]={1,2}", -1, SETTINGS));
    }

    /** A catalog with one enum type (OID 90001): labels sad, ok, happy with OIDs 90010 to 90012. */
    private static CatalogInquiries enumCatalog(String[] labels) {
        return (CatalogInquiries) java.lang.reflect.Proxy.newProxyInstance(CatalogInquiries.class.getClassLoader(),
                new Class<?>[] {CatalogInquiries.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "isEnumType" -> (Integer) args[0] == 90001;
                    case "enumLabel" -> labels[(Integer) args[0] - 90010];
                    case "enumLabelOid" -> 90010 + List.of(labels).indexOf((String) args[1]);
                    case "formatType" -> "mood";
                    default -> method.isDefault()
                            ? java.lang.reflect.InvocationHandler.invokeDefault(proxy, method, args) : null;
                });
    }

    @Test
    void anEnumArrayIsStoredByLabelOidAndSentByLabel() {
        String[] labels = {"sad", "ok", "happy"};
        ScopedValue.where(CatalogInquiries.CURRENT, enumCatalog(labels)).run(() -> {
            ArrayIO io = new ArrayIO(90001);
            ArrayValue array = (ArrayValue) io.input("{happy,NULL,sad}", -1, SETTINGS);
            assertThat(array.elements()).containsExactly(90012, null, 90010);

            byte[] stored = ArrayIO.encode(array, SETTINGS);
            assertThat(TypeErrors.readInt(stored, 4)).isEqualTo(1 | ArrayIO.STORED_BY_OID);
            assertThat(TypeErrors.readInt(stored, 8)).isEqualTo(90001);
            assertThat(TypeErrors.readInt(stored, 20)).isEqualTo(4); // first element: 4 bytes, its OID
            assertThat(TypeErrors.readInt(stored, 24)).isEqualTo(90012);
            assertThat(ArrayIO.decode(stored, 0, stored.length)).isEqualTo(array);

            // array_send writes the labels (enum_send), with PostgreSQL's flags
            byte[] wire = io.send(array, SETTINGS);
            assertThat(TypeErrors.readInt(wire, 4)).isEqualTo(1);
            assertThat(TypeErrors.readInt(wire, 20)).isEqualTo(5);
            assertThat(new String(wire, 24, 5, java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("happy");
            assertThat(io.receive(wire, 0, wire.length, -1, SETTINGS)).isEqualTo(array);
            // the stored-only flag is refused from a client
            assertThatThrownBy(() -> io.receive(stored, 0, stored.length, -1, SETTINGS))
                    .hasMessage("invalid array flags");
        });
        // a renamed label: the stored OIDs now print the new name
        labels[0] = "blue";
        ScopedValue.where(CatalogInquiries.CURRENT, enumCatalog(labels)).run(() -> {
            ArrayIO io = new ArrayIO(90001);
            byte[] stored = ArrayIO.encode(new ArrayValue(90001, new int[] {1}, new int[] {1}, new Object[] {90010}),
                    SETTINGS);
            assertThat(io.output(ArrayIO.decode(stored, 0, stored.length), SETTINGS)).isEqualTo("{blue}");
        });
    }

    @Test
    void builtInArraysAreStoredInTheirBinaryForm() {
        ArrayValue array = (ArrayValue) INT_ARRAY.input("{1,NULL,3}", -1, SETTINGS);
        byte[] stored = ArrayIO.encode(array, SETTINGS);
        assertThat(stored).isEqualTo(INT_ARRAY.send(array, SETTINGS));
        assertThat(ArrayIO.decode(stored, 0, stored.length)).isEqualTo(array);
    }
}
