package org.woolly.catalog;

import org.woolly.access.common.RelationOptions;
import org.woolly.access.common.ToastStore;
import org.woolly.access.common.Toaster;
import org.woolly.access.common.TupleCodec;
import org.woolly.access.common.TupleDescriptor;
import org.woolly.access.transam.Transaction;
import org.woolly.storage.smgr.RelFileLocator;

import java.util.List;

/**
 * A relation as the analyzer and executor need it ({@code RelationData} in {@code rel.h}): OID,
 * name, schema, kind ('r' table, 'i' index, 'S' sequence, 'v' view), where its files are, its
 * columns and the matching tuple descriptor, and for a table its indexes ({@code rd_indexlist})
 * and constraints ({@code rd_att->constr}: check constraints, and the primary key and unique
 * constraints with the indexes that enforce them), its storage parameters ({@code rd_options}) and
 * its TOAST table ({@code rd_rel->reltoastrelid}; null when it has none).
 *
 * <p>{@code attributes} and {@code descriptor} list the live columns only: a row as the
 * analyzer and executor handle it has one value per live column. What is stored can differ
 * (see {@link StoredLayout}): dropped columns keep their place in stored tuples, and tuples
 * written before an {@code ADD COLUMN} lack the new column. Every reader and writer of a
 * relation's tuples goes through {@link #decode} and {@link #encode}, never {@code TupleCodec}
 * with {@code descriptor} directly. Attribute numbers ({@code attnum}, what indexes and
 * constraints name) are not positions in such a row: {@link #position} maps one to the other.
 */
public record RelationInfo(int oid, String name, int namespaceOid, String namespaceName, char kind,
                           RelFileLocator locator, List<AttributeInfo> attributes, TupleDescriptor descriptor,
                           StoredLayout stored, List<IndexInfo> indexes, List<ConstraintInfo> constraints,
                           RelationOptions options, ToastTable toast) {

    /** A relation without a TOAST table. */
    public RelationInfo(int oid, String name, int namespaceOid, String namespaceName, char kind,
                        RelFileLocator locator, List<AttributeInfo> attributes, TupleDescriptor descriptor,
                        StoredLayout stored, List<IndexInfo> indexes, List<ConstraintInfo> constraints,
                        RelationOptions options) {
        this(oid, name, namespaceOid, namespaceName, kind, locator, attributes, descriptor, stored, indexes,
                constraints, options, null);
    }

    /** A relation with its storage parameters at their defaults. */
    public RelationInfo(int oid, String name, int namespaceOid, String namespaceName, char kind,
                        RelFileLocator locator, List<AttributeInfo> attributes, TupleDescriptor descriptor,
                        StoredLayout stored, List<IndexInfo> indexes, List<ConstraintInfo> constraints) {
        this(oid, name, namespaceOid, namespaceName, kind, locator, attributes, descriptor, stored, indexes,
                constraints, RelationOptions.defaults(kind == 'i' ? RelationOptions.Kind.BTREE
                        : RelationOptions.Kind.HEAP));
    }

    /** A relation whose stored tuples hold exactly its live columns, without indexes or constraints. */
    public RelationInfo(int oid, String name, int namespaceOid, String namespaceName, char kind,
                        RelFileLocator locator, List<AttributeInfo> attributes, TupleDescriptor descriptor) {
        this(oid, name, namespaceOid, namespaceName, kind, locator, attributes, descriptor, null, List.of(), List.of());
    }

    /** A relation without indexes or constraints. */
    public RelationInfo(int oid, String name, int namespaceOid, String namespaceName, char kind,
                        RelFileLocator locator, List<AttributeInfo> attributes, TupleDescriptor descriptor,
                        StoredLayout stored) {
        this(oid, name, namespaceOid, namespaceName, kind, locator, attributes, descriptor, stored, List.of(),
                List.of());
    }

    public AttributeInfo attribute(String columnName) {
        for (AttributeInfo attribute : attributes) {
            if (attribute.name().equals(columnName)) {
                return attribute;
            }
        }
        return null;
    }

    /** The live column with that attribute number ({@code attnum}), or null. */
    public AttributeInfo attributeByNumber(int number) {
        int position = position(number);
        return position < 0 ? null : attributes.get(position);
    }

    /** The 0-based position in a row of the live column with that attribute number, or -1. */
    public int position(int attributeNumber) {
        for (int i = 0; i < attributes.size(); i++) {
            if (attributes.get(i).number() == attributeNumber) {
                return i;
            }
        }
        return -1;
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

    /**
     * A stored tuple body as a row of the live columns ({@code heap_deform_tuple} with
     * {@code getmissingattr}), its compressed and out-of-line values detoasted.
     */
    public Object[] decode(byte[] body) {
        return decode(body, 0, body.length, null);
    }

    /**
     * As {@link #decode(byte[])}, but only the columns set in {@code needed} (null: all) are
     * read; the others are null. A relation with dropped or later-added columns reads them all.
     */
    public Object[] decode(byte[] body, java.util.BitSet needed) {
        return decode(body, 0, body.length, needed);
    }

    /** As {@link #decode(byte[], java.util.BitSet)} for a body of {@code length} bytes at {@code start} in {@code data}. */
    public Object[] decode(byte[] data, int start, int length, java.util.BitSet needed) {
        if (stored == null) {
            return TupleCodec.decode(descriptor, data, start, needed, toast);
        }
        return stored.decode(java.util.Arrays.copyOfRange(data, start, start + length), attributes.size(), toast);
    }

    /**
     * A row of the live columns as a tuple body in the stored layout (dropped columns null), its
     * long values compressed but never moved out of line (see {@link #encode(Object[], Transaction)}).
     */
    public byte[] encode(Object[] row) {
        return encode(row, (ToastStore) null);
    }

    /**
     * A row as a tuple body written by {@code tx}: when it is longer than a quarter page, its long
     * values are compressed and, failing that, stored in the TOAST table ({@code heap_toast_insert_or_update}).
     */
    public byte[] encode(Object[] row, Transaction tx) {
        return encode(row, toast == null ? null : toast.writing(tx));
    }

    private byte[] encode(Object[] row, ToastStore writer) {
        Toaster toaster = kind == 'r' || kind == 'm' ? new Toaster(options.toastTupleTarget(), writer) : null;
        return stored == null ? TupleCodec.encode(descriptor, row, toaster) : stored.encode(row, toaster);
    }

    /** The TOAST pointers of a stored body, for the chunks to delete with that row version. */
    public List<Toaster.ExternalPointer> externalPointers(byte[] body) {
        return TupleCodec.externalPointers(stored == null ? descriptor : stored.physical(), body);
    }

    /** Whether the relation lives in a session's temporary schema (relpersistence 't'). */
    public boolean isTemporary() {
        return TemporarySchema.isTemporaryName(namespaceName);
    }
}
