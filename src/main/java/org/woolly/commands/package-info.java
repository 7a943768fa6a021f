/**
 * Utility statements: CREATE TABLE, ALTER TABLE, DROP, TRUNCATE, SET/SHOW/RESET and EXPLAIN.
 * Counterpart of {@code src/backend/commands} ({@code tablecmds.c}, {@code variable.c},
 * {@code explain.c}) and the dispatch of {@code tcop/utility.c}. Entry points:
 * {@link org.woolly.commands.TableCommands}, {@link org.woolly.commands.AlterTableCommands} (its
 * constraint actions are refused in one marked method until the constraint code is wired in),
 * {@link org.woolly.commands.VariableCommands}, {@link org.woolly.commands.ExplainCommand}.
 */
package org.woolly.commands;
