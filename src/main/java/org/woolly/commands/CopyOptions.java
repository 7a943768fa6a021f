package org.woolly.commands;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.woolly.nodes.parse.Statement;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

/**
 * The checked options of one COPY ({@code ProcessCopyOptions} in {@code copy.c}): format,
 * delimiter, null string, header, CSV quote and escape, the FORCE_* column lists, encoding and
 * FREEZE, with PostgreSQL's defaults (text: tab and {@code \N}; CSV: comma, empty string,
 * double quote) and its errors for conflicting or misplaced options.
 */
public final class CopyOptions {
    public enum Format { TEXT, CSV, BINARY }

    public enum Header { NONE, PRESENT, MATCH }

    public Format format = Format.TEXT;
    public char delimiter;
    public String nullString;
    public Header header = Header.NONE;
    public char quote = '"';
    public char escape = '"';
    public boolean forceQuoteAll;
    public List<String> forceQuote = List.of();
    public List<String> forceNotNull = List.of();
    public List<String> forceNull = List.of();
    public Charset encoding = StandardCharsets.UTF_8;
    public boolean freeze;

    private CopyOptions() {
    }

    public static CopyOptions of(List<Statement.CopyOption> options, boolean isFrom) {
        CopyOptions result = new CopyOptions();
        Set<String> seen = new HashSet<>();
        String delimiter = null;
        String quote = null;
        String escape = null;
        boolean formatSeen = false;
        for (Statement.CopyOption option : options) {
            String name = option.name().toLowerCase(Locale.ROOT);
            if (!seen.add(name)) {
                throw SqlException.of(SqlState.SYNTAX_ERROR, "conflicting or redundant options")
                        .withPosition(option.location() + 1);
            }
            switch (name) {
                case "format" -> {
                    formatSeen = true;
                    String value = option.value() == null ? "" : option.value().toLowerCase(Locale.ROOT);
                    result.format = switch (value) {
                        case "text" -> Format.TEXT;
                        case "csv" -> Format.CSV;
                        case "binary" -> Format.BINARY;
                        default -> throw SqlException.of(SqlState.INVALID_PARAMETER_VALUE,
                                "COPY format \"%s\" not recognized", option.value()).withPosition(option.location() + 1);
                    };
                }
                case "freeze" -> result.freeze = bool(option);
                case "delimiter" -> delimiter = string(option);
                case "null" -> result.nullString = string(option);
                case "header" -> {
                    if (option.value() != null && option.value().equalsIgnoreCase("match")) {
                        if (!isFrom) {
                            throw SqlException.of(SqlState.FEATURE_NOT_SUPPORTED,
                                    "cannot use \"%s\" with HEADER in COPY TO", option.value())
                                    .withPosition(option.location() + 1);
                        }
                        result.header = Header.MATCH;
                    } else {
                        result.header = bool(option) ? Header.PRESENT : Header.NONE;
                    }
                }
                case "quote" -> quote = string(option);
                case "escape" -> escape = string(option);
                case "force_quote" -> {
                    if ("*".equals(option.value())) {
                        result.forceQuoteAll = true;
                    } else {
                        result.forceQuote = columns(option);
                    }
                }
                case "force_not_null" -> result.forceNotNull = columns(option);
                case "force_null" -> result.forceNull = columns(option);
                case "encoding" -> {
                    String value = string(option);
                    try {
                        result.encoding = Charset.forName(value.replace("UTF8", "UTF-8").replace("utf8", "UTF-8")
                                .replace("LATIN1", "ISO-8859-1").replace("SQL_ASCII", "US-ASCII"));
                    } catch (IllegalArgumentException unknown) {
                        throw SqlException.of(SqlState.INVALID_PARAMETER_VALUE,
                                "argument to option \"encoding\" must be a valid encoding name")
                                .withPosition(option.location() + 1);
                    }
                }
                default -> throw SqlException.of(SqlState.SYNTAX_ERROR, "option \"%s\" not recognized", option.name())
                        .withPosition(option.location() + 1);
            }
        }
        boolean csv = result.format == Format.CSV;
        if (result.format == Format.BINARY) {
            if (delimiter != null) {
                throw SqlException.of(SqlState.SYNTAX_ERROR, "cannot specify DELIMITER in BINARY mode");
            }
            if (result.nullString != null) {
                throw SqlException.of(SqlState.SYNTAX_ERROR, "cannot specify NULL in BINARY mode");
            }
            if (result.header != Header.NONE) {
                throw SqlException.of(SqlState.SYNTAX_ERROR, "cannot specify HEADER in BINARY mode");
            }
        }
        if (delimiter != null && delimiter.length() != 1) {
            throw SqlException.of(SqlState.FEATURE_NOT_SUPPORTED, "COPY delimiter must be a single one-byte character");
        }
        result.delimiter = delimiter != null ? delimiter.charAt(0) : csv ? ',' : '\t';
        if (result.nullString == null) {
            result.nullString = csv ? "" : "\\N";
        }
        if (result.delimiter == '\r' || result.delimiter == '\n') {
            throw SqlException.of(SqlState.INVALID_PARAMETER_VALUE,
                    "COPY delimiter cannot be newline or carriage return");
        }
        if (result.nullString.indexOf('\r') >= 0 || result.nullString.indexOf('\n') >= 0) {
            throw SqlException.of(SqlState.INVALID_PARAMETER_VALUE,
                    "COPY null representation cannot use newline or carriage return");
        }
        if (!csv && "\\.abcdefghijklmnopqrstuvwxyz0123456789".indexOf(result.delimiter) >= 0) {
            throw SqlException.of(SqlState.FEATURE_NOT_SUPPORTED, "COPY delimiter cannot be \"%s\"",
                    String.valueOf(result.delimiter));
        }
        if (!csv && (quote != null)) {
            throw SqlException.of(SqlState.FEATURE_NOT_SUPPORTED, "COPY quote available only in CSV mode");
        }
        if (!csv && escape != null) {
            throw SqlException.of(SqlState.FEATURE_NOT_SUPPORTED, "COPY escape available only in CSV mode");
        }
        if (!csv && (result.forceQuoteAll || !result.forceQuote.isEmpty())) {
            throw SqlException.of(SqlState.FEATURE_NOT_SUPPORTED, "COPY force quote available only in CSV mode");
        }
        if ((result.forceQuoteAll || !result.forceQuote.isEmpty()) && isFrom) {
            throw SqlException.of(SqlState.FEATURE_NOT_SUPPORTED, "COPY force quote only available using COPY TO");
        }
        if (!csv && !result.forceNotNull.isEmpty()) {
            throw SqlException.of(SqlState.FEATURE_NOT_SUPPORTED, "COPY force not null available only in CSV mode");
        }
        if (!result.forceNotNull.isEmpty() && !isFrom) {
            throw SqlException.of(SqlState.FEATURE_NOT_SUPPORTED,
                    "COPY force not null only available using COPY FROM");
        }
        if (!csv && !result.forceNull.isEmpty()) {
            throw SqlException.of(SqlState.FEATURE_NOT_SUPPORTED, "COPY force null available only in CSV mode");
        }
        if (!result.forceNull.isEmpty() && !isFrom) {
            throw SqlException.of(SqlState.FEATURE_NOT_SUPPORTED, "COPY force null only available using COPY FROM");
        }
        if (quote != null) {
            if (quote.length() != 1) {
                throw SqlException.of(SqlState.FEATURE_NOT_SUPPORTED, "COPY quote must be a single one-byte character");
            }
            result.quote = quote.charAt(0);
        }
        result.escape = result.quote;
        if (escape != null) {
            if (escape.length() != 1) {
                throw SqlException.of(SqlState.FEATURE_NOT_SUPPORTED,
                        "COPY escape must be a single one-byte character");
            }
            result.escape = escape.charAt(0);
        }
        if (csv && result.delimiter == result.quote) {
            throw SqlException.of(SqlState.INVALID_PARAMETER_VALUE,
                    "COPY delimiter and quote must be different");
        }
        if (result.nullString.indexOf(result.delimiter) >= 0) {
            throw SqlException.of(SqlState.INVALID_PARAMETER_VALUE,
                    "COPY delimiter must not appear in the NULL specification");
        }
        if (!formatSeen && csv) {
            result.format = Format.CSV;
        }
        return result;
    }

    private static boolean bool(Statement.CopyOption option) {
        if (option.value() == null) {
            return true;
        }
        return switch (option.value().toLowerCase(Locale.ROOT)) {
            case "true", "on", "1", "yes" -> true;
            case "false", "off", "0", "no" -> false;
            default -> throw SqlException.of(SqlState.SYNTAX_ERROR, "%s requires a Boolean value", option.name())
                    .withPosition(option.location() + 1);
        };
    }

    private static String string(Statement.CopyOption option) {
        if (option.value() == null) {
            throw SqlException.of(SqlState.SYNTAX_ERROR, "%s requires a parameter", option.name())
                    .withPosition(option.location() + 1);
        }
        return option.value();
    }

    private static List<String> columns(Statement.CopyOption option) {
        if (option.columns() == null) {
            throw SqlException.of(SqlState.SYNTAX_ERROR, "argument to option \"%s\" must be a list of column names",
                    option.name()).withPosition(option.location() + 1);
        }
        return option.columns();
    }
}
