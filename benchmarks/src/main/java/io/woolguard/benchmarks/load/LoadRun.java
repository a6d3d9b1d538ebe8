package io.woolguard.benchmarks.load;

import io.woolguard.benchmarks.traffic.Actor;
import io.woolguard.benchmarks.traffic.TrafficEvent;
import io.woolguard.benchmarks.traffic.TrafficModel;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Runs one measured phase against one endpoint: closed loop ({@code concurrency} threads, each
 * sending its next request as soon as the previous one is answered) or open loop (requests
 * scheduled at {@code rate}, sent by a pool of {@code concurrency} threads, latency measured from
 * each request's intended send time).
 */
final class LoadRun {
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    private final HttpClient client;
    private final TrafficModel traffic;
    private final URI uri;
    private final String endpoint;
    private final String token;

    LoadRun(HttpClient client, TrafficModel traffic, URI base, String endpoint, String token) {
        this.client = client;
        this.traffic = traffic;
        this.uri = base.resolve(endpoint);
        this.endpoint = endpoint;
        this.token = token;
    }

    /** Flat out with {@code concurrency} requests in flight for {@code duration}. */
    LoadResult closedLoop(int concurrency, Duration duration) throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + duration.toNanos();
        AtomicLong lastCompletion = new AtomicLong(start);
        List<Tally> tallies = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < concurrency; i++) {
            Tally tally = new Tally();
            tallies.add(tally);
            threads.add(new Thread(() -> {
                while (System.nanoTime() < deadline) {
                    Pending request = nextRequest();
                    send(request, System.nanoTime(), tally);
                    lastCompletion.accumulateAndGet(System.nanoTime(), Math::max);
                }
            }, "closed-" + i));
        }
        join(threads);
        return LoadResult.of(endpointName() + " closed loop x" + concurrency, endpoint, 0,
                lastCompletion.get() - start, merge(tallies));
    }

    /** {@code rate} requests per second, scheduled, for {@code duration}; {@code senders} threads send them. */
    LoadResult openLoop(double rate, int senders, Duration duration) throws InterruptedException {
        long intervalNanos = Math.max(1, (long) (1e9 / rate));
        long total = Math.max(1, (long) (duration.toNanos() / (double) intervalNanos));
        long start = System.nanoTime() + 10_000_000L; // a short lead so every sender is parked before the first slot
        AtomicLong next = new AtomicLong();
        AtomicLong lastCompletion = new AtomicLong(start);
        List<Tally> tallies = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < senders; i++) {
            Tally tally = new Tally();
            tallies.add(tally);
            threads.add(new Thread(() -> {
                long slot;
                while ((slot = next.getAndIncrement()) < total) {
                    long intended = start + slot * intervalNanos;
                    Pending request = nextRequest();
                    long wait;
                    while ((wait = intended - System.nanoTime()) > 0) {
                        LockSupport.parkNanos(wait);
                    }
                    send(request, intended, tally);
                    lastCompletion.accumulateAndGet(System.nanoTime(), Math::max);
                }
            }, "open-" + i));
        }
        join(threads);
        return LoadResult.of(String.format(java.util.Locale.ROOT, "%s open loop at %,.0f/s (%d senders)",
                endpointName(), rate, senders), endpoint, rate, lastCompletion.get() - start, merge(tallies));
    }

    private String endpointName() {
        return endpoint.contains("echo") ? "echo" : "decisions";
    }

    /** A request and the ground truth of the event it carries. */
    private record Pending(HttpRequest request, Actor actor) {
    }

    private Pending nextRequest() {
        TrafficEvent event = traffic.next(Instant.now());
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri)
                .timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(event.json()));
        if (token != null && !token.isBlank()) {
            builder.header("Authorization", "Bearer " + token);
        }
        return new Pending(builder.build(), event.actor());
    }

    private void send(Pending pending, long fromNanos, Tally tally) {
        try {
            HttpResponse<String> response = client.send(pending.request(), HttpResponse.BodyHandlers.ofString());
            tally.record(System.nanoTime() - fromNanos, response.statusCode(), pending.actor(), response.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            tally.error(System.nanoTime() - fromNanos, e);
        } catch (Exception e) {
            tally.error(System.nanoTime() - fromNanos, e);
        }
    }

    private static Tally merge(List<Tally> tallies) {
        Tally all = new Tally();
        tallies.forEach(all::add);
        return all;
    }

    private static void join(List<Thread> threads) throws InterruptedException {
        threads.forEach(Thread::start);
        for (Thread thread : threads) {
            thread.join();
        }
    }
}
