package org.woolly.parser;

import java.lang.invoke.CallSite;
import java.lang.invoke.LambdaMetafactory;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;
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

    /**
     * What a statement is known by: its 64-bit id and its text as pg_stat_statements shows it.
     * The normalized text is built on first use only: pg_stat_statements needs it when a
     * statement creates its entry ({@code generate_normalized_query} runs in {@code pgss_store}
     * only then), not at every execution.
     */
    public static final class Fingerprint {
        private final long queryId;
        private final boolean utility;
        private final String sourceText;
        private final int textStart;
        private final int[] constantLocations;
        private final int highestParameter;
        private String text;

        Fingerprint(long queryId, String sourceText, int textStart, int[] constantLocations, int highestParameter,
                    boolean utility) {
            this.queryId = queryId;
            this.sourceText = sourceText;
            this.textStart = textStart;
            this.constantLocations = constantLocations;
            this.highestParameter = highestParameter;
            this.utility = utility;
        }

        public long queryId() {
            return queryId;
        }

        public boolean utility() {
            return utility;
        }

        /** The text with each constant replaced by {@code $n}; a utility statement's own text. */
        public String text() {
            String normalized = text;
            if (normalized == null) {
                normalized = normalize(sourceText, textStart, constantLocations, highestParameter);
                text = normalized;
            }
            return normalized;
        }
    }

    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;
    private static final int[] NO_LOCATIONS = {};

    /**
     * A record type's hashed parts: its class name and a getter for each component other than
     * source positions. Built once per type; each getter is a generated {@link Function} calling
     * the accessor directly, so reading a component costs no reflection per call.
     */
    private record RecordShape(String name, Function<Object, Object>[] getters) {
        static RecordShape of(Class<?> type) {
            List<Function<Object, Object>> getters = new ArrayList<>();
            for (RecordComponent component : type.getRecordComponents()) {
                if (!component.getName().toLowerCase(Locale.ROOT).contains("location")) {
                    getters.add(getter(type, component));
                }
            }
            @SuppressWarnings("unchecked")
            Function<Object, Object>[] array = getters.toArray(Function[]::new);
            return new RecordShape(type.getName(), array);
        }

        @SuppressWarnings("unchecked")
        private static Function<Object, Object> getter(Class<?> type, RecordComponent component) {
            try {
                MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(type, MethodHandles.lookup());
                MethodHandle accessor = lookup.unreflect(component.getAccessor());
                Class<?> boxed = MethodType.methodType(component.getType()).wrap().returnType();
                CallSite site = LambdaMetafactory.metafactory(lookup, "apply", MethodType.methodType(Function.class),
                        MethodType.methodType(Object.class, Object.class), accessor,
                        MethodType.methodType(boxed, type));
                return (Function<Object, Object>) site.getTarget().invokeExact();
            } catch (Throwable e) {
                throw new IllegalStateException("cannot read " + component, e);
            }
        }
    }

    private static final ClassValue<RecordShape> SHAPES = new ClassValue<>() {
        @Override
        protected RecordShape computeValue(Class<?> type) {
            return RecordShape.of(type);
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
            return new Fingerprint(nonZero(hash(FNV_OFFSET, text)), text, textStart, NO_LOCATIONS, 0, true);
        }
        Walk walk = new Walk();
        walk.node(statement);
        int[] locations = walk.constantLocations.stream().mapToInt(Integer::intValue).toArray();
        return new Fingerprint(nonZero(walk.hash), text, textStart, locations, walk.highestParameter, false);
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
            end();
        }

        /** Mixes {@code prefix} followed by the decimal digits of {@code number}, as one value. */
        void mix(String prefix, int number) {
            hash = hash(hash, prefix);
            hash = hashDigits(hash, number);
            end();
        }

        private void end() {
            hash = (hash ^ 0xff) * FNV_PRIME;
        }

        /**
         * Mixes one value of the tree. The common kinds are tested first, records (classes, so a
         * cheap test) before the collection interfaces; a number is mixed as its decimal text
         * without building that text. The hash is the same as mixing {@code value.toString()}
         * for every leaf, which ids saved by earlier builds rely on.
         */
        void node(Object value) {
            if (value instanceof Record record) {
                record(record);
            } else if (value instanceof String text) {
                mix(text);
            } else if (value instanceof Integer number) {
                mix("", number);
            } else if (value == null) {
                mix("<null>");
            } else if (value instanceof Collection<?> list) {
                mix("List", list.size());
                for (Object item : list) {
                    node(item);
                }
            } else if (value instanceof Map<?, ?> map) {
                map.forEach((k, v) -> {
                    node(k);
                    node(v);
                });
            } else {
                mix(value.toString());
            }
        }

        private void record(Record record) {
            if (record instanceof Expr.Constant constant) {
                // the kind decides the constant's type; the value is left out, as JumbleExpr leaves Const values out
                mix("Const");
                mix(constant.kind().name());
                if (constant.location() >= 0) {
                    constantLocations.add(constant.location());
                }
            } else if (record instanceof Expr.ParamRef param) {
                mix("Param");
                mix("", param.number());
                highestParameter = Math.max(highestParameter, param.number());
            } else {
                RecordShape shape = SHAPES.get(record.getClass());
                mix(shape.name());
                for (Function<Object, Object> getter : shape.getters()) {
                    node(getter.apply(record));
                }
            }
        }
    }

    /** {@link #hash} of {@code Integer.toString(number)}, without building the string. */
    private static long hashDigits(long seed, int number) {
        long h = seed;
        long value = number;
        if (value < 0) {
            h = (h ^ '-') * FNV_PRIME;
            value = -value;
        }
        long divisor = 1;
        while (divisor * 10 <= value) {
            divisor *= 10;
        }
        for (; divisor > 0; divisor /= 10) {
            h = (h ^ ('0' + (int) (value / divisor % 10))) * FNV_PRIME;
        }
        return h;
    }

    /**
     * {@code generate_normalized_query}: each constant token (with a leading minus sign that the
     * grammar folded into it) becomes {@code $n}; whatever lies between is kept as written.
     */
    private static String normalize(String text, int textStart, int[] constantLocations, int highestParameter) {
        if (constantLocations.length == 0) {
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
        int next = highestParameter + 1;
        int tokenIndex = 0;
        for (int location : constantLocations) {
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
