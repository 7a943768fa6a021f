package org.woolly.catalog;

import org.woolly.access.common.Attribute;
import org.woolly.access.common.TupleDescriptor;
import org.woolly.access.transam.Snapshot;
import org.woolly.storage.smgr.RelFileLocator;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static org.woolly.catalog.CatalogDefinitions.PG_ATTRDEF;
import static org.woolly.catalog.CatalogDefinitions.PG_ATTRIBUTE;
import static org.woolly.catalog.CatalogDefinitions.PG_CLASS;
import static org.woolly.catalog.CatalogDefinitions.PG_NAMESPACE;
import static org.woolly.catalog.CatalogDefinitions.PG_TYPE;

/**
 * The rows of one database's pg_namespace, pg_class, pg_attribute, pg_attrdef and pg_type as one
 * snapshot saw them, indexed for lookups by name and OID. Immutable once loaded (the relation
 * descriptors built from it are memoized). Plays the part of PostgreSQL's syscache and relcache
 * ({@code syscache.c}, {@code relcache.c}); see README.md for when an image is replaced.
 */
final class CatalogImage {
    private final int databaseOid;
    private final long version;
    private final Map<String, Integer> namespaceOids = new HashMap<>();
    private final Map<Integer, String> namespaceNames = new HashMap<>();
    private final Map<Integer, CatalogRow> classByOid = new HashMap<>();
    private final Map<QualifiedKey, Integer> classByName = new HashMap<>();
    private final Map<Integer, List<CatalogRow>> attributesByRelation = new HashMap<>();
    private final Map<AttributeKey, CatalogRow> defaults = new HashMap<>();
    private final Map<Integer, TypeInfo> typeByOid = new HashMap<>();
    private final Map<QualifiedKey, Integer> typeByName = new HashMap<>();
    private final Map<Integer, RelationInfo> relations = new ConcurrentHashMap<>();

    private record QualifiedKey(int namespaceOid, String name) {}

    private record AttributeKey(int relationOid, int number) {}

    private CatalogImage(int databaseOid, long version) {
        this.databaseOid = databaseOid;
        this.version = version;
    }

    /** Reads the catalogs of {@code databaseOid} as {@code snapshot} sees them. */
    static CatalogImage load(CatalogHeap heap, int databaseOid, Snapshot snapshot, long version) {
        CatalogImage image = new CatalogImage(databaseOid, version);
        for (CatalogRow row : heap.scan(PG_NAMESPACE, databaseOid, snapshot)) {
            image.namespaceOids.put(row.getString("nspname"), row.getOid("oid"));
            image.namespaceNames.put(row.getOid("oid"), row.getString("nspname"));
        }
        for (CatalogRow row : heap.scan(PG_CLASS, databaseOid, snapshot)) {
            image.classByOid.put(row.getOid("oid"), row);
            image.classByName.put(new QualifiedKey(row.getOid("relnamespace"), row.getString("relname")),
                    row.getOid("oid"));
        }
        for (CatalogRow row : heap.scan(PG_ATTRIBUTE, databaseOid, snapshot)) {
            image.attributesByRelation.computeIfAbsent(row.getOid("attrelid"), relation -> new ArrayList<>()).add(row);
        }
        for (CatalogRow row : heap.scan(PG_ATTRDEF, databaseOid, snapshot)) {
            image.defaults.put(new AttributeKey(row.getOid("adrelid"), row.getShort("adnum")), row);
        }
        for (CatalogRow row : heap.scan(PG_TYPE, databaseOid, snapshot)) {
            TypeInfo type = typeInfo(row);
            image.typeByOid.put(type.oid(), type);
            image.typeByName.put(new QualifiedKey(type.namespaceOid(), type.name()), type.oid());
        }
        return image;
    }

    private static TypeInfo typeInfo(CatalogRow row) {
        return new TypeInfo(row.getOid("oid"), row.getString("typname"), row.getOid("typnamespace"),
                row.getShort("typlen"), row.getBool("typbyval"), row.getChar("typalign"), row.getChar("typstorage"),
                row.getChar("typtype"), row.getChar("typcategory"), row.getOid("typrelid"), row.getOid("typelem"),
                row.getOid("typarray"), row.getOid("typcollation"));
    }

    long version() {
        return version;
    }

    int databaseOid() {
        return databaseOid;
    }

    /** The namespace's OID, or null. */
    Integer namespaceOid(String name) {
        return namespaceOids.get(name);
    }

    String namespaceName(int oid) {
        return namespaceNames.get(oid);
    }

    /** The OID of the relation of that name in that namespace, or null. */
    Integer relationOid(int namespaceOid, String name) {
        return classByName.get(new QualifiedKey(namespaceOid, name));
    }

    /** The pg_class row of the relation, or null. */
    CatalogRow classRow(int relationOid) {
        return classByOid.get(relationOid);
    }

    List<CatalogRow> attributeRows(int relationOid) {
        return attributesByRelation.getOrDefault(relationOid, List.of());
    }

    CatalogRow defaultRow(int relationOid, int attributeNumber) {
        return defaults.get(new AttributeKey(relationOid, attributeNumber));
    }

    TypeInfo type(int oid) {
        return typeByOid.get(oid);
    }

    /** The OID of the type of that name in that namespace, or null. */
    Integer typeOid(int namespaceOid, String name) {
        return typeByName.get(new QualifiedKey(namespaceOid, name));
    }

    /** The relation as the analyzer and executor see it, or null if there is none with that OID. */
    RelationInfo relation(int relationOid) {
        CatalogRow classRow = classByOid.get(relationOid);
        if (classRow == null) {
            return null;
        }
        return relations.computeIfAbsent(relationOid, oid -> buildRelation(classRow));
    }

    private RelationInfo buildRelation(CatalogRow classRow) {
        int oid = classRow.getOid("oid");
        List<CatalogRow> userColumns = new ArrayList<>();
        for (CatalogRow row : attributeRows(oid)) {
            if (row.getShort("attnum") > 0 && !row.getBool("attisdropped")) {
                userColumns.add(row);
            }
        }
        userColumns.sort(Comparator.comparingInt(row -> row.getShort("attnum")));
        List<AttributeInfo> attributes = new ArrayList<>();
        List<Attribute> physical = new ArrayList<>();
        for (CatalogRow row : userColumns) {
            short number = row.getShort("attnum");
            char identity = row.getChar("attidentity");
            // an identity column keeps its nextval in pg_attrdef with atthasdef false (see SequenceCatalog)
            CatalogRow defaultRow = row.getBool("atthasdef") || identity != '\0' ? defaultRow(oid, number) : null;
            String defaultExpression = defaultRow == null ? null : defaultRow.getString("adbin");
            attributes.add(new AttributeInfo(number, row.getString("attname"), row.getOid("atttypid"),
                    row.getInt("atttypmod"), row.getBool("attnotnull"), defaultExpression, identity));
            physical.add(new Attribute(row.getString("attname"), row.getOid("atttypid"), row.getInt("atttypmod"),
                    row.getShort("attlen"), row.getBool("attbyval"), row.getChar("attalign"),
                    row.getBool("attnotnull")));
        }
        int namespaceOid = classRow.getOid("relnamespace");
        return new RelationInfo(oid, classRow.getString("relname"), namespaceOid, namespaceName(namespaceOid),
                classRow.getChar("relkind"), locator(classRow), List.copyOf(attributes),
                new TupleDescriptor(physical));
    }

    private RelFileLocator locator(CatalogRow classRow) {
        int relfilenode = classRow.getOid("relfilenode");
        if (classRow.getBool("relisshared")) {
            return new RelFileLocator(RelFileLocator.GLOBAL_TABLESPACE_OID, 0, relfilenode);
        }
        int tablespace = classRow.getOid("reltablespace");
        return new RelFileLocator(tablespace == 0 ? RelFileLocator.DEFAULT_TABLESPACE_OID : tablespace, databaseOid,
                relfilenode);
    }
}
