package org.woolly.nodes.query;

/**
 * A WITH query that is an INSERT, UPDATE or DELETE ({@code hasModifyingCTE} in PostgreSQL):
 * it runs once, to completion, before the statement's main query reads anything, whether or
 * not anything references it; its RETURNING rows go into execution parameter {@code param},
 * which references read as a work table. It runs with the statement's snapshot and command id,
 * so neither it nor the main query sees the other's changes.
 */
public record DataModifyingCte(String name, int param, Query query) {}
