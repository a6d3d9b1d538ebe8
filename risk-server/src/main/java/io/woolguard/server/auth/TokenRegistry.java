package io.woolguard.server.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The bearer tokens the service accepts and their roles. Only SHA-256 hashes of the tokens are
 * kept; a presented token is hashed and compared with every known hash in constant time
 * ({@link MessageDigest#isEqual}), so timing tells nothing about how close a guess was.
 * Immutable and thread-safe.
 */
public final class TokenRegistry {
    private static final SecureRandom RANDOM = new SecureRandom();
    /**
     * One digest per thread: {@link MessageDigest#getInstance} walks the security providers on every
     * call, which was most of what authenticating a request cost on the event loop.
     */
    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available in this JVM", e);
        }
    });

    private record Known(byte[] hash, Caller caller) {
    }

    private final List<Known> known;
    private final boolean development;
    private final Map<String, Set<Role>> developmentTokens;

    private TokenRegistry(List<Known> known, boolean development, Map<String, Set<Role>> developmentTokens) {
        this.known = List.copyOf(known);
        this.development = development;
        this.developmentTokens = developmentTokens;
    }

    /**
     * Parses {@code token1:decide;token2:analyst,admin}: entries separated by {@code ;}, roles by {@code ,}.
     *
     * @throws IllegalArgumentException naming the bad entry (without echoing the token)
     */
    public static TokenRegistry parse(String spec) {
        if (spec == null || spec.isBlank()) {
            throw new IllegalArgumentException("no tokens configured; set WOOLGUARD_AUTH_TOKENS to token:role[,role];...");
        }
        Map<String, Set<Role>> tokens = new LinkedHashMap<>();
        int index = 0;
        for (String entry : spec.split(";")) {
            index++;
            if (entry.isBlank()) {
                continue;
            }
            int colon = entry.lastIndexOf(':');
            if (colon <= 0 || colon == entry.length() - 1) {
                throw new IllegalArgumentException("auth token entry " + index
                        + " must look like token:role[,role] (roles: decide, analyst, admin)");
            }
            String token = entry.substring(0, colon).strip();
            if (token.length() < 16) {
                throw new IllegalArgumentException("auth token entry " + index + " is shorter than 16 characters; "
                        + "use long random tokens");
            }
            Set<Role> roles = EnumSet.noneOf(Role.class);
            for (String role : entry.substring(colon + 1).split(",")) {
                try {
                    roles.add(Role.parse(role));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("auth token entry " + index + ": " + e.getMessage(), e);
                }
            }
            tokens.put(token, roles);
        }
        if (tokens.isEmpty()) {
            throw new IllegalArgumentException("no tokens configured; set WOOLGUARD_AUTH_TOKENS to token:role[,role];...");
        }
        return of(tokens, false);
    }

    /** Fresh random tokens: one per role and one with every role, for local development only. */
    public static TokenRegistry development() {
        Map<String, Set<Role>> tokens = new LinkedHashMap<>();
        tokens.put("dev-decide-" + randomToken(), EnumSet.of(Role.DECIDE));
        tokens.put("dev-analyst-" + randomToken(), EnumSet.of(Role.ANALYST));
        tokens.put("dev-admin-" + randomToken(), EnumSet.of(Role.ADMIN));
        tokens.put("dev-all-" + randomToken(), EnumSet.allOf(Role.class));
        return of(tokens, true);
    }

    private static TokenRegistry of(Map<String, Set<Role>> tokens, boolean development) {
        List<Known> known = new ArrayList<>();
        tokens.forEach((token, roles) -> known.add(new Known(sha256(token), new Caller(actorFor(token), roles))));
        return new TokenRegistry(known, development,
                development ? java.util.Collections.unmodifiableMap(new LinkedHashMap<>(tokens)) : Map.of());
    }

    /**
     * The caller a presented token stands for, if it is known. Compares against every known token
     * whether or not an earlier one matched.
     */
    public Optional<Caller> authenticate(String presentedToken) {
        if (presentedToken == null || presentedToken.isEmpty()) {
            return Optional.empty();
        }
        byte[] hash = sha256(presentedToken);
        Caller match = null;
        for (Known k : known) {
            if (MessageDigest.isEqual(k.hash(), hash)) {
                match = k.caller();
            }
        }
        return Optional.ofNullable(match);
    }

    /** True when the tokens were generated because none were configured. */
    public boolean isDevelopment() {
        return development;
    }

    /** The generated development tokens and their roles (empty unless {@link #isDevelopment()}). */
    public Map<String, Set<Role>> developmentTokens() {
        return developmentTokens;
    }

    /** How many tokens are known. */
    public int size() {
        return known.size();
    }

    /** The audit name of a token: {@code token-} and the first 8 hex digits of its SHA-256. */
    public static String actorFor(String token) {
        return "token-" + HexFormat.of().formatHex(sha256(token), 0, 4);
    }

    private static String randomToken() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static byte[] sha256(String text) {
        // digest() resets the instance, so the next call on this thread starts clean
        return SHA_256.get().digest(text.getBytes(StandardCharsets.UTF_8));
    }
}
