package io.woolguard.server.auth;

import java.util.Locale;

/** What a token may do. */
public enum Role {
    /** Ask for decisions and send events ({@code POST /v1/decisions}, {@code POST /v1/events}). */
    DECIDE,
    /** Read decisions and features; manage rules, lists and labels. */
    ANALYST,
    /** Everything an analyst may do (reserved for operations that only administrators should do). */
    ADMIN;

    /** Parses {@code decide}, {@code analyst} or {@code admin} (any case). */
    public static Role parse(String text) {
        String t = text.strip().toUpperCase(Locale.ROOT);
        for (Role role : values()) {
            if (role.name().equals(t)) {
                return role;
            }
        }
        throw new IllegalArgumentException("unknown role '" + text.strip() + "'; use decide, analyst or admin");
    }

    /** The lower-case name used in configuration. */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
