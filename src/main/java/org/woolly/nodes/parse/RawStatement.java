package org.woolly.nodes.parse;

/**
 * One statement of a query string, with where it starts and how long it is (characters), so
 * the statement's own text can be shown in logs and {@code pg_stat_activity}, and error
 * positions can be reported relative to the whole string as PostgreSQL does.
 */
public record RawStatement(Statement statement, int location, int length) {}
