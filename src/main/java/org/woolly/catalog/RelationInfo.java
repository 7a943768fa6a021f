package org.woolly.catalog;

import org.woolly.access.common.TupleDescriptor;
import org.woolly.storage.smgr.RelFileLocator;

import java.util.List;

/**
 * A relation as the analyzer and executor need it ({@code RelationData} in {@code rel.h}): OID,
 * name, schema, kind ('r' table, 'i' index, 'S' sequence, 'v' view), where its files are, its
 * columns and the matching tuple descriptor.
 */
public record RelationInfo(int oid, String name, int namespaceOid, String namespaceName, char kind,
                           RelFileLocator locator, List<AttributeInfo> attributes, TupleDescriptor descriptor) {

    public AttributeInfo attribute(String columnName) {
        for (AttributeInfo attribute : attributes) {
            if (attribute.name().equals(columnName)) {
                return attribute;
            }
        }
        return null;
    }
}
