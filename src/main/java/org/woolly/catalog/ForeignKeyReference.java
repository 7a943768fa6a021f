package org.woolly.catalog;

/**
 * A foreign key seen from the table it references: the referencing table ({@code conrelid})
 * and the constraint ({@code pg_constraint} row with {@code confrelid} = the referenced table).
 * What a DELETE or key UPDATE of the referenced table must check or act on.
 */
public record ForeignKeyReference(RelationInfo table, ConstraintInfo constraint) {}
