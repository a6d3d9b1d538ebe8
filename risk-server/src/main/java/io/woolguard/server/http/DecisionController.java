package io.woolguard.server.http;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.woolguard.core.Decision;
import io.woolguard.core.Explanation;
import io.woolguard.core.RiskEngine;
import io.woolguard.core.RiskEvent;
import io.woolguard.core.json.WoolguardJson;
import io.woolguard.server.config.LimitsConfiguration;
import io.woolguard.server.engine.EngineRuntime;
import io.woolguard.server.metrics.DecisionMetrics;
import io.woolguard.server.problem.ResourceNotFoundException;
import io.woolguard.server.problem.UnavailableException;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Decisions and events: {@code POST /v1/decisions}, {@code POST /v1/events},
 * {@code GET /v1/decisions/{eventId}}. Bodies are parsed and decisions written by
 * {@link WoolguardJson}, so the same event gives the same decision in-process and over HTTP.
 *
 * <p>{@code POST /v1/decisions} is parsed and admitted on the event loop (a malformed body or a full
 * {@link DecisionGate} is answered there at once) and decided on the gate's small decision pool; the
 * other endpoints run on Micronaut's blocking executor.
 */
@Controller("/v1")
public final class DecisionController {
    private final RiskEngine engine;
    private final DecisionGate gate;
    private final DecisionMetrics metrics;
    private final LimitsConfiguration limits;

    public DecisionController(EngineRuntime runtime, DecisionGate gate, DecisionMetrics metrics,
                              LimitsConfiguration limits) {
        this.engine = runtime.engine();
        this.gate = gate;
        this.metrics = metrics;
        this.limits = limits;
    }

    /** Decides one event; with {@code explain=true} adds {@code features} and {@code rulesEvaluated}. */
    @Post("/decisions")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public CompletableFuture<HttpResponse<byte[]>> decide(@Body byte[] body,
                                                          @QueryValue(defaultValue = "false") boolean explain) {
        long start = System.nanoTime();
        RiskEvent event = WoolguardJson.readEvent(Requests.limited(body, limits.decisionBodyBytes(), "a decision request body"));
        return gate.submit(() -> {
            byte[] json;
            Decision decision;
            if (explain) {
                Explanation explanation = engine.explain(event);
                decision = explanation.decision();
                json = WoolguardJson.writeExplainedDecision(explanation);
            } else {
                decision = engine.decide(event);
                json = WoolguardJson.writeDecision(decision);
            }
            metrics.recordDecision(decision, System.nanoTime() - start);
            return (HttpResponse<byte[]>) Requests.json(HttpStatus.OK, json);
        });
    }

    /** Ingests up to 1,000 events that need no answer; 202 with how many were accepted. */
    @Post("/events")
    @ExecuteOn(TaskExecutors.BLOCKING)
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public HttpResponse<byte[]> ingest(@Body byte[] body) {
        List<RiskEvent> events = WoolguardJson.readEvents(Requests.limited(body, limits.eventsBodyBytes(), "an events batch"));
        if (events.size() > limits.eventsPerBatch()) {
            throw new io.woolguard.core.InvalidEventException("events", "must have at most "
                    + limits.eventsPerBatch() + " events, got " + events.size());
        }
        try {
            engine.ingest(events);
        } catch (IllegalStateException e) {
            throw new UnavailableException(e.getMessage(), e);
        }
        metrics.recordIngested(events.size());
        return Requests.json(HttpStatus.ACCEPTED,
                ("{\"accepted\":" + events.size() + "}").getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** The stored decision with its event (personal data hashed), features and rules evaluated. */
    @Get("/decisions/{eventId:[^/]+}")
    @ExecuteOn(TaskExecutors.BLOCKING)
    @Produces(MediaType.APPLICATION_JSON)
    public HttpResponse<byte[]> find(@PathVariable("eventId") String ignoredDecodedEventId, HttpRequest<?> request) {
        String eventId = Requests.lastPathSegment(request);
        Explanation explanation = engine.findDecision(eventId)
                .orElseThrow(() -> new ResourceNotFoundException("no decision for event id '"
                        + Requests.abbreviate(eventId) + "'"));
        return Requests.json(HttpStatus.OK, WoolguardJson.writeExplanation(explanation));
    }
}
