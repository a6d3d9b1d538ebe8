package io.woolguard.core;

/** The analyst-maintained lists consulted before any rule. */
public enum ListType {
    /** Always allowed: an ALLOW entry wins over everything else, including BLOCK entries. */
    ALLOW,
    /** Always blocked, with reason {@code LISTED_BLOCK}. */
    BLOCK,
    /** Watched: adds reason {@code LISTED_WATCH} and its score, rules still decide. */
    WATCH
}
