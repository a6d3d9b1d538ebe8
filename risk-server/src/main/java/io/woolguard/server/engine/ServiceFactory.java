package io.woolguard.server.engine;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.woolguard.server.auth.TokenRegistry;
import io.woolguard.server.config.WoolguardConfiguration;
import jakarta.inject.Singleton;
import java.time.Clock;

/** The small beans everything else needs: the clock and the token registry. */
@Factory
public class ServiceFactory {

    /** The wall clock, UTC. Tests replace it to move time without sleeping. */
    @Singleton
    public Clock clock() {
        return Clock.systemUTC();
    }

    /**
     * The configured tokens, or freshly generated development tokens when none are configured.
     * Created eagerly, so that a malformed {@code WOOLGUARD_AUTH_TOKENS} stops the start at once.
     */
    @Context
    public TokenRegistry tokens(WoolguardConfiguration config) {
        String spec = config.authTokens();
        if (spec == null || spec.isBlank()) {
            return TokenRegistry.development();
        }
        try {
            return TokenRegistry.parse(spec);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("woolguard.auth-tokens (WOOLGUARD_AUTH_TOKENS) is invalid: " + e.getMessage(), e);
        }
    }
}
