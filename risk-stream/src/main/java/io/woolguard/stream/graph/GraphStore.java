package io.woolguard.stream.graph;

/**
 * Where {@link LinkedAccounts} keeps its vertices, components, clock and schedule: hash maps in
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
}
