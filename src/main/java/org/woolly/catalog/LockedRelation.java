package org.woolly.catalog;

import org.woolly.storage.lmgr.LockMode;

/**
 * A relation a statement opened and the lock mode it took on it ({@code rellockmode} of a
 * {@code RangeTblEntry}): what executing the statement's plan in a later transaction must lock
 * again, and the descriptor the plan was made from, to tell whether the plan is still valid.
 */
public record LockedRelation(RelationInfo relation, LockMode mode) {}
