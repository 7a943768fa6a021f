package org.woolly.catalog;

import java.util.StringJoiner;
import java.util.function.IntFunction;
import org.woolly.utils.adt.CatalogInquiries;
import org.woolly.utils.adt.Identifiers;

/**
 * The text of a user-defined routine as {@code pg_get_functiondef}, {@code pg_get_function_arguments},
 * {@code pg_get_function_identity_arguments}, {@code pg_get_function_result}, {@code regprocout}
 * and {@code regprocedureout} print it ({@code ruleutils.c}, {@code regproc.c}). DEFAULT
 * expressions and SQL-standard bodies print as they were written (PostgreSQL deparses them).
 */
final class FunctionDefinitions {
    private final IntFunction<String> typeNames;
    private final IntFunction<String> namespaceNames;

    /** {@code typeNames}: format_type without modifier; {@code namespaceNames}: a schema's name by OID. */
    FunctionDefinitions(IntFunction<String> typeNames, IntFunction<String> namespaceNames) {
        this.typeNames = typeNames;
        this.namespaceNames = namespaceNames;
    }

    String text(FunctionInfo routine, CatalogInquiries.RoutineText what, boolean visible) {
        return switch (what) {
            case DEFINITION -> definition(routine);
            case SQL_BODY -> routine.sqlBody();
            case ARGUMENTS -> arguments(routine, true);
            case IDENTITY_ARGUMENTS -> arguments(routine, false);
            case RESULT -> routine.isProcedure() ? null : result(routine);
            case NAME -> visible ? Identifiers.quote(routine.name()) : qualifiedName(routine);
            case SIGNATURE -> signature(routine, visible);
        };
    }

    private String qualifiedName(FunctionInfo routine) {
        return Identifiers.quote(namespaceNames.apply(routine.namespaceOid())) + "." + Identifiers.quote(routine.name());
    }

    /** {@code regprocedureout}: {@code name(type,type)}, qualified when not visible. */
    private String signature(FunctionInfo routine, boolean visible) {
        StringJoiner text = new StringJoiner(",", (visible ? Identifiers.quote(routine.name()) : qualifiedName(routine))
                + "(", ")");
        for (int type : routine.argumentTypes()) {
            text.add(typeNames.apply(type));
        }
        return text.toString();
    }

    /** {@code print_function_arguments}: every parameter but RETURNS TABLE's, with defaults when asked. */
    private String arguments(FunctionInfo routine, boolean withDefaults) {
        StringJoiner text = new StringJoiner(", ");
        int inputs = routine.argumentTypes().length;
        int firstDefault = inputs - routine.defaults().size();
        int input = 0;
        for (int i = 0; i < routine.allArgumentTypes().length; i++) {
            char mode = routine.argumentModes() == null ? 'i' : routine.argumentModes()[i];
            if (mode == 't') {
                continue;
            }
            StringBuilder parameter = new StringBuilder(switch (mode) {
                case 'o' -> "OUT ";
                case 'b' -> "INOUT ";
                case 'v' -> "VARIADIC ";
                default -> routine.isProcedure() ? "IN " : "";
            });
            if (!routine.argumentName(i).isEmpty()) {
                parameter.append(Identifiers.quote(routine.argumentName(i))).append(' ');
            }
            parameter.append(typeNames.apply(routine.allArgumentTypes()[i]));
            if (mode != 'o') {
                if (withDefaults && input >= firstDefault) {
                    parameter.append(" DEFAULT ").append(routine.defaults().get(input - firstDefault));
                }
                input++;
            }
            text.add(parameter);
        }
        return text.toString();
    }

    /** {@code print_function_rettype}: {@code TABLE(...)} for RETURNS TABLE, else {@code [SETOF] type}. */
    private String result(FunctionInfo routine) {
        if (routine.argumentModes() != null && new String(routine.argumentModes()).indexOf('t') >= 0) {
            StringJoiner columns = new StringJoiner(", ", "TABLE(", ")");
            for (int i = 0; i < routine.argumentModes().length; i++) {
                if (routine.argumentModes()[i] == 't') {
                    columns.add(Identifiers.quote(routine.argumentName(i)) + " "
                            + typeNames.apply(routine.allArgumentTypes()[i]));
                }
            }
            return columns.toString();
        }
        return (routine.returnsSet() ? "SETOF " : "") + typeNames.apply(routine.returnType());
    }

    /** {@code pg_get_functiondef}: a CREATE OR REPLACE statement that makes the routine again. */
    private String definition(FunctionInfo routine) {
        String kind = routine.isProcedure() ? "PROCEDURE" : "FUNCTION";
        StringBuilder text = new StringBuilder("CREATE OR REPLACE ").append(kind).append(' ')
                .append(qualifiedName(routine)).append('(').append(arguments(routine, true)).append(")\n");
        if (!routine.isProcedure()) {
            text.append(" RETURNS ").append(result(routine)).append('\n');
        }
        text.append(routine.isPlpgsql() ? " LANGUAGE plpgsql\n" : " LANGUAGE sql\n");
        StringBuilder options = new StringBuilder();
        if (routine.volatility() == 'i') {
            options.append(" IMMUTABLE");
        } else if (routine.volatility() == 's') {
            options.append(" STABLE");
        }
        if (routine.strict()) {
            options.append(" STRICT");
        }
        if (routine.securityDefiner()) {
            options.append(" SECURITY DEFINER");
        }
        if (!options.isEmpty()) {
            text.append(options).append('\n');
        }
        if (routine.sqlBody() != null) {
            return text.append(routine.sqlBody()).append('\n').toString();
        }
        String tag = routine.isProcedure() ? "$procedure$" : "$function$";
        while (routine.source().contains(tag)) {
            tag = tag.substring(0, tag.length() - 1) + "x$";
        }
        return text.append("AS ").append(tag).append(routine.source()).append(tag).append('\n').toString();
    }
}
