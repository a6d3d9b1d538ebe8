package io.woolguard.server.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.http.HttpMethod;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TokenRegistryTest {
    private static final String DECIDE = "decide-token-0123456789";
    private static final String ANALYST_ADMIN = "analyst-token-0123456789";

    @Test
    void parse_readsRolesPerToken() {
        TokenRegistry tokens = TokenRegistry.parse(DECIDE + ":decide;" + ANALYST_ADMIN + ":analyst,admin");

        Caller decide = tokens.authenticate(DECIDE).orElseThrow();
        Caller analyst = tokens.authenticate(ANALYST_ADMIN).orElseThrow();
        assertEquals(Set.of(Role.DECIDE), decide.roles());
        assertEquals(Set.of(Role.ANALYST, Role.ADMIN), analyst.roles());
        assertFalse(tokens.isDevelopment());
        assertEquals(2, tokens.size());
    }

    @Test
    void authenticate_fromManyThreadsAtOnce_answersEveryCallForItsOwnToken() throws Exception {
        // the hash is computed with a digest kept per thread; a shared one would mix up concurrent calls
        TokenRegistry tokens = TokenRegistry.parse(DECIDE + ":decide;" + ANALYST_ADMIN + ":analyst,admin");
        int threads = 4;
        int calls = 5_000;
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
        try {
            java.util.List<java.util.concurrent.Future<Integer>> wrong = new java.util.ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int offset = t;
                wrong.add(pool.submit(() -> {
                    int mistakes = 0;
                    for (int i = 0; i < calls; i++) {
                        boolean decide = (i + offset) % 2 == 0;
                        Optional<Caller> caller = tokens.authenticate(decide ? DECIDE : ANALYST_ADMIN + (i % 3 == 0 ? "x" : ""));
                        Set<Role> expected = decide ? Set.of(Role.DECIDE)
                                : i % 3 == 0 ? null : Set.of(Role.ANALYST, Role.ADMIN);
                        if (!java.util.Objects.equals(expected, caller.map(Caller::roles).orElse(null))) {
                            mistakes++;
                        }
                    }
                    return mistakes;
                }));
            }
            for (java.util.concurrent.Future<Integer> mistakes : wrong) {
                assertEquals(0, mistakes.get(), "calls answered with another call's token");
            }
        } finally {
            pool.shutdownNow();
            assertTrue(pool.awaitTermination(30, java.util.concurrent.TimeUnit.SECONDS), "the test's threads ended");
        }
    }

    @Test
    void authenticate_rejectsUnknownEmptyAndNearMissTokens() {
        TokenRegistry tokens = TokenRegistry.parse(DECIDE + ":decide");

        assertEquals(Optional.empty(), tokens.authenticate("decide-token-012345678"));
        assertEquals(Optional.empty(), tokens.authenticate(DECIDE + "x"));
        assertEquals(Optional.empty(), tokens.authenticate(""));
        assertEquals(Optional.empty(), tokens.authenticate(null));
    }

    @Test
    void actor_isDerivedFromTheTokenHashNeverTheToken() {
        TokenRegistry tokens = TokenRegistry.parse(DECIDE + ":decide");

        String actor = tokens.authenticate(DECIDE).orElseThrow().actor();
        assertTrue(actor.matches("token-[0-9a-f]{8}"), actor);
        assertFalse(actor.contains(DECIDE.substring(0, 8)), actor);
        assertEquals(TokenRegistry.actorFor(DECIDE), actor);
    }

    @Test
    void parse_failsWithSentencesThatDoNotEchoTheToken() {
        IllegalArgumentException badRole = assertThrows(IllegalArgumentException.class,
                () -> TokenRegistry.parse(DECIDE + ":superuser"));
        assertTrue(badRole.getMessage().contains("unknown role 'superuser'"), badRole.getMessage());
        assertFalse(badRole.getMessage().contains(DECIDE), badRole.getMessage());

        IllegalArgumentException noRole = assertThrows(IllegalArgumentException.class, () -> TokenRegistry.parse(DECIDE));
        assertTrue(noRole.getMessage().contains("entry 1 must look like token:role"), noRole.getMessage());

        IllegalArgumentException shortToken = assertThrows(IllegalArgumentException.class, () -> TokenRegistry.parse("abc:decide"));
        assertTrue(shortToken.getMessage().contains("shorter than 16"), shortToken.getMessage());

        assertThrows(IllegalArgumentException.class, () -> TokenRegistry.parse(" ; "));
    }

    @Test
    void development_generatesOneTokenPerRoleAndOneWithAll() {
        TokenRegistry tokens = TokenRegistry.development();

        assertTrue(tokens.isDevelopment());
        assertEquals(4, tokens.developmentTokens().size());
        assertTrue(tokens.developmentTokens().containsValue(Set.of(Role.DECIDE, Role.ANALYST, Role.ADMIN)));
        tokens.developmentTokens().keySet().forEach(token -> assertTrue(tokens.authenticate(token).isPresent()));
        assertFalse(TokenRegistry.development().developmentTokens().keySet().equals(tokens.developmentTokens().keySet()),
                "tokens must be random per start");
    }

    @Test
    void caller_adminImpliesAnalystButNotDecide() {
        Caller admin = new Caller("a", Set.of(Role.ADMIN));

        assertTrue(admin.has(Role.ANALYST));
        assertTrue(admin.has(Role.ADMIN));
        assertFalse(admin.has(Role.DECIDE));
    }

    @Test
    void accessPolicy_decideOnlyForDecisionsAndEvents_everythingElseNeedsAnalyst() {
        assertEquals(Optional.of(Role.DECIDE), AccessPolicy.roleFor(HttpMethod.POST, "/v1/decisions"));
        assertEquals(Optional.of(Role.DECIDE), AccessPolicy.roleFor(HttpMethod.POST, "/v1/events"));
        assertEquals(Optional.of(Role.ANALYST), AccessPolicy.roleFor(HttpMethod.GET, "/v1/decisions/e-1"));
        assertEquals(Optional.of(Role.ANALYST), AccessPolicy.roleFor(HttpMethod.POST, "/v1/labels"));
        assertEquals(Optional.of(Role.ANALYST), AccessPolicy.roleFor(HttpMethod.PUT, "/v1/lists/BLOCK/DEVICE/d"));
        assertEquals(Optional.of(Role.ANALYST), AccessPolicy.roleFor(HttpMethod.POST, "/v1/rulesets"));
        assertEquals(Optional.of(Role.ANALYST), AccessPolicy.roleFor(HttpMethod.POST, "//v1/decisions"),
                "an oddly spelled path must not slip through as open");
        assertEquals(Optional.of(Role.ANALYST), AccessPolicy.roleFor(HttpMethod.GET, "/anything-else"));
        assertEquals(Optional.empty(), AccessPolicy.roleFor(HttpMethod.GET, "/health"));
        assertEquals(Optional.empty(), AccessPolicy.roleFor(HttpMethod.GET, "/health/readiness"));
        assertEquals(Optional.empty(), AccessPolicy.roleFor(HttpMethod.GET, "/prometheus"));
        assertEquals(Optional.empty(), AccessPolicy.roleFor(HttpMethod.GET, "/openapi.yml"));
    }
}
