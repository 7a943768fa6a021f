package org.woolly.pl.plpgsql;

import java.util.Locale;
import org.woolly.pl.plpgsql.PlVariables.Variable;
import org.woolly.utils.error.SqlException;

/**
 * The type of a declared variable ({@code plpgsql_parse_wordtype}, {@code plpgsql_parse_cwordrowtype},
 * {@code plpgsql_build_datatype}): a type name, {@code record}, {@code var%TYPE},
 * {@code table.column%TYPE}, {@code table%ROWTYPE} or a table's name. The SQL engine resolves
 * each by preparing a query that yields a value of it.
 */
final class PlTypes {

    private PlTypes() {}

    static Variable variable(Spi spi, PlVariables variables, String name, String typeText) {
        String text = typeText.strip();
        String lower = text.toLowerCase(Locale.ROOT);
        if (lower.equals("record")) {
            Variable record = new Variable(name, 0, -1, null);
            record.isRecord = true;
            return record;
        }
        if (lower.endsWith("%rowtype")) {
            return rowVariable(spi, name, text.substring(0, text.length() - "%rowtype".length()).strip());
        }
        if (lower.endsWith("%type")) {
            String reference = text.substring(0, text.length() - "%type".length()).strip();
            Variable other = reference.contains(".") ? null : variables.lookup(reference.toLowerCase(Locale.ROOT));
            if (other != null) {
                Variable copy = new Variable(name, other.type, other.typmod, other.typeName);
                copy.isRecord = other.isRecord;
                if (other.row != null) {
                    copy.row = PlVariables.emptyRow(other.row.names(), other.row.types());
                }
                return copy;
            }
            int dot = reference.lastIndexOf('.');
            if (dot < 0) {
                throw new SqlException(org.woolly.utils.error.SqlState.SYNTAX_ERROR,
                        "syntax error at or near \"%TYPE\"");
            }
            Spi.Plan plan = spi.prepare("SELECT " + reference.substring(dot + 1) + " FROM "
                    + reference.substring(0, dot), new int[0]);
            return new Variable(name, plan.columnTypes()[0], plan.columnTypmods()[0],
                    spi.formatType(plan.columnTypes()[0], plan.columnTypmods()[0]));
        }
        Spi.Plan plan;
        try {
            plan = spi.prepare("SELECT CAST(NULL AS " + text + ")", new int[0]);
        } catch (SqlException notAType) {
            if (!text.matches("[A-Za-z_][A-Za-z0-9_$.\"]*")) {
                throw notAType;
            }
            try {
                return rowVariable(spi, name, text);
            } catch (SqlException notATable) {
                throw notAType.position() > 0 ? notAType.withPosition(0) : notAType;
            }
        }
        return new Variable(name, plan.columnTypes()[0], plan.columnTypmods()[0], text);
    }

    private static Variable rowVariable(Spi spi, String name, String table) {
        Spi.Plan plan = spi.prepare("SELECT * FROM " + table, new int[0]);
        Variable row = new Variable(name, -1, -1, null);
        row.isRecord = true;
        row.row = PlVariables.emptyRow(plan.columnNames(), plan.columnTypes());
        return row;
    }
}
