package org.woolly.parser;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import org.woolly.nodes.parse.Expr;
import org.woolly.nodes.parse.RawStatement;
import org.woolly.nodes.parse.Statement;

/**
 * A statement's query id and normalized text, as {@code pg_stat_statements} and
 * {@code compute_query_id} give them ({@code src/backend/utils/misc/queryjumble.c} and
 * {@code generate_normalized_query} in {@code pg_stat_statements.c}).
 *
 * <p>An optimizable statement (SELECT, INSERT, UPDATE, DELETE) is "jumbled": its parse tree is
 * hashed without source positions and without the constants' values, so statements differing
 * only in constants, spacing, case of keywords or comments share an id; its text has each
 * constant replaced by {@code $n}, numbered after the highest parameter the statement uses.
 * A utility statement keeps its text, and its id is the hash of that text (PostgreSQL 15's
 * {@code compute_utility_query_id}).
 *
 * <p>The walk is generic over the parse tree's records, so a new node kind needs no change here.
 */
public final class QueryJumble {

    /** What a statement is known by: its 64-bit id and its text as pg_stat_statements shows it. */
    public record Fingerprint(long queryId, String text, boolean utility) {}

    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;

    private static final ClassValue<RecordComponent[]> COMPONENTS = new ClassValue<>() {
        @Override
        protected RecordComponent[] computeValue(Class<?> type) {
            return type.getRecordComponents();
        }
    };

    private QueryJumble() {}

    /** The fingerprint of {@code raw}, one statement of {@code queryString}. */
    public static Fingerprint of(RawStatement raw, String queryString) {
        String source = queryString == null ? "" : queryString;
        int start = Math.max(0, Math.min(raw.location(), source.length()));
        int end = Math.max(start, Math.min(source.length(), raw.location() + raw.length()));
        String text = source.substring(start, end).strip();
        int textStart = source.indexOf(text, start);
        Statement statement = raw.statement();
        if (!isOptimizable(statement)) {
            return new Fingerprint(nonZero(hash(FNV_OFFSET, text)), text, true);
        }
        Walk walk = new Walk();
        walk.node(statement);
        return new Fingerprint(nonZero(walk.hash), normalize(text, textStart, walk), false);
    }

    private static boolean isOptimizable(Statement statement) {
        return statement instanceof Statement.Select || statement instanceof Statement.Insert
                || statement instanceof Statement.Update || statement instanceof Statement.Delete
                || statement instanceof Statement.Merge;
    }

    /** 0 means "no query id" in PostgreSQL, so a hash that happens to be 0 becomes 1. */
    private static long nonZero(long hash) {
        return hash == 0 ? 1 : hash;
    }

    private static long hash(long seed, String text) {
        long h = seed;
        for (int i = 0; i < text.length(); i++) {
            h = (h ^ text.charAt(i)) * FNV_PRIME;
        }
        return h;
    }

    /** The tree walk: the running hash, the constants' positions and the highest $n seen. */
    private static final class Walk {
        long hash = FNV_OFFSET;
        final TreeSet<Integer> constantLocations = new TreeSet<>();
        int highestParameter;

        void mix(String value) {
            hash = hash(hash, value);
            hash = (hash ^ 0xff) * FNV_PRIME;
        }

        void node(Object value) {
            switch (value) {
                case null -> mix("<null>");
                case Expr.Constant constant -> {
                    // the kind decides the constant's type; the value is left out, as JumbleExpr leaves Const values out
                    mix("Const");
                    mix(constant.kind().name());
                    if (constant.location() >= 0) {
                        constantLocations.add(constant.location());
                    }
                }
                case Expr.ParamRef param -> {
                    mix("Param");
                    mix(Integer.toString(param.number()));
                    highestParameter = Math.max(highestParameter, param.number());
                }
                case Collection<?> list -> {
                    mix("List" + list.size());
                    list.forEach(this::node);
                }
                case Map<?, ?> map -> map.forEach((k, v) -> {
                    node(k);
                    node(v);
                });
                case Record record -> {
                    mix(record.getClass().getName());
                    for (RecordComponent component : COMPONENTS.get(record.getClass())) {
                        if (!component.getName().toLowerCase(Locale.ROOT).contains("location")) {
                            node(read(component, record));
                        }
                    }
                }
                default -> mix(value.toString());
            }
        }

        private static Object read(RecordComponent component, Record record) {
            try {
                return component.getAccessor().invoke(record);
            } catch (IllegalAccessException | InvocationTargetException e) {
                throw new IllegalStateException("cannot read " + component, e);
            }
        }
    }

    /**
     * {@code generate_normalized_query}: each constant token (with a leading minus sign that the
     * grammar folded into it) becomes {@code $n}; whatever lies between is kept as written.
     */
    private static String normalize(String text, int textStart, Walk walk) {
        if (walk.constantLocations.isEmpty()) {
            return text;
        }
        List<Token> tokens;
        try {
            tokens = Lexer.tokenize(text);
        } catch (RuntimeException unscannable) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        int copied = 0;
        int next = walk.highestParameter + 1;
        List<Integer> locations = new ArrayList<>(walk.constantLocations);
        int tokenIndex = 0;
        for (int location : locations) {
            int relative = location - textStart;
            while (tokenIndex < tokens.size() && tokens.get(tokenIndex).start() < relative) {
                tokenIndex++;
            }
            if (tokenIndex >= tokens.size() || tokens.get(tokenIndex).start() != relative) {
                continue;
            }
            Token token = tokens.get(tokenIndex);
            int tokenEnd = token.end();
            if (token.isOperator("-") && tokenIndex + 1 < tokens.size() && isNumber(tokens.get(tokenIndex + 1))) {
                tokenEnd = tokens.get(tokenIndex + 1).end();
            } else if (!isConstantToken(token)) {
                continue;
            }
            out.append(text, copied, relative).append('$').append(next++);
            copied = tokenEnd;
        }
        out.append(text, copied, text.length());
        return out.toString();
    }

    private static boolean isNumber(Token token) {
        return token.is(Token.Kind.INTEGER) || token.is(Token.Kind.NUMERIC);
    }

    private static boolean isConstantToken(Token token) {
        return isNumber(token) || token.is(Token.Kind.STRING) || token.is(Token.Kind.BIT_STRING)
                || token.isKeyword("true") || token.isKeyword("false") || token.isKeyword("null");
    }
}
