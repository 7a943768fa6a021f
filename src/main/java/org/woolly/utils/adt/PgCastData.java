package org.woolly.utils.adt;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.woolly.utils.adt.CastDescriptor.ASSIGNMENT;
import static org.woolly.utils.adt.CastDescriptor.EXPLICIT;
import static org.woolly.utils.adt.CastDescriptor.IMPLICIT;
import static org.woolly.utils.adt.TypeOids.*;

/**
 * The casts between built-in types Woolly implements, one line per {@code pg_cast} row with
 * PostgreSQL 15's OID, source, target, function OID ({@code castfunc}, 0 when none), context and
 * method: the role of {@code src/include/catalog/pg_cast.dat}. {@link BuiltinCasts} attaches an
 * implementation to each; I/O conversion casts have no row, as in PostgreSQL.
 */
public final class PgCastData {
    public static final char FUNCTION = 'f';
    public static final char BINARY = 'b';
    public static final char INOUT = 'i';

    /** One pg_cast row. */
    public record Cast(int oid, int source, int target, int function, char context, char method) {}

    private static final List<Cast> ALL = List.of(
            cast(10000, INT8, INT2, 714, ASSIGNMENT, FUNCTION),
            cast(10001, INT8, INT4, 480, ASSIGNMENT, FUNCTION),
            cast(10002, INT8, FLOAT4, 652, IMPLICIT, FUNCTION),
            cast(10003, INT8, FLOAT8, 482, IMPLICIT, FUNCTION),
            cast(10004, INT8, NUMERIC, 1781, IMPLICIT, FUNCTION),
            cast(10005, INT2, INT8, 754, IMPLICIT, FUNCTION),
            cast(10006, INT2, INT4, 313, IMPLICIT, FUNCTION),
            cast(10007, INT2, FLOAT4, 236, IMPLICIT, FUNCTION),
            cast(10008, INT2, FLOAT8, 235, IMPLICIT, FUNCTION),
            cast(10009, INT2, NUMERIC, 1782, IMPLICIT, FUNCTION),
            cast(10010, INT4, INT8, 481, IMPLICIT, FUNCTION),
            cast(10011, INT4, INT2, 314, ASSIGNMENT, FUNCTION),
            cast(10012, INT4, FLOAT4, 318, IMPLICIT, FUNCTION),
            cast(10013, INT4, FLOAT8, 316, IMPLICIT, FUNCTION),
            cast(10014, INT4, NUMERIC, 1740, IMPLICIT, FUNCTION),
            cast(10015, FLOAT4, INT8, 653, ASSIGNMENT, FUNCTION),
            cast(10016, FLOAT4, INT2, 238, ASSIGNMENT, FUNCTION),
            cast(10017, FLOAT4, INT4, 319, ASSIGNMENT, FUNCTION),
            cast(10018, FLOAT4, FLOAT8, 311, IMPLICIT, FUNCTION),
            cast(10019, FLOAT4, NUMERIC, 1742, ASSIGNMENT, FUNCTION),
            cast(10020, FLOAT8, INT8, 483, ASSIGNMENT, FUNCTION),
            cast(10021, FLOAT8, INT2, 237, ASSIGNMENT, FUNCTION),
            cast(10022, FLOAT8, INT4, 317, ASSIGNMENT, FUNCTION),
            cast(10023, FLOAT8, FLOAT4, 312, ASSIGNMENT, FUNCTION),
            cast(10024, FLOAT8, NUMERIC, 1743, ASSIGNMENT, FUNCTION),
            cast(10025, NUMERIC, INT8, 1779, ASSIGNMENT, FUNCTION),
            cast(10026, NUMERIC, INT2, 1783, ASSIGNMENT, FUNCTION),
            cast(10027, NUMERIC, INT4, 1744, ASSIGNMENT, FUNCTION),
            cast(10028, NUMERIC, FLOAT4, 1745, IMPLICIT, FUNCTION),
            cast(10029, NUMERIC, FLOAT8, 1746, IMPLICIT, FUNCTION),
            cast(10034, INT4, BOOL, 2557, EXPLICIT, FUNCTION),
            cast(10035, BOOL, INT4, 2558, EXPLICIT, FUNCTION),
            cast(10037, INT8, OID, 1287, IMPLICIT, FUNCTION),
            cast(10038, INT2, OID, 313, IMPLICIT, FUNCTION),
            cast(10039, INT4, OID, 0, IMPLICIT, BINARY),
            cast(10040, OID, INT8, 1288, ASSIGNMENT, FUNCTION),
            cast(10041, OID, INT4, 0, ASSIGNMENT, BINARY),
            cast(10042, OID, REGPROC, 0, IMPLICIT, BINARY),
            cast(10043, REGPROC, OID, 0, IMPLICIT, BINARY),
            cast(10046, INT4, REGPROC, 0, IMPLICIT, BINARY),
            cast(10047, REGPROC, INT8, 1288, ASSIGNMENT, FUNCTION),
            cast(10048, REGPROC, INT4, 0, ASSIGNMENT, BINARY),
            cast(10049, REGPROC, REGPROCEDURE, 0, IMPLICIT, BINARY),
            cast(10050, REGPROCEDURE, REGPROC, 0, IMPLICIT, BINARY),
            cast(10051, OID, REGPROCEDURE, 0, IMPLICIT, BINARY),
            cast(10052, REGPROCEDURE, OID, 0, IMPLICIT, BINARY),
            cast(10055, INT4, REGPROCEDURE, 0, IMPLICIT, BINARY),
            cast(10056, REGPROCEDURE, INT8, 1288, ASSIGNMENT, FUNCTION),
            cast(10057, REGPROCEDURE, INT4, 0, ASSIGNMENT, BINARY),
            cast(10074, OID, REGCLASS, 0, IMPLICIT, BINARY),
            cast(10075, REGCLASS, OID, 0, IMPLICIT, BINARY),
            cast(10078, INT4, REGCLASS, 0, IMPLICIT, BINARY),
            cast(10079, REGCLASS, INT8, 1288, ASSIGNMENT, FUNCTION),
            cast(10080, REGCLASS, INT4, 0, ASSIGNMENT, BINARY),
            cast(10088, OID, REGTYPE, 0, IMPLICIT, BINARY),
            cast(10089, REGTYPE, OID, 0, IMPLICIT, BINARY),
            cast(10092, INT4, REGTYPE, 0, IMPLICIT, BINARY),
            cast(10093, REGTYPE, INT8, 1288, ASSIGNMENT, FUNCTION),
            cast(10094, REGTYPE, INT4, 0, ASSIGNMENT, BINARY),
            cast(10111, OID, REGROLE, 0, IMPLICIT, BINARY),
            cast(10112, REGROLE, OID, 0, IMPLICIT, BINARY),
            cast(10115, INT4, REGROLE, 0, IMPLICIT, BINARY),
            cast(10116, REGROLE, INT8, 1288, ASSIGNMENT, FUNCTION),
            cast(10117, REGROLE, INT4, 0, ASSIGNMENT, BINARY),
            cast(10118, OID, REGNAMESPACE, 0, IMPLICIT, BINARY),
            cast(10119, REGNAMESPACE, OID, 0, IMPLICIT, BINARY),
            cast(10122, INT4, REGNAMESPACE, 0, IMPLICIT, BINARY),
            cast(10123, REGNAMESPACE, INT8, 1288, ASSIGNMENT, FUNCTION),
            cast(10124, REGNAMESPACE, INT4, 0, ASSIGNMENT, BINARY),
            cast(10125, TEXT, BPCHAR, 0, IMPLICIT, BINARY),
            cast(10126, TEXT, VARCHAR, 0, IMPLICIT, BINARY),
            cast(10127, BPCHAR, TEXT, 401, IMPLICIT, FUNCTION),
            cast(10128, BPCHAR, VARCHAR, 401, IMPLICIT, FUNCTION),
            cast(10129, VARCHAR, TEXT, 0, IMPLICIT, BINARY),
            cast(10130, VARCHAR, BPCHAR, 0, IMPLICIT, BINARY),
            cast(10131, CHAR, TEXT, 946, IMPLICIT, FUNCTION),
            cast(10132, CHAR, BPCHAR, 860, ASSIGNMENT, FUNCTION),
            cast(10133, CHAR, VARCHAR, 946, ASSIGNMENT, FUNCTION),
            cast(10134, NAME, TEXT, 406, IMPLICIT, FUNCTION),
            cast(10135, NAME, BPCHAR, 408, ASSIGNMENT, FUNCTION),
            cast(10136, NAME, VARCHAR, 1401, ASSIGNMENT, FUNCTION),
            cast(10137, TEXT, CHAR, 944, ASSIGNMENT, FUNCTION),
            cast(10138, BPCHAR, CHAR, 944, ASSIGNMENT, FUNCTION),
            cast(10139, VARCHAR, CHAR, 944, ASSIGNMENT, FUNCTION),
            cast(10140, TEXT, NAME, 407, IMPLICIT, FUNCTION),
            cast(10141, BPCHAR, NAME, 409, IMPLICIT, FUNCTION),
            cast(10142, VARCHAR, NAME, 1400, IMPLICIT, FUNCTION),
            cast(10143, CHAR, INT4, 77, EXPLICIT, FUNCTION),
            cast(10144, INT4, CHAR, 78, EXPLICIT, FUNCTION),
            cast(10152, DATE, TIMESTAMP, 2024, IMPLICIT, FUNCTION),
            cast(10153, DATE, TIMESTAMPTZ, 1174, IMPLICIT, FUNCTION),
            cast(10154, TIME, INTERVAL, 1370, IMPLICIT, FUNCTION),
            cast(10156, TIMESTAMP, DATE, 2029, ASSIGNMENT, FUNCTION),
            cast(10157, TIMESTAMP, TIME, 1316, ASSIGNMENT, FUNCTION),
            cast(10158, TIMESTAMP, TIMESTAMPTZ, 2028, IMPLICIT, FUNCTION),
            cast(10159, TIMESTAMPTZ, DATE, 1178, ASSIGNMENT, FUNCTION),
            cast(10160, TIMESTAMPTZ, TIME, 2019, ASSIGNMENT, FUNCTION),
            cast(10161, TIMESTAMPTZ, TIMESTAMP, 2027, ASSIGNMENT, FUNCTION),
            cast(10163, INTERVAL, TIME, 1419, ASSIGNMENT, FUNCTION),
            cast(10183, BIT, VARBIT, 0, IMPLICIT, BINARY),
            cast(10184, VARBIT, BIT, 0, IMPLICIT, BINARY),
            cast(10185, INT8, BIT, 2075, EXPLICIT, FUNCTION),
            cast(10186, INT4, BIT, 1683, EXPLICIT, FUNCTION),
            cast(10187, BIT, INT8, 2076, EXPLICIT, FUNCTION),
            cast(10188, BIT, INT4, 1684, EXPLICIT, FUNCTION),
            cast(10191, BOOL, TEXT, 2971, ASSIGNMENT, FUNCTION),
            cast(10196, BOOL, VARCHAR, 2971, ASSIGNMENT, FUNCTION),
            cast(10201, BOOL, BPCHAR, 2971, ASSIGNMENT, FUNCTION),
            cast(10165, POINT, BOX, 4091, ASSIGNMENT, FUNCTION),
            cast(10166, LSEG, POINT, 1532, EXPLICIT, FUNCTION),
            cast(10167, PATH, POLYGON, 1449, ASSIGNMENT, FUNCTION),
            cast(10168, BOX, POINT, 1534, EXPLICIT, FUNCTION),
            cast(10169, BOX, LSEG, 1541, EXPLICIT, FUNCTION),
            cast(10170, BOX, POLYGON, 1448, ASSIGNMENT, FUNCTION),
            cast(10171, BOX, CIRCLE, 1479, EXPLICIT, FUNCTION),
            cast(10172, POLYGON, POINT, 1540, EXPLICIT, FUNCTION),
            cast(10173, POLYGON, PATH, 1447, ASSIGNMENT, FUNCTION),
            cast(10174, POLYGON, BOX, 1446, EXPLICIT, FUNCTION),
            cast(10175, POLYGON, CIRCLE, 1474, EXPLICIT, FUNCTION),
            cast(10176, CIRCLE, POINT, 1416, EXPLICIT, FUNCTION),
            cast(10177, CIRCLE, BOX, 1480, EXPLICIT, FUNCTION),
            cast(10178, CIRCLE, POLYGON, 1544, EXPLICIT, FUNCTION),
            cast(10214, JSON, JSONB, 0, ASSIGNMENT, INOUT),
            cast(10215, JSONB, JSON, 0, ASSIGNMENT, INOUT),
            cast(10216, JSONB, BOOL, 3556, EXPLICIT, FUNCTION),
            cast(10217, JSONB, NUMERIC, 3449, EXPLICIT, FUNCTION),
            cast(10218, JSONB, INT2, 3450, EXPLICIT, FUNCTION),
            cast(10219, JSONB, INT4, 3451, EXPLICIT, FUNCTION),
            cast(10220, JSONB, INT8, 3452, EXPLICIT, FUNCTION),
            cast(10221, JSONB, FLOAT4, 3453, EXPLICIT, FUNCTION),
            cast(10222, JSONB, FLOAT8, 2580, EXPLICIT, FUNCTION),
            // a range to its multirange
            cast(10223, INT4RANGE, INT4MULTIRANGE, 4281, EXPLICIT, FUNCTION),
            cast(10224, INT8RANGE, INT8MULTIRANGE, 4296, EXPLICIT, FUNCTION),
            cast(10225, NUMRANGE, NUMMULTIRANGE, 4284, EXPLICIT, FUNCTION),
            cast(10226, DATERANGE, DATEMULTIRANGE, 4293, EXPLICIT, FUNCTION),
            cast(10227, TSRANGE, TSMULTIRANGE, 4287, EXPLICIT, FUNCTION),
            cast(10228, TSTZRANGE, TSTZMULTIRANGE, 4290, EXPLICIT, FUNCTION)
    );

    private static final Map<Long, Cast> BY_TYPES = new HashMap<>();

    static {
        for (Cast cast : ALL) {
            if (BY_TYPES.put(key(cast.source(), cast.target()), cast) != null) {
                throw new IllegalStateException("pg_cast lists " + cast.source() + " -> " + cast.target() + " twice");
            }
        }
    }

    private PgCastData() {}

    private static Cast cast(int oid, int source, int target, int function, char context, char method) {
        return new Cast(oid, source, target, function, context, method);
    }

    private static long key(int source, int target) {
        return ((long) source << 32) | (target & 0xFFFFFFFFL);
    }

    public static List<Cast> all() {
        return ALL;
    }

    /** The pg_cast row from {@code source} to {@code target}, or null. */
    public static Cast find(int source, int target) {
        return BY_TYPES.get(key(source, target));
    }
}
