package io.woolguard.rules.internal;

import io.woolguard.core.spi.CompiledRules;
import io.woolguard.core.spi.EvaluationLimits;
import io.woolguard.core.spi.RuleDescriptor;
import io.woolguard.core.spi.RuleEvaluation;
import io.woolguard.core.spi.RuleInput;
import io.woolguard.rules.Event;
import io.woolguard.rules.Features;
import java.util.List;
import java.util.Objects;
import org.kie.api.KieBase;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.rule.FactHandle;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.kie.api.runtime.rule.ConsequenceException;

/**
 * A compiled pack: one shared {@link KieBase} and a pool of idle sessions, one borrowed per
 * evaluation. A session goes back to the pool with its two facts deleted (cheaper than a full
 * reset); a session whose evaluation halted or threw is disposed instead. Thread-safe. Every evaluation is bounded by {@link EvaluationLimits}; a rule that
 * throws or breaks the hit helper's contract ends the evaluation with a failure, never an
 * exception.
 */
public final class DroolsCompiledRules implements CompiledRules {
    /** The global every rule file declares. */
    public static final String HITS_GLOBAL = "hits";

    private final KieBase kieBase;
    private final BlockingQueue<KieSession> idle;
    private final List<RuleDescriptor> rules;
    private final boolean hasHitsGlobal;

    DroolsCompiledRules(KieBase kieBase, List<RuleDescriptor> rules, int poolSize) {
        this.kieBase = kieBase;
        this.idle = new ArrayBlockingQueue<>(poolSize);
        this.rules = List.copyOf(rules);
        this.hasHitsGlobal = kieBase.getKiePackages().stream()
                .flatMap(p -> p.getGlobalVariables().stream())
                .anyMatch(g -> g.getName().equals(HITS_GLOBAL));
    }

    @Override
    public List<RuleDescriptor> rules() {
        return rules;
    }

    @Override
    public RuleEvaluation evaluate(RuleInput input, EvaluationLimits limits) {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(limits, "limits");
        HitCollector hits = new HitCollector();
        KieSession session = borrow();
        EvaluationGuard guard = new EvaluationGuard(session, hits, limits.maxFirings(), limits.timeBudget().toNanos());
        boolean reusable = false;
        try {
            if (hasHitsGlobal) {
                session.setGlobal(HITS_GLOBAL, hits);
            }
            FactHandle event = session.insert(Event.of(input.event()));
            FactHandle features = session.insert(Features.of(input.features()));
            session.fireAllRules(guard);
            guard.checkDeadlineAfterRun();
            if (guard.stopReason() == null) {
                session.delete(event);
                session.delete(features);
                reusable = true;
            }
            return new RuleEvaluation(hits.hits(), guard.firings(), guard.stopReason());
        } catch (RuntimeException | StackOverflowError e) {
            return new RuleEvaluation(hits.hits(), guard.firings(), describe(e, hits));
        } finally {
            if (!reusable || !idle.offer(session)) {
                session.dispose(); // halted, broken or surplus: never reused
            }
        }
    }

    private KieSession borrow() {
        KieSession session = idle.poll();
        return session != null ? session : kieBase.newKieSession();
    }

    private static String describe(Throwable thrown, HitCollector hits) {
        String ruleId = hits.firingRuleId();
        for (Throwable t = thrown; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ConsequenceException consequence && consequence.getRule() != null) {
                ruleId = RuleIds.of(consequence.getRule());
                break;
            }
        }
        Throwable cause = thrown;
        while (cause.getCause() != null && cause.getCause() != cause) {
            if (cause instanceof RuleMisbehaviourException) {
                break;
            }
            cause = cause.getCause();
        }
        if (cause instanceof RuleMisbehaviourException) {
            return cause.getMessage();
        }
        String message = cause.getMessage();
        return "rule " + ruleId + " threw " + cause.getClass().getSimpleName()
                + (message == null ? "" : ": " + abbreviate(message));
    }

    private static String abbreviate(String text) {
        String oneLine = text.replace('\n', ' ');
        return oneLine.length() <= 200 ? oneLine : oneLine.substring(0, 200) + "...";
    }

    /** The underlying knowledge base, for tests and diagnostics. */
    public KieBase kieBase() {
        return kieBase;
    }

    @Override
    public String toString() {
        return "DroolsCompiledRules[" + rules.size() + " rules]";
    }
}
