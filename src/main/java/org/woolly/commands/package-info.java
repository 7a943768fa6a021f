/**
 * Utility statements: CREATE TABLE, DROP, TRUNCATE, CREATE/ALTER/DROP SEQUENCE, SET/SHOW/RESET
 * and EXPLAIN. Counterpart of {@code src/backend/commands} ({@code tablecmds.c},
 * {@code sequence.c}, {@code variable.c}, {@code explain.c}) and the dispatch of
 * {@code tcop/utility.c}. Entry points: {@link org.woolly.commands.TableCommands},
 * {@link org.woolly.commands.SequenceCommands}, {@link org.woolly.commands.VariableCommands},
 * {@link org.woolly.commands.ExplainCommand}. {@link org.woolly.commands.SequenceSession} is a
 * session's nextval/currval/setval/lastval state (the executor calls it through
 * {@code utils.adt.SequenceOperations}); {@code SerialColumns} makes the sequences of serial and
 * identity columns for CREATE TABLE.
 */
package org.woolly.commands;
