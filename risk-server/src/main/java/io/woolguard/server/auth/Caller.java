package io.woolguard.server.auth;

import java.util.EnumSet;
import java.util.Set;

/**
 * Who made a request: an actor name safe to write into audits and logs (derived from the token's
 * hash, never the token) and the roles the token grants.
 *
 * @param actor e.g. {@code token-3f9a01bc}
 * @param roles the granted roles
 */
public record Caller(String actor, Set<Role> roles) {
    /** The request attribute under which the {@link AuthFilter} leaves the caller. */
    public static final String ATTRIBUTE = "woolguard.caller";

    public Caller {
        roles = roles.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(roles));
    }

    /** True when this caller may act in {@code role}; admin implies analyst. */
    public boolean has(Role role) {
        if (roles.contains(role)) {
            return true;
        }
        return role == Role.ANALYST && roles.contains(Role.ADMIN);
    }
}
