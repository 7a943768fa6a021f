package org.woolly.catalog;

import org.woolly.access.common.Attribute;
import org.woolly.access.common.TupleDescriptor;
import org.woolly.storage.smgr.RelFileLocator;
import org.woolly.utils.adt.PgTypeData;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One system catalog: its OID (also its relfilenode, as for PostgreSQL's bootstrap catalogs),
 * name, whether it is shared by all databases ({@code global/}) or has one copy per database
 * ({@code base/<db>/}), the OID of its row type, and its columns in attribute-number order.
 * Counterpart of a {@code CATALOG(...)} declaration in {@code src/include/catalog/pg_*.h}.
 */
public final class CatalogDefinition {
    private final String name;
    private final int oid;
    private final boolean shared;
    private final int rowTypeOid;
    private final List<CatalogColumn> columns;
    private final Map<String, Integer> indexByName;
    private final TupleDescriptor descriptor;

    CatalogDefinition(String name, int oid, boolean shared, int rowTypeOid, List<CatalogColumn> columns) {
        this.name = name;
        this.oid = oid;
        this.shared = shared;
        this.rowTypeOid = rowTypeOid;
        this.columns = List.copyOf(columns);
        Map<String, Integer> indexes = new HashMap<>();
        List<Attribute> attributes = new ArrayList<>();
        for (int i = 0; i < this.columns.size(); i++) {
            CatalogColumn column = this.columns.get(i);
            if (indexes.put(column.name(), i) != null) {
                throw new IllegalStateException("duplicate catalog column " + name + "." + column.name());
            }
            PgTypeData.Type type = PgTypeData.byOid(column.typeOid());
            attributes.add(new Attribute(column.name(), column.typeOid(), -1, type.length(), type.byValue(),
                    type.align(), column.notNull()));
        }
        this.indexByName = Map.copyOf(indexes);
        this.descriptor = new TupleDescriptor(attributes);
    }

    public String name() {
        return name;
    }

    public int oid() {
        return oid;
    }

    public boolean shared() {
        return shared;
    }

    public int rowTypeOid() {
        return rowTypeOid;
    }

    public List<CatalogColumn> columns() {
        return columns;
    }

    /** The tuple descriptor of this catalog's rows (what TupleCodec encodes them with). */
    public TupleDescriptor descriptor() {
        return descriptor;
    }

    /** The 0-based position of a column in this catalog's rows. */
    public int column(String columnName) {
        Integer index = indexByName.get(columnName);
        if (index == null) {
            throw new IllegalArgumentException("catalog " + name + " has no column " + columnName);
        }
        return index;
    }

    /** Where this catalog's file is for the given database (shared catalogs ignore it). */
    public RelFileLocator locator(int databaseOid) {
        return shared
                ? new RelFileLocator(RelFileLocator.GLOBAL_TABLESPACE_OID, 0, oid)
                : new RelFileLocator(RelFileLocator.DEFAULT_TABLESPACE_OID, databaseOid, oid);
    }

    /** A row of nulls, to be filled by column name. */
    Object[] emptyRow() {
        return new Object[columns.size()];
    }

    @Override
    public String toString() {
        return name;
    }
}
