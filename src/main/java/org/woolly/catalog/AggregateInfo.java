package org.woolly.catalog;

/**
 * A user-defined aggregate's {@code pg_aggregate} row ({@code Form_pg_aggregate} in
 * {@code pg_aggregate.h}); its pg_proc row (prokind 'a') is a {@link FunctionInfo} of the same
 * OID. The support functions are kept as regproc's text (a function name, schema-qualified when
 * not in pg_catalog or the creator's search path), "-" for none: the analyzer finds each by that
 * name and the signature PostgreSQL gives it (transition: state then arguments; final: state).
 */
public record AggregateInfo(int oid, String transitionFunction, String finalFunction, String combineFunction,
                            String movingTransitionFunction, String movingInverseFunction,
                            String movingFinalFunction, boolean finalExtra, boolean movingFinalExtra,
                            char finalModify, char movingFinalModify, int sortOperator, int transitionType,
                            int transitionSpace, int movingTransitionType, int movingTransitionSpace,
                            String initialValue, String movingInitialValue) {

    /** The text of "no function". */
    public static final String NONE = "-";

    static AggregateInfo of(CatalogRow row) {
        return new AggregateInfo(row.getOid("aggfnoid"), row.getString("aggtransfn"), row.getString("aggfinalfn"),
                row.getString("aggcombinefn"), row.getString("aggmtransfn"), row.getString("aggminvtransfn"),
                row.getString("aggmfinalfn"), row.getBool("aggfinalextra"), row.getBool("aggmfinalextra"),
                row.getChar("aggfinalmodify"), row.getChar("aggmfinalmodify"), row.getOid("aggsortop"),
                row.getOid("aggtranstype"), row.getInt("aggtransspace"), row.getOid("aggmtranstype"),
                row.getInt("aggmtransspace"), row.getString("agginitval"), row.getString("aggminitval"));
    }

    Object[] row() {
        return new RowBuilder(CatalogDefinitions.PG_AGGREGATE)
                .set("aggfnoid", oid).setChar("aggkind", 'n').setShort("aggnumdirectargs", 0)
                .set("aggtransfn", transitionFunction).set("aggfinalfn", finalFunction)
                .set("aggcombinefn", combineFunction).set("aggserialfn", NONE).set("aggdeserialfn", NONE)
                .set("aggmtransfn", movingTransitionFunction).set("aggminvtransfn", movingInverseFunction)
                .set("aggmfinalfn", movingFinalFunction).set("aggfinalextra", finalExtra)
                .set("aggmfinalextra", movingFinalExtra).setChar("aggfinalmodify", finalModify)
                .setChar("aggmfinalmodify", movingFinalModify).set("aggsortop", sortOperator)
                .set("aggtranstype", transitionType).set("aggtransspace", transitionSpace)
                .set("aggmtranstype", movingTransitionType).set("aggmtransspace", movingTransitionSpace)
                .set("agginitval", initialValue).set("aggminitval", movingInitialValue)
                .build();
    }

    /** The same aggregate under another OID (a new pg_proc row). */
    AggregateInfo withOid(int newOid) {
        return new AggregateInfo(newOid, transitionFunction, finalFunction, combineFunction, movingTransitionFunction,
                movingInverseFunction, movingFinalFunction, finalExtra, movingFinalExtra, finalModify,
                movingFinalModify, sortOperator, transitionType, transitionSpace, movingTransitionType,
                movingTransitionSpace, initialValue, movingInitialValue);
    }
}
