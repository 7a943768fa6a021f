package org.woolly.catalog;

/**
 * A user-defined cast's {@code pg_cast} row ({@code Form_pg_cast} in {@code pg_cast.h}):
 * {@code function} 0 unless {@code method} is 'f'; {@code method} 'f' function, 'b' binary
 * coercible (WITHOUT FUNCTION), 'i' through the types' I/O (WITH INOUT); {@code context} 'e'
 * explicit only, 'a' in assignment too, 'i' implicitly too.
 */
public record CastInfo(int oid, int source, int target, int function, char context, char method) {

    static CastInfo of(CatalogRow row) {
        return new CastInfo(row.getOid("oid"), row.getOid("castsource"), row.getOid("casttarget"),
                row.getOid("castfunc"), row.getChar("castcontext"), row.getChar("castmethod"));
    }

    Object[] row() {
        return new RowBuilder(CatalogDefinitions.PG_CAST).set("oid", oid).set("castsource", source)
                .set("casttarget", target).set("castfunc", function).setChar("castcontext", context)
                .setChar("castmethod", method).build();
    }
}
