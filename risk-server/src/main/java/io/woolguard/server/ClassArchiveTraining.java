package io.woolguard.server;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.woolguard.server.engine.EngineRuntime;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The training run behind the server's class-data-sharing archive: the build runs
 * <pre>{@code
 * java -XX:+UseZGC -XX:ArchiveClassesAtExit=target/risk-server.jsa -cp target/risk-server.jar io.woolguard.server.ClassArchiveTraining
 * }</pre>
 * which starts the whole service (embedded mode, a throw-away data directory, a random port), waits
 * until it is ready, sends it a little of every kind of traffic, stops it and exits; the JVM then
 * writes every class it loaded, already parsed and verified, into the archive. A server started with
 * {@code -XX:+UseZGC -XX:SharedArchiveFile=risk-server/target/risk-server.jsa} (the same collector: the
 * archive is only valid for the heap layout it was written with) maps those classes instead of
 * loading them from the 190 MB jar, which took about 40% of start-up's CPU. The archive is only a
 * cache: a JVM that cannot use it (another JDK build, a rebuilt jar) says so in one warning line
 * and starts normally.
 *
 * <p>Exits with status 0 even if the service does not become ready in time: a build must not fail
 * because a start-up optimisation could not be trained; the archive then holds fewer classes.
 */
public final class ClassArchiveTraining {
    private static final Logger LOG = LoggerFactory.getLogger(ClassArchiveTraining.class);
    private static final Duration READY_TIMEOUT = Duration.ofMinutes(3);
    private static final String TOKEN = "cds-training-" + UUID.randomUUID();

    private ClassArchiveTraining() {
    }

    public static void main(String[] args) throws Exception {
        Path dataDir = Files.createTempDirectory("woolguard-cds-training");
        System.setProperty("woolguard.data-dir", dataDir.toString());
        System.setProperty("micronaut.server.port", "-1");
        System.setProperty("woolguard.auth-tokens", TOKEN + ":decide,analyst,admin");
        try (ApplicationContext context = Application.start(args)) {
            context.getBean(EngineRuntime.class).startup().toCompletableFuture()
                    .get(READY_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            URI base = URI.create("http://127.0.0.1:" + context.getBean(EmbeddedServer.class).getPort());
            exercise(base);
            LOG.info("class-archive training: the service started and served every kind of request");
        } catch (Exception e) {
            LOG.warn("class-archive training did not finish ({}); the archive holds the classes loaded so far", e.toString());
        } finally {
            deleteRecursively(dataDir);
        }
        System.exit(0);
    }

    /** Every endpoint family once or a few times: the classes of their paths, not a warm JIT. */
    private static void exercise(URI base) throws IOException, InterruptedException {
        HttpClient client = HttpClient.newHttpClient();
        String now = Instant.now().toString();
        for (int i = 0; i < 20; i++) {
            send(client, post(base, "/v1/decisions" + (i % 2 == 0 ? "" : "?explain=true"), claim("cds-c-" + i, now)));
            send(client, post(base, "/v1/decisions", order("cds-o-" + i, now)));
        }
        send(client, post(base, "/v1/events", "[" + claim("cds-b-1", now) + "," + order("cds-b-2", now) + "]"));
        send(client, post(base, "/v1/decisions", "{\"eventId\": 7, \"type\": \"COUPON_CLAIM\""));
        send(client, post(base, "/v1/decisions", "{\"eventId\": \"cds-bad\", \"type\": \"NOPE\"}"));
        send(client, get(base, "/v1/decisions/cds-c-0"));
        send(client, get(base, "/v1/rulesets"));
        send(client, get(base, "/health"));
        send(client, get(base, "/prometheus"));
    }

    private static String claim(String eventId, String at) {
        return """
                {"eventId": "%s", "type": "COUPON_CLAIM", "occurredAt": "%s",
                 "account": {"id": "u-%s", "createdAt": "2024-01-01T00:00:00Z", "phone": "+8613800138000"},
                 "device": {"id": "d-cds", "platform": "ANDROID", "userAgent": "Mozilla/5.0"},
                 "network": {"ip": "198.51.100.7"},
                 "coupon": {"campaignId": "cds-training", "faceValue": 20.00, "currency": "CNY"}}
                """.formatted(eventId, at, eventId);
    }

    private static String order(String eventId, String at) {
        return """
                {"eventId": "%s", "type": "ORDER", "occurredAt": "%s",
                 "account": {"id": "u-%s", "createdAt": "2024-01-01T00:00:00Z"},
                 "device": {"id": "d-cds", "platform": "IOS"},
                 "network": {"ip": "2001:db8::7"},
                 "order": {"orderId": "o-%s", "amount": 0.01, "listPrice": 59.00, "currency": "CNY",
                           "couponIds": ["cp-1", "cp-2"], "shippingAddress": "1 Training Road",
                           "paymentInstrument": "card-0000"}}
                """.formatted(eventId, at, eventId, eventId);
    }

    private static HttpRequest post(URI base, String path, String json) {
        return HttpRequest.newBuilder(base.resolve(path))
                .header("Authorization", "Bearer " + TOKEN)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build();
    }

    private static HttpRequest get(URI base, String path) {
        return HttpRequest.newBuilder(base.resolve(path)).header("Authorization", "Bearer " + TOKEN).GET().build();
    }

    private static void send(HttpClient client, HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        LOG.debug("class-archive training: {} {} -> {}", request.method(), request.uri().getPath(), response.statusCode());
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            LOG.warn("could not delete the training data directory {}: {}", dir, e.getMessage());
        }
    }
}
