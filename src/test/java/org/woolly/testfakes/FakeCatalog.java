package org.woolly.testfakes;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.woolly.access.common.Attribute;
import org.woolly.access.common.TupleDescriptor;
import org.woolly.access.transam.Transaction;
import org.woolly.catalog.AttributeInfo;
import org.woolly.catalog.CatalogAccess;
import org.woolly.catalog.ColumnSpec;
import org.woolly.catalog.RelationInfo;
import org.woolly.storage.smgr.RelFileLocator;
import org.woolly.utils.adt.BuiltinTypes;
import org.woolly.utils.adt.PgType;
import org.woolly.utils.adt.TypeOids;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

/** An in-memory, non-transactional catalog of tables in schema "public" for tests. */
public final class FakeCatalog implements CatalogAccess {
    private final Map<String, RelationInfo> relations = new ConcurrentHashMap<>();
    private final AtomicInteger nextOid = new AtomicInteger(16384);
    private static final Map<String, Integer> TYPES = Map.of("int4", TypeOids.INT4, "int8", TypeOids.INT8, "text",
            TypeOids.TEXT, "bool", TypeOids.BOOL, "varchar", TypeOids.VARCHAR, "numeric", TypeOids.NUMERIC, "name",
            TypeOids.NAME);

    @Override
    public Optional<RelationInfo> lookupRelation(Transaction tx, String schema, String name) {
        return Optional.ofNullable(relations.get(name));
    }

    @Override
    public RelationInfo relationByOid(Transaction tx, int oid) {
        return relations.values().stream().filter(relation -> relation.oid() == oid).findFirst().orElseThrow();
    }

    @Override
    public List<String> searchPath(Transaction tx) {
        return List.of("pg_catalog", "public");
    }

    @Override
    public int lookupTypeOid(Transaction tx, String schema, String name) {
        Integer oid = TYPES.get(name);
        if (oid == null) {
            throw SqlException.of(SqlState.UNDEFINED_OBJECT, "type \"%s\" does not exist", name);
        }
        return oid;
    }

    @Override
    public RelationInfo createTable(Transaction tx, String schema, String name, List<ColumnSpec> columns, char persistence) {
        if (relations.containsKey(name)) {
            throw SqlException.of(SqlState.DUPLICATE_TABLE, "relation \"%s\" already exists", name);
        }
        int oid = nextOid.getAndIncrement();
        List<AttributeInfo> attributes = new ArrayList<>();
        List<Attribute> physical = new ArrayList<>();
        short number = 1;
        for (ColumnSpec column : columns) {
            attributes.add(new AttributeInfo(number++, column.name(), column.typeOid(), column.typeModifier(), column.notNull(),
                    column.defaultExpression()));
            // The executor stores rows in the real tuple format, which needs the type's real typlen.
            PgType type = BuiltinTypes.byOid(column.typeOid());
            physical.add(new Attribute(column.name(), column.typeOid(), column.typeModifier(), type.length(),
                    type.byValue(), type.align(), column.notNull()));
        }
        RelationInfo relation = new RelationInfo(oid, name, 2200, "public", 'r', new RelFileLocator(1663, 5, oid),
                attributes, new TupleDescriptor(physical));
        relations.put(name, relation);
        return relation;
    }

    @Override
    public void dropRelation(Transaction tx, RelationInfo relation) {
        relations.remove(relation.name());
    }

    @Override
    public RelationInfo truncate(Transaction tx, RelationInfo relation) {
        RelationInfo truncated = new RelationInfo(relation.oid(), relation.name(), relation.namespaceOid(),
                relation.namespaceName(), relation.kind(), new RelFileLocator(1663, 5, nextOid.getAndIncrement()),
                relation.attributes(), relation.descriptor());
        relations.put(relation.name(), truncated);
        return truncated;
    }
}
