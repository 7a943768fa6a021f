package org.woolly.catalog.acl;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToIntFunction;

/**
 * An access control list ({@code aclitem[]}, {@code acl.c}): the privileges each grantee holds
 * on one object, each item {@code grantee=privileges/grantor} with {@code *} after a privilege
 * held WITH GRANT OPTION, the grantee empty for PUBLIC. Kept and stored in that text form
 * ({@code {postgres=arwdDxt/postgres,=r/postgres}}), with role names, as PostgreSQL prints it;
 * a null ACL stands for the owner's default ({@code acldefault}). Immutable.
 */
public record Acl(List<Item> items) {
    /** Privilege letters in PostgreSQL's order ({@code ACL_ALL_RIGHTS_STR}). */
    public static final String ALL_RIGHTS = "arwdDxtXUCTcsA";
    /** The role OID standing for PUBLIC ({@code ACL_ID_PUBLIC}). */
    public static final int PUBLIC = 0;

    /** One grantee's privileges from one grantor, as bit masks over {@link #ALL_RIGHTS}. */
    public record Item(int grantee, int grantor, int privileges, int grantOptions) {}

    /** The kind of object, which decides the default ACL and the privileges that apply. */
    public enum ObjectType {
        TABLE("arwdDxt", ""), SEQUENCE("rwU", ""), SCHEMA("UC", ""), DATABASE("CTc", "Tc"), FUNCTION("X", "X"),
        COLUMN("", ""), LANGUAGE("U", "U"), LARGE_OBJECT("rw", ""), TABLESPACE("C", ""),
        FOREIGN_DATA_WRAPPER("U", ""), FOREIGN_SERVER("U", ""), TYPE("U", "U"), PARAMETER("sA", "");

        final String ownerDefault;
        final String publicDefault;

        ObjectType(String ownerDefault, String publicDefault) {
            this.ownerDefault = ownerDefault;
            this.publicDefault = publicDefault;
        }

        /** The privileges this kind of object has (ALL means these). */
        public int all() {
            return mask(ownerDefault);
        }
    }

    public Acl {
        items = List.copyOf(items);
    }

    /** {@code acldefault}: the owner holds every privilege of the kind, PUBLIC what the kind gives everyone. */
    public static Acl defaultFor(ObjectType type, int owner) {
        List<Item> items = new ArrayList<>();
        if (!type.publicDefault.isEmpty()) {
            items.add(new Item(PUBLIC, owner, mask(type.publicDefault), 0));
        }
        if (!type.ownerDefault.isEmpty()) {
            items.add(new Item(owner, owner, mask(type.ownerDefault), 0));
        }
        return new Acl(items);
    }

    /**
     * The kind of object of one of {@code acldefault}'s abbreviations ({@code 'r'} table,
     * {@code 's'} sequence, {@code 'f'} function, {@code 'T'} type, ...); null for none.
     */
    public static ObjectType ofAbbreviation(char abbreviation) {
        return switch (abbreviation) {
            case 'c' -> ObjectType.COLUMN;
            case 'r' -> ObjectType.TABLE;
            case 's' -> ObjectType.SEQUENCE;
            case 'd' -> ObjectType.DATABASE;
            case 'f' -> ObjectType.FUNCTION;
            case 'l' -> ObjectType.LANGUAGE;
            case 'L' -> ObjectType.LARGE_OBJECT;
            case 'n' -> ObjectType.SCHEMA;
            case 't' -> ObjectType.TABLESPACE;
            case 'F' -> ObjectType.FOREIGN_DATA_WRAPPER;
            case 'S' -> ObjectType.FOREIGN_SERVER;
            case 'T' -> ObjectType.TYPE;
            case 'p' -> ObjectType.PARAMETER;
            default -> null;
        };
    }

    /** The bit of one privilege letter; -1 if it is none. */
    public static int bit(char letter) {
        int index = ALL_RIGHTS.indexOf(letter);
        return index < 0 ? -1 : 1 << index;
    }

    public static int mask(String letters) {
        int mask = 0;
        for (char letter : letters.toCharArray()) {
            mask |= bit(letter);
        }
        return mask;
    }

    /**
     * Parses the stored text; null text is the default ACL of {@code type} for {@code owner}.
     * {@code roleOid} maps a name to its OID (-1 for a role that no longer exists: its item is dropped).
     */
    public static Acl parse(String text, ObjectType type, int owner, ToIntFunction<String> roleOid) {
        if (text == null) {
            return defaultFor(type, owner);
        }
        List<Item> items = new ArrayList<>();
        for (String entry : splitArray(text)) {
            int equals = entry.lastIndexOf('=');
            int slash = entry.lastIndexOf('/');
            String grantee = unquote(entry.substring(0, equals));
            String privileges = entry.substring(equals + 1, slash);
            String grantor = unquote(entry.substring(slash + 1));
            int granteeOid = grantee.isEmpty() ? PUBLIC : roleOid.applyAsInt(grantee);
            int grantorOid = roleOid.applyAsInt(grantor);
            if (granteeOid == -1 || grantorOid == -1) {
                continue;
            }
            int mask = 0;
            int options = 0;
            for (int i = 0; i < privileges.length(); i++) {
                int bit = bit(privileges.charAt(i));
                mask |= bit;
                if (i + 1 < privileges.length() && privileges.charAt(i + 1) == '*') {
                    options |= bit;
                    i++;
                }
            }
            items.add(new Item(granteeOid, grantorOid, mask, options));
        }
        return new Acl(items);
    }

    /** The text form ({@code aclitemout} of each item, as an array literal); names from {@code roleName}. */
    public String format(Function<Integer, String> roleName) {
        StringBuilder out = new StringBuilder("{");
        for (Item item : items) {
            if (out.length() > 1) {
                out.append(',');
            }
            StringBuilder entry = new StringBuilder();
            if (item.grantee() != PUBLIC) {
                entry.append(quote(roleName.apply(item.grantee())));
            }
            entry.append('=');
            for (int i = 0; i < ALL_RIGHTS.length(); i++) {
                if ((item.privileges() & 1 << i) != 0) {
                    entry.append(ALL_RIGHTS.charAt(i));
                    if ((item.grantOptions() & 1 << i) != 0) {
                        entry.append('*');
                    }
                }
            }
            entry.append('/').append(quote(roleName.apply(item.grantor())));
            String text = entry.toString();
            // array element quoting: an item holding a quote, comma, space or brace is double-quoted
            if (text.matches(".*[\",{} \\\\].*")) {
                text = "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
            }
            out.append(text);
        }
        return out.append('}').toString();
    }

    /**
     * {@code aclmask}: the privileges of {@code mask} that {@code role} holds, directly, through
     * PUBLIC, or through a role it has the privileges of ({@code inherits}).
     */
    public int privilegesOf(int role, int mask, java.util.function.IntPredicate inherits) {
        int held = 0;
        for (Item item : items) {
            if (item.grantee() == PUBLIC || item.grantee() == role || inherits.test(item.grantee())) {
                held |= item.privileges();
            }
        }
        return held & mask;
    }

    /** The grant options of {@code mask} that {@code role} holds itself (not through PUBLIC). */
    public int grantOptionsOf(int role, int mask, java.util.function.IntPredicate inherits) {
        int held = 0;
        for (Item item : items) {
            if (item.grantee() == role || item.grantee() != PUBLIC && inherits.test(item.grantee())) {
                held |= item.grantOptions();
            }
        }
        return held & mask;
    }

    /** {@code aclupdate} for a GRANT: adds privileges (and grant options) of {@code grantee} from {@code grantor}. */
    public Acl grant(int grantee, int grantor, int privileges, boolean withGrantOption) {
        if (privileges == 0) {
            return this;
        }
        List<Item> result = new ArrayList<>();
        boolean merged = false;
        for (Item item : items) {
            if (item.grantee() == grantee && item.grantor() == grantor) {
                result.add(new Item(grantee, grantor, item.privileges() | privileges,
                        item.grantOptions() | (withGrantOption ? privileges : 0)));
                merged = true;
            } else {
                result.add(item);
            }
        }
        if (!merged) {
            result.add(new Item(grantee, grantor, privileges, withGrantOption ? privileges : 0));
        }
        return new Acl(result);
    }

    /**
     * {@code aclupdate} for a REVOKE: removes the privileges (or only their grant options) of
     * {@code grantee} granted by {@code grantor}; an item left with nothing goes.
     */
    public Acl revoke(int grantee, int grantor, int privileges, boolean grantOptionOnly) {
        List<Item> result = new ArrayList<>();
        for (Item item : items) {
            if (item.grantee() == grantee && item.grantor() == grantor) {
                int remaining = grantOptionOnly ? item.privileges() : item.privileges() & ~privileges;
                int options = item.grantOptions() & ~privileges;
                if (remaining != 0) {
                    result.add(new Item(grantee, grantor, remaining, options & remaining));
                }
            } else {
                result.add(item);
            }
        }
        return new Acl(result);
    }

    /** Items a role holds or grants: whether {@code role} appears anywhere (DROP ROLE's dependency check). */
    public boolean mentions(int role) {
        for (Item item : items) {
            if (item.grantee() == role || item.grantor() == role) {
                return true;
            }
        }
        return false;
    }

    private static List<String> splitArray(String text) {
        List<String> entries = new ArrayList<>();
        String body = text.trim();
        if (body.startsWith("{")) {
            body = body.substring(1, body.length() - 1);
        }
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c == '\\' && i + 1 < body.length()) {
                current.append(body.charAt(++i));
            } else if (c == '"') {
                quoted = !quoted;
            } else if (c == ',' && !quoted) {
                entries.add(current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        if (!current.isEmpty()) {
            entries.add(current.toString());
        }
        return entries;
    }

    /** Role names inside an aclitem are double-quoted when they hold anything but lower-case letters, digits, _. */
    private static String quote(String name) {
        if (name.matches("[A-Za-z0-9_]+")) {
            return name;
        }
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }

    private static String unquote(String name) {
        if (name.length() >= 2 && name.startsWith("\"") && name.endsWith("\"")) {
            return name.substring(1, name.length() - 1).replace("\"\"", "\"");
        }
        return name;
    }
}
