package org.woolly.pl.plpgsql;

import java.util.Map;
import static java.util.Map.entry;

/**
 * The condition names of EXCEPTION WHEN and RAISE ({@code plerrcodes.h}, generated from
 * {@code errcodes.txt}): name to SQLSTATE. A class's name (code ending in 000) matches every
 * code of its class; {@code others} matches all but query_canceled and assert_failure.
 */
final class Conditions {
    private static final Map<String, String> CODES = Map.ofEntries(
            entry("raise_exception", "P0001"), entry("no_data_found", "P0002"), entry("too_many_rows", "P0003"),
            entry("assert_failure", "P0004"), entry("plpgsql_error", "P0000"),
            entry("data_exception", "22000"), entry("division_by_zero", "22012"),
            entry("numeric_value_out_of_range", "22003"), entry("invalid_text_representation", "22P02"),
            entry("string_data_right_truncation", "22001"), entry("null_value_not_allowed", "22004"),
            entry("invalid_parameter_value", "22023"), entry("invalid_datetime_format", "22007"),
            entry("datetime_field_overflow", "22008"), entry("array_subscript_error", "2202E"),
            entry("character_not_in_repertoire", "22021"), entry("invalid_escape_sequence", "22025"),
            entry("integrity_constraint_violation", "23000"), entry("restrict_violation", "23001"),
            entry("not_null_violation", "23502"), entry("foreign_key_violation", "23503"),
            entry("unique_violation", "23505"), entry("check_violation", "23514"),
            entry("exclusion_violation", "23P01"), entry("cardinality_violation", "21000"),
            entry("feature_not_supported", "0A000"), entry("invalid_cursor_name", "34000"),
            entry("invalid_transaction_state", "25000"), entry("read_only_sql_transaction", "25006"),
            entry("in_failed_sql_transaction", "25P02"), entry("transaction_rollback", "40000"),
            entry("serialization_failure", "40001"), entry("deadlock_detected", "40P01"),
            entry("syntax_error_or_access_rule_violation", "42000"), entry("syntax_error", "42601"),
            entry("insufficient_privilege", "42501"), entry("undefined_column", "42703"),
            entry("undefined_function", "42883"), entry("undefined_table", "42P01"),
            entry("undefined_parameter", "42P02"), entry("undefined_object", "42704"),
            entry("duplicate_column", "42701"), entry("duplicate_function", "42723"),
            entry("duplicate_table", "42P07"), entry("duplicate_object", "42710"),
            entry("ambiguous_column", "42702"), entry("ambiguous_function", "42725"),
            entry("datatype_mismatch", "42804"), entry("wrong_object_type", "42809"),
            entry("invalid_function_definition", "42P13"), entry("object_not_in_prerequisite_state", "55000"),
            entry("object_in_use", "55006"), entry("lock_not_available", "55P03"),
            entry("query_canceled", "57014"), entry("program_limit_exceeded", "54000"),
            entry("internal_error", "XX000"), entry("warning", "01000"), entry("no_data", "02000"));

    private Conditions() {}

    static boolean known(String name) {
        return name.equals("others") || CODES.containsKey(name);
    }

    /** The SQLSTATE of a condition name, null for an unknown one. */
    static String code(String name) {
        return CODES.get(name);
    }

    /** Whether a handler's condition ("others", a name, or "sqlstate:XXXXX") catches an error of {@code code}. */
    static boolean matches(String condition, String code) {
        if (condition.equals("others")) {
            return !code.equals("57014") && !code.equals("P0004");
        }
        String wanted = condition.startsWith("sqlstate:") ? condition.substring("sqlstate:".length()) : CODES.get(condition);
        if (wanted == null) {
            return false;
        }
        if (wanted.endsWith("000")) {
            return code.startsWith(wanted.substring(0, 2));
        }
        return wanted.equals(code);
    }
}
