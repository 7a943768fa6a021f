package org.woolly.catalog;

import java.util.List;

/**
 * A domain as the analyzer needs it ({@code pg_type} with typtype 'd', plus its
 * {@code pg_constraint} rows): the base type and modifier ({@code typbasetype},
 * {@code typtypmod}, itself possibly a domain), {@code typnotnull}, the default's SQL text
 * ({@code typdefault}, null when none) and the CHECK constraints in name order, the order in
 * which PostgreSQL's {@code load_domaintype_info} evaluates them.
 */
public record DomainInfo(int oid, String name, int namespaceOid, int baseTypeOid, int baseTypmod, boolean notNull,
                         String defaultExpression, List<Check> checks) {

    /** A domain's CHECK constraint: its SQL text over {@code VALUE}, and whether existing data was validated. */
    public record Check(int oid, String name, String expression, boolean validated) {}

    public Check check(String constraintName) {
        return checks.stream().filter(check -> check.name().equals(constraintName)).findFirst().orElse(null);
    }
}
