package io.woolguard.server.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import java.nio.file.Path;

/**
 * The service's main settings ({@code woolguard.*} in {@code application.yml}; every key can be
 * overridden from the environment, e.g. {@code WOOLGUARD_DATA_DIR}).
 *
 * @param dataDir    where RocksDB, the decision log, rule versions and the feature job's state live
 * @param mode       {@code embedded} (the feature job runs in this process) or {@code cluster} (Kafka in and out)
 * @param authTokens {@code token1:decide;token2:analyst,admin}; when empty, development tokens are generated
 * @param piiKey     the secret for keyed hashes of personal data (≥ 16 bytes); when empty, the engine's
 *                   generated key file under the data directory is used
 * @param cachedEntities  entities whose stored features (and list look-ups) stay in memory for
 *                        {@code decide}; a miss reads RocksDB (tens of µs)
 * @param countedEntities entities with live velocity counters; idle ones expire after two hours,
 *                        and past this many the least used are dropped (their live counts restart)
 */
@ConfigurationProperties("woolguard")
public record WoolguardConfiguration(
        @Bindable(defaultValue = "./data") Path dataDir,
        @Bindable(defaultValue = "embedded") String mode,
        @Nullable String authTokens,
        @Nullable String piiKey,
        @Bindable(defaultValue = "300000") long cachedEntities,
        @Bindable(defaultValue = "100000") long countedEntities) {

    /** True for cluster mode (events to Kafka, features materialised from Kafka). */
    public boolean clusterMode() {
        return "cluster".equalsIgnoreCase(mode.strip());
    }

    /**
     * Checks the values once at startup.
     *
     * @throws IllegalStateException naming the key and what to do
     */
    public void validate() {
        String m = mode.strip().toLowerCase(java.util.Locale.ROOT);
        if (!m.equals("embedded") && !m.equals("cluster")) {
            throw new IllegalStateException("woolguard.mode (WOOLGUARD_MODE) must be 'embedded' or 'cluster', got '"
                    + mode + "'");
        }
        if (cachedEntities < 1 || countedEntities < 1) {
            throw new IllegalStateException("woolguard.cached-entities and woolguard.counted-entities"
                    + " (WOOLGUARD_CACHED_ENTITIES, WOOLGUARD_COUNTED_ENTITIES) must be at least 1");
        }
        if (piiKey != null && !piiKey.isBlank() && piiKey.getBytes(java.nio.charset.StandardCharsets.UTF_8).length < 16) {
            throw new IllegalStateException("woolguard.pii-key (WOOLGUARD_PII_KEY) must be at least 16 bytes; "
                    + "use a long random secret and keep it for the life of the data directory");
        }
    }
}
