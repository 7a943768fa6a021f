package org.woolly.catalog;

import org.woolly.access.common.TupleCodec;
import org.woolly.access.common.TupleDescriptor;
import org.woolly.storage.smgr.RelFileLocator;

import java.util.List;

/**
 * A relation as the analyzer and executor need it ({@code RelationData} in {@code rel.h}): OID,
 * name, schema, kind ('r' table, 'i' index, 'S' sequence, 'v' view), where its files are, its
 * columns and the matching tuple descriptor.
 *
 * <p>{@code attributes} and {@code descriptor} list the live columns only: a row as the
 * analyzer and executor handle it has one value per live column. What is stored can differ
 * (see {@link StoredLayout}): dropped columns keep their place in stored tuples, and tuples
 * written before an {@code ADD COLUMN} lack the new column. Every reader and writer of a
 * relation's tuples goes through {@link #decode} and {@link #encode}, never {@code TupleCodec}
 * with {@code descriptor} directly.
 */
public record RelationInfo(int oid, String name, int namespaceOid, String namespaceName, char kind,
                           RelFileLocator locator, List<AttributeInfo> attributes, TupleDescriptor descriptor,
                           StoredLayout stored) {

    /** A relation whose stored tuples hold exactly its live columns. */
    public RelationInfo(int oid, String name, int namespaceOid, String namespaceName, char kind,
                        RelFileLocator locator, List<AttributeInfo> attributes, TupleDescriptor descriptor) {
        this(oid, name, namespaceOid, namespaceName, kind, locator, attributes, descriptor, null);
    }

    public AttributeInfo attribute(String columnName) {
        for (AttributeInfo attribute : attributes) {
            if (attribute.name().equals(columnName)) {
                return attribute;
            }
        }
        return null;
    }

    /** A stored tuple body as a row of the live columns ({@code heap_deform_tuple} with {@code getmissingattr}). */
    public Object[] decode(byte[] body) {
        return stored == null ? TupleCodec.decode(descriptor, body) : stored.decode(body, attributes.size());
    }

    /** A row of the live columns as a tuple body in the stored layout (dropped columns null). */
    public byte[] encode(Object[] row) {
        return stored == null ? TupleCodec.encode(descriptor, row) : stored.encode(row);
    }
}
