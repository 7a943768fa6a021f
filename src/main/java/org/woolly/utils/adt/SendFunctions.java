package org.woolly.utils.adt;

/**
 * The binary output functions callable from SQL ({@code int4send}, {@code float8send},
 * {@code numeric_send}, ...): a value's binary wire form as bytea, from its type's
 * {@link TypeIO#send}, so that {@code SELECT float4send('5e-20'::float4)} shows the bits.
 */
final class SendFunctions {
    private SendFunctions() {}

    static void register(BuiltinFunctions.Registry r) {
        send(r, "boolsend", TypeOids.BOOL);
        send(r, "int2send", TypeOids.INT2);
        send(r, "int4send", TypeOids.INT4);
        send(r, "int8send", TypeOids.INT8);
        // stable in PostgreSQL: the bytes follow the client encoding
        TypeIO text = BuiltinTypes.byOid(TypeOids.TEXT).io();
        r.function("textsend", TypeOids.BYTEA, PgProcData.STABLE, PgProcData.STRICT,
                (a, c) -> text.send(a[0], c.formatSettings()), TypeOids.TEXT);
        send(r, "float4send", TypeOids.FLOAT4);
        send(r, "float8send", TypeOids.FLOAT8);
        send(r, "numeric_send", TypeOids.NUMERIC);
    }

    private static void send(BuiltinFunctions.Registry r, String name, int type) {
        TypeIO io = BuiltinTypes.byOid(type).io();
        r.function(name, TypeOids.BYTEA, (a, c) -> io.send(a[0], c.formatSettings()), type);
    }
}
