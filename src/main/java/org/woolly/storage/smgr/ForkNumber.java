package org.woolly.storage.smgr;

/** A relation's forks and their file-name suffixes. */
public enum ForkNumber {
    MAIN(""), FSM("_fsm"), VISIBILITY_MAP("_vm"), INIT("_init");

    private final String suffix;

    ForkNumber(String suffix) {
        this.suffix = suffix;
    }

    public String suffix() {
        return suffix;
    }
}
