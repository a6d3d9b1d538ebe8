package io.woolguard.server.auth;

import io.micronaut.http.HttpMethod;
import java.util.Optional;

/**
 * Which role each path needs, in one place so that it can be read and reviewed at a glance.
 * An allow-list of open paths ({@code /health}, {@code /prometheus}, the OpenAPI document, the
 * benchmark echo) needs no token; {@code POST /v1/decisions} and {@code POST /v1/events} need
 * {@link Role#DECIDE}; everything else, including unknown paths, needs {@link Role#ANALYST}, so a
 * path spelled in an unexpected way can never slip past the check.
 */
public final class AccessPolicy {
    /** What a request needs. */
    public sealed interface Requirement permits Open, Needs {
    }

    /** No token needed. */
    public record Open() implements Requirement {
    }

    /** A token with this role. */
    public record Needs(Role role) implements Requirement {
    }

    private static final Open OPEN = new Open();
    private static final java.util.Set<String> OPEN_PATHS =
            java.util.Set.of("/health", "/prometheus", "/openapi.yml", "/bench/echo");

    private AccessPolicy() {
    }

    /** The requirement for a method and path. */
    public static Requirement requirementFor(HttpMethod method, String path) {
        if (OPEN_PATHS.contains(path) || path.startsWith("/health/")) {
            return OPEN;
        }
        if (method == HttpMethod.POST && (path.equals("/v1/decisions") || path.equals("/v1/events"))) {
            return new Needs(Role.DECIDE);
        }
        return new Needs(Role.ANALYST);
    }

    /** The role needed, if any. */
    public static Optional<Role> roleFor(HttpMethod method, String path) {
        return requirementFor(method, path) instanceof Needs needs ? Optional.of(needs.role()) : Optional.empty();
    }
}
