package io.woolguard.benchmarks.load;

import io.woolguard.benchmarks.traffic.TrafficModel;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Drives a risk-server running on this machine with realistic mixed traffic and reports what it
 * measured. Loopback only: any other target is refused before a request is sent.
 *
 * <pre>
 * # the server: ./mvnw -q -DskipTests package -pl risk-server -am
 * #   WOOLGUARD_AUTH_TOKENS='tok:decide,analyst,admin' WOOLGUARD_BENCH_ECHO_ENABLED=true \
 * #   WOOLGUARD_DATA_DIR=$(mktemp -d) java -jar risk-server/target/risk-server.jar
 * ./mvnw -q -DskipTests package -pl benchmarks -am
 * java -cp benchmarks/target/benchmarks.jar io.woolguard.benchmarks.load.LoadGenerator \
 *     --token tok --mode compare --concurrency 32 --duration 20s --warmup 5s
 * </pre>
 *
 * <p>Modes: {@code decisions} and {@code echo} run flat out (closed loop, {@code --concurrency}
 * requests in flight) or, with {@code --rate}, open loop at a fixed rate with latency measured from
 * each request's intended send time (so a stall is charged for every request it delayed).
 * {@code compare} runs echo and decisions flat out in the same run, prints the ratio, then runs
 * decisions at half the saturated rate for p50/p99. Each phase is preceded by an unmeasured warm-up.
 *
 * <p>{@code benchmarks/scripts/http-benchmark.sh} does all of it (fresh data dir, echo on, launch → ready,
 * compare, stop) and passes {@code --server-pid}, which adds the server's CPU per request to each
 * phase, split by kind of thread ({@link ServerThreads}: event loop, decide threads, JIT, GC, feature
 * job, RocksDB compactions and flushes) with the nice value the busy ones ran at; every phase also gives the load
 * generator's own CPU per request, since it shares the cores. Last measured 2026-12-01 08:11 UTC on 2 shared cores (load 11 to 20), client and server on the
 * same cores: echo 6,099 req/s (98 µs server CPU each), decisions 818/s (1,720 µs each; 13.4%),
 * p50 1.96 ms / p99 243 ms at 409/s; see docs/PERFORMANCE.md.
 *
 * <p>Exit status: 0 when requests succeeded, 1 when none did (e.g. every answer was 401), 2 for bad
 * options. The last line of a compare run is {@code RESULT key=value ...} for scripts.
 */
public final class LoadGenerator {
    private final LoadSettings settings;
    private final PrintStream out;
    private final HttpClient client;
    private final TrafficModel traffic;
    private final ServerCpu serverCpu;
    private final ServerThreads serverThreads;
    /** Server CPU µs per request of the last measured phase, or -1 when not measured. */
    private double lastCpuMicrosPerRequest = -1;
    private double lastCpuCores = -1;
    /** The last measured phase's server CPU by kind of thread, one line, or "" when not measured. */
    private String lastCpuByThread = "";
    /** JIT compiler CPU µs per request of the last measured phase, or -1 when not measured. */
    private double lastJitMicrosPerRequest = -1;
    /** This load generator's own CPU µs per request in the last measured phase, or -1 when unknown. */
    private double lastClientMicrosPerRequest = -1;
    /** The feature stream's lag before and after the last measured phase, if the server says. */
    private OptionalLong lastLagBefore = OptionalLong.empty();
    private OptionalLong lastLagAfter = OptionalLong.empty();

    LoadGenerator(LoadSettings settings, PrintStream out) {
        this.settings = settings;
        this.out = out;
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        this.traffic = TrafficModel.builder()
                .seed(settings.seed())
                .farmShare(settings.farmShare())
                .legitUsers(settings.users())
                .eventIdPrefix(settings.runId())
                .start(Instant.now())
                .build();
        this.serverCpu = settings.serverPid() > 0 ? new ServerCpu(settings.serverPid()) : null;
        this.serverThreads = settings.serverPid() > 0 ? new ServerThreads(settings.serverPid()) : null;
    }

    public static void main(String[] args) throws Exception {
        LoadSettings settings;
        try {
            settings = LoadSettings.parse(args);
        } catch (LoadSettings.HelpRequested help) {
            System.out.print(LoadSettings.USAGE);
            return;
        } catch (IllegalArgumentException e) {
            System.err.println("LoadGenerator: " + e.getMessage());
            System.exit(2);
            return;
        }
        boolean succeeded = new LoadGenerator(settings, System.out).run();
        System.exit(succeeded ? 0 : 1);
    }

    /** Runs what the settings say; true when at least one request of each measured phase succeeded. */
    boolean run() throws InterruptedException {
        out.printf(Locale.ROOT, "LoadGenerator: %s against %s, farm share %.2f, %,d users, seed %d, run id %s%n",
                settings.mode().name().toLowerCase(Locale.ROOT), settings.target(), settings.farmShare(),
                settings.users(), settings.seed(), settings.runId());
        if (!settings.waitReady().isZero() && !waitUntilReady()) {
            return false;
        }
        return switch (settings.mode()) {
            case DECISIONS -> report(phase("/v1/decisions", settings.rate()));
            case ECHO -> report(phase("/bench/echo", settings.rate()));
            case COMPARE -> compare();
        };
    }

    private boolean compare() throws InterruptedException {
        LoadResult echo = phase("/bench/echo", 0);
        report(echo);
        double echoCpu = lastCpuMicrosPerRequest;
        double echoClient = lastClientMicrosPerRequest;
        LoadResult decisions = phase("/v1/decisions", 0);
        report(decisions);
        double decisionsCpu = lastCpuMicrosPerRequest;
        double decisionsJit = lastJitMicrosPerRequest;
        double decisionsClient = lastClientMicrosPerRequest;
        double saturated = decisions.successThroughput();
        if (saturated <= 0 || echo.successThroughput() <= 0) {
            out.println("compare: a phase had no successful request; see the status codes above");
            return false;
        }
        double ratio = saturated / echo.successThroughput();
        out.printf(Locale.ROOT, "== decisions / echo = %,.0f / %,.0f = %.1f%% (target >= 60%%)%n",
                saturated, echo.successThroughput(), ratio * 100);
        // a saturated phase can leave the feature stream behind (it runs at a lower priority than
        // decisions); half-rate latency is measured in the steady state, not while it catches up
        awaitStreamCaughtUp(STREAM_CATCH_UP_LIMIT);
        LoadResult half = phase("/v1/decisions", saturated / 2);
        report(half);
        out.printf(Locale.ROOT, "RESULT echo_rps=%.0f decisions_rps=%.0f ratio=%.3f half_rate=%.0f half_p50_ms=%.3f "
                        + "half_p99_ms=%.3f half_p999_ms=%.3f half_max_ms=%.3f echo_server_cpu_us=%.0f "
                        + "decisions_server_cpu_us=%.0f decisions_jit_cpu_us=%.0f half_server_cpu_us=%.0f half_jit_cpu_us=%.0f "
                        + "echo_client_cpu_us=%.0f decisions_client_cpu_us=%.0f half_stream_lag_growth=%d%n",
                echo.successThroughput(), saturated, ratio, saturated / 2, half.percentileMillis(50),
                half.percentileMillis(99), half.percentileMillis(99.9), half.latencyMicros().getMaxValue() / 1000.0,
                echoCpu, decisionsCpu, decisionsJit, lastCpuMicrosPerRequest, lastJitMicrosPerRequest,
                echoClient, decisionsClient, lagGrowth());
        return half.successThroughput() > 0;
    }

    /** How much the stream's lag grew over the last measured phase, or 0 when the server does not say. */
    private long lagGrowth() {
        return lastLagBefore.isPresent() && lastLagAfter.isPresent() ? lastLagAfter.getAsLong() - lastLagBefore.getAsLong() : 0;
    }

    /** A warm-up (unmeasured) and then the measured phase, closed loop for rate 0, else open loop. */
    private LoadResult phase(String endpoint, double rate) throws InterruptedException {
        LoadRun run = new LoadRun(client, traffic, settings.target(), endpoint, settings.token());
        if (!settings.warmup().isZero()) {
            if (rate > 0) {
                run.openLoop(rate, senders(), settings.warmup());
            } else {
                run.closedLoop(settings.concurrency(), settings.warmup());
            }
        }
        lastLagBefore = streamLag();
        long clientCpuBefore = clientCpuNanos();
        OptionalLong cpuBefore = serverCpu == null ? OptionalLong.empty() : serverCpu.usedNanos();
        ServerThreads.Snapshot threadsBefore = serverThreads == null ? null : serverThreads.snapshot();
        LoadResult result = rate > 0
                ? run.openLoop(rate, senders(), settings.duration())
                : run.closedLoop(settings.concurrency(), settings.duration());
        OptionalLong cpuAfter = serverCpu == null ? OptionalLong.empty() : serverCpu.usedNanos();
        long clientCpuAfter = clientCpuNanos();
        ServerThreads.Snapshot threadsAfter = serverThreads == null ? null : serverThreads.snapshot();
        lastLagAfter = streamLag();
        lastCpuMicrosPerRequest = -1;
        lastCpuCores = -1;
        lastCpuByThread = "";
        lastJitMicrosPerRequest = -1;
        lastClientMicrosPerRequest = clientCpuBefore >= 0 && clientCpuAfter >= 0 && result.requests() > 0
                ? (clientCpuAfter - clientCpuBefore) / 1e3 / result.requests() : -1;
        if (threadsBefore != null && !threadsAfter.threads().isEmpty() && result.requests() > 0) {
            lastCpuByThread = ServerThreads.format(threadsBefore, threadsAfter, result.requests());
            lastJitMicrosPerRequest = threadsAfter.cpuSince(threadsBefore).get(ServerThreads.Kind.JIT) / 1e3 / result.requests();
        }
        if (cpuBefore.isPresent() && cpuAfter.isPresent() && result.requests() > 0 && result.elapsedNanos() > 0) {
            long used = cpuAfter.getAsLong() - cpuBefore.getAsLong();
            lastCpuMicrosPerRequest = used / 1e3 / result.requests();
            lastCpuCores = used / (double) result.elapsedNanos();
        }
        return result;
    }

    /** Open loop needs enough senders that a slow answer does not hold up the schedule. */
    private int senders() {
        return Math.max(settings.concurrency(), 64);
    }

    /**
     * This JVM's CPU time so far, or -1 where the JVM does not say. Client and server share the cores,
     * so what the client spends per request bounds the echo rate as much as the server does.
     */
    private static long clientCpuNanos() {
        if (java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }

    private boolean report(LoadResult result) {
        out.print(result.format());
        if (lastClientMicrosPerRequest >= 0) {
            out.printf(Locale.ROOT, "   load generator CPU %,.0f us per request (this JVM, on the same cores)%n",
                    lastClientMicrosPerRequest);
        }
        if (lastCpuMicrosPerRequest >= 0) {
            out.printf(Locale.ROOT, "   server CPU %.2f cores, %,.0f us per request (pid %d, from /proc)%n",
                    lastCpuCores, lastCpuMicrosPerRequest, settings.serverPid());
            out.print(lastCpuByThread);
        }
        if (lastLagBefore.isPresent() && lastLagAfter.isPresent()) {
            long before = lastLagBefore.getAsLong();
            long after = lastLagAfter.getAsLong();
            out.printf(Locale.ROOT, "   stream lag %,d -> %,d accepted events not yet read by the feature job (GET /health)%n",
                    before, after);
            if (result.endpoint().equals("/v1/decisions") && result.elapsedNanos() > 0) {
                // every decision answered 2xx is one accepted event: what the job read is that plus the lag it worked off
                double accepted = result.successThroughput();
                double read = accepted + (before - after) * 1e9 / result.elapsedNanos();
                out.printf(Locale.ROOT, "   feature job read %,.0f of the %,.0f events/s accepted: %s%n", Math.max(0, read),
                        accepted, after > before ? "falling behind, the features decisions read are getting older" : "keeping up");
            }
        }
        return result.successThroughput() > 0;
    }

    private static final Duration STREAM_CATCH_UP_LIMIT = Duration.ofMinutes(5);

    private void awaitStreamCaughtUp(Duration limit) throws InterruptedException {
        OptionalLong lag = streamLag();
        if (lag.isEmpty() || lag.getAsLong() == 0) {
            return;
        }
        long start = System.nanoTime();
        long initial = lag.getAsLong();
        while (lag.isPresent() && lag.getAsLong() > 0 && System.nanoTime() - start < limit.toNanos()) {
            Thread.sleep(250);
            lag = streamLag();
        }
        out.printf(Locale.ROOT, "   waited %.1f s for the feature stream to catch up: lag %,d -> %s%n",
                (System.nanoTime() - start) / 1e9, initial, lag.isPresent() ? String.format(Locale.ROOT, "%,d", lag.getAsLong()) : "?");
    }

    private static final Pattern HEALTH_LAG = Pattern.compile("\"lag\"\\s*:\\s*(\\d+)");

    /** The feature stream's lag as {@code GET /health} reports it, if the server says. */
    private OptionalLong streamLag() {
        try {
            Matcher lag = HEALTH_LAG.matcher(client.send(healthRequest(), HttpResponse.BodyHandlers.ofString()).body());
            return lag.find() ? OptionalLong.of(Long.parseLong(lag.group(1))) : OptionalLong.empty();
        } catch (java.io.IOException e) {
            return OptionalLong.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return OptionalLong.empty();
        }
    }

    private HttpRequest healthRequest() {
        return HttpRequest.newBuilder(settings.target().resolve("/health")).timeout(Duration.ofSeconds(2)).GET().build();
    }

    private boolean waitUntilReady() throws InterruptedException {
        HttpRequest health = healthRequest();
        long start = System.nanoTime();
        long deadline = start + settings.waitReady().toNanos();
        int lastStatus = -1;
        while (System.nanoTime() < deadline) {
            try {
                lastStatus = client.send(health, HttpResponse.BodyHandlers.discarding()).statusCode();
                if (lastStatus == 200) {
                    out.printf(Locale.ROOT, "ready: GET /health = 200 after %.2f s of polling%n",
                            (System.nanoTime() - start) / 1e9);
                    return true;
                }
            } catch (java.io.IOException notUpYet) {
                lastStatus = -1;
            }
            Thread.sleep(50);
        }
        out.printf(Locale.ROOT, "not ready: GET /health did not answer 200 within %s (last status %d)%n",
                settings.waitReady(), lastStatus);
        return false;
    }
}
