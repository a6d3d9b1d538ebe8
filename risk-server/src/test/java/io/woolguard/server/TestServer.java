package io.woolguard.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.woolguard.server.engine.EngineRuntime;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * One real server for all HTTP integration tests of this JVM: the Micronaut app on a random port,
 * a temporary data directory (RocksDB, journal, Flink checkpoints), the default rule pack, the
 * in-process Flink job, fixed tokens and a {@link MutableClock}. Started on first use, closed when
 * the JVM exits.
 */
public final class TestServer {
    public static final String DECIDE = "it-decide-token-0000000001";
    public static final String ANALYST = "it-analyst-token-000000002";
    public static final String ADMIN = "it-admin-token-00000000003";
    public static final String ALL = "it-all-token-0000000000004";
    public static final ObjectMapper JSON = new ObjectMapper();

    private static final Duration READY_TIMEOUT = Duration.ofMinutes(5);

    private static TestServer shared;

    private final ApplicationContext context;
    private final EmbeddedServer server;
    private final Path dataDir;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private TestServer(Path dataDir) {
        this.dataDir = dataDir;
        this.server = ApplicationContext.run(EmbeddedServer.class, Map.of(
                "micronaut.server.port", -1,
                "woolguard.data-dir", dataDir.toString(),
                "woolguard.auth-tokens", DECIDE + ":decide;" + ANALYST + ":analyst;" + ADMIN + ":admin;" + ALL
                        + ":decide,analyst,admin",
                "woolguard.bench.echo-enabled", true,
                // The tests check what the rules decide, not how loaded the machine is: the default 50 ms
                // wall-clock budget per evaluation turns a GC pause or a descheduled decision thread on a
                // busy CI machine into the ALLOW fallback (degraded), failing BLOCK and not-degraded
                // assertions (seen with two busy loops on 2 cores: "exceeded time budget of 50 ms after
                // 0 firings" on an ordinary claim). The budget has its own tests in risk-rules.
                "woolguard.limits.decision-budget", "10s",
                "woolguard.test.mutable-clock", true));
        this.context = server.getApplicationContext();
        // the engine and the feature stream start in the background while the server listens; the
        // stream's threads run at nice 10, so a busy CI machine slows them most (measured with two busy
        // loops on 2 cores and other builds running: HTTP after 48 s, ready after 65 s)
        try {
            if (!context.getBean(EngineRuntime.class).awaitReady(READY_TIMEOUT)) {
                throw new IllegalStateException("the test server was not ready within " + READY_TIMEOUT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The shared server, started on first use. */
    public static synchronized TestServer shared() {
        if (shared == null) {
            try {
                Path dir = Files.createTempDirectory("woolguard-server-it");
                shared = new TestServer(dir);
                Runtime.getRuntime().addShutdownHook(new Thread(shared::close));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return shared;
    }

    public ApplicationContext context() {
        return context;
    }

    public MutableClock clock() {
        return context.getBean(MutableClock.class);
    }

    public URI uri(String path) {
        return URI.create("http://localhost:" + server.getPort() + path);
    }

    /** Sends a request; {@code body} may be null; {@code token} may be null. */
    public HttpResponse<String> send(String method, String path, String token, String contentType, byte[] body) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        if (contentType != null) {
            builder.header("Content-Type", contentType);
        }
        try {
            return http.send(builder.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public HttpResponse<String> postJson(String path, String token, String json) {
        return send("POST", path, token, "application/json", json.getBytes(StandardCharsets.UTF_8));
    }

    public HttpResponse<String> get(String path, String token) {
        return send("GET", path, token, null, null);
    }

    public HttpClient http() {
        return http;
    }

    /** Parses a response body as JSON. */
    public static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError("not JSON (" + response.statusCode() + "): " + response.body(), e);
        }
    }

    private void close() {
        server.close();
        try (Stream<Path> files = Files.walk(dataDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // best effort: a temp directory
        }
    }
}
