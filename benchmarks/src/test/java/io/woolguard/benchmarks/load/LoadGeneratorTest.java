package io.woolguard.benchmarks.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.woolguard.benchmarks.traffic.Actor;
import io.woolguard.benchmarks.traffic.TrafficModel;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The load generator against a stand-in decision endpoint on loopback (the real server is measured
 * by the benchmark run itself, see docs/PERFORMANCE.md): it blocks every farm account (ids "a-f..."), answers
 * 401 without the token, and echoes on /bench/echo.
 */
class LoadGeneratorTest {
    private static HttpServer server;
    private static final java.util.concurrent.atomic.AtomicInteger healthCalls = new java.util.concurrent.atomic.AtomicInteger();
    private static final java.util.concurrent.ConcurrentLinkedQueue<Integer> healthLags = new java.util.concurrent.ConcurrentLinkedQueue<>();
    private static URI base;
    private static final AtomicInteger decisions = new AtomicInteger();

    @BeforeAll
    static void startStandIn() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/v1/decisions", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            if (!"Bearer tok".equals(auth)) {
                exchange.sendResponseHeaders(401, -1);
                exchange.close();
                return;
            }
            decisions.incrementAndGet();
            String outcome = new String(body, StandardCharsets.UTF_8).contains("\"id\":\"a-f") ? "BLOCK" : "ALLOW";
            byte[] answer = ("{\"eventId\":\"x\",\"outcome\" : \"" + outcome + "\",\"score\":1,\"degraded\":" + outcome.equals("BLOCK") + "}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.createContext("/bench/echo", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.createContext("/health", exchange -> {
            // the lags a test scripted, one per look, then a stream caught up
            healthCalls.incrementAndGet();
            Integer scripted = healthLags.poll();
            int lag = scripted == null ? 0 : scripted;
            byte[] answer = ("{\"ready\":true,\"components\":{\"stream\":{\"up\":true,\"lag\": " + lag + "}}}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
        base = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @AfterAll
    static void stop() {
        server.stop(0);
    }

    private static LoadRun run(String endpoint, String token) {
        TrafficModel traffic = TrafficModel.builder().seed(3).farmShare(0.5).legitUsers(1_000)
                .eventIdPrefix("t").start(Instant.now()).build();
        return new LoadRun(HttpClient.newHttpClient(), traffic, base, endpoint, token);
    }

    @Test
    void closedLoop_talliesOutcomesByActor() throws Exception {
        // In a cold JVM on a loaded machine each thread's first request took over 400 ms (4 requests
        // in the 400 ms this phase used to have, measured with two busy loops on 2 cores): an unmeasured
        // warm-up first, as LoadGenerator does, and a measured phase long enough to hold the bound.
        LoadRun run = run("/v1/decisions", "tok");
        run.closedLoop(4, Duration.ofSeconds(1));
        int before = decisions.get();
        LoadResult result = run.closedLoop(4, Duration.ofSeconds(3));
        assertTrue(result.requests() > 20, "requests " + result.requests());
        assertEquals(result.requests(), result.statuses().get(200), "every request answered 200: " + result.statuses());
        assertEquals(result.requests(), decisions.get() - before, "each request reached the server once");
        assertEquals(result.requests(), result.decided(Actor.LEGIT) + result.decided(Actor.FARM));
        assertEquals(0, result.outcome(Actor.LEGIT, "BLOCK"), "legit accounts are never farm accounts");
        assertTrue(result.outcome(Actor.FARM, "BLOCK") > 0, "farm accounts are blocked by the stand-in");
        assertEquals(result.outcome(Actor.FARM, "BLOCK"), result.degraded(), "the stand-in marks its blocks degraded");
        assertTrue(result.format().contains("FARM"), result.format());
    }

    @Test
    void openLoop_sendsExactlyTheScheduledRequests() throws Exception {
        LoadResult result = run("/bench/echo", null).openLoop(200, 8, Duration.ofMillis(500));
        assertEquals(100, result.requests(), "200/s for 0.5 s schedules 100 requests");
        assertEquals(100L, result.statuses().get(200));
        assertEquals(0, result.decided(Actor.LEGIT) + result.decided(Actor.FARM), "echo bodies carry no outcome");
    }

    @Test
    void closedLoop_countsRejectedAuthAsStatusNotSuccess() throws Exception {
        // 1 s, not 200 ms: a loaded machine can start the loop's threads after a 200 ms deadline
        LoadResult result = run("/v1/decisions", "wrong").closedLoop(2, Duration.ofSeconds(1));
        assertTrue(result.requests() > 0, "requests " + result.requests());
        assertEquals(result.requests(), result.statuses().get(401), result.statuses().toString());
        assertEquals(0.0, result.successThroughput());
    }

    @Test
    void main_compareModePrintsTheRatioAndHalfRateLatency() throws Exception {
        healthCalls.set(0);
        healthLags.clear();
        // before and after each measured phase, and while the half rate waits: echo leaves the stream 5
        // behind, the saturated decisions leave it 17 behind, the half rate starts caught up and ends 40 behind
        healthLags.addAll(List.of(5, 5, 5, 17, 17, 0, 0, 40));
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        LoadSettings settings = LoadSettings.parse(new String[] {
            "--target", base.toString(), "--token", "tok", "--mode", "compare", "--concurrency", "2",
            "--duration", "300ms", "--warmup", "0s", "--users", "1000"});
        boolean ok = new LoadGenerator(settings, new PrintStream(buffer, true, StandardCharsets.UTF_8)).run();
        String report = buffer.toString(StandardCharsets.UTF_8);
        assertTrue(ok, report);
        assertTrue(report.contains("decisions / echo ="), report);
        assertTrue(report.lines().anyMatch(l -> l.startsWith("RESULT echo_rps=") && l.contains("half_p99_ms=")), report);
        assertTrue(report.contains("stream lag 5 -> 5 accepted events"), "echo reports the lag /health gives:\n" + report);
        assertTrue(report.contains("stream lag 5 -> 17 accepted events"), "so do the saturated decisions:\n" + report);
        assertTrue(report.contains("for the feature stream to catch up: lag 17 -> 0"), "half rate waits for it:\n" + report);
        assertTrue(report.contains("stream lag 0 -> 40 accepted events"), "and starts caught up:\n" + report);
        assertEquals(2, report.lines().filter(l -> l.contains("events/s accepted: falling behind")).count(),
                "both decision phases say the job fell behind (echo accepts no events):\n" + report);
        assertEquals(0, report.lines().filter(l -> l.contains("keeping up")).count(), report);
        assertTrue(report.lines().anyMatch(l -> l.startsWith("RESULT ") && l.endsWith(" half_stream_lag_growth=40")), report);
        assertEquals(8, healthCalls.get(), "two looks per measured phase and two while waiting");
    }

    @Test
    void settings_refuseANonLoopbackTarget() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LoadSettings.parse(new String[] {"--target", "http://192.0.2.10:8080"}));
        assertTrue(e.getMessage().contains("not loopback"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> LoadSettings.parse(new String[] {"--target", "ftp://127.0.0.1/"}));
    }

    @Test
    void settings_rejectBadValuesNamingTheOption() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LoadSettings.parse(new String[] {"--duration", "1h"}));
        assertTrue(e.getMessage().contains("--duration"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> LoadSettings.parse(new String[] {"--rate", "fast"}));
        assertTrue(e.getMessage().contains("--rate"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> LoadSettings.parse(new String[] {"--mode", "compare", "--rate", "5"}));
        assertTrue(e.getMessage().contains("compare"), e.getMessage());
    }

    @Test
    void outcomeIndex_readsTheOutcomeWithoutAFullParse() {
        assertEquals(3, Tally.outcomeIndex("{\"eventId\":\"a\",\"outcome\":\"BLOCK\"}"));
        assertEquals(1, Tally.outcomeIndex("{ \"outcome\" : \"CHALLENGE\" }"));
        assertEquals(4, Tally.outcomeIndex("{\"title\":\"Bad Request\"}"));
    }

    @Test
    void serverCpu_readsUserPlusSystemTicksAfterTheCommandName() {
        String stat = "4242 (java main) S 1 4242 4242 0 -1 4194560 100 0 0 0 250 50 0 0 20 0 40 0 99 0 0";
        assertEquals(java.util.OptionalLong.of(300 * 10_000_000L), ServerCpu.parse(stat));
        assertTrue(ServerCpu.parse("garbage").isEmpty());
        assertTrue(new ServerCpu(ProcessHandle.current().pid()).usedNanos().orElse(1) > 0,
                "this JVM has used some CPU (or /proc is absent and nothing is reported)");
    }

    @Test
    void main_compareModeWithServerPidReportsCpuPerRequest() throws Exception {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        LoadSettings settings = LoadSettings.parse(new String[] {
            "--target", base.toString(), "--token", "tok", "--mode", "compare", "--concurrency", "2",
            "--duration", "300ms", "--warmup", "0s", "--users", "1000",
            "--server-pid", Long.toString(ProcessHandle.current().pid())});
        boolean ok = new LoadGenerator(settings, new PrintStream(buffer, true, StandardCharsets.UTF_8)).run();
        String report = buffer.toString(StandardCharsets.UTF_8);
        assertTrue(ok, report);
        if (java.nio.file.Files.isReadable(java.nio.file.Path.of("/proc/self/stat"))) {
            assertTrue(report.contains("us per request"), report);
            assertTrue(report.lines().anyMatch(l -> l.startsWith("RESULT ") && l.contains("decisions_server_cpu_us=")
                    && !l.contains("decisions_server_cpu_us=-1")), report);
        }
        assertThrows(IllegalArgumentException.class, () -> LoadSettings.parse(new String[] {"--server-pid", "-3"}));
    }
}
