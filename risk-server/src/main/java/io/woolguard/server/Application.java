package io.woolguard.server;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.Micronaut;
import io.woolguard.server.engine.DefaultPackPrecompile;
import io.woolguard.server.engine.EngineRuntime;

/**
 * Starts the Woolguard decision service: HTTP on {@code micronaut.server.port} (8080), the engine
 * with RocksDB under {@code woolguard.data-dir} ({@code ./data}), the default rule pack on first
 * start, and the feature stream (the Flink job in this process in embedded mode).
 *
 * <pre>{@code
 * ./mvnw -q -DskipTests package -pl risk-server -am && java -XX:+UseZGC -XX:SharedArchiveFile=risk-server/target/risk-server.jsa -jar risk-server/target/risk-server.jar
 * }</pre>
 *
 * <p>The HTTP server listens while the engine and the stream start in the background;
 * {@code GET /health} answers 200 once they are ready. If they cannot start, the process exits
 * with status 1, as it would for any other start-up failure.
 */
public final class Application {
    private Application() {
    }

    /** Starts the service; configuration comes from {@code application.yml} and the environment. */
    public static void main(String[] args) {
        start(args);
    }

    /**
     * Starts the service and returns its context at once (the engine and stream keep starting in
     * the background; see {@link EngineRuntime#startup()}). A failed engine start ends the process
     * with status 1.
     */
    static ApplicationContext start(String[] args) {
        // needs no configuration: compiles while the JVM and Micronaut start
        DefaultPackPrecompile.start();
        ApplicationContext context = Micronaut.build(args)
                .mainClass(Application.class)
                .banner(false)
                // no bootstrap property sources (config servers) are used: skip looking for them
                .bootstrapEnvironment(false)
                .start();
        context.getBean(EngineRuntime.class).startup().whenComplete((ignored, failure) -> {
            if (failure != null) {
                // the starter logged why; stop serving and fail the process like a failed start does
                context.close();
                System.exit(1);
            }
        });
        return context;
    }
}
