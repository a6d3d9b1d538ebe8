package io.woolguard.rules.internal;

import io.woolguard.core.spi.CompiledRules;
import io.woolguard.core.spi.EvaluationLimits;
import io.woolguard.core.spi.RuleDescriptor;
import io.woolguard.core.spi.RuleEvaluation;
import io.woolguard.core.spi.RuleInput;
import io.woolguard.rules.Event;
import io.woolguard.rules.Features;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.drools.base.definitions.rule.impl.RuleImpl;
import org.drools.core.impl.InternalRuleBase;
import org.drools.core.impl.RuleBaseFactory;
import org.drools.core.reteoo.ReteooBuilder;
import org.kie.api.KieBase;
import org.kie.api.definition.rule.Rule;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.KieSessionConfiguration;
import org.kie.api.runtime.conf.DirectFiringOption;
import org.kie.api.runtime.rule.FactHandle;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.kie.api.runtime.rule.ConsequenceException;

/**
 * A compiled pack: one shared {@link KieBase} and a pool of idle sessions, one borrowed per
 * evaluation. A session goes back to the pool with its facts deleted (cheaper than a full
 * reset), keeping its hit collector (its {@code hits} global, set once) and its guard; a session
 * whose evaluation halted or threw is disposed instead.
 *
 * <p>A pack whose rules set no precedence (no {@code salience}, no {@code activation-group}) is run
 * with Drools' direct firing: a matched rule fires without being ordered on the agenda first, which
 * saves the agenda's priority queue on every firing. Rules cannot change the facts, so each fires at
 * most once either way; only the firing order differs, and the hits are put back in the agenda's
 * order (salience, then load order, then network order: what Drools would have fired first comes first),
 * so a decision's reasons read exactly as before.
 *
 * <p>Thread-safe. Every evaluation is bounded by {@link EvaluationLimits}; a rule that throws or
 * breaks the hit helper's contract ends the evaluation with a failure, never an exception.
 */
public final class DroolsCompiledRules implements CompiledRules {
    /** The global every rule file declares. */
    public static final String HITS_GLOBAL = "hits";
    /** Sessions that fire a matched rule straight away instead of ordering it on the agenda first. */
    private static final KieSessionConfiguration DIRECT_FIRING = directFiringConfiguration();

    private final KieBase kieBase;
    private final BlockingQueue<Pooled> idle;
    private final List<RuleDescriptor> rules;
    private final boolean hasHitsGlobal;
    private final boolean insertMerged;
    private final boolean insertSeparate;
    /** Whether sessions fire matched rules directly, without the agenda's ordering. */
    private final boolean directFiring;
    /**
     * Each rule's {@code @id}, read once rather than parsed from its metadata on every firing, and its
     * place in the agenda's order when sessions fire directly.
     */
    private final Map<Rule, HitCollector.FiringRule> firingRules;

    /**
     * @param merged   some rules match {@link EventWithFeatures}: insert it
     * @param separate some rules match {@code Event} / {@code Features}: insert them
     * @param directFiring no rule sets a precedence: fire matched rules directly
     */
    DroolsCompiledRules(KieBase kieBase, List<RuleDescriptor> rules, int poolSize, boolean merged, boolean separate,
            boolean directFiring) {
        this.kieBase = kieBase;
        this.directFiring = directFiring;
        this.insertMerged = merged;
        this.insertSeparate = separate;
        this.idle = new ArrayBlockingQueue<>(poolSize);
        this.rules = List.copyOf(rules);
        this.hasHitsGlobal = kieBase.getKiePackages().stream()
                .flatMap(p -> p.getGlobalVariables().stream())
                .anyMatch(g -> g.getName().equals(HITS_GLOBAL));
        this.firingRules = firingRules(kieBase, directFiring);
    }

    /**
     * Every rule with its id and, when {@code ranked}, its place in the order the agenda fires rules of equal
     * salience: by load order, then by terminal node (Drools' {@code RuleAgendaConflictResolver}).
     */
    private static Map<Rule, HitCollector.FiringRule> firingRules(KieBase kieBase, boolean ranked) {
        List<Rule> all = new ArrayList<>();
        kieBase.getKiePackages().forEach(p -> all.addAll(p.getRules()));
        if (ranked) {
            ReteooBuilder network = ((InternalRuleBase) kieBase).getReteooBuilder();
            all.sort(Comparator.comparingInt(Rule::getLoadOrder)
                    .thenComparingInt(r -> network.getTerminalNodes(((RuleImpl) r).getFullyQualifiedName())[0].getId()));
        }
        Map<Rule, HitCollector.FiringRule> byRule = new IdentityHashMap<>();
        for (int i = 0; i < all.size(); i++) {
            byRule.put(all.get(i), new HitCollector.FiringRule(RuleIds.of(all.get(i)), ranked ? i : 0));
        }
        return byRule;
    }

    /** The rule's id and rank. */
    HitCollector.FiringRule firingRule(Rule rule) {
        HitCollector.FiringRule known = firingRules.get(rule);
        return known != null ? known : new HitCollector.FiringRule(RuleIds.of(rule), Integer.MAX_VALUE);
    }

    @Override
    public List<RuleDescriptor> rules() {
        return rules;
    }

    @Override
    public RuleEvaluation evaluate(RuleInput input, EvaluationLimits limits) {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(limits, "limits");
        Pooled pooled = borrow();
        KieSession session = pooled.session;
        HitCollector hits = pooled.hits;
        EvaluationGuard guard = pooled.guard;
        hits.clear();
        guard.start(limits.maxFirings(), limits.timeBudget().toNanos());
        boolean reusable = false;
        try {
            Event event = Event.of(input.event());
            Features features = Features.of(input.features());
            FactHandle eventHandle = insertSeparate ? session.insert(event) : null;
            FactHandle featuresHandle = insertSeparate ? session.insert(features) : null;
            FactHandle mergedHandle = insertMerged ? session.insert(new EventWithFeatures(event, features)) : null;
            session.fireAllRules(guard);
            guard.checkDeadlineAfterRun();
            if (guard.stopReason() == null) {
                if (insertSeparate) {
                    session.delete(eventHandle);
                    session.delete(featuresHandle);
                }
                if (insertMerged) {
                    session.delete(mergedHandle);
                }
                reusable = true;
            }
            return new RuleEvaluation(hits.hits(), guard.firings(), guard.stopReason());
        } catch (RuntimeException | StackOverflowError e) {
            return new RuleEvaluation(hits.hits(), guard.firings(), describe(e, hits));
        } finally {
            if (!reusable || !idle.offer(pooled)) {
                session.dispose(); // halted, broken or surplus: never reused
            }
        }
    }

    private Pooled borrow() {
        Pooled pooled = idle.poll();
        return pooled != null ? pooled : new Pooled(directFiring ? kieBase.newKieSession(DIRECT_FIRING, null) : kieBase.newKieSession());
    }

    private static KieSessionConfiguration directFiringConfiguration() {
        KieSessionConfiguration configuration = RuleBaseFactory.newKnowledgeSessionConfiguration();
        configuration.setOption(DirectFiringOption.YES);
        return configuration;
    }

    /** A session with the hit collector set as its global and the guard its evaluations use. */
    private final class Pooled {
        final KieSession session;
        final HitCollector hits = new HitCollector();
        final EvaluationGuard guard;

        Pooled(KieSession session) {
            this.session = session;
            this.guard = new EvaluationGuard(session, hits, DroolsCompiledRules.this::firingRule);
            if (hasHitsGlobal) {
                session.setGlobal(HITS_GLOBAL, hits);
            }
        }
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

    /** Whether sessions fire matched rules directly (no rule sets a precedence), for tests and diagnostics. */
    public boolean firesDirectly() {
        return directFiring;
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
