package io.woolguard.server.http;

import static io.woolguard.server.TestServer.ANALYST;
import static io.woolguard.server.TestServer.DECIDE;
import static io.woolguard.server.TestServer.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.woolguard.server.Events;
import io.woolguard.server.TestServer;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Backtests over HTTP against the real (shared) server: decisions made by whatever ruleset is
 * active are decided again by an uploaded candidate, in the background, and read back by id.
 */
class BacktestHttpIT {
    /** A candidate that blocks every claim on the backtest's own campaign, and nothing else. */
    private static final String CANDIDATE_DRL = """
            package rules.backtest;

            import io.woolguard.rules.Event;

            global io.woolguard.rules.Hits hits;

            rule "Backtest campaign is closed"
                @id("backtest-campaign-closed")
            when
                e : Event(claim, campaignId == "backtest-campaign")
            then
                hits.add(100, "CAMPAIGN_CLOSED", "campaign " + e.getCampaignId() + " is closed");
            end
            """;
    /** Longest wait for a backtest of a handful of decisions (a busy CI machine). */
    private static final Duration PATIENCE = Duration.ofMinutes(2);

    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.shared();
    }

    @Test
    void backtest_decidesThePeriodAgainWithTheCandidate_andReportsWhatWouldChange() throws Exception {
        // a period of its own: nothing another test decided on the shared server lies in it
        server.clock().advance(Duration.ofHours(3));
        Instant from = server.clock().instant();
        List<String> storedOutcomes = new ArrayList<>();
        String activeVersion = null;
        for (int i = 1; i <= 5; i++) {
            HttpResponse<String> decided = server.postJson("/v1/decisions", DECIDE, Events.claim("bt-claim-" + i,
                    "bt-customer-" + i, "2023-04-01T08:00:00Z", "bt-device-" + i, false, "198.51.100." + (120 + i),
                    "backtest-campaign"));
            assertEquals(200, decided.statusCode(), decided.body());
            storedOutcomes.add(json(decided).get("outcome").asText());
            activeVersion = json(decided).get("rulesetVersion").asText();
            server.clock().advance(Duration.ofSeconds(1));
        }
        Instant to = server.clock().instant();
        long storedBlocks = storedOutcomes.stream().filter("BLOCK"::equals).count();
        assertTrue(storedBlocks < 5, "long-standing customers on their own devices, not all blocked: " + storedOutcomes);
        String version = uploadCandidate();

        HttpResponse<String> started = server.postJson("/v1/rulesets/" + version + "/backtests", ANALYST,
                "{\"from\": \"" + from + "\", \"to\": \"" + to + "\", \"limit\": 1000}");
        assertEquals(202, started.statusCode(), started.body());
        String id = json(started).get("id").asText();
        assertEquals("/v1/backtests/" + id, started.headers().firstValue("location").orElse(""));
        assertEquals(version, json(started).get("version").asText());
        String requestedBy = json(started).get("requestedBy").asText();
        assertTrue(requestedBy.startsWith("token-") && !requestedBy.contains(ANALYST), "an actor name, never the token: " + requestedBy);

        JsonNode done = awaitFinished(id);
        assertEquals("DONE", done.get("status").asText(), done.toString());
        JsonNode report = done.get("report");
        assertEquals(5, report.get("evaluated").asLong(), report.toString());
        assertFalse(report.get("limitReached").asBoolean());
        assertEquals(5 - storedBlocks, report.get("changed").asLong(), "every claim not blocked before is now: " + report);
        assertEquals(5, report.get("outcomesAfter").get("BLOCK").asLong(), report.toString());
        assertEquals(storedBlocks, report.get("outcomesBefore").get("BLOCK").asLong(), report.toString());
        assertEquals(1, report.get("ruleHits").size(), report.toString());
        assertEquals("backtest-campaign-closed", report.get("ruleHits").get(0).get("ruleId").asText());
        assertEquals(5, report.get("ruleHits").get(0).get("count").asLong());
        assertEquals(5, report.get("decidedBy").get(activeVersion).asLong(), report.toString());
        assertEquals(5 - storedBlocks, report.get("examples").size());
        JsonNode first = report.get("examples").get(0);
        assertTrue(first.get("eventId").asText().startsWith("bt-claim-"), first.toString());
        assertEquals("BLOCK", first.get("after").get("outcome").asText());
        assertEquals(100, first.get("after").get("score").asInt());
        assertEquals("CAMPAIGN_CLOSED", first.get("after").get("reasons").get(0).asText());
        assertEquals(5, done.get("progress").get("evaluated").asLong());
        assertEquals(5, done.get("progress").get("total").asLong());
        assertEquals(100, done.get("progress").get("percent").asInt());

        JsonNode listed = json(server.get("/v1/backtests", ANALYST));
        JsonNode mine = null;
        for (JsonNode job : listed.get("backtests")) {
            if (job.get("id").asText().equals(id)) {
                mine = job;
            }
        }
        assertTrue(mine != null, "GET /v1/backtests lists it: " + listed);
        assertFalse(mine.has("report"), "the list leaves reports out");
        assertEquals(activeVersion, json(server.postJson("/v1/decisions", DECIDE, Events.claim("bt-claim-after",
                "bt-customer-after", "2023-04-01T08:00:00Z", "bt-device-after", false, "198.51.100.130",
                "backtest-campaign"))).get("rulesetVersion").asText(), "the backtest activated nothing");
    }

    @Test
    void backtest_refusesBadRequestsWithProblemsNamingTheField_andNeedsTheAnalystRole() throws Exception {
        String version = uploadCandidate();
        String path = "/v1/rulesets/" + version + "/backtests";

        HttpResponse<String> unknown = server.postJson("/v1/rulesets/2026-01-01T00:00:00Z-nothere/backtests", ANALYST, "{}");
        assertEquals(404, unknown.statusCode(), unknown.body());
        assertTrue(json(unknown).get("detail").asText().contains("no ruleset version"), unknown.body());

        assertField(server.postJson(path, ANALYST, "{\"from\": \"yesterday\"}"), "from", "ISO-8601");
        assertField(server.postJson(path, ANALYST, "{\"from\": \"2026-11-11T00:00:00Z\", \"to\": \"2026-11-11T00:00:00Z\"}"),
                "to", "must be after from");
        assertField(server.postJson(path, ANALYST, "{\"limit\": 0}"), "limit", "whole number from 1");
        assertField(server.postJson(path, ANALYST, "[1, 2]"), "body", "JSON object");

        HttpResponse<String> missing = server.get("/v1/backtests/bt-000000000000", ANALYST);
        assertEquals(404, missing.statusCode(), missing.body());
        assertTrue(json(missing).get("detail").asText().contains("no backtest"), missing.body());

        assertEquals(403, server.postJson(path, DECIDE, "{}").statusCode(), "a decide token cannot start backtests");
        assertEquals(403, server.get("/v1/backtests", DECIDE).statusCode(), "nor read them");
    }

    private static String uploadCandidate() throws Exception {
        ObjectNode body = TestServer.JSON.createObjectNode();
        body.put("name", "backtest-candidate");
        body.putObject("files").put("backtest/campaign.drl", CANDIDATE_DRL);
        HttpResponse<String> uploaded = server.postJson("/v1/rulesets", ANALYST, TestServer.JSON.writeValueAsString(body));
        assertTrue(uploaded.statusCode() == 201, uploaded.body());
        return json(uploaded).get("version").asText();
    }

    private static JsonNode awaitFinished(String id) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        JsonNode job = json(server.get("/v1/backtests/" + id, ANALYST));
        while ("RUNNING".equals(job.get("status").asText()) && System.nanoTime() < deadline) {
            Thread.sleep(50); // waiting for the job's thread, not for time to pass
            job = json(server.get("/v1/backtests/" + id, ANALYST));
        }
        return job;
    }

    private static void assertField(HttpResponse<String> response, String field, String words) {
        assertTrue(response.statusCode() == 422 || response.statusCode() == 400, response.statusCode() + " " + response.body());
        JsonNode problem = json(response);
        assertEquals("application/problem+json", response.headers().firstValue("content-type").orElse(""), response.body());
        assertEquals(field, problem.get("errors").get(0).get("field").asText(), response.body());
        assertTrue(problem.get("errors").get(0).get("message").asText().contains(words), response.body());
    }
}
