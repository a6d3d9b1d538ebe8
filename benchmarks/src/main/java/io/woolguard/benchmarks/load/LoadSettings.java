package io.woolguard.benchmarks.load;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Locale;

/**
 * What one load-generator invocation does, parsed from the command line and checked before any
 * request is sent.
 *
 * @param target      base URI of the service; its host must resolve to loopback only
 * @param token       bearer token with the {@code decide} role, or {@code null}
 * @param mode        what to run
 * @param rate        requests per second for open loop; 0 means flat out (closed loop)
 * @param concurrency closed loop: requests in flight; open loop: sender threads
 * @param duration    measured time per phase
 * @param warmup      unmeasured time before each phase
 * @param farmShare   share of farm traffic, in [0, 1]
 * @param users       legit customers in the traffic model
 * @param seed        traffic model seed
 * @param runId       prefix of every eventId, unique per run so stored decisions are never replayed
 * @param waitReady   how long to wait for {@code GET /health} to answer 200 before starting
 * @param serverPid   the server's process id on this machine, to report its CPU per request; 0 for none
 */
public record LoadSettings(URI target, String token, Mode mode, double rate, int concurrency, Duration duration,
                           Duration warmup, double farmShare, int users, long seed, String runId, Duration waitReady,
                           long serverPid) {
    /** Longest measured phase accepted: a load run is a benchmark, not a soak test. */
    public static final Duration MAX_DURATION = Duration.ofMinutes(10);

    /** What to run. */
    public enum Mode {
        /** {@code POST /v1/decisions}: flat out, or at {@code --rate}. */
        DECISIONS,
        /** {@code POST /bench/echo} with the same bodies: flat out, or at {@code --rate}. */
        ECHO,
        /**
         * Echo flat out, decisions flat out (same run), their ratio, then decisions open loop at half
         * the saturated decision rate for p50/p99.
         */
        COMPARE
    }

    static final String USAGE = """
            usage: java -cp benchmarks/target/benchmarks.jar io.woolguard.benchmarks.load.LoadGenerator [options]
              --target URI         service base URI, loopback only        (default http://127.0.0.1:8080)
              --token TOKEN        bearer token with the decide role      (default $WOOLGUARD_TOKEN)
              --mode MODE          decisions | echo | compare              (default decisions)
              --rate N             requests/s, open loop; 0 = flat out     (default 0)
              --concurrency N      in-flight requests (closed) / senders   (default 32)
              --duration D         measured time per phase, e.g. 30s, 2m   (default 20s, at most 10m)
              --warmup D           unmeasured time before each phase      (default 5s)
              --farm-share X       share of farm traffic in [0, 1]         (default 0.1)
              --users N            legit customers in the traffic model    (default 100000)
              --seed N             traffic model seed                      (default 42)
              --run-id ID          eventId prefix                          (default lg-<epoch seconds>)
              --wait-ready D       wait for GET /health = 200 first        (default 0s: don't wait)
              --server-pid N       report the server's CPU per request     (default 0: don't; Linux /proc)
            """;

    public LoadSettings {
        if (concurrency < 1 || concurrency > 4_096) {
            throw new IllegalArgumentException("--concurrency must be between 1 and 4096, got " + concurrency);
        }
        if (!(rate >= 0) || rate > 1_000_000) {
            throw new IllegalArgumentException("--rate must be between 0 (flat out) and 1000000 per second, got " + rate);
        }
        if (duration.isNegative() || duration.isZero() || duration.compareTo(MAX_DURATION) > 0) {
            throw new IllegalArgumentException("--duration must be positive and at most " + MAX_DURATION.toMinutes()
                    + " minutes, got " + duration);
        }
        if (warmup.isNegative() || warmup.compareTo(MAX_DURATION) > 0) {
            throw new IllegalArgumentException("--warmup must be between 0 and 10 minutes, got " + warmup);
        }
        if (!(farmShare >= 0 && farmShare <= 1)) {
            throw new IllegalArgumentException("--farm-share must be between 0 and 1, got " + farmShare);
        }
        if (serverPid < 0) {
            throw new IllegalArgumentException("--server-pid must be a process id (or 0 for none), got " + serverPid);
        }
        if (mode == Mode.COMPARE && rate > 0) {
            throw new IllegalArgumentException("--mode compare finds its own rates; drop --rate");
        }
        requireLoopback(target);
    }

    /** Parses command-line arguments; throws {@link IllegalArgumentException} naming the bad option. */
    public static LoadSettings parse(String[] args) {
        URI target = URI.create("http://127.0.0.1:8080");
        String token = System.getenv("WOOLGUARD_TOKEN");
        Mode mode = Mode.DECISIONS;
        double rate = 0;
        int concurrency = 32;
        Duration duration = Duration.ofSeconds(20);
        Duration warmup = Duration.ofSeconds(5);
        double farmShare = 0.1;
        int users = 100_000;
        long seed = 42;
        String runId = "lg-" + System.currentTimeMillis() / 1000;
        Duration waitReady = Duration.ZERO;
        long serverPid = 0;
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            if (option.equals("--help") || option.equals("-h")) {
                throw new HelpRequested();
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            String value = args[++i];
            try {
                switch (option) {
                    case "--target" -> target = URI.create(value);
                    case "--token" -> token = value;
                    case "--mode" -> mode = Mode.valueOf(value.toUpperCase(Locale.ROOT));
                    case "--rate" -> rate = Double.parseDouble(value);
                    case "--concurrency" -> concurrency = Integer.parseInt(value);
                    case "--duration" -> duration = parseDuration(value);
                    case "--warmup" -> warmup = parseDuration(value);
                    case "--farm-share" -> farmShare = Double.parseDouble(value);
                    case "--users" -> users = Integer.parseInt(value);
                    case "--seed" -> seed = Long.parseLong(value);
                    case "--run-id" -> runId = value;
                    case "--wait-ready" -> waitReady = parseDuration(value);
                    case "--server-pid" -> serverPid = Long.parseLong(value);
                    default -> throw new IllegalArgumentException("unknown option " + option + "\n" + USAGE);
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(option + " expects a number, got '" + value + "'");
            } catch (IllegalArgumentException e) {
                if (e.getMessage() != null && e.getMessage().startsWith("unknown option")) {
                    throw e;
                }
                throw new IllegalArgumentException(option + ": " + e.getMessage());
            }
        }
        return new LoadSettings(target, token, mode, rate, concurrency, duration, warmup, farmShare, users, seed, runId,
                waitReady, serverPid);
    }

    /** {@code 30s}, {@code 500ms}, {@code 2m}, or plain seconds (the benchmarks' duration options). */
    public static Duration parseDuration(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        try {
            if (t.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
            }
            if (t.endsWith("s")) {
                return Duration.ofMillis(Math.round(Double.parseDouble(t.substring(0, t.length() - 1)) * 1000));
            }
            if (t.endsWith("m")) {
                return Duration.ofSeconds(Math.round(Double.parseDouble(t.substring(0, t.length() - 1)) * 60));
            }
            return Duration.ofMillis(Math.round(Double.parseDouble(t) * 1000));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected a duration like 30s, 500ms or 2m, got '" + text + "'");
        }
    }

    /**
     * Refuses any target that is not loopback: the load generator is for benchmarking your own
     * service on your own machine, never for sending load anywhere else.
     */
    static void requireLoopback(URI target) {
        if (target == null || target.getHost() == null
                || !("http".equals(target.getScheme()) || "https".equals(target.getScheme()))) {
            throw new IllegalArgumentException("--target must be an http(s) URI with a host, e.g. http://127.0.0.1:8080, got "
                    + target);
        }
        String host = target.getHost();
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host.startsWith("[") ? host.substring(1, host.length() - 1) : host);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("--target host '" + host + "' does not resolve");
        }
        for (InetAddress address : addresses) {
            if (!address.isLoopbackAddress()) {
                throw new IllegalArgumentException("--target host '" + host + "' resolves to " + address.getHostAddress()
                        + ", which is not loopback: the load generator only drives a service on this machine "
                        + "(use 127.0.0.1, ::1 or localhost)");
            }
        }
    }

    /** Thrown by {@link #parse} for {@code --help}. */
    static final class HelpRequested extends RuntimeException {
        HelpRequested() {
            super(USAGE, null, false, false);
        }
    }
}
