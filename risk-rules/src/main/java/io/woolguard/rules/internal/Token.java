package io.woolguard.rules.internal;

/**
 * One token of DRL source with strings and comments already separated out.
 *
 * @param kind   what it is
 * @param text   the token's text (a string literal keeps its quotes)
 * @param line   1-based line
 * @param column 1-based column
 */
record Token(Kind kind, String text, int line, int column) {
    enum Kind { IDENTIFIER, NUMBER, STRING, SYMBOL }

    boolean is(String value) {
        return kind != Kind.STRING && text.equals(value);
    }

    boolean isIdentifier() {
        return kind == Kind.IDENTIFIER;
    }
}
