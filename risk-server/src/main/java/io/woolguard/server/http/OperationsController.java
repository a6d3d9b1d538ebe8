package io.woolguard.server.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Produces;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.woolguard.core.json.WoolguardJson;
import io.woolguard.server.engine.EngineRuntime;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Open operational endpoints: {@code /health} (readiness, with liveness and each check in the
 * body), {@code /health/liveness}, {@code /health/readiness}, {@code /prometheus} and the OpenAPI
 * document {@code /openapi.yml}.
 */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
public final class OperationsController {
    private final EngineRuntime runtime;
    private final PrometheusMeterRegistry prometheus;
    private final byte[] openApi;

    public OperationsController(EngineRuntime runtime, PrometheusMeterRegistry prometheus) {
        this.runtime = runtime;
        this.prometheus = prometheus;
        this.openApi = resource("openapi.yml");
    }

    /**
     * Readiness with details: 200 and {@code "status": "UP"} only when rules are loaded, the stores
     * are open and the feature stream runs; otherwise 503 with {@code "status": "DOWN"} and which
     * check failed. {@code live} is true whenever the process answers.
     */
    @Get("/health")
    @Produces(MediaType.APPLICATION_JSON)
    public HttpResponse<byte[]> health() {
        boolean ready = runtime.ready();
        ObjectNode node = WoolguardJson.mapper().createObjectNode();
        node.put("status", ready ? "UP" : "DOWN");
        node.put("live", true);
        node.put("ready", ready);
        node.put("mode", runtime.mode());
        node.put("starting", !runtime.started() && !runtime.startFailed());
        ObjectNode checks = node.putObject("checks");
        ObjectNode rules = checks.putObject("rules");
        rules.put("up", runtime.rulesLoaded());
        runtime.activeRuleset().ifPresent(info -> rules.put("activeVersion", info.version()));
        checks.putObject("stores").put("up", runtime.storesOpen());
        ObjectNode stream = checks.putObject("stream");
        stream.put("up", runtime.streamRunning());
        stream.put("description", runtime.streamDescription());
        stream.put("lag", runtime.streamLag());
        return Requests.json(ready ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE, WoolguardJson.bytes(node));
    }

    /** Liveness: 200 whenever the process can answer at all. */
    @Get("/health/liveness")
    @Produces(MediaType.APPLICATION_JSON)
    public HttpResponse<byte[]> liveness() {
        return Requests.json(HttpStatus.OK, "{\"status\":\"UP\",\"live\":true}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** Readiness alone: 200 when ready, else 503; same body as {@code /health}. */
    @Get("/health/readiness")
    @Produces(MediaType.APPLICATION_JSON)
    public HttpResponse<byte[]> readiness() {
        return health();
    }

    /** Metrics in the Prometheus text format. */
    @Get("/prometheus")
    @Produces("text/plain; version=0.0.4; charset=utf-8")
    public String prometheus() {
        return prometheus.scrape();
    }

    /** The OpenAPI 3 description of this service. */
    @Get("/openapi.yml")
    @Produces("application/yaml")
    public byte[] openApi() {
        return openApi;
    }

    private static byte[] resource(String name) {
        try (InputStream in = OperationsController.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing from the classpath");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
