package org.woolly.utils.guc;

import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The definition of one configuration parameter: an entry of PostgreSQL's {@code ConfigureNames*}
 * tables in {@code src/backend/utils/misc/guc.c}.
 *
 * @param name        the canonical spelling ({@code DateStyle}, {@code work_mem}); lookups ignore case
 * @param unit        base unit of integer values, {@link GucUnit#NONE} otherwise
 * @param bootValue   the built-in default, in the syntax a configuration file would use
 * @param report      GUC_REPORT: the client hears of every change through ParameterStatus
 * @param enumValues  accepted values of an enum parameter, lower case
 * @param minimum     smallest integer/real value in the base unit
 * @param maximum     largest integer/real value in the base unit
 * @param canonicalizer for strings: validates a value and returns its canonical form, or throws
 *                    {@link IllegalArgumentException}; identity when any string is accepted. For
 *                    enums: called with an accepted value, may refuse it with its own SqlException
 */
public record GucParameter(String name, GucType type, GucUnit unit, String bootValue, GucContext context,
                           String description, boolean report, List<String> enumValues, double minimum,
                           double maximum, UnaryOperator<String> canonicalizer) {}
