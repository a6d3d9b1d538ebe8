package io.woolguard.stream.graph;

import io.woolguard.core.EntityType;
import io.woolguard.core.FeatureNames;
import io.woolguard.stream.FeatureJobConfig;
import io.woolguard.stream.features.EntityObservation;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Linked-account clusters without Flink: accounts joined through shared identifiers form connected
 * components, maintained incrementally with union-find (union by size, path compression) over a
 * {@link GraphStore}.
 *
 * <p>Vertices are accounts ({@code a<id>}) and identifiers (entity key, e.g. the device). An edge
 * joins an account to an identifier. An identifier merges at most {@code superNodeThreshold}
 * accounts' components into its own; past that it is a super-node (a public Wi-Fi, a shared kiosk)
 * and further accounts are not merged through it (its own features, e.g. {@code device.accounts_24h},
 * carry the signal). Merges are never undone: the rule is applied in arrival order.
 *
 * <p>Each component keeps its account count, FRAUD-labelled accounts, claims and registrations over
 * 24 h. The account an input is about gets its graph features at once; the other members of a
 * changed component get them within {@code graphRefreshInterval} of processing time (coalescing
 * bursts, {@link GraphStore#refreshSoon}), when the component has at most {@code maxClusterFanout}
 * accounts, and again in event time whenever a 24 h count slides down. Larger components update
 * only the accounts acting in them (counted in {@link #fanoutsSkipped()}). A component with no
 * activity for {@code graphRetention} is forgotten, its members reset to a cluster of one.
 *
 * <p>Member refreshes follow processing time, not event time, because the graph's clock (the newest
 * event time it has seen, from two inputs of different delay) runs ahead of its watermark: a refresh
 * due at the clock's next event-time tick waited for the watermark to get there, so after the last
 * events of a burst (or when the stream went quiet) members kept values that lacked the burst's end.
 * Not thread-safe.
 */
public final class LinkedAccounts implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final long HOUR = 3_600_000L;

    /** Receives graph feature values for one account. */
    public interface Emitter {
        void emit(String accountId, Map<String, Double> values, long eventTimeMillis);
    }

    private final int superNodeThreshold;
    private final int maxFanout;
    private final long retentionMillis;
    private long superNodeSkips;
    private long fanoutsSkipped;

    public LinkedAccounts(FeatureJobConfig config) {
        this.superNodeThreshold = config.superNodeThreshold();
        this.maxFanout = config.maxClusterFanout();
        this.retentionMillis = config.graphRetention().toMillis();
    }

    /** The vertex id of an account. */
    static String accountNode(String accountId) {
        return "a" + accountId;
    }

    /** The vertex id of a shared identifier. */
    static String identifierNode(EntityType type, String id) {
        return EntityObservation.key(type, id);
    }

    /** Processes one input; its event time must not be later than what the store's clock will be set to. */
    public void process(GraphStore store, GraphInput in, Emitter emitter) {
        advanceClock(store, in.eventTimeMillis);
        switch (in.kind) {
            case EDGE -> onEdge(store, in, emitter);
            case CLAIM -> onClaim(store, in, emitter);
            case LABEL -> onLabel(store, in, emitter);
        }
    }

    private void onEdge(GraphStore store, GraphInput in, Emitter emitter) {
        long now = store.clock();
        String account = ensureAccount(store, in.accountId, in.accountCreatedAtMillis);
        String identifier = identifierNode(in.identifierType, in.identifierId);
        Node identNode = store.node(identifier);
        String accountRoot = find(store, account);
        if (identNode == null) {
            // a new identifier joins the account's component
            Node ident = new Node(false);
            ident.value = 1;
            ident.parent = accountRoot;
            Node rootNode = store.node(accountRoot);
            ident.next = next(rootNode, accountRoot);
            rootNode.next = identifier;
            store.putNode(identifier, ident);
            store.putNode(accountRoot, rootNode);
            Cluster c = store.cluster(accountRoot);
            c.nodes++;
            touch(c, in.eventTimeMillis);
            reschedule(store, accountRoot, c);
            store.putCluster(accountRoot, c);
            emitter.emit(in.accountId, features(c, now), now);
            return;
        }
        String identRoot = find(store, identifier);
        if (identRoot.equals(accountRoot)) {
            Cluster c = store.cluster(accountRoot);
            if (touch(c, in.eventTimeMillis)) {
                reschedule(store, accountRoot, c);
                store.putCluster(accountRoot, c);
            }
            return;
        }
        identNode = store.node(identifier);
        if (identNode.value >= superNodeThreshold) {
            superNodeSkips++;
            Cluster c = store.cluster(accountRoot);
            touch(c, in.eventTimeMillis);
            reschedule(store, accountRoot, c);
            store.putCluster(accountRoot, c);
            emitter.emit(in.accountId, features(c, now), now);
            return;
        }
        String root = union(store, accountRoot, identRoot, in.eventTimeMillis);
        identNode = store.node(identifier);
        identNode.value++;
        store.putNode(identifier, identNode);
        Cluster c = store.cluster(root);
        emitter.emit(in.accountId, features(c, now), now);
    }

    private void onClaim(GraphStore store, GraphInput in, Emitter emitter) {
        long now = store.clock();
        String account = ensureAccount(store, in.accountId, in.accountCreatedAtMillis);
        String root = find(store, account);
        Cluster c = store.cluster(root);
        c.claims.add(in.eventTimeMillis, 1, now);
        touch(c, in.eventTimeMillis);
        changed(store, root, c);
        store.putCluster(root, c);
        emitter.emit(in.accountId, features(c, now), now);
    }

    private void onLabel(GraphStore store, GraphInput in, Emitter emitter) {
        long now = store.clock();
        String account = ensureAccount(store, in.accountId, null);
        Node node = store.node(account);
        int flag = in.fraud ? 1 : 0;
        String root = find(store, account);
        Cluster c = store.cluster(root);
        if (node.value != flag) {
            node = store.node(account);
            node.value = flag;
            store.putNode(account, node);
            c.flagged += in.fraud ? 1 : -1;
        }
        touch(c, in.eventTimeMillis);
        changed(store, root, c);
        store.putCluster(root, c);
        emitter.emit(in.accountId, features(c, now), now);
    }

    /**
     * A scheduled time was reached for {@code root}: refreshes its members (a window slid), forgets it
     * if it has been idle for the retention, and schedules the next. Stale schedule entries (the
     * component merged away or was rescheduled) are ignored.
     */
    public void onSchedule(GraphStore store, long time, String root, Emitter emitter) {
        advanceClock(store, time);
        Cluster c = store.cluster(root);
        if (c == null || c.scheduledAt != time) {
            return;
        }
        c.scheduledAt = 0;
        long now = store.clock();
        if (now >= c.lastActivity + retentionMillis) {
            forget(store, root, c, emitter, now);
            return;
        }
        emitToMembers(store, root, c, now, emitter);
        reschedule(store, root, c);
        store.putCluster(root, c);
    }

    /**
     * The refresh {@link GraphStore#refreshSoon} asked for: every member of {@code root}'s component
     * gets its current values. Nothing when {@code root} is no longer a component's root (it merged
     * into another, whose own refresh covers its members, or was forgotten).
     */
    public void refreshMembers(GraphStore store, String root, Emitter emitter) {
        Cluster c = store.cluster(root);
        if (c != null) {
            emitToMembers(store, root, c, store.clock(), emitter);
        }
    }

    private void emitToMembers(GraphStore store, String root, Cluster c, long now, Emitter emitter) {
        if (c.accounts > maxFanout) {
            fanoutsSkipped++;
            return;
        }
        Map<String, Double> values = features(c, now);
        for (String member : members(store, root)) {
            if (member.charAt(0) == 'a') {
                emitter.emit(member.substring(1), values, now);
            }
        }
    }

    private void forget(GraphStore store, String root, Cluster c, Emitter emitter, long now) {
        boolean announce = c.accounts <= maxFanout;
        for (String member : members(store, root)) {
            Node node = store.node(member);
            if (announce && node.account) {
                Map<String, Double> alone = new HashMap<>();
                alone.put(FeatureNames.GRAPH_CLUSTER_SIZE, 1.0);
                alone.put(FeatureNames.GRAPH_CLUSTER_NEW_ACCOUNTS_24H, 0.0);
                alone.put(FeatureNames.GRAPH_CLUSTER_CLAIMS_24H, 0.0);
                alone.put(FeatureNames.GRAPH_CLUSTER_FLAGGED, (double) node.value);
                emitter.emit(member.substring(1), alone, now);
            }
            store.removeNode(member);
        }
        store.removeCluster(root);
    }

    /** Every vertex of the component rooted at {@code root}, following the circular list. */
    List<String> members(GraphStore store, String root) {
        List<String> members = new ArrayList<>();
        String current = root;
        do {
            members.add(current);
            current = next(store.node(current), current);
        } while (!current.equals(root));
        return members;
    }

    /** The number of accounts in {@code accountId}'s component; 0 when the account is unknown. */
    public int clusterSize(GraphStore store, String accountId) {
        String node = accountNode(accountId);
        if (store.node(node) == null) {
            return 0;
        }
        return store.cluster(find(store, node)).accounts;
    }

    /** Edges not merged because their identifier was a super-node. */
    public long superNodeSkips() {
        return superNodeSkips;
    }

    /** Member refreshes skipped because the component was larger than {@code maxClusterFanout}. */
    public long fanoutsSkipped() {
        return fanoutsSkipped;
    }

    private static void advanceClock(GraphStore store, long time) {
        if (time > store.clock()) {
            store.clock(time);
        }
    }

    private String ensureAccount(GraphStore store, String accountId, Long createdAt) {
        String id = accountNode(accountId);
        if (store.node(id) == null) {
            store.putNode(id, new Node(true));
            Cluster c = new Cluster();
            c.accounts = 1;
            c.nodes = 1;
            if (createdAt != null) {
                c.newAccounts.add(createdAt, 1, store.clock());
            }
            c.lastActivity = store.clock();
            store.putCluster(id, c);
        }
        return id;
    }

    /** The root of {@code id}'s component, pointing every vertex on the way directly at it. */
    String find(GraphStore store, String id) {
        Node node = store.node(id);
        if (node.parent == null) {
            return id;
        }
        List<String> path = new ArrayList<>(4);
        String current = id;
        while (node.parent != null) {
            path.add(current);
            current = node.parent;
            node = store.node(current);
        }
        String root = current;
        for (int i = 0; i < path.size() - 1; i++) {
            Node onPath = store.node(path.get(i));
            onPath.parent = root;
            store.putNode(path.get(i), onPath);
        }
        return root;
    }

    /** Joins two components (both given by their roots); the larger root stays. Returns it. */
    private String union(GraphStore store, String rootA, String rootB, long eventTime) {
        Cluster a = store.cluster(rootA);
        Cluster b = store.cluster(rootB);
        String big = a.nodes >= b.nodes ? rootA : rootB;
        String small = big.equals(rootA) ? rootB : rootA;
        Cluster bigC = big.equals(rootA) ? a : b;
        Cluster smallC = big.equals(rootA) ? b : a;
        Node bigNode = store.node(big);
        Node smallNode = store.node(small);
        String bigNext = next(bigNode, big);
        bigNode.next = next(smallNode, small);
        smallNode.next = bigNext;
        smallNode.parent = big;
        store.putNode(big, bigNode);
        store.putNode(small, smallNode);
        long now = store.clock();
        bigC.accounts += smallC.accounts;
        bigC.nodes += smallC.nodes;
        bigC.flagged += smallC.flagged;
        bigC.claims.addAll(smallC.claims, now);
        bigC.newAccounts.addAll(smallC.newAccounts, now);
        bigC.lastActivity = Math.max(bigC.lastActivity, smallC.lastActivity);
        touch(bigC, eventTime);
        store.removeCluster(small);
        changed(store, big, bigC);
        store.putCluster(big, bigC);
        return big;
    }

    private static String next(Node node, String self) {
        return node.next == null ? self : node.next;
    }

    /** @return true when the last activity moved */
    private static boolean touch(Cluster c, long eventTime) {
        if (eventTime > c.lastActivity) {
            c.lastActivity = eventTime;
            return true;
        }
        return false;
    }

    /** The component's values changed: its other members are refreshed soon, and its schedule kept. */
    private void changed(GraphStore store, String root, Cluster c) {
        if (c.accounts > 1) {
            store.refreshSoon(root);
        }
        reschedule(store, root, c);
    }

    /** Makes sure the component is scheduled early enough: when a 24 h count next drops or its retention ends. */
    private void reschedule(GraphStore store, String root, Cluster c) {
        long now = store.clock();
        long forgetAt = (Math.floorDiv(c.lastActivity + retentionMillis, HOUR) + 1) * HOUR;
        long at = Math.min(forgetAt, Math.min(c.claims.nextExpiry(now), c.newAccounts.nextExpiry(now)));
        at = Math.max(at, now + 1);
        // an entry at or before the clock may still be pending (timers follow the watermark): keep it
        if (c.scheduledAt == 0 || at < c.scheduledAt) {
            c.scheduledAt = at;
            store.schedule(at, root);
        }
    }

    /** The graph features of an account in component {@code c}. */
    static Map<String, Double> features(Cluster c, long now) {
        Map<String, Double> values = new HashMap<>(8);
        values.put(FeatureNames.GRAPH_CLUSTER_SIZE, (double) c.accounts);
        values.put(FeatureNames.GRAPH_CLUSTER_NEW_ACCOUNTS_24H, (double) c.newAccounts.count(now));
        values.put(FeatureNames.GRAPH_CLUSTER_CLAIMS_24H, (double) c.claims.count(now));
        values.put(FeatureNames.GRAPH_CLUSTER_FLAGGED, (double) c.flagged);
        return values;
    }
}
