package org.woolly.nodes.query;

/**
 * A resolved cast from one type to another ({@code pg_cast}); {@code function} is null for a
 * binary-compatible relabeling. Equality by name and types.
 */
public record CoercionHandle(String name, int sourceType, int targetType, Converter function) {

    @FunctionalInterface
    public interface Converter {
        Object convert(Object value, int targetTypmod, EvaluationContext context);
    }

    /** A converter that sees null inputs too (a domain's NOT NULL and CHECK, {@code CoerceToDomain}). */
    @FunctionalInterface
    public interface NullAcceptingConverter extends Converter {}

    @Override
    public boolean equals(Object other) {
        return other instanceof CoercionHandle handle && handle.name.equals(name) && handle.sourceType == sourceType
                && handle.targetType == targetType;
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + sourceType * 7 + targetType;
    }
}
