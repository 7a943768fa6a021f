package org.woolly.analyzer;

import org.woolly.nodes.parse.TypeName;
import org.woolly.utils.adt.TypeOids;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

/** Type modifiers from written modifiers ({@code typmodin} functions: {@code varchartypmodin}, {@code numerictypmodin}). */
public final class TypeModifiers {
    private static final int VARHDRSZ = 4;

    private TypeModifiers() {}

    /** The type modifier PostgreSQL stores for the written modifiers ({@code typmodin}). */
    public static int of(int typeOid, TypeName typeName) {
        var modifiers = typeName.modifiers();
        if (modifiers == null || modifiers.isEmpty()) {
            return -1;
        }
        return switch (typeOid) {
            case TypeOids.VARCHAR, TypeOids.BPCHAR -> {
                int length = modifiers.getFirst();
                if (length < 1) {
                    throw error(SqlState.INVALID_PARAMETER_VALUE, typeName.location(),
                            "length for type %s must be at least 1", typeOid == TypeOids.VARCHAR ? "varchar" : "char");
                }
                yield length + VARHDRSZ;
            }
            case TypeOids.NUMERIC -> {
                int precision = modifiers.getFirst();
                int scale = modifiers.size() > 1 ? modifiers.get(1) : 0;
                if (precision < 1 || precision > 1000) {
                    throw error(SqlState.INVALID_PARAMETER_VALUE, typeName.location(),
                            "NUMERIC precision %d must be between 1 and 1000", precision);
                }
                yield ((precision << 16) | (scale & 0xffff)) + VARHDRSZ;
            }
            case TypeOids.TIMESTAMP, TypeOids.TIMESTAMPTZ, TypeOids.TIME, TypeOids.INTERVAL -> modifiers.getFirst();
            default -> throw error(SqlState.SYNTAX_ERROR, typeName.location(),
                    "type modifier is not allowed for type \"%s\"", typeName.name());
        };
    }

    private static SqlException error(SqlState state, int location, String format, Object... args) {
        return ParseState.error(state, location, format, args);
    }
}
