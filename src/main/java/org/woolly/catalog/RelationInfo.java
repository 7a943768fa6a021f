package org.woolly.catalog;

import org.woolly.access.common.TupleDescriptor;
import org.woolly.storage.smgr.RelFileLocator;

import java.util.List;

/**
 * A relation as the analyzer and executor need it ({@code RelationData} in {@code rel.h}): OID,
 * name, schema, kind ('r' table, 'i' index, 'S' sequence, 'v' view), where its files are, its
 * columns and the matching tuple descriptor, and for a table its indexes ({@code rd_indexlist})
 * and constraints ({@code rd_att->constr}: check constraints, and the primary key and unique
 * constraints with the indexes that enforce them).
 */
public record RelationInfo(int oid, String name, int namespaceOid, String namespaceName, char kind,
                           RelFileLocator locator, List<AttributeInfo> attributes, TupleDescriptor descriptor,
                           List<IndexInfo> indexes, List<ConstraintInfo> constraints) {

    /** A relation without indexes or constraints. */
    public RelationInfo(int oid, String name, int namespaceOid, String namespaceName, char kind,
                        RelFileLocator locator, List<AttributeInfo> attributes, TupleDescriptor descriptor) {
        this(oid, name, namespaceOid, namespaceName, kind, locator, attributes, descriptor, List.of(), List.of());
    }

    public AttributeInfo attribute(String columnName) {
        for (AttributeInfo attribute : attributes) {
            if (attribute.name().equals(columnName)) {
                return attribute;
            }
        }
        return null;
    }

    /** The column with that 1-based attribute number, or null. */
    public AttributeInfo attributeByNumber(int number) {
        for (AttributeInfo attribute : attributes) {
            if (attribute.number() == number) {
                return attribute;
            }
        }
        return null;
    }

    /** The index with that OID, or null. */
    public IndexInfo index(int indexOid) {
        for (IndexInfo index : indexes) {
            if (index.oid() == indexOid) {
                return index;
            }
        }
        return null;
    }

    /** The constraint of that name, or null. */
    public ConstraintInfo constraint(String constraintName) {
        for (ConstraintInfo constraint : constraints) {
            if (constraint.name().equals(constraintName)) {
                return constraint;
            }
        }
        return null;
    }
}
