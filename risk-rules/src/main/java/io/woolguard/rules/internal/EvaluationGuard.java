package io.woolguard.rules.internal;

import java.util.function.Function;
import org.kie.api.definition.rule.Rule;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.rule.AgendaFilter;
import org.kie.api.runtime.rule.Match;

/**
 * Bounds one evaluation: before each firing it checks the firing count and the deadline, and
 * halts the session when either is exceeded. It also tells the {@link HitCollector} which rule
 * is about to fire, so hits carry the rule's {@code @id} without the rule typing it. One per pooled
 * session, {@linkplain #start started} afresh for each evaluation; not thread-safe.
 */
final class EvaluationGuard implements AgendaFilter {
    private final KieSession session;
    private final HitCollector hits;
    private final Function<Rule, String> ruleIds;
    private int maxFirings;
    private long deadlineNanos;
    private long budgetNanos;
    private int firings;
    private String stopReason;

    EvaluationGuard(KieSession session, HitCollector hits, Function<Rule, String> ruleIds) {
        this.session = session;
        this.hits = hits;
        this.ruleIds = ruleIds;
    }

    /** Starts guarding an evaluation: no firings yet, the budget counted from now. */
    void start(int maxFirings, long budgetNanos) {
        this.maxFirings = maxFirings;
        this.budgetNanos = budgetNanos;
        this.firings = 0;
        this.stopReason = null;
        this.deadlineNanos = System.nanoTime() + budgetNanos;
    }

    @Override
    public boolean accept(Match match) {
        if (stopReason != null) {
            return false;
        }
        if (firings >= maxFirings) {
            stop("exceeded " + maxFirings + " firings");
            return false;
        }
        if (System.nanoTime() - deadlineNanos > 0) {
            stop("exceeded time budget of " + formatBudget() + " after " + firings + " firings");
            return false;
        }
        firings++;
        hits.firing(ruleIds.apply(match.getRule()));
        return true;
    }

    private void stop(String reason) {
        stopReason = reason;
        session.halt();
    }

    /** Checks the deadline once more after the run (a slow last consequence counts too). */
    void checkDeadlineAfterRun() {
        if (stopReason == null && System.nanoTime() - deadlineNanos > 0) {
            stopReason = "exceeded time budget of " + formatBudget() + " after " + firings + " firings";
        }
    }

    int firings() {
        return firings;
    }

    /** Why the evaluation was stopped, or {@code null}. */
    String stopReason() {
        return stopReason;
    }

    private String formatBudget() {
        long micros = budgetNanos / 1_000;
        return micros % 1_000 == 0 ? (micros / 1_000) + " ms" : micros + " µs";
    }
}
