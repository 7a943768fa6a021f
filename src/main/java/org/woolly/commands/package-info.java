/**
 * Utility statements: CREATE TABLE, DROP, TRUNCATE, SET/SHOW/RESET, EXPLAIN and ANALYZE.
 * Counterpart of {@code src/backend/commands} ({@code tablecmds.c}, {@code variable.c},
 * {@code explain.c}, {@code analyze.c}) and the dispatch of {@code tcop/utility.c}. Entry
 * points: {@link org.woolly.commands.TableCommands}, {@link org.woolly.commands.VariableCommands},
 * {@link org.woolly.commands.ExplainCommand}, {@link org.woolly.commands.AnalyzeCommand} (with
 * the estimators of {@link org.woolly.commands.ColumnStatisticsBuilder}).
 */
package org.woolly.commands;
