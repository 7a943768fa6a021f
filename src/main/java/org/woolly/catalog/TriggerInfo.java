package org.woolly.catalog;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One pg_trigger row ({@code FormData_pg_trigger} of {@code pg_trigger.h}). {@code type} holds
 * PostgreSQL's {@code tgtype} bits; {@code columns} the attribute numbers of UPDATE OF;
 * {@code when} the WHEN condition as SQL text (stored in tgqual as pg_constraint.conbin stores a
 * CHECK's), null without one; {@code oldTable}/{@code newTable} the transition table names or null.
 * A constraint trigger has a {@code constraintOid}; Woolly allocates it but writes no pg_constraint row yet.
 */
public record TriggerInfo(int oid, int relationOid, String name, int functionOid, int type, char enabled,
                          boolean internal, int constraintRelationOid, int constraintOid, boolean deferrable,
                          boolean initiallyDeferred,
                          List<String> arguments, int[] columns, String when, String oldTable, String newTable) {

    public static final int ROW = 1;
    public static final int BEFORE = 2;
    public static final int INSERT = 4;
    public static final int DELETE = 8;
    public static final int UPDATE = 16;
    public static final int TRUNCATE = 32;
    public static final int INSTEAD = 64;

    public static final char ENABLED_ORIGIN = 'O';
    public static final char ENABLED_ALWAYS = 'A';
    public static final char ENABLED_REPLICA = 'R';
    public static final char DISABLED = 'D';

    public boolean forEachRow() {
        return (type & ROW) != 0;
    }

    public boolean before() {
        return (type & BEFORE) != 0;
    }

    public boolean instead() {
        return (type & INSTEAD) != 0;
    }

    public boolean after() {
        return (type & (BEFORE | INSTEAD)) == 0;
    }

    public boolean firesOn(int event) {
        return (type & event) != 0;
    }

    /** Whether the trigger fires in a session whose {@code session_replication_role} is origin or local. */
    public boolean firesInOrigin() {
        return enabled == ENABLED_ORIGIN || enabled == ENABLED_ALWAYS;
    }

    /** {@code tgargs}: each argument followed by a zero byte. */
    public static byte[] encodeArguments(List<String> arguments) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (String argument : arguments) {
            bytes.writeBytes(argument.getBytes(StandardCharsets.UTF_8));
            bytes.write(0);
        }
        return bytes.toByteArray();
    }

    static List<String> decodeArguments(byte[] encoded, int count) {
        List<String> arguments = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < encoded.length && arguments.size() < count; i++) {
            if (encoded[i] == 0) {
                arguments.add(new String(encoded, start, i - start, StandardCharsets.UTF_8));
                start = i + 1;
            }
        }
        return List.copyOf(arguments);
    }

    Object[] row() {
        StringBuilder attributes = new StringBuilder();
        for (int column : columns) {
            attributes.append(attributes.isEmpty() ? "" : " ").append(column);
        }
        return new RowBuilder(CatalogDefinitions.PG_TRIGGER).set("oid", oid).set("tgrelid", relationOid)
                .set("tgparentid", 0).set("tgname", name).set("tgfoid", functionOid).setShort("tgtype", type)
                .setChar("tgenabled", enabled).set("tgisinternal", internal)
                .set("tgconstrrelid", constraintRelationOid).set("tgconstrindid", 0).set("tgconstraint", constraintOid)
                .set("tgdeferrable", deferrable).set("tginitdeferred", initiallyDeferred)
                .setShort("tgnargs", arguments.size()).set("tgattr", attributes.toString())
                .set("tgargs", encodeArguments(arguments)).set("tgqual", when).set("tgoldtable", oldTable)
                .set("tgnewtable", newTable).build();
    }

    static TriggerInfo of(CatalogRow row) {
        String attributes = row.getString("tgattr");
        int[] columns = attributes == null || attributes.isBlank() ? new int[0]
                : java.util.Arrays.stream(attributes.trim().split(" +")).mapToInt(Integer::parseInt).toArray();
        return new TriggerInfo(row.getOid("oid"), row.getOid("tgrelid"), row.getString("tgname"),
                row.getOid("tgfoid"), row.getShort("tgtype"), row.getChar("tgenabled"), row.getBool("tgisinternal"),
                row.getOid("tgconstrrelid"), row.getOid("tgconstraint"), row.getBool("tgdeferrable"), row.getBool("tginitdeferred"),
                decodeArguments((byte[]) row.get("tgargs"), row.getShort("tgnargs")), columns,
                row.getString("tgqual"), row.getString("tgoldtable"), row.getString("tgnewtable"));
    }

    /** The same trigger with other values of the columns ALTER TRIGGER and ALTER TABLE change. */
    public TriggerInfo with(String newName, char newEnabled) {
        return new TriggerInfo(oid, relationOid, newName, functionOid, type, newEnabled, internal,
                constraintRelationOid, constraintOid, deferrable, initiallyDeferred, arguments, columns, when, oldTable, newTable);
    }
}
