package org.woolly.protocol;

/** The transaction status byte of ReadyForQuery. */
public enum TransactionStatus {
    IDLE('I'), IN_BLOCK('T'), FAILED('E');

    private final char indicator;

    TransactionStatus(char indicator) {
        this.indicator = indicator;
    }

    public char indicator() {
        return indicator;
    }
}
