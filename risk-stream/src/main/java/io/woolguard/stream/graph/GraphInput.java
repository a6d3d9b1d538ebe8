package io.woolguard.stream.graph;

import io.woolguard.core.EntityType;

/**
 * What the graph operator consumes, as a Flink POJO: an edge (an account used an identifier), a
 * claim by an account, or a label on an account.
 */
public class GraphInput {
    /** The kinds of graph input. */
    public enum Kind {
        /** {@link #accountId} used the identifier {@link #identifierType}/{@link #identifierId}. */
        EDGE,
        /** {@link #accountId} claimed a coupon. */
        CLAIM,
        /** {@link #accountId} was labelled; {@link #fraud} says how. */
        LABEL
    }

    public Kind kind;
    public String accountId;
    public EntityType identifierType;
    public String identifierId;
    public long eventTimeMillis;
    /** The account's registration time, when known. */
    public Long accountCreatedAtMillis;
    /** Labels: true for FRAUD, false for LEGIT. */
    public boolean fraud;

    public GraphInput() {
    }

    /** An edge between an account and a shared identifier. */
    public static GraphInput edge(String accountId, EntityType identifierType, String identifierId, long time,
                                  Long accountCreatedAtMillis) {
        GraphInput g = new GraphInput();
        g.kind = Kind.EDGE;
        g.accountId = accountId;
        g.identifierType = identifierType;
        g.identifierId = identifierId;
        g.eventTimeMillis = time;
        g.accountCreatedAtMillis = accountCreatedAtMillis;
        return g;
    }

    /** A coupon claim by an account. */
    public static GraphInput claim(String accountId, long time, Long accountCreatedAtMillis) {
        GraphInput g = new GraphInput();
        g.kind = Kind.CLAIM;
        g.accountId = accountId;
        g.eventTimeMillis = time;
        g.accountCreatedAtMillis = accountCreatedAtMillis;
        return g;
    }

    /** A label on an account. */
    public static GraphInput label(String accountId, boolean fraud, long time) {
        GraphInput g = new GraphInput();
        g.kind = Kind.LABEL;
        g.accountId = accountId;
        g.fraud = fraud;
        g.eventTimeMillis = time;
        return g;
    }

    @Override
    public String toString() {
        return "GraphInput[" + kind + " " + accountId + (kind == Kind.EDGE ? " ~ " + identifierType + ":" + identifierId : "")
                + " @" + eventTimeMillis + "]";
    }
}
