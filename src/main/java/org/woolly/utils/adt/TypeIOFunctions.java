package org.woolly.utils.adt;

import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

/**
 * The types' I/O functions as SQL-callable built-ins ({@code int4in}, {@code int4out},
 * {@code int4send}, {@code array_in}, {@code record_out}, ...), the rows of
 * {@link PgTypeIOProcData}: each runs the {@link TypeIO} of the type it serves, so
 * {@code int4in('42')} parses as {@code '42'::int4} does and {@code int4send(5)} gives the
 * binary protocol's bytes. The polymorphic ones take the type from their OID argument
 * ({@code array_in(cstring, element oid, typmod)}, {@code record_in}, {@code enum_in}) or from the
 * call ({@code array_out(anyarray)}). A pseudo-type's input and output refuse, as
 * {@code pseudotypes.c} does: 0A000 "cannot accept a value of type ..." / "cannot display a
 * value of type ...". Their rows let {@code pg_type.typinput} and its kin be {@code regproc}
 * values, which drivers compare ({@code typinput = 'array_in'::regproc}).
 */
final class TypeIOFunctions {

    private TypeIOFunctions() {}

    static void register(BuiltinFunctions.Registry r) {
        for (PgTypeIOProcData.IOProc row : PgTypeIOProcData.all()) {
            PgProcData.Proc proc = row.proc();
            r.function(proc.name(), proc.returnType(), proc.volatility(), proc.strict(), implementation(row),
                    proc.argumentTypes());
        }
    }

    private static FunctionImplementation implementation(PgTypeIOProcData.IOProc row) {
        PgProcData.Proc proc = row.proc();
        int[] arguments = proc.argumentTypes();
        if (isRangeFamily(row.role() == PgTypeIOProcData.Role.INPUT || row.role() == PgTypeIOProcData.Role.RECEIVE
                ? proc.returnType() : arguments[0])) {
            return rangeImplementation(row);
        }
        return switch (row.role()) {
            case INPUT -> (a, c) -> {
                int typmod = arguments.length > 2 && a[2] != null ? ((Number) a[2]).intValue() : -1;
                return readerOf(proc.returnType(), a).input((String) a[0], typmod, c.formatSettings());
            };
            case RECEIVE -> (a, c) -> {
                byte[] bytes = (byte[]) a[0];
                int typmod = arguments.length > 2 && a[2] != null ? ((Number) a[2]).intValue() : -1;
                return readerOf(proc.returnType(), a).receive(bytes, 0, bytes.length, typmod, c.formatSettings());
            };
            case OUTPUT -> arguments[0] == TypeOids.ANYENUM ? (a, c) -> enumLabel(a[0], c)
                    : writer(arguments[0], (io, a, c) -> io.output(a[0], c.formatSettings()));
            case SEND -> arguments[0] == TypeOids.ANYENUM
                    ? (a, c) -> enumLabel(a[0], c).getBytes(java.nio.charset.StandardCharsets.UTF_8)
                    : writer(arguments[0], (io, a, c) -> io.send(a[0], c.formatSettings()));
        };
    }

    private static boolean isRangeFamily(int type) {
        return type == TypeOids.ANYRANGE || type == TypeOids.ANYMULTIRANGE || type == TypeOids.ANYCOMPATIBLERANGE
                || type == TypeOids.ANYCOMPATIBLEMULTIRANGE;
    }

    /**
     * {@code range_in}/{@code multirange_in} and their kin: the type named by the OID argument, or
     * for output the value's own type; the pseudo-types' own functions ({@code anyrange_in}) refuse.
     */
    private static FunctionImplementation rangeImplementation(PgTypeIOProcData.IOProc row) {
        PgProcData.Proc proc = row.proc();
        boolean reading = row.role() == PgTypeIOProcData.Role.INPUT || row.role() == PgTypeIOProcData.Role.RECEIVE;
        int pseudoType = reading ? proc.returnType() : proc.argumentTypes()[0];
        if (proc.name().startsWith("any")) {
            return (a, c) -> {
                throw unusable(pseudoType, reading ? "cannot accept a value of type %s"
                        : "cannot display a value of type %s");
            };
        }
        return (a, c) -> {
            FormatSettings settings = c.formatSettings();
            return switch (row.role()) {
                case INPUT -> BuiltinTypes.byOid(((Number) a[1]).intValue()).io().input((String) a[0], -1, settings);
                case RECEIVE -> {
                    byte[] bytes = (byte[]) a[0];
                    yield BuiltinTypes.byOid(((Number) a[1]).intValue()).io().receive(bytes, 0, bytes.length, -1,
                            settings);
                }
                case OUTPUT -> BuiltinTypes.byOid(typeOf(a[0])).io().output(a[0], settings);
                case SEND -> BuiltinTypes.byOid(typeOf(a[0])).io().send(a[0], settings);
            };
        };
    }

    private static int typeOf(Object rangeOrMultirange) {
        return rangeOrMultirange instanceof MultirangeValue multirange ? multirange.typeOid()
                : ((RangeValue) rangeOrMultirange).typeOid();
    }

    /** The I/O reading a value of {@code declared} type, the OID argument naming it when polymorphic. */
    private static TypeIO readerOf(int declared, Object[] args) {
        Integer named = args.length > 1 && args[1] != null ? ((Number) args[1]).intValue() : null;
        return switch (declared) {
            case TypeOids.ANYARRAY -> named == null ? refuseInput(declared) : arrayIo(named);
            case TypeOids.RECORD, TypeOids.ANYENUM -> named == null ? refuseInput(declared) : RecordIO.fieldIo(named);
            default -> usable(declared) ? BuiltinTypes.byOid(declared).io() : refuseInput(declared);
        };
    }

    private interface Writing {
        Object write(TypeIO io, Object[] args, FunctionContext context);
    }

    /** An output or send function over {@code declared}: arrays by the call's element type. */
    private static FunctionImplementation writer(int declared, Writing writing) {
        return switch (declared) {
            case TypeOids.ANYARRAY, TypeOids.ANYCOMPATIBLEARRAY ->
                    (PolymorphicImplementation) element -> (a, c) -> writing.write(arrayIo(element), a, c);
            case TypeOids.RECORD -> (a, c) -> writing.write(RecordIO.ANONYMOUS, a, c);
            default -> usable(declared)
                    ? (a, c) -> writing.write(BuiltinTypes.byOid(declared).io(), a, c)
                    : (a, c) -> {
                        throw unusable(declared, "cannot display a value of type %s");
                    };
        };
    }

    /** A type whose values exist: any built-in one but the pseudo-types other than cstring and void. */
    private static boolean usable(int type) {
        PgType builtin = BuiltinTypes.byOid(type);
        return builtin != null && (!PgTypeData.byOid(type).isPseudoType() || type == TypeOids.CSTRING
                || type == TypeOids.VOID);
    }

    private static TypeIO refuseInput(int type) {
        throw unusable(type, "cannot accept a value of type %s");
    }

    /** A pseudo-type's refusal, or for a type Woolly does not implement yet, that. */
    private static SqlException unusable(int type, String pseudoTypeMessage) {
        PgTypeData.Type row = PgTypeData.byOid(type);
        return SqlException.of(SqlState.FEATURE_NOT_SUPPORTED,
                row.isPseudoType() ? pseudoTypeMessage : "type %s is not supported yet", row.name());
    }

    private static TypeIO arrayIo(int elementType) {
        int arrayType = BuiltinTypes.arrayTypeOf(elementType);
        if (arrayType == 0) {
            throw SqlException.of(SqlState.FEATURE_NOT_SUPPORTED, "arrays of type %s are not supported yet",
                    RecordIO.typeName(elementType));
        }
        return BuiltinTypes.byOid(arrayType).io();
    }

    /** An enum value is its label's OID; enum_out writes the label, enum_send its UTF-8 bytes. */
    private static String enumLabel(Object value, FunctionContext context) {
        return context.catalogInquiries().enumLabel(((Number) value).intValue());
    }
}
