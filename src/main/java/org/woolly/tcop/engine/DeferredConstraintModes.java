package org.woolly.tcop.engine;

import java.util.ArrayList;
import java.util.List;
import org.woolly.access.transam.Transaction;
import org.woolly.catalog.ConstraintInfo;
import org.woolly.catalog.RelationInfo;
import org.woolly.executor.DeferredConstraints;
import org.woolly.nodes.parse.QualifiedName;
import org.woolly.nodes.parse.Statement;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

/**
 * SET CONSTRAINTS ({@code AfterTriggerSetState} in {@code trigger.c}): sets the transaction's
 * mode of all deferrable constraints or of the named ones (each name found in its schema, or in
 * the first schema of search_path that has a constraint so named: 42704 if none does; 55000 if
 * one of them is not deferrable), and on IMMEDIATE runs the checks that were waiting for them,
 * so their 23505 or 23503 is this statement's error.
 */
final class DeferredConstraintModes {
    private DeferredConstraintModes() {}

    static void set(QuerySession session, Statement.SetConstraints set) {
        DeferredConstraints deferred = session.block.deferredConstraints();
        if (set.names().isEmpty()) {
            deferred.setAll(set.deferred());
        } else {
            List<ConstraintInfo> named = new ArrayList<>();
            for (QualifiedName name : set.names()) {
                named.addAll(lookup(session, name));
            }
            for (ConstraintInfo constraint : named) {
                deferred.set(constraint.oid(), set.deferred());
            }
        }
        if (!set.deferred() && !deferred.isEmpty()) {
            deferred.fire(session.newExecutorContext(new Object[0]), false);
        }
    }

    private static List<ConstraintInfo> lookup(QuerySession session, QualifiedName name) {
        Transaction tx = session.block.ensure();
        List<String> schemas = name.schema() != null ? List.of(name.schema()) : session.catalog.searchPath(tx);
        List<RelationInfo> tables = session.catalog.tables(tx);
        for (String schema : schemas) {
            List<ConstraintInfo> found = new ArrayList<>();
            for (RelationInfo table : tables) {
                if (!table.namespaceName().equals(schema)) {
                    continue;
                }
                for (ConstraintInfo constraint : table.constraints()) {
                    if (constraint.name().equals(name.name())) {
                        if (!constraint.deferrable()) {
                            throw SqlException.of(SqlState.OBJECT_NOT_IN_PREREQUISITE_STATE,
                                    "constraint \"%s\" is not deferrable", name.name());
                        }
                        found.add(constraint);
                    }
                }
            }
            if (!found.isEmpty()) {
                return found;
            }
        }
        throw SqlException.of(SqlState.UNDEFINED_OBJECT, "constraint \"%s\" does not exist", name.name());
    }
}
