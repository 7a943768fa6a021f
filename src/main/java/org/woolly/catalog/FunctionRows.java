package org.woolly.catalog;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.woolly.utils.adt.ArrayLiteral;

/**
 * A user-defined routine's pg_proc row and back ({@code ProcedureCreate} in {@code pg_proc.c}
 * fills the same columns). The array columns are kept in their text form, as the other catalog
 * arrays are; {@code proargdefaults} holds the DEFAULT expressions' SQL texts as a text array
 * (PostgreSQL keeps a node tree there), {@code prosqlbody} the SQL-standard body as written.
 */
final class FunctionRows {
    static final int SQL_LANGUAGE = BuiltinLanguages.SQL;

    private FunctionRows() {}

    static Object[] row(FunctionInfo function) {
        boolean allInput = function.argumentModes() == null;
        List<String> names = function.argumentNames() == null ? null : Arrays.asList(function.argumentNames());
        return new RowBuilder(CatalogDefinitions.PG_PROC)
                .set("oid", function.oid()).set("proname", function.name())
                .set("pronamespace", function.namespaceOid()).set("proowner", function.ownerOid())
                .set("prolang", function.language()).set("procost", function.kind() == 'a' ? 1.0f : 100.0f)
                .set("prorows", function.returnsSet() ? 1000.0f : 0.0f).set("provariadic", function.variadicType())
                .set("prosupport", "-").setChar("prokind", function.kind()).set("prosecdef", function.securityDefiner())
                .set("proleakproof", false).set("proisstrict", function.strict()).set("proretset", function.returnsSet())
                .setChar("provolatile", function.volatility()).setChar("proparallel", 'u')
                .setShort("pronargs", function.argumentTypes().length)
                .setShort("pronargdefaults", function.defaults().size()).set("prorettype", function.returnType())
                .set("proargtypes", oidVector(function.argumentTypes()))
                .set("proallargtypes", allInput ? null : oidArray(function.allArgumentTypes()))
                .set("proargmodes", allInput ? null : modes(function.argumentModes()))
                .set("proargnames", names == null ? null : ArrayLiteral.format(names))
                .set("proargdefaults", function.defaults().isEmpty() ? null : ArrayLiteral.format(function.defaults()))
                .set("prosrc", function.source()).set("prosqlbody", function.sqlBody())
                .build();
    }

    static FunctionInfo info(CatalogRow row) {
        int[] argumentTypes = parseOids(row.getString("proargtypes"), " ");
        String all = row.getString("proallargtypes");
        int[] allTypes = all == null ? argumentTypes : parseOids(all.substring(1, all.length() - 1), ",");
        String modesText = row.getString("proargmodes");
        char[] modes = null;
        if (modesText != null) {
            List<String> elements = ArrayLiteral.parse(modesText);
            modes = new char[elements.size()];
            for (int i = 0; i < modes.length; i++) {
                modes[i] = elements.get(i).charAt(0);
            }
        }
        String namesText = row.getString("proargnames");
        String[] names = namesText == null ? null : ArrayLiteral.parse(namesText).toArray(String[]::new);
        String defaultsText = row.getString("proargdefaults");
        List<String> defaults = defaultsText == null ? List.of() : List.copyOf(ArrayLiteral.parse(defaultsText));
        return new FunctionInfo(row.getOid("oid"), row.getString("proname"), row.getOid("pronamespace"),
                row.getOid("proowner"), row.getChar("prokind"), argumentTypes, allTypes, modes, names, defaults,
                row.getOid("prorettype"), row.getBool("proretset"), row.getChar("provolatile"),
                row.getBool("proisstrict"), row.getBool("prosecdef"), row.getOid("provariadic"),
                row.getString("prosrc"), row.getString("prosqlbody"), row.getOid("prolang"));
    }

    private static String oidVector(int[] oids) {
        StringBuilder text = new StringBuilder();
        for (int oid : oids) {
            if (!text.isEmpty()) {
                text.append(' ');
            }
            text.append(Integer.toUnsignedString(oid));
        }
        return text.toString();
    }

    private static String oidArray(int[] oids) {
        List<String> elements = new ArrayList<>();
        for (int oid : oids) {
            elements.add(Integer.toUnsignedString(oid));
        }
        return ArrayLiteral.format(elements);
    }

    private static String modes(char[] modes) {
        List<String> elements = new ArrayList<>();
        for (char mode : modes) {
            elements.add(String.valueOf(mode));
        }
        return ArrayLiteral.format(elements);
    }

    private static int[] parseOids(String text, String separator) {
        if (text == null || text.isBlank()) {
            return new int[0];
        }
        String[] parts = text.trim().split(separator);
        int[] oids = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            oids[i] = Integer.parseUnsignedInt(parts[i].trim());
        }
        return oids;
    }
}
