package io.woolguard.server.backtest;

import io.woolguard.core.BacktestReport;
import java.time.Instant;
import java.util.Objects;

/**
 * One backtest as the service runs it: what was asked, by whom, how far it got, and its report or
 * why it failed. The progress fields are written by the job's thread and read by requests.
 */
public final class BacktestJob {
    /** Where a job is. */
    public enum Status {
        /** Running (or about to). */
        RUNNING,
        /** Finished: {@link #report()} holds the result. */
        DONE,
        /** Stopped by an error: {@link #error()} says which. */
        FAILED
    }

    private final String id;
    private final String version;
    private final Instant from;
    private final Instant to;
    private final long limit;
    private final String requestedBy;
    private final Instant startedAt;
    private volatile Status status = Status.RUNNING;
    private volatile long evaluated;
    private volatile long total = -1;
    private volatile Instant finishedAt;
    private volatile BacktestReport report;
    private volatile String error;

    BacktestJob(String id, String version, Instant from, Instant to, long limit, String requestedBy, Instant startedAt) {
        this.id = Objects.requireNonNull(id, "id");
        this.version = Objects.requireNonNull(version, "version");
        this.from = Objects.requireNonNull(from, "from");
        this.to = Objects.requireNonNull(to, "to");
        this.limit = limit;
        this.requestedBy = Objects.requireNonNull(requestedBy, "requestedBy");
        this.startedAt = Objects.requireNonNull(startedAt, "startedAt");
    }

    void advanced(long evaluatedSoFar, long totalToEvaluate) {
        this.total = totalToEvaluate;
        this.evaluated = evaluatedSoFar;
    }

    void finished(BacktestReport result, Instant at) {
        this.report = result;
        this.evaluated = result.evaluated();
        this.finishedAt = at;
        this.status = Status.DONE;
    }

    void failed(String why, Instant at) {
        this.error = why;
        this.finishedAt = at;
        this.status = Status.FAILED;
    }

    public String id() { return id; }
    public String version() { return version; }
    public Instant from() { return from; }
    public Instant to() { return to; }
    public long limit() { return limit; }
    public String requestedBy() { return requestedBy; }
    public Instant startedAt() { return startedAt; }
    public Status status() { return status; }
    /** Decisions evaluated so far. */
    public long evaluated() { return evaluated; }
    /** Decisions the job will evaluate, or -1 until it has counted them. */
    public long total() { return total; }
    /** How far it is, 0-100, or -1 until it has counted the decisions. */
    public long percent() {
        long of = total;
        return of < 0 ? -1 : of == 0 ? 100 : evaluated * 100 / of;
    }
    /** When it finished or failed, or null while it runs. */
    public Instant finishedAt() { return finishedAt; }
    /** The report once {@link Status#DONE}, else null. */
    public BacktestReport report() { return report; }
    /** Why it failed, or null. */
    public String error() { return error; }
}
