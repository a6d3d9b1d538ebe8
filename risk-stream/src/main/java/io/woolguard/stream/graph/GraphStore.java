package io.woolguard.stream.graph;

/**
 * Where {@link LinkedAccounts} keeps its vertices, components, clock, schedule and pending member
 * refreshes: hash maps in
 * tests ({@link InMemoryGraphStore}), Flink keyed state in the job.
 */
interface GraphStore {
    Node node(String id);

    void putNode(String id, Node node);

    void removeNode(String id);

    Cluster cluster(String root);

    void putCluster(String root, Cluster cluster);

    void removeCluster(String root);

    /** The newest event time seen (or timer time reached); {@link Long#MIN_VALUE} before any. */
    long clock();

    void clock(long time);

    /** Asks for {@link LinkedAccounts#onSchedule} to be called for {@code root} once event time reaches {@code time}. */
    void schedule(long time, String root);

    /**
     * Asks for {@link LinkedAccounts#refreshMembers} to be called for {@code root} soon, in processing
     * time (within the refresh interval), however often it is asked before then. Not tied to event
     * time: a member's values must not wait for the watermark to catch up with the graph's clock,
     * which on a quiet or idle stream can take indefinitely long.
     */
    void refreshSoon(String root);
}
