package org.woolly.utils.adt;

/** The non-finite numeric values, which {@link java.math.BigDecimal} cannot hold. */
public enum NumericSpecial {
    NAN("NaN"), POSITIVE_INFINITY("Infinity"), NEGATIVE_INFINITY("-Infinity");

    private final String text;

    NumericSpecial(String text) {
        this.text = text;
    }

    @Override
    public String toString() {
        return text;
    }
}
