package io.woolguard.server.auth;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.woolguard.server.problem.Problem;
import io.woolguard.server.problem.ProblemResponses;
import java.util.Optional;

/**
 * Checks the bearer token of every request against the {@link AccessPolicy}:
 * 401 without a token or with an unknown one, 403 when the token lacks the role. On success the
 * {@link Caller} is left in the request attribute {@link Caller#ATTRIBUTE}.
 */
@ServerFilter("/**")
public final class AuthFilter implements Ordered {
    private static final String BEARER = "Bearer ";

    private final TokenRegistry tokens;

    public AuthFilter(TokenRegistry tokens) {
        this.tokens = tokens;
    }

    /** Runs before everything else, so that no unauthenticated request reaches a body parser. */
    @Override
    public int getOrder() {
        return HIGHEST_PRECEDENCE + 100;
    }

    /** Returns a problem response to stop the request, or {@code null} to let it through. */
    @RequestFilter
    @Nullable
    public HttpResponse<?> authenticate(HttpRequest<?> request) {
        Optional<Role> needed = AccessPolicy.roleFor(request.getMethod(), request.getPath());
        if (needed.isEmpty()) {
            return null;
        }
        String header = request.getHeaders().get(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return unauthorized("send Authorization: Bearer <token>");
        }
        Optional<Caller> caller = tokens.authenticate(header.substring(BEARER.length()).strip());
        if (caller.isEmpty()) {
            return unauthorized("the bearer token is not known");
        }
        if (!caller.get().has(needed.get())) {
            return ProblemResponses.response(Problem.of("forbidden", "Forbidden", 403,
                    "this token lacks the '" + needed.get().configName() + "' role needed for "
                            + request.getMethodName() + " " + request.getPath()));
        }
        request.setAttribute(Caller.ATTRIBUTE, caller.get());
        return null;
    }

    private static HttpResponse<?> unauthorized(String detail) {
        return ProblemResponses.response(Problem.of("unauthorized", "Unauthorized", 401, detail))
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"woolguard\"");
    }
}
