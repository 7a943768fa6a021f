package org.woolly.catalog;

/**
 * A column of a relation as the analyzer needs it ({@code pg_attribute} plus {@code pg_attrdef}):
 * 1-based attribute number, name, type OID and modifier, NOT NULL, and the DEFAULT expression
 * as SQL text (null when none), which the analyzer parses and analyzes where it is used.
 * {@code identity} is {@code attidentity}: 'a' (GENERATED ALWAYS), 'd' (BY DEFAULT) or '\0';
 * an identity column's default expression is the nextval of its sequence. A column declared
 * with a domain has the domain's base type as {@code typeOid} (its values are the base type's)
 * and the domain in {@code domainOid} (0 otherwise), whose constraints a stored value must pass.
 */
public record AttributeInfo(short number, String name, int typeOid, int typeModifier, boolean notNull,
                            String defaultExpression, char identity, int domainOid) {

    public AttributeInfo(short number, String name, int typeOid, int typeModifier, boolean notNull,
                         String defaultExpression, char identity) {
        this(number, name, typeOid, typeModifier, notNull, defaultExpression, identity, 0);
    }

    public AttributeInfo(short number, String name, int typeOid, int typeModifier, boolean notNull,
                         String defaultExpression) {
        this(number, name, typeOid, typeModifier, notNull, defaultExpression, '\0');
    }
}
