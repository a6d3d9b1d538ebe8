package io.woolguard.rules.internal;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Finds the regular-expression shapes that make Java's backtracking matcher take exponential time
 * on an attacker-chosen input (a user agent is whatever the client sends), so that the sandbox can
 * refuse them before they reach a condition, where no time budget can interrupt a match.
 *
 * <p>Refused: a repeated group ({@code +}, {@code *}, {@code {n,}}, {@code {n,m}} with m &gt; 1)
 * whose body can itself match in more than one way, that is, it contains a quantifier or an
 * alternation at any depth ({@code (a+)+}, {@code (a|aa)*}, {@code ((ab)?c)+}, {@code (\w?){20}});
 * and back-references. Allowed: alternations and quantifiers outside repeated groups
 * ({@code .*(bot|spider).*}, {@code ^python-requests/\d+}), and repeated groups of fixed text
 * ({@code (ab)+}, {@code (?:ha){2,}}).
 */
final class RegexSafety {
    private RegexSafety() {
    }

    /** Why {@code regex} can take exponential time, or {@code null} when it cannot. */
    static String problem(String regex) {
        Deque<boolean[]> groups = new ArrayDeque<>(); // per open group: {body can match in more than one way}
        boolean lastWasAmbiguousGroup = false;
        for (int i = 0; i < regex.length(); i++) {
            char c = regex.charAt(i);
            boolean closedAmbiguousGroup = false;
            switch (c) {
                case '\\' -> {
                    if (i + 1 < regex.length() && (Character.isDigit(regex.charAt(i + 1)) && regex.charAt(i + 1) != '0'
                            || regex.charAt(i + 1) == 'k')) {
                        return "it uses a back-reference";
                    }
                    i++; // the escaped character is a literal or a class like \d
                }
                case '[' -> i = endOfClass(regex, i);
                case '(' -> {
                    groups.push(new boolean[] {false});
                    i = endOfGroupPrefix(regex, i);
                }
                case ')' -> {
                    if (!groups.isEmpty()) {
                        boolean ambiguous = groups.pop()[0];
                        markEnclosing(groups, ambiguous);
                        closedAmbiguousGroup = ambiguous;
                    }
                }
                case '|' -> markEnclosing(groups, true);
                case '*', '+', '?' -> {
                    if (lastWasAmbiguousGroup && c != '?') {
                        return "a repeated group can match the same text in more than one way";
                    }
                    markEnclosing(groups, true);
                    if (i + 1 < regex.length() && (regex.charAt(i + 1) == '?' || regex.charAt(i + 1) == '+')) {
                        i++; // lazy or possessive modifier
                    }
                }
                case '{' -> {
                    int close = regex.indexOf('}', i);
                    if (close > i) {
                        String bounds = regex.substring(i + 1, close);
                        if (lastWasAmbiguousGroup && repeatsMoreThanOnce(bounds)) {
                            return "a repeated group can match the same text in more than one way";
                        }
                        markEnclosing(groups, true);
                        i = close;
                    }
                }
                default -> {
                    // a literal
                }
            }
            lastWasAmbiguousGroup = closedAmbiguousGroup;
        }
        return null;
    }

    private static void markEnclosing(Deque<boolean[]> groups, boolean ambiguous) {
        if (ambiguous && !groups.isEmpty()) {
            groups.peek()[0] = true;
        }
    }

    /** True for {@code n,}, {@code n,m} with m > 1, or {@code n} > 1. */
    private static boolean repeatsMoreThanOnce(String bounds) {
        String[] parts = bounds.split(",", -1);
        try {
            if (parts.length == 1) {
                return Integer.parseInt(parts[0].strip()) > 1;
            }
            return parts[1].isBlank() || Integer.parseInt(parts[1].strip()) > 1;
        } catch (NumberFormatException e) {
            return true; // not a well-formed bound: refuse rather than guess
        }
    }

    /**
     * Past a group's kind ({@code (?:}, {@code (?i)}, {@code (?i:}, {@code (?=}, {@code (?<name>}…)
     * opened at {@code open}: the index of its last character, or {@code open} for a plain group.
     */
    private static int endOfGroupPrefix(String regex, int open) {
        int i = open + 1;
        if (i >= regex.length() || regex.charAt(i) != '?') {
            return open;
        }
        i++;
        while (i < regex.length() && "idmsuxU-".indexOf(regex.charAt(i)) >= 0) {
            i++; // inline flags
        }
        if (i >= regex.length()) {
            return regex.length() - 1;
        }
        char kind = regex.charAt(i);
        if (kind == ':' || kind == '=' || kind == '!' || kind == '>') {
            return i;
        }
        if (kind == '<') {
            if (i + 1 < regex.length() && (regex.charAt(i + 1) == '=' || regex.charAt(i + 1) == '!')) {
                return i + 1;
            }
            int close = regex.indexOf('>', i);
            return close < 0 ? regex.length() - 1 : close;
        }
        return i - 1; // (?i) and the like: the ')' that follows closes the group
    }

    /** The index of the {@code ]} that closes the character class opened at {@code open}. */
    private static int endOfClass(String regex, int open) {
        int i = open + 1;
        if (i < regex.length() && regex.charAt(i) == '^') {
            i++;
        }
        if (i < regex.length() && regex.charAt(i) == ']') {
            i++; // a leading ] is a literal
        }
        for (; i < regex.length(); i++) {
            char c = regex.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '[') {
                i = endOfClass(regex, i);
            } else if (c == ']') {
                return i;
            }
        }
        return regex.length();
    }
}
