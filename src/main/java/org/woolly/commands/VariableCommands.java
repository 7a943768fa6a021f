package org.woolly.commands;

import java.util.List;
import java.util.stream.Collectors;
import org.woolly.nodes.parse.Statement;
import org.woolly.parser.Parser;
import org.woolly.utils.error.Severity;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;
import org.woolly.utils.guc.GucParameter;
import org.woolly.utils.guc.GucTable;
import org.woolly.utils.guc.SessionSettings;

/** SET, SHOW and RESET ({@code variable.c}, {@code guc.c}'s {@code ExecSetVariableStmt}, {@code GetPGVariable}). */
public final class VariableCommands {

    private VariableCommands() {}

    public static String set(CommandContext context, Statement.VariableSet set) {
        if (set.local() && !context.inTransactionBlock()) {
            context.notices().notice(new SqlException(Severity.WARNING, SqlState.NO_ACTIVE_SQL_TRANSACTION,
                    "SET LOCAL can only be used in transaction blocks", null, null, 0, null));
            return "SET";
        }
        String value = valueText(set);
        // PostgreSQL reports a refused SET without a position (set_config_option has no parse state)
        context.settings().set(set.name(), value, set.local());
        return "SET";
    }

    /**
     * The value a SET gives, as one text ({@code flatten_set_variable_args}); null for DEFAULT.
     * Items of an identifier list ({@code search_path}) are quoted unless plain identifiers, as
     * {@code GUC_LIST_QUOTE} asks: {@code SET search_path = 'a,b', "$user"} is {@code "a,b", "$user"}.
     */
    public static String valueText(Statement.VariableSet set) {
        if (set.toDefault() || set.values().isEmpty()) {
            return null;
        }
        boolean quote = GucTable.quotesListItems(set.name());
        return set.values().stream().map(value -> quote && !value.numeric() ? Parser.quoteIdentifier(value.text())
                : value.text()).collect(Collectors.joining(", "));
    }

    public static String reset(CommandContext context, Statement.VariableReset reset) {
        context.settings().reset(reset.name());
        return "RESET";
    }

    /**
     * The title of SHOW's column: the parameter's own spelling ({@code DateStyle}), whatever case
     * was typed, as {@code GetPGVariableResultDesc} does; an unknown name as typed, lower case.
     */
    public static String showColumnName(String name) {
        GucParameter parameter = GucTable.find(name);
        return parameter == null ? name.toLowerCase(java.util.Locale.ROOT) : parameter.name();
    }

    /** SHOW's rows: one (value) for a parameter, (name, setting, description) rows for ALL. */
    public static List<Object[]> show(SessionSettings settings, String name) {
        if (name.equalsIgnoreCase("all")) {
            return settings.showAll().stream().map(row -> (Object[]) row.clone()).toList();
        }
        return List.<Object[]>of(new Object[] {settings.show(name)});
    }
}
