package io.woolguard.core;

/**
 * One problem in a rule pack, located for the analyst.
 *
 * @param file    the file's path in the pack
 * @param line    1-based line, 0 when unknown
 * @param column  1-based column, 0 when unknown
 * @param message what is wrong
 */
public record RuleError(String file, int line, int column, String message) {
    @Override
    public String toString() {
        return file + ":" + line + ":" + column + ": " + message;
    }
}
