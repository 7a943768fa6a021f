package org.woolly.catalog;

/**
 * One user rule: a pg_rewrite row other than a view's {@code _RETURN} ({@code FormData_pg_rewrite}
 * of {@code pg_rewrite.h}). {@code event} is {@code ev_type} ('1' SELECT, '2' UPDATE, '3'
 * INSERT, '4' DELETE); {@code qual} the WHERE condition as SQL text, null without one;
 * {@code actions} the action statements as SQL text separated by semicolons, empty for
 * DO NOTHING. PostgreSQL keeps both as node trees; Woolly keeps the text and parses it again.
 */
public record RuleInfo(int oid, int relationOid, String name, char event, char enabled, boolean instead, String qual,
                       String actions) {

    public static final char ENABLED_ORIGIN = 'O';
    public static final char ENABLED_ALWAYS = 'A';
    public static final char DISABLED = 'D';

    /** Whether the rule fires in a session whose {@code session_replication_role} is origin or local. */
    public boolean firesInOrigin() {
        return enabled == ENABLED_ORIGIN || enabled == ENABLED_ALWAYS;
    }

    static RuleInfo of(CatalogRow row) {
        String qual = row.getString("ev_qual");
        return new RuleInfo(row.getOid("oid"), row.getOid("ev_class"), row.getString("rulename"),
                row.getChar("ev_type"), row.getChar("ev_enabled"), row.getBool("is_instead"),
                qual == null || qual.equals("<>") ? null : qual, row.getString("ev_action"));
    }

    Object[] row() {
        return new RowBuilder(CatalogDefinitions.PG_REWRITE).set("oid", oid).set("rulename", name)
                .set("ev_class", relationOid).setChar("ev_type", event).setChar("ev_enabled", enabled)
                .set("is_instead", instead).set("ev_qual", qual == null ? "<>" : qual).set("ev_action", actions)
                .build();
    }

    public RuleInfo withName(String newName) {
        return new RuleInfo(oid, relationOid, newName, event, enabled, instead, qual, actions);
    }

    public RuleInfo withEnabled(char newEnabled) {
        return new RuleInfo(oid, relationOid, name, event, newEnabled, instead, qual, actions);
    }
}
