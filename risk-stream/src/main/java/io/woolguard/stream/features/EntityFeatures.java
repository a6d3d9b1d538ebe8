package io.woolguard.stream.features;

import io.woolguard.core.EntityType;
import io.woolguard.stream.FeatureJobConfig;
import java.io.Serializable;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The feature arithmetic of one entity type, without Flink: folds observations and the passing of
 * event time into an {@link EntityState} and says which values changed. The Flink operator
 * ({@link EntityFeatureFunction}) only loads and stores state and registers the timer this class asks for.
 */
public final class EntityFeatures implements Serializable {
    private static final long serialVersionUID = 1L;
    /** An (identifier, account) link is re-announced to the graph at most this often, keeping the cluster alive. */
    static final long EDGE_REFRESH_MILLIS = 86_400_000L;
    private static final long MINUTE = 60_000L;

    private final EntitySpec spec;
    private final int exactLimit;
    private final long entityRetentionMillis;
    private final int baselineMinutes;
    private final boolean graphEdges;

    public EntityFeatures(EntityType type, FeatureJobConfig config) {
        this.spec = EntitySpec.forType(type);
        this.exactLimit = config.distinctExactLimit();
        this.entityRetentionMillis = config.entityRetention().toMillis();
        this.baselineMinutes = config.campaignBaselineMinutes();
        this.graphEdges = config.graphEdgeTypes().contains(type);
    }

    public EntitySpec spec() {
        return spec;
    }

    int exactLimit() {
        return exactLimit;
    }

    /** A state with nothing seen yet. */
    public EntityState emptyState() {
        EntityState s = new EntityState();
        List<EntitySpec.Count> counts = spec.counts();
        s.counts = new SlidingCount[counts.size()];
        for (int i = 0; i < s.counts.length; i++) {
            s.counts[i] = new SlidingCount(counts.get(i).window());
        }
        List<EntitySpec.Distinct> distincts = spec.distincts();
        s.distincts = new DistinctCount[distincts.size()];
        for (int i = 0; i < s.distincts.length; i++) {
            s.distincts[i] = new DistinctCount(distincts.get(i).windows(), exactLimit);
        }
        if (spec.isCampaign()) {
            s.baseline = new SlidingCount(new WindowSpec(baselineMinutes * MINUTE, MINUTE));
        }
        s.emitted = new double[spec.featureNames().size()];
        java.util.Arrays.fill(s.emitted, Double.NaN);
        return s;
    }

    /** Decodes a state written by {@link EntityState#encode()}. */
    public EntityState decode(byte[] bytes) {
        return EntityState.decode(bytes, this);
    }

    /**
     * Folds one observation in.
     *
     * @param stores     one member store per distinct family ({@link EntitySpec#distincts()} order)
     * @param linkedAccount receives each account that this identifier should link in the graph: new to
     *                   it, or last linked more than a day ago (only for graph edge types)
     */
    public void observe(EntityState s, EntityObservation o, MemberStore[] stores, Consumer<String> linkedAccount) {
        long ts = o.eventTimeMillis;
        s.clock = s.clock == EntityState.NONE ? ts : Math.max(s.clock, ts);
        s.lastActivity = s.lastActivity == EntityState.NONE ? ts : Math.max(s.lastActivity, ts);
        s.firstSeen = s.firstSeen == EntityState.NONE ? ts : Math.min(s.firstSeen, ts);
        long now = s.clock;
        List<EntitySpec.Count> counts = spec.counts();
        for (int i = 0; i < counts.size(); i++) {
            if (o.has(counts.get(i).measure().flag)) {
                s.counts[i].add(ts, 1, now);
            }
        }
        if (s.baseline != null && o.has(EntityObservation.CLAIM)) {
            s.baseline.add(ts, 1, now);
            s.dirty = true;
        }
        long[] previous = new long[1];
        List<EntitySpec.Distinct> distincts = spec.distincts();
        for (int i = 0; i < distincts.size(); i++) {
            EntitySpec.Distinct d = distincts.get(i);
            String member = d.member().of(o);
            if (member == null) {
                continue;
            }
            DistinctCount.Sighting sighting = s.distincts[i].see(member, ts, now, stores[i], previous);
            if (graphEdges && d.member() == EntitySpec.Member.ACCOUNTS
                    && (sighting == DistinctCount.Sighting.NEW
                    || (sighting == DistinctCount.Sighting.REFRESHED && previous[0] < ts - EDGE_REFRESH_MILLIS))) {
                linkedAccount.accept(member);
            }
        }
        if (spec.registrationToFirstClaimName() != null && o.has(EntityObservation.CLAIM)
                && (s.firstClaim == EntityState.NONE || ts < s.firstClaim)) {
            s.firstClaim = ts;
            if (o.accountCreatedAtMillis != null) {
                s.registrationToFirstClaimMinutes = Math.max(0, ts - o.accountCreatedAtMillis) / (double) MINUTE;
            }
        }
    }

    /** Moves the entity's clock to {@code timeMillis} (a timer fired) and drops what expired. */
    public void advanceTo(EntityState s, long timeMillis, MemberStore[] stores) {
        s.clock = Math.max(s.clock, timeMillis);
        for (int i = 0; i < s.distincts.length; i++) {
            if (s.distincts[i].isEmpty(s.clock) && s.distincts[i].storedMembers() > 0) {
                // every window is empty: the member list is of no further use
                s.distincts[i].reset(stores[i]);
            }
        }
    }

    /** The current values, slot by slot. */
    public double[] values(EntityState s) {
        double[] values = new double[s.emitted.length];
        long now = s.clock;
        int slot = 0;
        for (SlidingCount c : s.counts) {
            values[slot++] = c.count(now);
        }
        List<EntitySpec.Distinct> distincts = spec.distincts();
        for (int i = 0; i < distincts.size(); i++) {
            for (int w = 0; w < distincts.get(i).windows().size(); w++) {
                values[slot++] = s.distincts[i].count(w, now);
            }
        }
        if (spec.firstSeenName() != null) {
            values[slot++] = s.firstSeen;
        }
        if (spec.registrationToFirstClaimName() != null) {
            values[slot++] = s.registrationToFirstClaimMinutes;
        }
        if (s.baseline != null) {
            values[slot++] = s.baseline.sumOfPreviousBuckets(now, baselineMinutes) / (double) baselineMinutes;
        }
        return values;
    }

    /**
     * The values that differ from those last emitted (a value never computed, NaN, is left out), and
     * records them as emitted. Empty when nothing changed.
     */
    public Map<String, Double> changes(EntityState s) {
        double[] values = values(s);
        Map<String, Double> changed = null;
        List<String> names = spec.featureNames();
        for (int i = 0; i < values.length; i++) {
            double v = values[i];
            if (!Double.isNaN(v) && Double.compare(v, s.emitted[i]) != 0) {
                if (changed == null) {
                    changed = new HashMap<>();
                }
                changed.put(names.get(i), v);
                s.emitted[i] = v;
            }
        }
        s.dirty = false;
        return changed == null ? Map.of() : changed;
    }

    /** True when this entity's values go out on timers only ({@link EntitySpec#isCampaign()}). */
    public boolean emitsOnTimerOnly() {
        return spec.isCampaign();
    }

    /**
     * When this entity next needs a timer: the next moment a window count goes down, the next 5 s
     * emission tick of a changed campaign, or the end of first-seen retention; {@link Long#MAX_VALUE}
     * when the state can be dropped at once.
     */
    public long nextTimer(EntityState s) {
        long now = s.clock;
        long next = Long.MAX_VALUE;
        for (SlidingCount c : s.counts) {
            next = Math.min(next, c.nextExpiry(now));
        }
        for (DistinctCount d : s.distincts) {
            next = Math.min(next, d.nextExpiry(now));
        }
        if (s.baseline != null) {
            next = Math.min(next, s.baseline.nextExpiry(now));
        }
        if (s.dirty) {
            long tick = WindowSpec.ONE_MINUTE.bucketMillis();
            next = Math.min(next, (Math.floorDiv(now, tick) + 1) * tick);
        }
        if (next == Long.MAX_VALUE && remembersFirstSighting()) {
            long forgetAt = s.lastActivity + entityRetentionMillis;
            return forgetAt > now ? forgetAt : Long.MAX_VALUE;
        }
        return next;
    }

    private boolean remembersFirstSighting() {
        return spec.firstSeenName() != null || spec.registrationToFirstClaimName() != null;
    }
}
