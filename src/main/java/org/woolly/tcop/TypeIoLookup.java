package org.woolly.tcop;

import org.woolly.utils.adt.BuiltinTypes;
import org.woolly.utils.adt.PgType;
import org.woolly.utils.adt.TypeIO;

/**
 * Finds the I/O functions of a type by OID, for encoding DataRow values and decoding Bind
 * parameters. The server passes the built-in type table's lookup; tests may pass their own.
 */
@FunctionalInterface
public interface TypeIoLookup {

    /** The type's I/O; never null (unknown OIDs get a text-only fallback). */
    TypeIO forType(int typeOid);

    /** The built-in type table ({@link BuiltinTypes}), with {@link UserTypeIO} for OIDs it lacks. */
    static TypeIoLookup builtin() {
        return typeOid -> {
            PgType type = BuiltinTypes.byOid(typeOid);
            return type != null ? type.io() : new UserTypeIO(typeOid);
        };
    }
}
