package org.woolly.tcop.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;
import org.woolly.utils.guc.GucTable;
import org.woolly.utils.guc.GucValues;
import org.woolly.utils.guc.SessionSettings;

/**
 * Transaction modes as BEGIN, START TRANSACTION, SET TRANSACTION and SET SESSION
 * CHARACTERISTICS AS TRANSACTION give them: each mode sets one parameter, transaction_isolation,
 * transaction_read_only or transaction_deferrable (or its default_ counterpart), through the
 * same checks as a SET of that parameter, as PostgreSQL's {@code standard_ProcessUtility}
 * (TRANS_STMT_BEGIN) and {@code ExecSetVariableStmt} (VAR_SET_MULTI) do.
 */
final class TransactionModes {
    /** One mode: the per-transaction parameter it sets and the value. */
    record Mode(String parameter, String value) {}

    private TransactionModes() {}

    /** The parser's mode phrases ("isolation level repeatable read", "read only", "not deferrable"). */
    static List<Mode> of(List<String> phrases) {
        List<Mode> modes = new ArrayList<>();
        for (String phrase : phrases == null ? List.<String>of() : phrases) {
            String mode = phrase.trim().toLowerCase(Locale.ROOT);
            if (mode.startsWith("isolation level ")) {
                modes.add(new Mode("transaction_isolation", mode.substring("isolation level ".length())));
            } else if (mode.equals("read only") || mode.equals("read write")) {
                modes.add(new Mode("transaction_read_only", mode.equals("read only") ? "on" : "off"));
            } else if (mode.equals("deferrable") || mode.equals("not deferrable")) {
                modes.add(new Mode("transaction_deferrable", mode.equals("deferrable") ? "on" : "off"));
            } else {
                throw SqlException.of(SqlState.SYNTAX_ERROR, "unrecognized transaction mode \"%s\"", phrase);
            }
        }
        return modes;
    }

    /**
     * Refuses a value no transaction may have (SERIALIZABLE, 0A000) before BEGIN changes the
     * session's state, so the client is not left in a failed block for asking.
     */
    static void validate(List<Mode> modes) {
        for (Mode mode : modes) {
            GucValues.parse(GucTable.find(mode.parameter()), mode.value());
        }
    }

    /** The current transaction's modes as the settings show them (COMMIT AND CHAIN carries them over). */
    static List<Mode> current(SessionSettings settings) {
        List<Mode> modes = new ArrayList<>();
        for (String parameter : List.of("transaction_isolation", "transaction_read_only", "transaction_deferrable")) {
            try {
                modes.add(new Mode(parameter, settings.show(parameter)));
            } catch (SqlException unknown) {
                // a session without the parameter keeps the default
            }
        }
        return modes;
    }

    /** Sets the current transaction's modes, or with {@code sessionDefaults} the default_ parameters. */
    static void apply(SessionSettings settings, List<Mode> modes, boolean sessionDefaults) {
        for (Mode mode : modes) {
            settings.set((sessionDefaults ? "default_" : "") + mode.parameter(), mode.value(), false);
        }
    }
}
