package io.woolguard.stream.io;

import io.woolguard.core.RiskEngine;

import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The engines of this JVM that an {@link EngineSink} may write into, by name.
 *
 * <p>Why a static registry: Flink serializes a sink and creates its writer inside a task, so the
 * writer cannot hold the engine object itself; it carries the engine's name and looks it up here.
 * This works only when the job runs in the engine's JVM (embedded mode, a MiniCluster); a cluster
 * job writes to Kafka instead.
 */
public final class EngineRegistry {
    private static final ConcurrentHashMap<String, RiskEngine> ENGINES = new ConcurrentHashMap<>();

    private EngineRegistry() {
    }

    /**
     * Registers an engine under a name; close the returned registration to remove it.
     *
     * @throws IllegalStateException if another engine is registered under that name
     */
    public static Registration register(String name, RiskEngine engine) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(engine, "engine");
        RiskEngine previous = ENGINES.putIfAbsent(name, engine);
        if (previous != null && previous != engine) {
            throw new IllegalStateException("an engine is already registered as '" + name
                    + "'; close its registration or choose another name");
        }
        return () -> ENGINES.remove(name, engine);
    }

    /**
     * The engine registered under {@code name}.
     *
     * @throws IllegalStateException if there is none in this JVM
     */
    public static RiskEngine lookup(String name) {
        RiskEngine engine = ENGINES.get(name);
        if (engine == null) {
            throw new IllegalStateException("no engine is registered as '" + name + "' in this JVM: the engine"
                    + " sink only works where the engine lives (embedded mode); register it with"
                    + " EngineRegistry.register first");
        }
        return engine;
    }

    /** Removes a registration. Idempotent. */
    @FunctionalInterface
    public interface Registration extends AutoCloseable {
        @Override
        void close();
    }
}
