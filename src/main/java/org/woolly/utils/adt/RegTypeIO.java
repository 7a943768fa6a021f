package org.woolly.utils.adt;

import java.util.ArrayList;
import java.util.List;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

/**
 * Input and output of the OID alias types ({@code src/backend/utils/adt/regproc.c}): a value is
 * an OID, written and read as the name of the object it identifies. {@code 0} prints as
 * {@code -}; an OID naming nothing prints as its number; a number is accepted as input without
 * a lookup. Names are resolved through {@link CatalogInquiries#CURRENT}, the catalog of the
 * statement running on this thread; pg_proc's rows are the built-ins of {@link PgProcData}.
 */
final class RegTypeIO implements TypeIO {

    enum Kind { REGPROC, REGPROCEDURE, REGCLASS, REGTYPE, REGNAMESPACE, REGROLE }

    private final Kind kind;

    RegTypeIO(Kind kind) {
        this.kind = kind;
    }

    @Override
    public Object input(String text, int typmod, FormatSettings settings) {
        String trimmed = text.strip();
        if (trimmed.equals("-")) {
            return 0;
        }
        if (!trimmed.isEmpty() && trimmed.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return IntegerIO.OID.input(trimmed, -1, settings);
        }
        return switch (kind) {
            case REGPROC -> functionByName(trimmed);
            case REGPROCEDURE -> functionBySignature(trimmed);
            case REGCLASS -> catalog().relationOid(trimmed);
            case REGTYPE -> catalog().typeOid(trimmed);
            case REGNAMESPACE -> catalog().namespaceOid(singleName(trimmed));
            case REGROLE -> catalog().roleOid(singleName(trimmed));
        };
    }

    @Override
    public String output(Object value, FormatSettings settings) {
        int oid = (Integer) value;
        if (oid == 0) {
            return "-";
        }
        String name = switch (kind) {
            case REGPROC -> functionName(oid);
            case REGPROCEDURE -> functionSignature(oid);
            case REGCLASS -> CatalogInquiries.CURRENT.isBound() ? CatalogInquiries.CURRENT.get().relationName(oid) : null;
            case REGTYPE -> typeName(oid);
            case REGNAMESPACE -> CatalogInquiries.CURRENT.isBound()
                    ? quoteNullable(CatalogInquiries.CURRENT.get().namespaceName(oid)) : null;
            case REGROLE -> CatalogInquiries.CURRENT.isBound()
                    ? quoteNullable(CatalogInquiries.CURRENT.get().roleName(oid)) : null;
        };
        return name != null ? name : Integer.toUnsignedString(oid);
    }

    @Override
    public Object receive(byte[] bytes, int offset, int length, int typmod, FormatSettings settings) {
        return IntegerIO.OID.receive(bytes, offset, length, typmod, settings);
    }

    @Override
    public byte[] send(Object value, FormatSettings settings) {
        return IntegerIO.OID.send(value, settings);
    }

    private static CatalogInquiries catalog() {
        if (!CatalogInquiries.CURRENT.isBound()) {
            throw new SqlException(SqlState.FEATURE_NOT_SUPPORTED, "object names cannot be looked up here");
        }
        return CatalogInquiries.CURRENT.get();
    }

    /** {@code format_type_be}: the SQL name without a modifier ("character" for bpchar). */
    static String typeName(int oid) {
        if (oid == TypeOids.BPCHAR) {
            return "character";
        }
        if (CatalogInquiries.CURRENT.isBound()) {
            String name = CatalogInquiries.CURRENT.get().formatType(oid, -1);
            if (!name.equals("???")) {
                return name;
            }
        }
        // pseudo-types (anyarray, anycompatible, ...) print as their pg_type name
        PgTypeData.Type row = PgTypeData.byOid(oid);
        return row != null ? row.name() : null;
    }

    private static String quoteNullable(String name) {
        return name == null ? null : Identifiers.quote(name);
    }

    private static List<PgProcData.Proc> functionsNamed(String name) {
        List<PgProcData.Proc> found = new ArrayList<>();
        for (PgProcData.Proc proc : PgProcData.all()) {
            if (proc.name().equals(name)) {
                found.add(proc);
            }
        }
        return found;
    }

    private static PgProcData.Proc function(int oid) {
        for (PgProcData.Proc proc : PgProcData.all()) {
            if (proc.oid() == oid) {
                return proc;
            }
        }
        return null;
    }

    /** Built-in functions live in pg_catalog; any other schema holds none. */
    private static String functionNameIn(List<String> names) {
        if (names.size() >= 2 && !names.get(names.size() - 2).equals("pg_catalog")) {
            return null;
        }
        return names.getLast();
    }

    private static int functionByName(String text) {
        List<String> names = names(text);
        String name = functionNameIn(names);
        List<Integer> found = new ArrayList<>(userRoutines(names));
        if (name != null) {
            functionsNamed(name).forEach(proc -> found.add(proc.oid()));
        }
        if (found.isEmpty()) {
            throw SqlException.of(SqlState.UNDEFINED_FUNCTION, "function \"%s\" does not exist", text);
        }
        if (found.size() > 1) {
            throw SqlException.of(SqlState.AMBIGUOUS_FUNCTION, "more than one function named \"%s\"", text);
        }
        return found.getFirst();
    }

    /** The user-defined routines a (possibly qualified) name denotes. */
    private static List<Integer> userRoutines(List<String> names) {
        if (!CatalogInquiries.CURRENT.isBound()) {
            return List.of();
        }
        return CatalogInquiries.CURRENT.get().routineOids(names.size() >= 2 ? names.get(names.size() - 2) : null,
                names.getLast());
    }

    private static int functionBySignature(String text) {
        int open = text.indexOf('(');
        if (open < 0 || !text.endsWith(")")) {
            throw SqlException.of(SqlState.INVALID_TEXT_REPRESENTATION, "expected a left parenthesis");
        }
        String name = functionNameIn(names(text.substring(0, open)));
        String arguments = text.substring(open + 1, text.length() - 1).strip();
        List<Integer> types = new ArrayList<>();
        if (!arguments.isEmpty()) {
            for (String argument : splitArguments(arguments)) {
                types.add(catalog().typeOid(argument.strip()));
            }
        }
        int[] wanted = types.stream().mapToInt(Integer::intValue).toArray();
        for (int routine : userRoutines(names(text.substring(0, open)))) {
            if (java.util.Arrays.equals(CatalogInquiries.CURRENT.get().routineArgumentTypes(routine), wanted)) {
                return routine;
            }
        }
        PgProcData.Proc proc = name == null ? null : PgProcData.find(name, wanted);
        if (proc == null) {
            throw SqlException.of(SqlState.UNDEFINED_FUNCTION, "function \"%s\" does not exist", text);
        }
        return proc.oid();
    }

    /** Commas inside a type modifier ({@code numeric(10,2)}) do not separate arguments. */
    private static List<String> splitArguments(String arguments) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < arguments.length(); i++) {
            char c = arguments.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == ',' && depth == 0) {
                parts.add(arguments.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(arguments.substring(start));
        return parts;
    }

    /** {@code regprocout}: the name, qualified when it does not name this function alone. */
    private static String functionName(int oid) {
        PgProcData.Proc proc = function(oid);
        if (proc == null) {
            return CatalogInquiries.CURRENT.isBound()
                    ? CatalogInquiries.CURRENT.get().routineText(oid, CatalogInquiries.RoutineText.NAME) : null;
        }
        String name = Identifiers.quote(proc.name());
        return functionsNamed(proc.name()).size() == 1 ? name : "pg_catalog." + name;
    }

    /** {@code regprocedureout}: {@code name(type,type)}. */
    private static String functionSignature(int oid) {
        PgProcData.Proc proc = function(oid);
        if (proc == null) {
            return CatalogInquiries.CURRENT.isBound()
                    ? CatalogInquiries.CURRENT.get().routineText(oid, CatalogInquiries.RoutineText.SIGNATURE) : null;
        }
        StringBuilder text = new StringBuilder(Identifiers.quote(proc.name())).append('(');
        int[] arguments = proc.argumentTypes();
        for (int i = 0; i < arguments.length; i++) {
            if (i > 0) {
                text.append(',');
            }
            String type = typeName(arguments[i]);
            text.append(type != null ? type : Integer.toUnsignedString(arguments[i]));
        }
        return text.append(')').toString();
    }

    private static String singleName(String text) {
        List<String> names = names(text);
        if (names.size() != 1) {
            throw SqlException.of(SqlState.INVALID_NAME, "invalid name syntax");
        }
        return names.getFirst();
    }

    /** {@code stringToQualifiedNameList}: dotted names, unquoted parts folded to lower case. */
    static List<String> names(String text) {
        return Identifiers.parseQualified(text);
    }
}
