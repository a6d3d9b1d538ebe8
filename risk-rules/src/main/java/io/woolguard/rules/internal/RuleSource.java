package io.woolguard.rules.internal;

import java.util.function.IntUnaryOperator;

/**
 * One file of a pack as DRL: a DRL file as written, or the DRL a decision table expands to.
 *
 * @param file    the file's path in the pack (what errors name)
 * @param drl     the DRL text
 * @param toFileLine maps a DRL line to the line (or spreadsheet row) of {@code file}; 0 when unknown
 * @param table   true when the DRL was generated from a decision table (columns then mean nothing to the analyst)
 */
record RuleSource(String file, String drl, IntUnaryOperator toFileLine, boolean table) {
    static RuleSource drl(String file, String drl) {
        return new RuleSource(file, drl, IntUnaryOperator.identity(), false);
    }

    int fileLine(int drlLine) {
        return drlLine <= 0 ? 0 : toFileLine.applyAsInt(drlLine);
    }
}
