package io.woolguard.server.http;

import static io.woolguard.server.TestServer.ANALYST;
import static io.woolguard.server.TestServer.ALL;
import static io.woolguard.server.TestServer.DECIDE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.woolguard.server.Events;
import io.woolguard.server.TestServer;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Ten thousand and more malformed or hostile requests (fuzzed JSON, wrong types, deep nesting, huge
 * strings, bad UTF-8, wrong content types) against the real server: none may get a 5xx, every error
 * is problem+json, and the server still decides a valid event afterwards.
 */
class HostileInputIT {
    private static final int REQUESTS = 10_400;
    private static final int IN_FLIGHT = 8;
    private static final String[] PATHS = {"/v1/decisions", "/v1/decisions?explain=true", "/v1/events", "/v1/labels",
            "/v1/lists/BLOCK/DEVICE/fuzz-device"};
    private static final String[] CONTENT_TYPES = {"application/json", "application/json", "application/json",
            "application/json; charset=utf-8", "text/plain", "application/xml", "application/x-www-form-urlencoded",
            "multipart/form-data; boundary=zz", "application/octet-stream", null};
    private static final String[] HOSTILE_VALUES = {"null", "true", "-1", "1e999999", "-0", "[]", "{}", "\"\"",
            "123456789012345678901234567890", "\"\\u0000\"", "\"\\ud800\"", "NaN", "\"" + "z".repeat(5_000) + "\"",
            "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]", "{\"$ne\":1}", "\"'; DROP TABLE\""};

    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.shared();
    }

    @Test
    void hostileBodies_neverGet5xx_andTheServerStillDecides() throws Exception {
        Random random = new Random(20261122L);
        Semaphore inFlight = new Semaphore(IN_FLIGHT);
        Map<Integer, AtomicInteger> byStatus = new ConcurrentHashMap<>();
        List<String> serverErrors = java.util.Collections.synchronizedList(new ArrayList<>());
        List<String> notProblemJson = java.util.Collections.synchronizedList(new ArrayList<>());
        List<CompletableFuture<?>> pending = new ArrayList<>();
        for (int i = 0; i < REQUESTS; i++) {
            String path = PATHS[random.nextInt(PATHS.length)];
            String contentType = CONTENT_TYPES[random.nextInt(CONTENT_TYPES.length)];
            byte[] body = hostileBody(random, i);
            String method = path.startsWith("/v1/lists") ? "PUT" : "POST";
            HttpRequest.Builder request = HttpRequest.newBuilder(server.uri(path)).timeout(Duration.ofSeconds(60))
                    .header("Authorization", "Bearer " + ALL)
                    .method(method, HttpRequest.BodyPublishers.ofByteArray(body));
            if (contentType != null) {
                request.header("Content-Type", contentType);
            }
            inFlight.acquire();
            String description = method + " " + path + " [" + contentType + "] " + preview(body);
            pending.add(server.http().sendAsync(request.build(), HttpResponse.BodyHandlers.ofString())
                    .whenComplete((response, error) -> {
                        inFlight.release();
                        if (error != null) {
                            serverErrors.add("transport error " + error + " for " + description);
                            return;
                        }
                        byStatus.computeIfAbsent(response.statusCode(), s -> new AtomicInteger()).incrementAndGet();
                        if (response.statusCode() >= 500) {
                            serverErrors.add(response.statusCode() + " " + response.body() + " for " + description);
                        } else if (response.statusCode() >= 400 && !response.headers().firstValue("content-type")
                                .orElse("").equals("application/problem+json")) {
                            notProblemJson.add(response.statusCode() + " " + response.headers().firstValue("content-type")
                                    + " for " + description);
                        }
                    }));
        }
        CompletableFuture.allOf(pending.toArray(new CompletableFuture[0])).handle((v, e) -> null).get(10, TimeUnit.MINUTES);

        int total = byStatus.values().stream().mapToInt(AtomicInteger::get).sum();
        Map<Integer, Integer> summary = new TreeMap<>();
        byStatus.forEach((status, count) -> summary.put(status, count.get()));
        assertEquals(List.of(), serverErrors.subList(0, Math.min(5, serverErrors.size())), "statuses: " + summary);
        assertEquals(REQUESTS, total, "every request got an answer: " + summary);
        assertEquals(List.of(), notProblemJson.subList(0, Math.min(5, notProblemJson.size())));
        int rejected = summary.entrySet().stream().filter(e -> e.getKey() >= 400).mapToInt(Map.Entry::getValue).sum();
        assertTrue(rejected > REQUESTS * 0.9, "almost all hostile bodies must be rejected: " + summary);
        assertTrue(summary.keySet().containsAll(List.of(400, 413, 415, 422)), "each kind of rejection seen: " + summary);

        HttpResponse<String> valid = server.postJson("/v1/decisions", DECIDE,
                Events.legitClaim("after-fuzz-1", "ivy", "ivy-phone", "198.51.100.120"));
        assertEquals(200, valid.statusCode(), valid.body());
        assertEquals("ALLOW", TestServer.json(valid).get("outcome").asText(), valid.body());
        assertEquals(200, server.get("/health", null).statusCode());
        assertEquals(200, server.get("/v1/rulesets", ANALYST).statusCode());
    }

    private static byte[] hostileBody(Random random, int i) {
        String valid = Events.claim("fuzz-" + i, "fuzz-acct-" + (i % 50), "2026-01-01T00:00:00Z", "fuzz-dev-" + (i % 7),
                false, "192.0.2." + (i % 250), "fuzz-campaign");
        switch (i % 10) {
            case 0 -> { // random bytes, mostly invalid UTF-8
                byte[] bytes = new byte[1 + random.nextInt(512)];
                random.nextBytes(bytes);
                return bytes;
            }
            case 1 -> { // truncated JSON
                return valid.substring(0, random.nextInt(valid.length())).getBytes(StandardCharsets.UTF_8);
            }
            case 2 -> { // a field's value replaced by something of the wrong type
                String[] fields = {"\"fuzz-" + i + "\"", "\"COUPON_CLAIM\"", "\"2026-01-01T00:00:00Z\"", "20.00", "\"CNY\"",
                        "false", "\"ANDROID\"", "\"double11\"", "\"app\""};
                String target = fields[random.nextInt(fields.length)];
                return valid.replaceFirst(java.util.regex.Pattern.quote(target),
                        java.util.regex.Matcher.quoteReplacement(HOSTILE_VALUES[random.nextInt(HOSTILE_VALUES.length)]))
                        .getBytes(StandardCharsets.UTF_8);
            }
            case 3 -> { // deep nesting
                int depth = 50 + random.nextInt(5_000);
                return ("{\"eventId\":" + "[".repeat(depth) + "1" + "]".repeat(depth) + "}").getBytes(StandardCharsets.UTF_8);
            }
            case 4 -> { // huge strings: some under the body limit, some over
                int size = 1_000 + random.nextInt(120_000);
                return valid.replace("\"app\"", "\"" + "x".repeat(size) + "\"").getBytes(StandardCharsets.UTF_8);
            }
            case 5 -> { // bad UTF-8 inside an otherwise valid event
                byte[] bytes = valid.getBytes(StandardCharsets.UTF_8);
                int at = random.nextInt(bytes.length);
                bytes[at] = (byte) (0x80 | random.nextInt(0x40));
                if (at + 1 < bytes.length) {
                    bytes[at + 1] = (byte) 0xC0;
                }
                return bytes;
            }
            case 6 -> { // unknown enum values, control characters, big numbers
                return valid.replace("COUPON_CLAIM", random.nextBoolean() ? "coupon_claim" : "REFUND")
                        .replace("20.00", random.nextBoolean() ? "1" + "0".repeat(80) : "-20")
                        .replace("fuzz-acct", "acct\\u0001ctl").getBytes(StandardCharsets.UTF_8);
            }
            case 7 -> { // duplicate keys and trailing garbage
                return (valid.strip() + (random.nextBoolean() ? "{}" : ",\"x\":1}"))
                        .replace("{\"eventId\"", "{\"eventId\":\"dup\",\"eventId\"").getBytes(StandardCharsets.UTF_8);
            }
            case 8 -> { // top-level values of every kind
                return HOSTILE_VALUES[random.nextInt(HOSTILE_VALUES.length)].getBytes(StandardCharsets.UTF_8);
            }
            default -> { // labels and list bodies with wrong types, and too many attributes
                StringBuilder attrs = new StringBuilder("{");
                for (int a = 0; a < 70; a++) {
                    attrs.append(a == 0 ? "" : ",").append("\"k").append(a).append("\":").append(a);
                }
                return (random.nextBoolean()
                        ? "{\"entityType\":\"ACCOUNT\",\"entityId\":" + HOSTILE_VALUES[random.nextInt(HOSTILE_VALUES.length)]
                          + ",\"label\":\"FRAUD\",\"ttlSeconds\":" + HOSTILE_VALUES[random.nextInt(HOSTILE_VALUES.length)] + "}"
                        : valid.replace("{\"channel\":\"app\"}", attrs.append("}").toString()))
                        .getBytes(StandardCharsets.UTF_8);
            }
        }
    }

    private static String preview(byte[] body) {
        String text = new String(body, 0, Math.min(body.length, 120), StandardCharsets.UTF_8);
        return text.replaceAll("[^\\x20-\\x7E]", "?") + (body.length > 120 ? "... (" + body.length + " bytes)" : "");
    }
}
