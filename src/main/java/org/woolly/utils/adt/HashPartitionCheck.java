package org.woolly.utils.adt;

import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

/**
 * {@code satisfies_hash_partition(parent, modulus, remainder, VARIADIC "any")} of
 * {@code partbounds.c}: whether key values hash into the hash partition with that modulus and
 * remainder, the constraint PostgreSQL shows for a hash partition. The values are hashed as
 * routing hashes a row ({@link ExtendedHash}), nulls adding nothing.
 */
final class HashPartitionCheck {
    private HashPartitionCheck() {}

    static Boolean satisfies(Object[] args, int[] argumentTypes, FunctionContext context) {
        if (args[0] == null || args[1] == null || args[2] == null) {
            return false;
        }
        int parent = (Integer) args[0];
        int modulus = (Integer) args[1];
        int remainder = (Integer) args[2];
        if (modulus <= 0) {
            throw SqlException.of(SqlState.INVALID_PARAMETER_VALUE,
                    "modulus for hash partition must be an integer value greater than zero");
        }
        if (remainder < 0) {
            throw SqlException.of(SqlState.INVALID_PARAMETER_VALUE,
                    "remainder for hash partition must be an integer value greater than or equal to zero");
        }
        if (remainder >= modulus) {
            throw SqlException.of(SqlState.INVALID_PARAMETER_VALUE,
                    "remainder for hash partition must be less than modulus");
        }
        CatalogInquiries catalog = context.catalogInquiries();
        String name = catalog.relationName(parent);
        if (name == null) {
            throw SqlException.of(SqlState.INTERNAL_ERROR, "could not open relation with OID %d", parent);
        }
        int[] keyTypes = catalog.hashPartitionKeyTypes(parent);
        if (keyTypes == null) {
            throw SqlException.of(SqlState.INVALID_PARAMETER_VALUE, "\"%s\" is not a hash partitioned table", name);
        }
        int supplied = args.length - 3;
        if (supplied != keyTypes.length) {
            throw SqlException.of(SqlState.INVALID_PARAMETER_VALUE,
                    "number of partitioning columns (%d) does not match number of partition keys provided (%d)",
                    keyTypes.length, supplied);
        }
        long rowHash = 0;
        for (int i = 0; i < keyTypes.length; i++) {
            if (argumentTypes[3 + i] != keyTypes[i]) {
                throw SqlException.of(SqlState.INVALID_PARAMETER_VALUE,
                        "column %d of the partition key has type %s, but supplied value is of type %s", i + 1,
                        catalog.formatType(keyTypes[i], -1), catalog.formatType(argumentTypes[3 + i], -1));
            }
            Object value = args[3 + i];
            if (value == null) {
                continue;
            }
            rowHash = ExtendedHash.combine(rowHash,
                    ExtendedHash.hash(keyTypes[i], value, ExtendedHash.HASH_PARTITION_SEED));
        }
        return Long.remainderUnsigned(rowHash, modulus) == remainder;
    }
}
