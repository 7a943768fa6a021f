package org.woolly.commands;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.woolly.access.sequence.SequenceAccess;
import org.woolly.access.transam.Transaction;
import org.woolly.catalog.AttributeInfo;
import org.woolly.catalog.CatalogAccess;
import org.woolly.catalog.RelationDependency;
import org.woolly.catalog.RelationInfo;
import org.woolly.catalog.SequenceDefinition;
import org.woolly.utils.adt.SequenceOperations;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

/**
 * One session's sequence state and the sequence functions over it ({@code nextval_internal},
 * {@code currval}, {@code do_setval}, {@code lastval} and the {@code SeqTable} hash of
 * {@code sequence.c}): the last value each sequence gave this session, the values it took
 * ahead with CACHE, and the sequence used last. Definitions are cached until the sequence's
 * catalog rows change. Not thread-safe: one per backend.
 */
public final class SequenceSession implements SequenceOperations {
    /** {@code SeqTableData}: {@code last} is valid once nextval or setval(..., true) gave a value. */
    private static final class Entry {
        long last;
        long cached;
        long increment;
        boolean lastValid;
        SequenceDefinition definition;
        long definitionStamp;
    }

    private final SequenceAccess storage;
    private final Supplier<CatalogAccess> catalog;
    private final Supplier<Transaction> transaction;
    private final Consumer<String> checkWritable;
    private final Map<Integer, Entry> entries = new HashMap<>();
    private Integer lastUsed;

    /** {@code checkWritable} raises 25006 for a command name in a read-only transaction. */
    public SequenceSession(SequenceAccess storage, Supplier<CatalogAccess> catalog, Supplier<Transaction> transaction,
                           Consumer<String> checkWritable) {
        this.storage = storage;
        this.catalog = catalog;
        this.transaction = transaction;
        this.checkWritable = checkWritable;
    }

    /** DISCARD SEQUENCES (and DISCARD ALL): forgets every value this session got. */
    public void discard() {
        entries.clear();
        lastUsed = null;
    }

    @Override
    public long nextval(int sequenceOid) {
        RelationInfo sequence = open(sequenceOid);
        checkWritable.accept("nextval()");
        Entry entry = entries.computeIfAbsent(sequenceOid, oid -> new Entry());
        if (entry.lastValid && entry.last != entry.cached) {
            entry.last += entry.increment;
            lastUsed = sequenceOid;
            return entry.last;
        }
        SequenceDefinition definition = definition(sequence, entry);
        SequenceAccess.Fetched fetched = storage.nextValues(sequence.locator(), sequence.name(),
                new SequenceAccess.Parameters(definition.increment(), definition.minValue(), definition.maxValue(),
                        definition.cache(), definition.cycle()));
        entry.last = fetched.first();
        entry.cached = fetched.last();
        entry.increment = definition.increment();
        entry.lastValid = true;
        lastUsed = sequenceOid;
        return entry.last;
    }

    @Override
    public long currval(int sequenceOid) {
        RelationInfo sequence = open(sequenceOid);
        Entry entry = entries.get(sequenceOid);
        if (entry == null || !entry.lastValid) {
            throw SqlException.of(SqlState.OBJECT_NOT_IN_PREREQUISITE_STATE,
                    "currval of sequence \"%s\" is not yet defined in this session", sequence.name());
        }
        return entry.last;
    }

    @Override
    public long lastval() {
        if (lastUsed == null) {
            throw new SqlException(SqlState.OBJECT_NOT_IN_PREREQUISITE_STATE, "lastval is not yet defined in this session");
        }
        Entry entry = entries.get(lastUsed);
        try {
            catalog.get().relationByOid(transaction.get(), lastUsed);
        } catch (SqlException dropped) {
            // dropped since its last nextval
            throw new SqlException(SqlState.OBJECT_NOT_IN_PREREQUISITE_STATE, "lastval is not yet defined in this session");
        }
        return entry.last;
    }

    @Override
    public Long lastValueIfCalled(int sequenceOid) {
        SequenceAccess.State state = storage.read(open(sequenceOid).locator());
        return state.isCalled() ? state.lastValue() : null;
    }

    @Override
    public long setval(int sequenceOid, long value, boolean isCalled) {
        RelationInfo sequence = open(sequenceOid);
        checkWritable.accept("setval()");
        Entry entry = entries.computeIfAbsent(sequenceOid, oid -> new Entry());
        SequenceDefinition definition = definition(sequence, entry);
        if (value < definition.minValue() || value > definition.maxValue()) {
            throw SqlException.of(SqlState.NUMERIC_VALUE_OUT_OF_RANGE,
                    "setval: value %d is out of bounds for sequence \"%s\" (%d..%d)", value, sequence.name(),
                    definition.minValue(), definition.maxValue());
        }
        storage.setValue(sequence.locator(), value, isCalled);
        if (isCalled) {
            entry.last = value;
            entry.lastValid = true;
        }
        entry.cached = entry.last;
        return value;
    }

    @Override
    public String serialSequence(String table, String column) {
        Transaction tx = transaction.get();
        CatalogAccess access = catalog.get();
        List<String> names = org.woolly.utils.adt.Identifiers.parseQualified(table);
        String schema = names.size() >= 2 ? names.get(names.size() - 2) : null;
        RelationInfo relation = access.lookupRelation(tx, schema, names.getLast()).orElseThrow(
                () -> SqlException.of(SqlState.UNDEFINED_TABLE, "relation \"%s\" does not exist", table));
        AttributeInfo attribute = relation.attribute(column);
        if (attribute == null) {
            throw SqlException.of(SqlState.UNDEFINED_COLUMN, "column \"%s\" of relation \"%s\" does not exist", column,
                    relation.name());
        }
        for (RelationDependency dependency : access.dependencies(tx, relation.oid(), true)) {
            if ((dependency.type() == 'a' || dependency.type() == 'i')
                    && dependency.referencedColumn() == attribute.number()) {
                RelationInfo sequence = access.relationByOid(tx, dependency.objectOid());
                if (sequence.kind() == 'S') {
                    return quoteIdentifier(sequence.namespaceName()) + "." + quoteIdentifier(sequence.name());
                }
            }
        }
        return null;
    }

    private RelationInfo open(int sequenceOid) {
        RelationInfo relation = catalog.get().relationByOid(transaction.get(), sequenceOid);
        return SequenceCommands.requireSequence(relation, -1);
    }

    private SequenceDefinition definition(RelationInfo sequence, Entry entry) {
        CatalogAccess access = catalog.get();
        Transaction tx = transaction.get();
        if (entry.definition == null || access.relationChangedSince(tx, sequence.oid(), entry.definitionStamp)) {
            long stamp = access.invalidationStamp();
            entry.definition = access.sequenceDefinition(tx, sequence.oid()).orElseThrow(
                    () -> SqlException.of(SqlState.INTERNAL_ERROR, "cache lookup failed for sequence %s",
                            Integer.toUnsignedString(sequence.oid())));
            entry.definitionStamp = stamp;
        }
        return entry.definition;
    }

    /** {@code quote_identifier}: quotes a name unless it is a plain lower-case identifier. */
    static String quoteIdentifier(String name) {
        if (name.matches("[a-z_][a-z0-9_$]*")) {
            return name;
        }
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }
}
