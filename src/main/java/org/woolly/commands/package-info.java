/**
 * Utility statements: CREATE TABLE, DROP, TRUNCATE, ALTER TABLE, CREATE/DROP INDEX, REINDEX,
 * CREATE/ALTER/DROP SEQUENCE, SET/SHOW/RESET, EXPLAIN and ANALYZE. Counterpart of {@code src/backend/commands} ({@code tablecmds.c},
 * {@code indexcmds.c}, {@code sequence.c}, {@code variable.c}, {@code explain.c}) and the dispatch of
 * {@code tcop/utility.c}. Entry points: {@link org.woolly.commands.TableCommands},
 * {@link org.woolly.commands.AlterTableCommands}, {@link org.woolly.commands.IndexCommands},
 * {@link org.woolly.commands.ConstraintCommands}, {@link org.woolly.commands.SequenceCommands},
 * {@link org.woolly.commands.VariableCommands},
 * {@link org.woolly.commands.ExplainCommand}, {@link org.woolly.commands.AnalyzeCommand} (with the
 * estimators of {@link org.woolly.commands.ColumnStatisticsBuilder}), {@link org.woolly.commands.VacuumCommand}
 * (lazy VACUUM: prune, index bulk delete, reclaim; VACUUM FULL as a rewrite). {@link org.woolly.commands.SequenceSession}
 * is a session's nextval/currval/setval/lastval state (the executor calls it through
 * {@code utils.adt.SequenceOperations}); {@code SerialColumns} makes the sequences of serial and
 * identity columns for CREATE TABLE.
 *
 * <p>Keys and constraints: CREATE TABLE turns column constraints into table constraints in the
 * order written, creates the table (PRIMARY KEY columns NOT NULL), adds the CHECK constraints
 * (named first, as {@code AddRelationNewConstraints} does), then the primary key's index and
 * the other unique ones ({@code transformIndexConstraints} order; an unnamed UNIQUE on the
 * primary key's columns is dropped as redundant). Names come from {@code catalog.ObjectNames}
 * (PostgreSQL's {@code ChooseRelationName}). A unique index is built from the rows this
 * transaction's snapshot sees and checked through {@code executor.UniqueProbe}; a failure
 * (23505 {@code could not create unique index}) rolls the transaction back, which removes the
 * catalog rows and the new file. DROP INDEX of a constraint's index is 2BP01 unless CASCADE;
 * DROP CONSTRAINT drops the constraint's index; DROP COLUMN drops the constraints and indexes
 * using the column (expression and partial indexes reading it included; other tables' foreign
 * keys referencing it only with CASCADE); a table rewrite (ALTER COLUMN TYPE) and REINDEX
 * rebuild the indexes into new files. ALTER TABLE ADD ... NOT VALID (CHECK, FOREIGN KEY) skips the rows there
 * ({@code convalidated} false), VALIDATE CONSTRAINT checks them later, RENAME CONSTRAINT renames a
 * key's index with it. DEFERRABLE keys store condeferrable/condeferred and indimmediate false
 * (the executor checks them after the statement or at commit). Not yet: operator classes,
 * {@code pg_indexes}, index sizes. Known gaps: a build indexes the rows its snapshot sees, not
 * the recently dead ones an older snapshot could still read (PostgreSQL indexes those and sets
 * {@code indcheckxmin}), which matters once scans use indexes; ALTER COLUMN TYPE and RENAME
 * COLUMN leave the index's own pg_attribute rows and {@code indclass} as they were (the B-tree
 * takes its column types from the table).
 *
 * <p>Foreign keys: {@link org.woolly.commands.ForeignKeyCommands} adds them after the table's own
 * keys (so a table may reference itself), as {@code ATAddForeignKeyConstraint}: the referenced
 * columns (the primary key when none are written) must be the key columns of a valid unique
 * index (42830), the column types must compare (42804), rows already there are checked (23503),
 * and {@code conindid} names the referenced index. The same class refuses DROP TABLE of a
 * referenced table (2BP01; CASCADE drops the constraints), TRUNCATE of one (0A000; CASCADE
 * truncates the referencing tables) and dropping the unique index or constraint a foreign key
 * uses (2BP01). Row checks and ON DELETE/UPDATE actions run in the executor
 * ({@code executor.ForeignKeyTriggers}).
 *
 * <p>COPY: {@link org.woolly.commands.CopyOptions} checks the options as {@code ProcessCopyOptions}
 * does (defaults per format, misplaced options 0A000, duplicates 42601);
 * {@link org.woolly.commands.CopyFromReader} splits input that arrives in chunks into lines (a
 * newline inside CSV quotes does not end one) and fields (text escapes, CSV quoting, the null
 * string, FORCE_NOT_NULL/FORCE_NULL, the {@code \.} end marker);
 * {@link org.woolly.commands.CopyToWriter} formats output lines; {@link org.woolly.commands.CopyBinary}
 * reads and writes the binary format. The statement itself runs in
 * {@code tcop.engine.CopyCommand}, which plans the INSERT or SELECT it needs.
 */
package org.woolly.commands;
