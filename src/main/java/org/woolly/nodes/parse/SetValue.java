package org.woolly.nodes.parse;

/**
 * One value of SET: a string or numeric literal, an identifier or keyword (kept as written,
 * lower-cased unless quoted). {@code quoted} tells a string literal from an identifier.
 */
public record SetValue(String text, boolean quoted, boolean numeric, int location) {}
