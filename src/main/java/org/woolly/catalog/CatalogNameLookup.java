package org.woolly.catalog;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiFunction;
import org.woolly.access.transam.Transaction;
import org.woolly.storage.smgr.ForkNumber;
import org.woolly.storage.smgr.RelFileLocator;
import org.woolly.utils.adt.BuiltinTypes;
import org.woolly.utils.adt.CatalogInquiries;
import org.woolly.utils.adt.Identifiers;
import org.woolly.catalog.acl.Acl;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

/**
 * The session's catalog as the catalog-reading functions and the reg* types see it, within one
 * transaction and the session's search_path: the name lookups of {@code regproc.c} and the
 * visibility tests of {@code namespace.c}.
 */
public final class CatalogNameLookup implements CatalogInquiries {
    /** The SQL-standard type names {@code parseTypeString} accepts beside the pg_type names. */
    private static final Map<String, String> SQL_TYPE_NAMES = Map.ofEntries(
            Map.entry("integer", "int4"), Map.entry("int", "int4"), Map.entry("smallint", "int2"),
            Map.entry("bigint", "int8"), Map.entry("real", "float4"), Map.entry("float", "float8"),
            Map.entry("double precision", "float8"), Map.entry("boolean", "bool"), Map.entry("decimal", "numeric"),
            Map.entry("dec", "numeric"), Map.entry("character varying", "varchar"), Map.entry("char varying", "varchar"),
            Map.entry("character", "bpchar"), Map.entry("char", "bpchar"),
            Map.entry("timestamp", "timestamp"), Map.entry("timestamp without time zone", "timestamp"),
            Map.entry("timestamp with time zone", "timestamptz"), Map.entry("time", "time"),
            Map.entry("time without time zone", "time"), Map.entry("time with time zone", "timetz"));

    /** The privilege names each {@code has_*_privilege} accepts, as aclitem letters ({@code convert_*_priv_string}). */
    private static final Map<String, Character> TABLE_PRIVILEGES = Map.of("SELECT", 'r', "INSERT", 'a', "UPDATE", 'w',
            "DELETE", 'd', "TRUNCATE", 'D', "REFERENCES", 'x', "TRIGGER", 't');
    private static final Map<String, Character> SEQUENCE_PRIVILEGES = Map.of("USAGE", 'U', "SELECT", 'r',
            "UPDATE", 'w');
    private static final Map<String, Character> SCHEMA_PRIVILEGES = Map.of("CREATE", 'C', "USAGE", 'U');
    private static final Map<String, Character> DATABASE_PRIVILEGES = Map.of("CREATE", 'C', "CONNECT", 'c',
            "TEMPORARY", 'T', "TEMP", 'T');

    private final CatalogAccess catalog;
    private final Transaction transaction;
    private final BiFunction<Integer, Integer, String> typeFormatter;

    public CatalogNameLookup(CatalogAccess catalog, Transaction transaction,
                             BiFunction<Integer, Integer, String> typeFormatter) {
        this.catalog = catalog;
        this.transaction = transaction;
        this.typeFormatter = typeFormatter;
    }

    /** Prints a user view's stored query again ({@code ViewDefinitionText.display}), given its text and the pretty flag. */
    public interface ViewPrinter {
        String print(String storedQuery, boolean pretty);
    }

    private ViewPrinter viewPrinter;

    /** This lookup, answering {@code pg_get_viewdef} for user views through {@code printer}. */
    public CatalogNameLookup withViewPrinter(ViewPrinter printer) {
        this.viewPrinter = printer;
        return this;
    }

    @Override
    public String viewDefinition(int relationOid, boolean pretty) {
        RelationInfo relation = relation(relationOid);
        if (relation == null || relation.kind() != 'v') {
            return null;
        }
        String stored = catalog.viewQuery(transaction, relationOid).orElse(null);
        // the system views keep PostgreSQL's own text; a user view's is schema-qualified
        if (stored == null || relationOid < CatalogOids.FIRST_NORMAL_OBJECT_ID || viewPrinter == null) {
            return stored;
        }
        return viewPrinter.print(stored, pretty);
    }

    /** Prints a user rule's CREATE RULE statement ({@code RuleDefinition}). */
    public interface RulePrinter {
        String print(RuleInfo rule, boolean pretty);
    }

    private RulePrinter rulePrinter;

    /** This lookup, answering {@code pg_get_ruledef} through {@code printer}. */
    public CatalogNameLookup withRulePrinter(RulePrinter printer) {
        this.rulePrinter = printer;
        return this;
    }

    @Override
    public String ruleDefinition(int ruleOid, boolean pretty) {
        RuleInfo rule = catalog.ruleByOid(transaction, ruleOid).orElse(null);
        return rule == null || rulePrinter == null ? null : rulePrinter.print(rule, pretty);
    }

    @Override
    public String triggerDefinition(int triggerOid, boolean pretty) {
        TriggerInfo trigger = catalog.triggerByOid(transaction, triggerOid).orElse(null);
        if (trigger == null) {
            return null;
        }
        return TriggerDefinition.of(catalog, transaction, trigger, pretty, (condition, prettyCondition) -> {
            if (viewPrinter == null) {
                return "(" + condition + ")";
            }
            String printed = viewPrinter.print("SELECT " + condition, prettyCondition).strip();
            printed = printed.startsWith("SELECT ") ? printed.substring("SELECT ".length()) : printed;
            return printed.endsWith(";") ? printed.substring(0, printed.length() - 1) : printed;
        });
    }

    private RelationInfo relation(int relationOid) {
        try {
            return catalog.relationByOid(transaction, relationOid);
        } catch (SqlException missing) {
            return null;
        }
    }

    @Override
    public Boolean tableIsVisible(int relationOid) {
        RelationInfo relation = relation(relationOid);
        if (relation == null) {
            return null;
        }
        return catalog.lookupRelation(transaction, null, relation.name())
                .map(found -> found.oid() == relationOid).orElse(false);
    }

    @Override
    public String roleName(int roleOid) {
        return catalog.roleName(roleOid).orElse(null);
    }

    @Override
    public String formatType(int typeOid, int typmod) {
        String formatted = typeFormatter.apply(typeOid, typmod);
        if (!"???".equals(formatted)) {
            return formatted;
        }
        // a user-defined type the built-in formatter does not know
        TypeInfo type = catalog.typeByOid(transaction, typeOid).orElse(null);
        if (type == null) {
            return formatted;
        }
        if (type.category() == 'A' && type.elementOid() != 0) {
            return formatType(type.elementOid(), -1) + "[]";
        }
        String name = Identifiers.quote(type.name());
        return Boolean.TRUE.equals(typeIsVisible(typeOid)) ? name
                : catalog.namespaceByOid(transaction, type.namespaceOid())
                        .map(namespace -> Identifiers.quote(namespace.name()) + ".").orElse("") + name;
    }

    @Override
    public String relationName(int relationOid) {
        RelationInfo relation = relation(relationOid);
        if (relation == null) {
            return null;
        }
        String name = Identifiers.quote(relation.name());
        return Boolean.TRUE.equals(tableIsVisible(relationOid)) ? name
                : Identifiers.quote(relation.namespaceName()) + "." + name;
    }

    @Override
    public int relationOid(String text) {
        List<String> names = Identifiers.parseQualified(text);
        String schema = names.size() >= 2 ? names.get(names.size() - 2) : null;
        return catalog.lookupRelation(transaction, schema, names.getLast())
                .orElseThrow(() -> SqlException.of(SqlState.UNDEFINED_TABLE, "relation \"%s\" does not exist",
                        String.join(".", names)))
                .oid();
    }

    @Override
    public int typeOid(String text) {
        String name = text.strip();
        int arrayDimensions = 0;
        while (name.endsWith("[]")) {
            arrayDimensions++;
            name = name.substring(0, name.length() - 2).strip();
        }
        int modifiers = name.indexOf('(');
        if (modifiers > 0 && name.endsWith(")")) {
            // the modifier belongs to a value, not to the type: varchar(3) is varchar
            name = name.substring(0, modifiers).strip();
        }
        String lowered = name.toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
        int typeOid;
        if (SQL_TYPE_NAMES.containsKey(lowered)) {
            typeOid = catalog.lookupTypeOid(transaction, "pg_catalog", SQL_TYPE_NAMES.get(lowered));
        } else {
            List<String> names = Identifiers.parseQualified(name);
            String schema = names.size() >= 2 ? names.get(names.size() - 2) : null;
            typeOid = catalog.lookupTypeOid(transaction, schema, names.getLast());
        }
        for (int i = 0; i < arrayDimensions; i++) {
            int arrayOid = BuiltinTypes.arrayTypeOf(typeOid);
            if (arrayOid == 0) {
                throw SqlException.of(SqlState.UNDEFINED_OBJECT, "type \"%s\" does not exist", text.strip());
            }
            typeOid = arrayOid;
        }
        return typeOid;
    }

    @Override
    public int namespaceOid(String name) {
        return catalog.namespace(transaction, name)
                .orElseThrow(() -> SqlException.of(SqlState.INVALID_SCHEMA_NAME, "schema \"%s\" does not exist", name))
                .oid();
    }

    @Override
    public String namespaceName(int namespaceOid) {
        return catalog.namespaceByOid(transaction, namespaceOid).map(NamespaceInfo::name).orElse(null);
    }

    @Override
    public int roleOid(String name) {
        return catalog.roleOid(transaction, name)
                .orElseThrow(() -> SqlException.of(SqlState.UNDEFINED_OBJECT, "role \"%s\" does not exist", name));
    }

    @Override
    public String indexDefinition(int indexOid, int column, boolean pretty) {
        return new ObjectDefinitions(catalog, transaction).indexDefinition(indexOid, column, pretty);
    }

    @Override
    public List<Integer> partitionAncestors(int relationOid) {
        List<Integer> ancestors = new java.util.ArrayList<>(List.of(relationOid));
        int current = relationOid;
        while (catalog.partitionBound(transaction, current) != null) {
            current = catalog.inheritanceParents(transaction, current).getFirst();
            ancestors.add(current);
        }
        return ancestors;
    }

    @Override
    public String partitionKeyDefinition(int relationOid) {
        return catalog.partitionKey(transaction, relationOid).map(key -> {
            RelationInfo relation = catalog.relationByOid(transaction, relationOid);
            StringBuilder columns = new StringBuilder();
            for (int i = 0; i < key.columns().size(); i++) {
                columns.append(columns.isEmpty() ? "" : ", ").append(key.elementText(relation, i));
            }
            return key.strategyName() + " (" + columns + ")";
        }).orElse(null);
    }

    @Override
    public String partitionConstraintDefinition(int relationOid) {
        return PartitionConstraintText.of(catalog, transaction, relationOid, type -> formatType(type, -1));
    }

    @Override
    public int[] hashPartitionKeyTypes(int relationOid) {
        return catalog.partitionKey(transaction, relationOid).filter(key -> key.strategy() == 'h').map(key -> {
            RelationInfo relation = catalog.relationByOid(transaction, relationOid);
            return key.columns().stream().mapToInt(number -> relation.attributeByNumber(number).typeOid()).toArray();
        }).orElse(null);
    }

    @Override
    public String constraintDefinition(int constraintOid, boolean pretty) {
        return new ObjectDefinitions(catalog, transaction).constraintDefinition(constraintOid, pretty);
    }

    @Override
    public Long relationSize(int relationOid, String fork) {
        ForkNumber forkNumber = switch (fork) {
            case "main" -> ForkNumber.MAIN;
            case "fsm" -> ForkNumber.FSM;
            case "vm" -> ForkNumber.VISIBILITY_MAP;
            case "init" -> ForkNumber.INIT;
            default -> throw SqlException.of(SqlState.INVALID_PARAMETER_VALUE, "invalid fork name")
                    .withHint("Valid fork names are \"main\", \"fsm\", \"vm\", and \"init\".");
        };
        RelationInfo relation = relation(relationOid);
        return relation == null ? null : catalog.forkSize(relation.locator(), forkNumber);
    }

    @Override
    public Long tableSize(int relationOid) {
        RelationInfo relation = relation(relationOid);
        if (relation == null) {
            return null;
        }
        long total = allForksSize(relation.locator());
        if (relation.toast() != null) {
            // calculate_toast_table_size: the TOAST relation and its index count as the table's
            total += allForksSize(relation.toast().locator()) + allForksSize(relation.toast().index().locator());
        }
        return total;
    }

    @Override
    public Long indexesSize(int relationOid) {
        RelationInfo relation = relation(relationOid);
        if (relation == null) {
            return null;
        }
        long total = 0;
        for (IndexInfo index : relation.indexes()) {
            total += allForksSize(index.locator());
        }
        return total;
    }

    private long allForksSize(RelFileLocator locator) {
        long total = 0;
        for (ForkNumber fork : ForkNumber.values()) {
            total += catalog.forkSize(locator, fork);
        }
        return total;
    }

    @Override
    public Long databaseSize(int databaseOid) {
        DatabaseDdl databases = catalog.databases();
        return databases.all(transaction).stream().anyMatch(database -> database.oid() == databaseOid)
                ? databases.size(databaseOid) : null;
    }

    @Override
    public long databaseSize(String databaseName) {
        return catalog.databases().size(databaseOid(databaseName));
    }

    @Override
    public int databaseOid(String databaseName) {
        return catalog.databases().lookup(transaction, databaseName).orElseThrow(() -> SqlException.of(
                SqlState.INVALID_CATALOG_NAME, "database \"%s\" does not exist", databaseName)).oid();
    }

    @Override
    public String defaultAcl(char objectType, int owner) {
        Acl.ObjectType type = Acl.ofAbbreviation(objectType);
        if (type == null) {
            throw SqlException.of(SqlState.INTERNAL_ERROR, "unrecognized objtype abbreviation: %s", objectType);
        }
        return Acl.defaultFor(type, owner).format(role -> {
            String name = roleName(role);
            return name != null ? name : Integer.toUnsignedString(role);
        });
    }

    @Override
    public Boolean hasPrivilege(String roleName, char kind, int objectOid, String privileges) {
        int role = roleOid(roleName);
        Map<String, Character> known = switch (kind) {
            case 'r' -> TABLE_PRIVILEGES;
            case 'S' -> SEQUENCE_PRIVILEGES;
            case 'n' -> SCHEMA_PRIVILEGES;
            default -> DATABASE_PRIVILEGES;
        };
        List<Character> letters = new java.util.ArrayList<>();
        for (String item : privileges.split(",")) {
            String name = item.strip().toUpperCase(Locale.ROOT).replaceFirst("\\s+WITH\\s+GRANT\\s+OPTION$", "");
            Character letter = known.get(name);
            if (letter == null) {
                throw SqlException.of(SqlState.INVALID_PARAMETER_VALUE, "unrecognized privilege type: \"%s\"",
                        item.strip());
            }
            letters.add(letter);
        }
        // a sequence's privileges are in its pg_class row's relacl, as a table's
        char objectKind = kind == 'S' ? 'r' : kind;
        // as PostgreSQL's has_*_privilege: true when any one of the listed privileges is held
        for (char letter : letters) {
            java.util.Optional<Boolean> held = catalog.hasObjectPrivilege(transaction, role, objectKind, objectOid, letter);
            if (held.isEmpty()) {
                return null;
            }
            if (held.get()) {
                return true;
            }
        }
        return false;
    }

    @Override
    public boolean hasRole(String user, String role, String privileges) {
        int member = roleOid(user);
        int granted = roleOid(role);
        for (String item : privileges.split(",")) {
            String name = item.strip().toUpperCase(Locale.ROOT).replaceFirst("\\s+WITH\\s+(ADMIN|GRANT)\\s+OPTION$", "");
            boolean held = switch (name) {
                case "MEMBER" -> catalog.isMemberOfRole(transaction, member, granted);
                case "USAGE" -> catalog.hasPrivilegesOfRole(transaction, member, granted);
                default -> throw SqlException.of(SqlState.INVALID_PARAMETER_VALUE, "unrecognized privilege type: \"%s\"",
                        item.strip());
            };
            if (held) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String description(int objectOid, String catalogName, int subId) {
        if (catalogName == null) {
            for (CatalogDefinition definition : CatalogDefinitions.all()) {
                String found = catalog.description(transaction, objectOid, definition.oid(), subId).orElse(null);
                if (found != null) {
                    return found;
                }
            }
            return null;
        }
        return catalog.lookupRelation(transaction, "pg_catalog", catalogName)
                .flatMap(relation -> catalog.description(transaction, objectOid, relation.oid(), subId))
                .orElse(null);
    }

    @Override
    public Boolean relationIsPublishable(int relationOid) {
        RelationInfo relation = relation(relationOid);
        if (relation == null) {
            return null;
        }
        return (relation.kind() == 'r' || relation.kind() == 'p')
                && relation.namespaceOid() != CatalogOids.PG_CATALOG_NAMESPACE
                && !relation.namespaceName().equals("information_schema")
                && relationOid >= CatalogOids.FIRST_NORMAL_OBJECT_ID;
    }

    @Override
    public String sharedDescription(int objectOid, String catalogName) {
        return catalog.lookupRelation(transaction, "pg_catalog", catalogName)
                .flatMap(relation -> catalog.sharedDescription(transaction, objectOid, relation.oid()))
                .orElse(null);
    }

    @Override
    public int myTemporarySchema() {
        return catalog instanceof DatabaseCatalog database ? database.myTemporarySchema(transaction) : 0;
    }

    @Override
    public boolean isOtherTemporarySchema(int namespaceOid) {
        return catalog instanceof DatabaseCatalog database && database.isOtherTemporarySchema(transaction, namespaceOid);
    }

    @Override
    public List<String> currentSchemas(boolean includeImplicit) {
        return catalog instanceof DatabaseCatalog database ? database.currentSchemas(transaction, includeImplicit)
                : catalog.searchPath(transaction);
    }

    @Override
    public List<Integer> routineOids(String schema, String name) {
        return routines(schema, name).stream().map(FunctionInfo::oid).toList();
    }

    /** The functions, procedures and aggregates called {@code name} (in {@code schema}, or along the search path). */
    private List<FunctionInfo> routines(String schema, String name) {
        List<FunctionInfo> aggregates = catalog.lookupAggregates(transaction, schema, name);
        List<FunctionInfo> functions = catalog.lookupFunctions(transaction, schema, name);
        if (aggregates.isEmpty()) {
            return functions;
        }
        List<FunctionInfo> all = new java.util.ArrayList<>(functions);
        all.addAll(aggregates);
        return all;
    }

    @Override
    public int[] routineArgumentTypes(int oid) {
        return catalog.functionByOid(transaction, oid).map(FunctionInfo::argumentTypes).orElse(null);
    }

    @Override
    public String routineText(int oid, RoutineText what) {
        FunctionInfo routine = catalog.functionByOid(transaction, oid).orElse(null);
        if (routine == null) {
            return null;
        }
        FunctionDefinitions definitions = new FunctionDefinitions(this::routineTypeName, this::namespaceName);
        return definitions.text(routine, what, Boolean.TRUE.equals(routineIsVisible(oid)));
    }

    /** format_type, pseudo-types (record, anyelement) by their pg_type name. */
    private String routineTypeName(int type) {
        String name = formatType(type, -1);
        org.woolly.utils.adt.PgTypeData.Type row = org.woolly.utils.adt.PgTypeData.byOid(type);
        return "???".equals(name) && row != null ? row.name() : name;
    }

    @Override
    public Boolean routineIsVisible(int oid) {
        FunctionInfo routine = catalog.functionByOid(transaction, oid).orElse(null);
        if (routine == null) {
            return null;
        }
        for (FunctionInfo found : routines(null, routine.name())) {
            if (java.util.Arrays.equals(found.argumentTypes(), routine.argumentTypes())) {
                return found.oid() == oid;
            }
        }
        return false;
    }

    /** Visible when the search path finds no operator of that name and operand types before it ({@code OperatorIsVisible}). */
    @Override
    public Boolean operatorIsVisible(int oid) {
        OperatorInfo operator = catalog.operatorByOid(transaction, oid).orElse(null);
        if (operator == null) {
            return null;
        }
        if (org.woolly.utils.adt.PgOperatorData.find(operator.name(), operator.left(), operator.right()) != null) {
            return false;
        }
        for (OperatorInfo found : catalog.lookupOperators(transaction, null, operator.name())) {
            if (found.left() == operator.left() && found.right() == operator.right()) {
                return found.oid() == oid;
            }
        }
        return false;
    }

    @Override
    public String enumLabel(int labelOid) {
        EnumLabel label = catalog.enumLabel(transaction, labelOid);
        return label == null ? null : label.label();
    }

    @Override
    public Integer enumLabelOid(int typeOid, String label) {
        for (EnumLabel candidate : catalog.enumLabels(transaction, typeOid)) {
            if (candidate.label().equals(label)) {
                return candidate.oid();
            }
        }
        return null;
    }

    @Override
    public Float enumSortOrder(int labelOid) {
        EnumLabel label = catalog.enumLabel(transaction, labelOid);
        return label == null ? null : label.sortOrder();
    }

    @Override
    public org.woolly.utils.adt.RangeTypes.RangeType userRange(int typeOid) {
        return catalog.userRange(transaction, typeOid).orElse(null);
    }

    @Override
    public boolean isEnumType(int typeOid) {
        return catalog.typeByOid(transaction, typeOid).map(type -> type.typtype() == 'e').orElse(false);
    }

    @Override
    public Boolean typeIsVisible(int typeOid) {
        TypeInfo type = catalog.typeByOid(transaction, typeOid).orElse(null);
        if (type == null) {
            return null;
        }
        try {
            return catalog.lookupTypeOid(transaction, null, type.name()) == typeOid;
        } catch (SqlException notFound) {
            return false;
        }
    }

    @Override
    public int domainStoredType(int typeOid) {
        DomainInfo domain = catalog.domain(transaction, typeOid).orElse(null);
        if (domain == null) {
            return 0;
        }
        int base = domainStoredType(domain.baseTypeOid());
        return base == 0 ? domain.baseTypeOid() : base;
    }

    @Override
    public int arrayTypeOf(int elementOid) {
        return catalog.typeByOid(transaction, elementOid).map(TypeInfo::arrayOid).orElse(0);
    }

    @Override
    public int arrayElementType(int arrayOid) {
        return catalog.typeByOid(transaction, arrayOid)
                .filter(type -> type.category() == 'A' && type.typtype() == 'b').map(TypeInfo::elementOid).orElse(0);
    }

    @Override
    public int[] compositeFieldTypes(int typeOid) {
        List<AttributeInfo> fields = catalog.compositeFields(transaction, typeOid);
        return fields == null ? null : fields.stream().mapToInt(AttributeInfo::typeOid).toArray();
    }

    @Override
    public List<String> compositeFieldNames(int typeOid) {
        List<AttributeInfo> fields = catalog.compositeFields(transaction, typeOid);
        return fields == null ? null : fields.stream().map(AttributeInfo::name).toList();
    }
}
