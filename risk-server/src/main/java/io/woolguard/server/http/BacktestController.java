package io.woolguard.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micronaut.core.annotation.Nullable;
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
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.woolguard.core.BacktestReport;
import io.woolguard.core.FieldError;
import io.woolguard.core.InvalidEventException;
import io.woolguard.core.Outcome;
import io.woolguard.core.json.WoolguardJson;
import io.woolguard.server.backtest.BacktestJob;
import io.woolguard.server.backtest.BacktestJobs;
import io.woolguard.server.config.LimitsConfiguration;
import io.woolguard.server.problem.ResourceNotFoundException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * Backtests: {@code POST /v1/rulesets/{version}/backtests} starts one (202, then read it back at
 * {@code GET /v1/backtests/{id}} for its progress and report), {@code GET /v1/backtests} lists
 * the recent ones. Body, every field optional: {@code {"from": "...", "to": "...", "limit": 100000}}
 * (ISO-8601 instants; default the last 24 hours).
 */
@Controller("/v1")
@ExecuteOn(TaskExecutors.BLOCKING)
public final class BacktestController {
    static final Duration DEFAULT_PERIOD = Duration.ofHours(24);
    static final long DEFAULT_LIMIT = 100_000;
    static final long MAX_LIMIT = 1_000_000;

    private final BacktestJobs jobs;
    private final Clock clock;
    private final LimitsConfiguration limits;

    public BacktestController(BacktestJobs jobs, Clock clock, LimitsConfiguration limits) {
        this.jobs = jobs;
        this.clock = clock;
        this.limits = limits;
    }

    /** Starts a backtest of a stored version: 202 with the job, {@code Location} where to follow it. */
    @Post("/rulesets/{version}/backtests")
    @Consumes({MediaType.APPLICATION_JSON, MediaType.ALL})
    @Produces(MediaType.APPLICATION_JSON)
    public HttpResponse<byte[]> start(@PathVariable String version, @Nullable @Body byte[] body, HttpRequest<?> request) {
        Instant to = clock.instant();
        Instant from = to.minus(DEFAULT_PERIOD);
        long limit = DEFAULT_LIMIT;
        if (body != null && body.length > 0) {
            Requests.requireJson(request);
            JsonNode node = WoolguardJson.parse(Requests.limited(body, limits.decisionBodyBytes(), "a backtest request"));
            if (!node.isObject()) {
                throw new InvalidEventException("body", "must be a JSON object like {\"from\": \"2026-11-11T00:00:00Z\","
                        + " \"to\": \"2026-11-12T00:00:00Z\", \"limit\": 100000}");
            }
            List<FieldError> errors = new ArrayList<>();
            Instant givenTo = instant(node, "to", errors);
            to = givenTo == null ? to : givenTo;
            Instant givenFrom = instant(node, "from", errors);
            from = givenFrom == null ? to.minus(DEFAULT_PERIOD) : givenFrom;
            Long givenLimit = Requests.wholeNumber(node, "limit", null, MAX_LIMIT, errors);
            limit = givenLimit == null ? limit : givenLimit;
            if (errors.isEmpty() && !to.isAfter(from)) {
                errors.add(new FieldError("to", "must be after from (" + from + "), got " + to));
            }
            if (!errors.isEmpty()) {
                throw new InvalidEventException(errors);
            }
        }
        BacktestJob job;
        try {
            job = jobs.start(version, from, to, limit, Requests.actor(request));
        } catch (NoSuchElementException e) {
            throw RulesetController.unknown(version);
        }
        return Requests.json(HttpStatus.ACCEPTED, WoolguardJson.bytes(jobNode(job)))
                .header("Location", URI.create("/v1/backtests/" + job.id()).toString());
    }

    /** The recent backtests, newest first (progress only; read one for its report). */
    @Get("/backtests")
    @Produces(MediaType.APPLICATION_JSON)
    public HttpResponse<byte[]> list() {
        ObjectNode node = WoolguardJson.mapper().createObjectNode();
        ArrayNode array = node.putArray("backtests");
        for (BacktestJob job : jobs.list()) {
            ObjectNode summary = jobNode(job);
            summary.remove("report");
            array.add(summary);
        }
        return Requests.json(HttpStatus.OK, WoolguardJson.bytes(node));
    }

    /** One backtest: status, progress and, once done, its report. */
    @Get("/backtests/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    public HttpResponse<byte[]> find(@PathVariable String id) {
        BacktestJob job = jobs.find(id).orElseThrow(() -> new ResourceNotFoundException(
                "no backtest '" + Requests.abbreviate(id) + "' (the service keeps the last ones until it restarts);"
                        + " GET /v1/backtests lists them"));
        return Requests.json(HttpStatus.OK, WoolguardJson.bytes(jobNode(job)));
    }

    private static Instant instant(JsonNode node, String field, List<FieldError> errors) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isTextual()) {
            try {
                return Instant.parse(value.textValue());
            } catch (DateTimeParseException e) {
                // reported below
            }
        }
        errors.add(new FieldError(field, "must be an ISO-8601 instant like 2026-11-11T00:00:00Z, got "
                + Requests.abbreviate(value.toString())));
        return null;
    }

    static ObjectNode jobNode(BacktestJob job) {
        ObjectNode node = WoolguardJson.mapper().createObjectNode();
        node.put("id", job.id());
        node.put("version", job.version());
        node.put("status", job.status().name());
        node.put("requestedBy", job.requestedBy());
        node.put("from", job.from().toString());
        node.put("to", job.to().toString());
        node.put("limit", job.limit());
        node.put("startedAt", job.startedAt().toString());
        node.put("finishedAt", job.finishedAt() == null ? null : job.finishedAt().toString());
        ObjectNode progress = node.putObject("progress");
        progress.put("evaluated", job.evaluated());
        if (job.total() < 0) {
            progress.putNull("total");
            progress.putNull("percent");
        } else {
            progress.put("total", job.total());
            progress.put("percent", job.percent());
        }
        node.put("error", job.error()); // a null String or node is written as JSON null
        node.set("report", job.report() == null ? null : reportNode(job.report()));
        return node;
    }

    private static ObjectNode reportNode(BacktestReport report) {
        ObjectNode node = WoolguardJson.mapper().createObjectNode();
        node.put("evaluated", report.evaluated());
        node.put("limitReached", report.limitReached());
        node.put("changed", report.changed());
        node.put("listDecided", report.listDecided());
        node.put("failures", report.failures());
        node.put("tookMillis", report.took().toMillis());
        ObjectNode before = node.putObject("outcomesBefore");
        ObjectNode after = node.putObject("outcomesAfter");
        for (Outcome outcome : Outcome.values()) {
            before.put(outcome.name(), report.countBefore(outcome));
            after.put(outcome.name(), report.countAfter(outcome));
        }
        ArrayNode transitions = node.putArray("transitions");
        report.transitions().forEach((from, tos) -> tos.forEach((to, count) -> transitions.addObject()
                .put("from", from.name()).put("to", to.name()).put("count", count)));
        ArrayNode hits = node.putArray("ruleHits");
        report.ruleHits().entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .forEach(e -> hits.addObject().put("ruleId", e.getKey()).put("count", e.getValue()));
        ObjectNode decidedBy = node.putObject("decidedBy");
        report.decidedBy().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> decidedBy.put(e.getKey(), e.getValue()));
        ArrayNode examples = node.putArray("examples");
        for (BacktestReport.Change change : report.examples()) {
            ObjectNode e = examples.addObject();
            e.put("eventId", change.eventId());
            e.put("decidedAt", change.decidedAt().toString());
            e.putObject("before").put("outcome", change.before().name()).put("score", change.scoreBefore());
            ObjectNode a = e.putObject("after").put("outcome", change.after().name()).put("score", change.scoreAfter());
            change.reasonsAfter().forEach(a.putArray("reasons")::add);
        }
        return node;
    }
}
