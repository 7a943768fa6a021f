package org.woolly.catalog;

import org.woolly.access.common.Attribute;
import org.woolly.access.common.TupleDescriptor;
import org.woolly.access.transam.Snapshot;
import org.woolly.storage.smgr.RelFileLocator;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Set;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static org.woolly.catalog.CatalogDefinitions.PG_ATTRDEF;
import static org.woolly.catalog.CatalogDefinitions.PG_ATTRIBUTE;
import static org.woolly.catalog.CatalogDefinitions.PG_CLASS;
import static org.woolly.catalog.CatalogDefinitions.PG_CONSTRAINT;
import static org.woolly.catalog.CatalogDefinitions.PG_ENUM;
import static org.woolly.catalog.CatalogDefinitions.PG_INDEX;
import static org.woolly.catalog.CatalogDefinitions.PG_INHERITS;
import static org.woolly.catalog.CatalogDefinitions.PG_NAMESPACE;
import static org.woolly.catalog.CatalogDefinitions.PG_REWRITE;
import static org.woolly.catalog.CatalogDefinitions.PG_STATISTIC;
import static org.woolly.catalog.CatalogDefinitions.PG_TYPE;

/**
 * The rows of one database's pg_namespace, pg_class, pg_attribute, pg_attrdef, pg_rewrite, pg_type,
 * pg_index, pg_constraint and pg_inherits as one
 * snapshot saw them, indexed for lookups by name and OID. Immutable once loaded (the relation
 * descriptors built from it are memoized). Plays the part of PostgreSQL's syscache and relcache
 * ({@code syscache.c}, {@code relcache.c}); see README.md for when an image is replaced.
 */
final class CatalogImage {
    private final int databaseOid;
    private final long version;
    private final Map<String, Integer> namespaceOids = new HashMap<>();
    private final Map<Integer, String> namespaceNames = new HashMap<>();
    private final Map<Integer, CatalogRow> namespaceRows = new HashMap<>();
    private final Map<Integer, CatalogRow> classByOid = new HashMap<>();
    private final Map<QualifiedKey, Integer> classByName = new HashMap<>();
    private final Map<Integer, List<CatalogRow>> attributesByRelation = new HashMap<>();
    private final Map<AttributeKey, CatalogRow> defaults = new HashMap<>();
    /** The sequence of each identity column (its pg_depend row of type 'i'). */
    private final Map<AttributeKey, Integer> identitySequences = new HashMap<>();
    private final Map<Integer, String> viewQueries = new HashMap<>();
    private final Map<Integer, TypeInfo> typeByOid = new HashMap<>();
    private final Map<QualifiedKey, Integer> typeByName = new HashMap<>();
    private final Map<Integer, EnumLabel> enumLabelByOid = new HashMap<>();
    private final Map<Integer, DomainInfo> domainByOid = new HashMap<>();
    /** The user-defined range types' pg_range rows, by range type and by multirange type. */
    private final Map<Integer, org.woolly.utils.adt.RangeTypes.RangeType> userRanges = new HashMap<>();
    private final Map<Integer, List<EnumLabel>> enumLabelsByType = new HashMap<>();
    private final Map<Integer, RelationInfo> relations = new ConcurrentHashMap<>();
    private final Map<Integer, List<CatalogRow>> indexesByRelation = new HashMap<>();
    private final Map<Integer, CatalogRow> indexByOid = new HashMap<>();
    private final Map<Integer, List<CatalogRow>> constraintsByRelation = new HashMap<>();
    private final Set<QualifiedKey> constraintNames = new HashSet<>();
    /** For each table, the tables whose foreign keys reference it (one entry per foreign key). */
    private final Map<Integer, List<Integer>> referencingTables = new HashMap<>();
    private final Map<Integer, List<CatalogRow>> statisticsByRelation = new HashMap<>();
    private final Map<Integer, List<CatalogRow>> inheritsByChild = new HashMap<>();
    private final Map<Integer, List<Integer>> inheritsByParent = new HashMap<>();
    /** The user-defined functions and procedures (pg_proc rows from FirstNormalObjectId on), by name. */
    private final Map<String, List<FunctionInfo>> functionsByName = new HashMap<>();
    private final Map<Integer, FunctionInfo> functionByOid = new HashMap<>();
    /** The user-defined aggregates (pg_proc kind 'a'), by name, and their pg_aggregate rows by OID. */
    private final Map<String, List<FunctionInfo>> aggregatesByName = new HashMap<>();
    private final Map<Integer, AggregateInfo> aggregateByOid = new HashMap<>();
    /** The user-defined casts (pg_cast rows from FirstNormalObjectId on), by source and target. */
    private final Map<Long, CastInfo> userCasts = new HashMap<>();
    /** The user-defined operators (pg_operator rows from FirstNormalObjectId on), by name. */
    private final Map<String, List<OperatorInfo>> operatorsByName = new HashMap<>();
    private final Map<Integer, OperatorInfo> operatorByOid = new HashMap<>();
    /** Each table's triggers in name order (the order they fire in), and the tables with triggers calling a function. */
    private final Map<Integer, List<TriggerInfo>> triggersByRelation = new HashMap<>();
    private final Map<Integer, List<TriggerInfo>> triggersByFunction = new HashMap<>();
    /** Each relation's user rules (not a view's _RETURN) in name order, the order they fire in. */
    private final Map<Integer, List<RuleInfo>> rulesByRelation = new HashMap<>();
    /** {@link #statistics} decoded once per image: the planner asks for them on every plan. */
    private final Map<Integer, TableStatistics> decodedStatistics = new ConcurrentHashMap<>();

    private record QualifiedKey(int namespaceOid, String name) {}

    private record AttributeKey(int relationOid, int number) {}

    /** Where the TOAST tables of this database's relations are read from (null: initdb, none yet). */
    private org.woolly.access.transam.StorageServices storage;

    private CatalogImage(int databaseOid, long version) {
        this.databaseOid = databaseOid;
        this.version = version;
    }

    /** Reads the catalogs of {@code databaseOid} as {@code snapshot} sees them. */
    static CatalogImage load(CatalogHeap heap, int databaseOid, Snapshot snapshot, long version) {
        CatalogImage image = new CatalogImage(databaseOid, version);
        image.storage = heap.storage();
        for (CatalogRow row : heap.scan(PG_NAMESPACE, databaseOid, snapshot)) {
            image.namespaceOids.put(row.getString("nspname"), row.getOid("oid"));
            image.namespaceNames.put(row.getOid("oid"), row.getString("nspname"));
            image.namespaceRows.put(row.getOid("oid"), row);
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
        for (CatalogRow row : heap.scan(CatalogDefinitions.PG_DEPEND, databaseOid, snapshot,
                row -> row.getChar("deptype") == 'i' && row.getOid("classid") == CatalogDefinitions.PG_CLASS.oid()
                        && row.getInt("refobjsubid") > 0)) {
            image.identitySequences.put(new AttributeKey(row.getOid("refobjid"), (short) row.getInt("refobjsubid")),
                    row.getOid("objid"));
        }
        for (CatalogRow row : heap.scan(PG_REWRITE, databaseOid, snapshot)) {
            if (SystemViews.RETURN_RULE.equals(row.getString("rulename"))) {
                image.viewQueries.put(row.getOid("ev_class"), row.getString("ev_action"));
            } else {
                image.rulesByRelation.computeIfAbsent(row.getOid("ev_class"), relation -> new ArrayList<>())
                        .add(RuleInfo.of(row));
            }
        }
        for (CatalogRow row : heap.scan(PG_TYPE, databaseOid, snapshot)) {
            TypeInfo type = typeInfo(row);
            image.typeByOid.put(type.oid(), type);
            image.typeByName.put(new QualifiedKey(type.namespaceOid(), type.name()), type.oid());
        }
        for (CatalogRow row : heap.scan(CatalogDefinitions.PG_RANGE, databaseOid, snapshot,
                row -> Integer.compareUnsigned(row.getOid("rngtypid"), CatalogOids.FIRST_NORMAL_OBJECT_ID) >= 0)) {
            var range = new org.woolly.utils.adt.RangeTypes.RangeType(row.getOid("rngtypid"),
                    row.getOid("rngsubtype"), row.getOid("rngmultitypid"), row.getOid("rngsubopc"),
                    row.getOid("rngcanonical") == 0 ? null : Integer.toUnsignedString(row.getOid("rngcanonical")),
                    row.getOid("rngcanonical"), null, row.getOid("rngsubdiff"));
            image.userRanges.put(range.rangeOid(), range);
            image.userRanges.put(range.multirangeOid(), range);
            org.woolly.utils.adt.RangeTypes.remember(range);
        }
        Map<Integer, CatalogRow> domainRows = new HashMap<>();
        for (CatalogRow row : heap.scan(PG_TYPE, databaseOid, snapshot, row -> row.getChar("typtype") == 'd')) {
            domainRows.put(row.getOid("oid"), row);
        }
        Map<Integer, List<DomainInfo.Check>> domainChecks = new HashMap<>();
        for (CatalogRow row : heap.scan(PG_ENUM, databaseOid, snapshot)) {
            EnumLabel label = new EnumLabel(row.getOid("oid"), row.getOid("enumtypid"),
                    (Float) row.get("enumsortorder"), row.getString("enumlabel"));
            image.enumLabelByOid.put(label.oid(), label);
            image.enumLabelsByType.computeIfAbsent(label.typeOid(), type -> new ArrayList<>()).add(label);
        }
        image.enumLabelsByType.values().forEach(labels -> labels.sort(Comparator.comparing(EnumLabel::sortOrder)));
        for (CatalogRow row : heap.scan(PG_INDEX, databaseOid, snapshot)) {
            image.indexesByRelation.computeIfAbsent(row.getOid("indrelid"), relation -> new ArrayList<>()).add(row);
            image.indexByOid.put(row.getOid("indexrelid"), row);
        }
        for (CatalogRow row : heap.scan(PG_CONSTRAINT, databaseOid, snapshot)) {
            if (row.getOid("contypid") != 0) {
                domainChecks.computeIfAbsent(row.getOid("contypid"), domain -> new ArrayList<>())
                        .add(new DomainInfo.Check(row.getOid("oid"), row.getString("conname"),
                                row.getString("conbin"), row.getBool("convalidated")));
                image.constraintNames.add(new QualifiedKey(row.getOid("connamespace"), row.getString("conname")));
                continue;
            }
            image.constraintsByRelation.computeIfAbsent(row.getOid("conrelid"), relation -> new ArrayList<>())
                    .add(row);
            image.constraintNames.add(new QualifiedKey(row.getOid("connamespace"), row.getString("conname")));
            if (row.getChar("contype") == ConstraintInfo.FOREIGN_KEY) {
                image.referencingTables.computeIfAbsent(row.getOid("confrelid"), relation -> new ArrayList<>())
                        .add(row.getOid("conrelid"));
            }
        }
        for (CatalogRow row : domainRows.values()) {
            int oid = row.getOid("oid");
            List<DomainInfo.Check> checks = new ArrayList<>(domainChecks.getOrDefault(oid, List.of()));
            checks.sort(Comparator.comparing(DomainInfo.Check::name));
            image.domainByOid.put(oid, new DomainInfo(oid, row.getString("typname"), row.getOid("typnamespace"),
                    row.getOid("typbasetype"), row.getInt("typtypmod"), row.getBool("typnotnull"),
                    row.getString("typdefault"), List.copyOf(checks)));
        }
        for (CatalogRow row : heap.scan(PG_INHERITS, databaseOid, snapshot)) {
            image.inheritsByChild.computeIfAbsent(row.getOid("inhrelid"), relation -> new ArrayList<>()).add(row);
            image.inheritsByParent.computeIfAbsent(row.getOid("inhparent"), relation -> new ArrayList<>())
                    .add(row.getOid("inhrelid"));
        }
        for (CatalogRow row : heap.scan(PG_STATISTIC, databaseOid, snapshot)) {
            image.statisticsByRelation.computeIfAbsent(row.getOid("starelid"), relation -> new ArrayList<>()).add(row);
        }
        for (CatalogRow row : heap.scan(CatalogDefinitions.PG_PROC, databaseOid, snapshot,
                row -> Integer.compareUnsigned(row.getOid("oid"), CatalogOids.FIRST_NORMAL_OBJECT_ID) >= 0
                        || row.getOid("prolang") == FunctionRows.SQL_LANGUAGE)) {
            FunctionInfo function = FunctionRows.info(row);
            if (row.getOid("prolang") != BuiltinLanguages.INTERNAL) {
                // a range type's constructors (language internal) are called as built-ins, not as routines
                image.functionsByName.computeIfAbsent(function.name(), name -> new ArrayList<>()).add(function);
            }
            image.functionByOid.put(function.oid(), function);
            if (function.kind() == 'a') {
                image.aggregatesByName.computeIfAbsent(function.name(), name -> new ArrayList<>()).add(function);
            }
        }
        for (CatalogRow row : heap.scan(CatalogDefinitions.PG_AGGREGATE, databaseOid, snapshot,
                row -> Integer.compareUnsigned(row.getOid("aggfnoid"), CatalogOids.FIRST_NORMAL_OBJECT_ID) >= 0)) {
            AggregateInfo aggregate = AggregateInfo.of(row);
            image.aggregateByOid.put(aggregate.oid(), aggregate);
        }
        for (CatalogRow row : heap.scan(CatalogDefinitions.PG_CAST, databaseOid, snapshot,
                row -> Integer.compareUnsigned(row.getOid("oid"), CatalogOids.FIRST_NORMAL_OBJECT_ID) >= 0)) {
            CastInfo cast = CastInfo.of(row);
            image.userCasts.put(castKey(cast.source(), cast.target()), cast);
        }
        for (CatalogRow row : heap.scan(CatalogDefinitions.PG_OPERATOR, databaseOid, snapshot,
                row -> Integer.compareUnsigned(row.getOid("oid"), CatalogOids.FIRST_NORMAL_OBJECT_ID) >= 0)) {
            OperatorInfo operator = OperatorInfo.of(row);
            image.operatorsByName.computeIfAbsent(operator.name(), name -> new ArrayList<>()).add(operator);
            image.operatorByOid.put(operator.oid(), operator);
        }
        for (CatalogRow row : heap.scan(CatalogDefinitions.PG_TRIGGER, databaseOid, snapshot)) {
            TriggerInfo trigger = TriggerInfo.of(row);
            image.triggersByRelation.computeIfAbsent(trigger.relationOid(), relation -> new ArrayList<>()).add(trigger);
            image.triggersByFunction.computeIfAbsent(trigger.functionOid(), function -> new ArrayList<>()).add(trigger);
        }
        image.triggersByRelation.values().forEach(triggers -> triggers.sort(Comparator.comparing(TriggerInfo::name)));
        image.rulesByRelation.values().forEach(rules -> rules.sort(Comparator.comparing(RuleInfo::name)));
        return image;
    }

    /** A table's triggers in name order (PostgreSQL fires those of one event and timing in that order). */
    List<TriggerInfo> triggers(int relationOid) {
        return triggersByRelation.getOrDefault(relationOid, List.of());
    }

    /** A relation's user rules in name order. */
    List<RuleInfo> rules(int relationOid) {
        return rulesByRelation.getOrDefault(relationOid, List.of());
    }

    /** A user rule by OID, or null. */
    RuleInfo rule(int ruleOid) {
        for (List<RuleInfo> rules : rulesByRelation.values()) {
            for (RuleInfo rule : rules) {
                if (rule.oid() == ruleOid) {
                    return rule;
                }
            }
        }
        return null;
    }

    /** The triggers that call a function (its dependents in pg_depend for DROP FUNCTION). */
    List<TriggerInfo> triggersCalling(int functionOid) {
        return triggersByFunction.getOrDefault(functionOid, List.of());
    }

    /** A trigger by OID, or null. */
    TriggerInfo trigger(int triggerOid) {
        for (List<TriggerInfo> triggers : triggersByRelation.values()) {
            for (TriggerInfo trigger : triggers) {
                if (trigger.oid() == triggerOid) {
                    return trigger;
                }
            }
        }
        return null;
    }

    /** The pg_constraint row of a relation's constraint of that name, or null. */
    CatalogRow constraintRow(int relationOid, String name) {
        for (CatalogRow row : constraintsByRelation.getOrDefault(relationOid, List.of())) {
            if (row.getString("conname").equals(name)) {
                return row;
            }
        }
        return null;
    }

    /** The pg_attribute row of a column, or null. */
    CatalogRow attributeRow(int relationOid, int attributeNumber) {
        for (CatalogRow row : attributesByRelation.getOrDefault(relationOid, List.of())) {
            if (row.getShort("attnum") == attributeNumber) {
                return row;
            }
        }
        return null;
    }

    /** The direct parents of a table in inhseqno order ({@code pg_inherits}). */
    List<Integer> inheritanceParents(int relationOid) {
        return inheritsByChild.getOrDefault(relationOid, List.of()).stream()
                .sorted(Comparator.comparingInt(row -> row.getInt("inhseqno")))
                .map(row -> row.getOid("inhparent")).toList();
    }

    /** The direct children of a table in OID order, as {@code find_inheritance_children} sorts them. */
    List<Integer> inheritanceChildren(int relationOid) {
        var children = inheritsByParent.get(relationOid);
        if (children == null || children.isEmpty()) {
            // most tables: every statement asks (inheritance expansion), so no stream for nothing
            return List.of();
        }
        return children.stream().sorted().toList();
    }

    /** Whether a constraint of that name exists in the namespace ({@code ConstraintNameExists}). */
    boolean constraintNameExists(int namespaceOid, String name) {
        return constraintNames.contains(new QualifiedKey(namespaceOid, name));
    }

    /** The foreign keys that reference {@code relationOid}, with the tables they belong to. */
    List<ForeignKeyReference> referencingForeignKeys(int relationOid) {
        List<ForeignKeyReference> result = new ArrayList<>();
        for (int tableOid : new java.util.TreeSet<>(referencingTables.getOrDefault(relationOid, List.of()))) {
            RelationInfo table = relation(tableOid);
            for (ConstraintInfo constraint : table.constraints()) {
                if (constraint.type() == ConstraintInfo.FOREIGN_KEY && constraint.referencedOid() == relationOid) {
                    result.add(new ForeignKeyReference(table, constraint));
                }
            }
        }
        return result;
    }

    /** The pg_index row of an index, or null. */
    CatalogRow indexRow(int indexOid) {
        return indexByOid.get(indexOid);
    }

    /** The ordinary tables ('r'), user tables (by OID) before the catalogs, as ANALYZE without a list visits them. */
    List<RelationInfo> tables() {
        List<Integer> oids = new ArrayList<>();
        for (CatalogRow row : classByOid.values()) {
            if (row.getChar("relkind") == 'r') {
                oids.add(row.getOid("oid"));
            }
        }
        oids.sort(Comparator.comparingInt((Integer oid) -> Integer.compareUnsigned(oid,
                CatalogOids.FIRST_NORMAL_OBJECT_ID) >= 0 ? 0 : 1).thenComparing(Integer::compareUnsigned));
        List<RelationInfo> tables = new ArrayList<>();
        for (int oid : oids) {
            tables.add(relation(oid));
        }
        return tables;
    }

    /** The relation's pg_class size figures and pg_statistic rows, or null if there is no such relation. */
    TableStatistics statistics(int relationOid) {
        TableStatistics cached = decodedStatistics.get(relationOid);
        if (cached != null) {
            return cached;
        }
        TableStatistics decoded = decodeStatistics(relationOid);
        if (decoded != null) {
            decodedStatistics.putIfAbsent(relationOid, decoded);
        }
        return decoded;
    }

    private TableStatistics decodeStatistics(int relationOid) {
        CatalogRow classRow = classByOid.get(relationOid);
        if (classRow == null) {
            return null;
        }
        Map<Integer, TableStatistics.Column> columns = new HashMap<>();
        for (CatalogRow row : statisticsByRelation.getOrDefault(relationOid, List.of())) {
            if (!row.getBool("stainherit")) {
                TableStatistics.Column column = StatisticsRows.column(row);
                columns.put(column.attnum(), column);
            }
        }
        return new TableStatistics(classRow.getInt("relpages"), ((Number) classRow.get("reltuples")).doubleValue(),
                Map.copyOf(columns), classRow.getInt("relallvisible"));
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

    /** The user-defined functions and procedures called {@code name}, in every schema. */
    List<FunctionInfo> functions(String name) {
        return functionsByName.getOrDefault(name, List.of());
    }

    /** The user-defined aggregates called {@code name}, in every schema. */
    List<FunctionInfo> aggregates(String name) {
        return aggregatesByName.getOrDefault(name, List.of());
    }

    /** A user-defined aggregate's pg_aggregate row, or null. */
    AggregateInfo aggregate(int oid) {
        return aggregateByOid.get(oid);
    }

    /** The user-defined cast from {@code source} to {@code target}, or null. */
    CastInfo userCast(int source, int target) {
        return userCasts.isEmpty() ? null : userCasts.get(castKey(source, target));
    }

    /** Every user-defined cast. */
    java.util.Collection<CastInfo> userCasts() {
        return userCasts.values();
    }

    private static long castKey(int source, int target) {
        return (long) source << 32 | Integer.toUnsignedLong(target);
    }

    /** A user-defined function or procedure by OID, or null. */
    FunctionInfo function(int oid) {
        return functionByOid.get(oid);
    }

    /** The user-defined operators named {@code name}, in every schema. */
    List<OperatorInfo> operators(String name) {
        return operatorsByName.getOrDefault(name, List.of());
    }

    OperatorInfo operator(int oid) {
        return operatorByOid.get(oid);
    }

    /** Every user-defined function and procedure. */
    java.util.Collection<FunctionInfo> functions() {
        return functionByOid.values();
    }

    /** The namespace's OID, or null. */
    Integer namespaceOid(String name) {
        return namespaceOids.get(name);
    }

    String namespaceName(int oid) {
        return namespaceNames.get(oid);
    }

    /** The pg_namespace row of the namespace, or null. */
    CatalogRow namespaceRow(int oid) {
        return namespaceRows.get(oid);
    }

    /** Every pg_namespace row. */
    java.util.Collection<CatalogRow> namespaceRows() {
        return namespaceRows.values();
    }

    /** Every pg_class row, by OID (creation order). */
    List<CatalogRow> classRows() {
        List<CatalogRow> rows = new ArrayList<>(classByOid.values());
        rows.sort(Comparator.comparing(row -> row.getOid("oid"), Integer::compareUnsigned));
        return rows;
    }

    /** The pg_class rows of the relations in the namespace, by OID (creation order). */
    List<CatalogRow> classRowsIn(int namespaceOid) {
        List<CatalogRow> rows = new ArrayList<>();
        for (CatalogRow row : classByOid.values()) {
            if (row.getOid("relnamespace") == namespaceOid) {
                rows.add(row);
            }
        }
        rows.sort(Comparator.comparing(row -> row.getOid("oid"), Integer::compareUnsigned));
        return rows;
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

    /** {@code nextval('schema.sequence'::regclass)} of an identity column's sequence; null if it has none. */
    private String identityNextval(int relationOid, short attributeNumber) {
        Integer sequence = identitySequences.get(new AttributeKey(relationOid, attributeNumber));
        CatalogRow sequenceRow = sequence == null ? null : classByOid.get(sequence);
        if (sequenceRow == null) {
            return null;
        }
        String name = org.woolly.utils.adt.Identifiers.quote(namespaceName(sequenceRow.getOid("relnamespace"))) + "."
                + org.woolly.utils.adt.Identifiers.quote(sequenceRow.getString("relname"));
        return "nextval('" + name.replace("'", "''") + "'::regclass)";
    }

    CatalogRow defaultRow(int relationOid, int attributeNumber) {
        return defaults.get(new AttributeKey(relationOid, attributeNumber));
    }

    /** The query of a view (its {@code _RETURN} rule's SQL text), or null. */
    String viewQuery(int relationOid) {
        return viewQueries.get(relationOid);
    }

    TypeInfo type(int oid) {
        return typeByOid.get(oid);
    }

    /** The domains whose base type is that type, in OID order. */
    List<DomainInfo> domainsOver(int typeOid) {
        return domainByOid.values().stream().filter(domain -> domain.baseTypeOid() == typeOid)
                .sorted(Comparator.comparingInt(DomainInfo::oid)).toList();
    }

    /** The domain CHECK constraint of that pg_constraint OID, or null. */
    DomainInfo.Check domainCheck(int constraintOid) {
        for (DomainInfo domain : domainByOid.values()) {
            for (DomainInfo.Check check : domain.checks()) {
                if (check.oid() == constraintOid) {
                    return check;
                }
            }
        }
        return null;
    }

    /** The pg_range row of a user-defined range type or of its multirange type, or null. */
    org.woolly.utils.adt.RangeTypes.RangeType userRange(int typeOid) {
        return userRanges.get(typeOid);
    }

    /** The domain of that OID, or null when the type is not a domain. */
    DomainInfo domain(int typeOid) {
        return domainByOid.get(typeOid);
    }

    /** The type a value of that type is stored as: a domain's base type (through domains over domains). */
    int storedType(int typeOid) {
        DomainInfo domain = domainByOid.get(typeOid);
        return domain == null ? typeOid : storedType(domain.baseTypeOid());
    }

    private int baseTypmod(int typeOid) {
        DomainInfo domain = domainByOid.get(typeOid);
        if (domain == null) {
            return -1;
        }
        return domainByOid.containsKey(domain.baseTypeOid()) && domain.baseTypmod() < 0
                ? baseTypmod(domain.baseTypeOid()) : domain.baseTypmod();
    }

    /** The nearest default of a domain or of the domains it is over ({@code get_typdefault}), or null. */
    private String domainDefault(int typeOid) {
        DomainInfo domain = domainByOid.get(typeOid);
        if (domain == null) {
            return null;
        }
        return domain.defaultExpression() != null ? domain.defaultExpression() : domainDefault(domain.baseTypeOid());
    }

    /** The labels of an enum type in sort order (empty for another type). */
    List<EnumLabel> enumLabels(int typeOid) {
        return enumLabelsByType.getOrDefault(typeOid, List.of());
    }

    /** The pg_enum row of that OID, or null. */
    EnumLabel enumLabel(int labelOid) {
        return enumLabelByOid.get(labelOid);
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
        List<CatalogRow> storedColumns = new ArrayList<>();
        for (CatalogRow row : attributeRows(oid)) {
            if (row.getShort("attnum") > 0) {
                storedColumns.add(row);
            }
        }
        storedColumns.sort(Comparator.comparingInt(row -> row.getShort("attnum")));
        List<AttributeInfo> attributes = new ArrayList<>();
        List<Attribute> live = new ArrayList<>();
        List<Attribute> physical = new ArrayList<>();
        int[] physicalIndex = new int[storedColumns.size()];
        Object[] missingValues = new Object[storedColumns.size()];
        boolean differs = false;
        for (CatalogRow row : storedColumns) {
            int declaredType = row.getOid("atttypid");
            DomainInfo domain = domainByOid.get(declaredType);
            // a domain's values are its base type's: storage and expressions see the base type
            int storedType = storedType(declaredType);
            Attribute attribute = new Attribute(row.getString("attname"), storedType,
                    row.getInt("atttypmod"), row.getShort("attlen"), row.getBool("attbyval"), row.getChar("attalign"),
                    row.getBool("attnotnull"), row.getChar("attstorage"));
            int index = physical.size();
            physical.add(attribute);
            if (row.getBool("attisdropped")) {
                differs = true;
                continue;
            }
            if (row.getBool("atthasmissing")) {
                differs = true;
                missingValues[index] = MissingValues.read(row.getString("attmissingval"), attribute.typeOid(),
                        attribute.typeModifier());
            }
            short number = row.getShort("attnum");
            char identity = row.getChar("attidentity");
            // an identity column has no pg_attrdef row, as in PostgreSQL: its values are its sequence's
            CatalogRow defaultRow = row.getBool("atthasdef") ? defaultRow(oid, number) : null;
            String defaultExpression = identity != '\0' ? identityNextval(oid, number)
                    : defaultRow == null ? domainDefault(declaredType) : defaultRow.getString("adbin");
            attributes.add(new AttributeInfo(number, row.getString("attname"), storedType,
                    domain == null ? row.getInt("atttypmod") : baseTypmod(declaredType), row.getBool("attnotnull"),
                    defaultExpression, identity, domain == null ? 0 : declaredType));
            physicalIndex[live.size()] = index;
            live.add(attribute);
        }
        StoredLayout stored = differs ? new StoredLayout(new TupleDescriptor(physical),
                java.util.Arrays.copyOf(physicalIndex, live.size()), missingValues) : null;
        int namespaceOid = classRow.getOid("relnamespace");
        List<IndexInfo> indexes = new ArrayList<>();
        for (CatalogRow indexRow : indexesByRelation.getOrDefault(oid, List.of())) {
            indexes.add(indexInfo(indexRow, attributes));
        }
        indexes.sort(Comparator.comparingInt(IndexInfo::oid));
        List<ConstraintInfo> constraints = new ArrayList<>();
        for (CatalogRow row : constraintsByRelation.getOrDefault(oid, List.of())) {
            constraints.add(new ConstraintInfo(row.getOid("oid"), row.getString("conname"), row.getOid("connamespace"),
                    row.getChar("contype"), shortArray(row.getString("conkey")), row.getOid("conindid"),
                    row.getString("conbin"), row.getBool("condeferrable"), row.getBool("condeferred"),
                    row.getBool("convalidated"), row.getOid("confrelid"), shortArray(row.getString("confkey")),
                    row.getChar("confupdtype"), row.getChar("confdeltype"), row.getChar("confmatchtype")));
        }
        // PostgreSQL checks constraints in name order (RelationBuildTupleDesc sorts them)
        constraints.sort(Comparator.comparing(ConstraintInfo::name));
        return new RelationInfo(oid, classRow.getString("relname"), namespaceOid, namespaceName(namespaceOid),
                classRow.getChar("relkind"), locator(classRow), List.copyOf(attributes),
                new TupleDescriptor(live), stored, List.copyOf(indexes), List.copyOf(constraints),
                relationOptions(classRow), toastTable(classRow.getOid("reltoastrelid")));
    }

    /** The table's TOAST relation and its index, null if it has none ({@code reltoastrelid} 0). */
    private ToastTable toastTable(int toastOid) {
        CatalogRow toastClass = toastOid == 0 ? null : classByOid.get(toastOid);
        List<CatalogRow> toastIndexes = indexesByRelation.getOrDefault(toastOid, List.of());
        if (toastClass == null || toastIndexes.isEmpty() || storage == null) {
            return null;
        }
        CatalogRow indexClass = classByOid.get(toastIndexes.getFirst().getOid("indexrelid"));
        org.woolly.access.nbtree.IndexShape shape = new org.woolly.access.nbtree.IndexShape(locator(indexClass),
                indexClass.getString("relname"), List.of(org.woolly.utils.adt.TypeOids.OID,
                org.woolly.utils.adt.TypeOids.INT4), 2, List.of(false, false), List.of(false, false), false, false);
        return new ToastTable(storage, toastOid, locator(toastClass), shape, null);
    }

    private IndexInfo indexInfo(CatalogRow row, List<AttributeInfo> tableColumns) {
        int indexOid = row.getOid("indexrelid");
        CatalogRow classRow = classByOid.get(indexOid);
        List<Short> columns = vector(row.getString("indkey"));
        List<Integer> types = new ArrayList<>();
        List<CatalogRow> indexColumns = attributeRows(indexOid);
        for (int i = 0; i < columns.size(); i++) {
            short column = columns.get(i);
            if (column == 0) {
                // an expression column's type is only in the index's own pg_attribute row
                int position = i + 1;
                for (CatalogRow attribute : indexColumns) {
                    if (attribute.getShort("attnum") == position) {
                        types.add(attribute.getOid("atttypid"));
                    }
                }
                continue;
            }
            for (AttributeInfo attribute : tableColumns) {
                if (attribute.number() == column) {
                    types.add(attribute.typeOid());
                }
            }
        }
        List<Integer> classes = new ArrayList<>();
        for (String part : words(row.getString("indclass"))) {
            classes.add(Integer.parseInt(part));
        }
        List<Boolean> descending = new ArrayList<>();
        List<Boolean> nullsFirst = new ArrayList<>();
        for (short option : vector(row.getString("indoption"))) {
            descending.add((option & IndexInfo.OPTION_DESC) != 0);
            nullsFirst.add((option & IndexInfo.OPTION_NULLS_FIRST) != 0);
        }
        return new IndexInfo(indexOid, classRow.getString("relname"), row.getOid("indrelid"),
                classRow.getOid("relnamespace"), locator(classRow), List.copyOf(columns), row.getShort("indnkeyatts"),
                List.copyOf(types), List.copyOf(classes), List.copyOf(descending), List.copyOf(nullsFirst),
                row.getBool("indisunique"), row.getBool("indisprimary"), row.getBool("indnullsnotdistinct"),
                row.getBool("indisvalid"), row.getString("indexprs"), row.getString("indpred"),
                row.getBool("indimmediate"), relationOptions(classRow));
    }

    /** An int2vector in its text form ({@code 1 2}). */
    private static List<Short> vector(String text) {
        List<Short> values = new ArrayList<>();
        for (String part : words(text)) {
            values.add(Short.parseShort(part));
        }
        return values;
    }

    private static List<String> words(String text) {
        return text == null || text.isBlank() ? List.of() : List.of(text.trim().split(" +"));
    }

    /** An int2[] in its text form ({@code {1,2}}). */
    private static List<Short> shortArray(String text) {
        if (text == null || text.length() < 2) {
            return List.of();
        }
        return vector(text.substring(1, text.length() - 1).replace(',', ' '));
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

    /** The relation's pg_class.reloptions, parsed once for the relation cache ({@code RelationParseRelOptions}). */
    static org.woolly.access.common.RelationOptions relationOptions(CatalogRow classRow) {
        var stored = (org.woolly.utils.adt.ArrayValue) classRow.get("reloptions");
        var kind = classRow.getChar("relkind") == 'i' ? org.woolly.access.common.RelationOptions.Kind.BTREE
                : org.woolly.access.common.RelationOptions.Kind.HEAP;
        return org.woolly.access.common.RelationOptions.of(kind,
                stored == null ? List.of() : stored.elements().stream().map(String.class::cast).toList());
    }
}
