package io.woolguard.server;

import io.micronaut.runtime.Micronaut;

/**
 * Starts the Woolguard decision service: HTTP on {@code micronaut.server.port} (8080), the engine
 * with RocksDB under {@code woolguard.data-dir} ({@code ./data}), the default rule pack on first
 * start, and the feature stream (the Flink job in this process in embedded mode).
 *
 * <pre>{@code
 * ./mvnw -q -DskipTests package -pl risk-server -am && java -jar risk-server/target/risk-server.jar
 * }</pre>
 */
public final class Application {
    private Application() {
    }

    /** Starts the service; configuration comes from {@code application.yml} and the environment. */
    public static void main(String[] args) {
        Micronaut.build(args)
                .mainClass(Application.class)
                .banner(false)
                .start();
    }
}
