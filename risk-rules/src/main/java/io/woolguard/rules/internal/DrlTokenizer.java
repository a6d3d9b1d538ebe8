package io.woolguard.rules.internal;

import io.woolguard.rules.internal.Token.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * Splits DRL (and the Java / MVEL code inside it) into identifiers, numbers, string literals and
 * symbols, dropping comments, with the line and column of each token. Deliberately strict where
 * Java and DRL could read the text differently from us: a unicode escape ({@code \\u0053ystem})
 * anywhere is reported, because Java would decode it before tokenizing.
 */
final class DrlTokenizer {
    private final String text;
    private final BiConsumer<Token, String> problems;
    private int pos;
    private int line = 1;
    private int lineStart;

    private DrlTokenizer(String text, BiConsumer<Token, String> problems) {
        this.text = text;
        this.problems = problems;
    }

    /** Tokenizes {@code text}; problems (unicode escapes, unterminated literals) go to {@code problems} with a token locating them. */
    static List<Token> tokenize(String text, BiConsumer<Token, String> problems) {
        return new DrlTokenizer(text, problems).run();
    }

    private List<Token> run() {
        List<Token> tokens = new ArrayList<>();
        int length = text.length();
        while (pos < length) {
            char c = text.charAt(pos);
            if (c == '\n') {
                newLine(pos + 1);
                pos++;
            } else if (Character.isWhitespace(c)) {
                pos++;
            } else if (c == '\\' && pos + 1 < length && text.charAt(pos + 1) == 'u') {
                problems.accept(here(Kind.SYMBOL, "\\u"), "unicode escapes (\\u...) are not allowed in rule files: write the character itself");
                pos += 2;
            } else if (c == '/' && pos + 1 < length && text.charAt(pos + 1) == '/') {
                skipLineComment();
            } else if (c == '/' && pos + 1 < length && text.charAt(pos + 1) == '*') {
                skipBlockComment();
            } else if (c == '"' || c == '\'') {
                tokens.add(string(c));
            } else if (Character.isJavaIdentifierStart(c)) {
                int start = pos;
                Token token = here(Kind.IDENTIFIER, "");
                while (pos < length && Character.isJavaIdentifierPart(text.charAt(pos))) {
                    pos++;
                }
                tokens.add(new Token(Kind.IDENTIFIER, text.substring(start, pos), token.line(), token.column()));
            } else if (Character.isDigit(c)) {
                int start = pos;
                Token token = here(Kind.NUMBER, "");
                while (pos < length && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_'
                        || text.charAt(pos) == '.' && pos + 1 < length && Character.isDigit(text.charAt(pos + 1)))) {
                    pos++;
                }
                tokens.add(new Token(Kind.NUMBER, text.substring(start, pos), token.line(), token.column()));
            } else {
                Token token = here(Kind.SYMBOL, String.valueOf(c));
                pos++;
                tokens.add(token);
            }
        }
        return tokens;
    }

    private Token here(Kind kind, String value) {
        return new Token(kind, value, line, pos - lineStart + 1);
    }

    private void newLine(int nextLineStart) {
        line++;
        lineStart = nextLineStart;
    }

    private void skipLineComment() {
        while (pos < text.length() && text.charAt(pos) != '\n') {
            checkEscape();
            pos++;
        }
    }

    private void skipBlockComment() {
        Token start = here(Kind.SYMBOL, "/*");
        pos += 2;
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == '*' && pos + 1 < text.length() && text.charAt(pos + 1) == '/') {
                pos += 2;
                return;
            }
            checkEscape();
            if (c == '\n') {
                newLine(pos + 1);
            }
            pos++;
        }
        problems.accept(start, "unterminated comment");
    }

    private Token string(char quote) {
        Token start = here(Kind.STRING, "");
        int from = pos;
        boolean textBlock = quote == '"' && text.startsWith("\"\"\"", pos);
        pos += textBlock ? 3 : 1;
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == '\\') {
                checkEscape();
                pos += 2;
                continue;
            }
            if (c == '\n') {
                if (!textBlock) {
                    break; // let the parser report the unterminated literal; do not swallow the rest of the file
                }
                newLine(pos + 1);
            }
            if (textBlock ? text.startsWith("\"\"\"", pos) : c == quote) {
                pos += textBlock ? 3 : 1;
                return new Token(Kind.STRING, text.substring(from, pos), start.line(), start.column());
            }
            pos++;
        }
        problems.accept(start, "unterminated string literal");
        return new Token(Kind.STRING, text.substring(from, Math.min(pos, text.length())), start.line(), start.column());
    }

    private void checkEscape() {
        if (text.charAt(pos) == '\\' && pos + 1 < text.length() && text.charAt(pos + 1) == 'u') {
            problems.accept(here(Kind.SYMBOL, "\\u"), "unicode escapes (\\u...) are not allowed in rule files: write the character itself");
        }
    }
}
