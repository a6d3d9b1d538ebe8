package io.woolguard.stream.graph;

import io.woolguard.stream.features.SlidingCount;
import io.woolguard.stream.features.WindowSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;

/** The aggregates of one connected component, kept under its root. */
final class Cluster {
    private static final byte FORMAT = 1;

    int accounts;
    int nodes;
    int flagged;
    SlidingCount claims = new SlidingCount(WindowSpec.ONE_DAY);
    /** Accounts by registration time. */
    SlidingCount newAccounts = new SlidingCount(WindowSpec.ONE_DAY);
    long lastActivity;
    /** The time of this cluster's live schedule entry, or 0. */
    long scheduledAt;

    byte[] encode() {
        try {
            DataOutputSerializer out = new DataOutputSerializer(64);
            out.writeByte(FORMAT);
            out.writeInt(accounts);
            out.writeInt(nodes);
            out.writeInt(flagged);
            out.writeLong(lastActivity);
            out.writeLong(scheduledAt);
            claims.writeTo(out);
            newAccounts.writeTo(out);
            return out.getCopyOfBuffer();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Cluster decode(byte[] data) {
        try {
            DataInputDeserializer in = new DataInputDeserializer(data);
            byte format = in.readByte();
            if (format != FORMAT) {
                throw new IllegalStateException("unknown cluster state format " + format + "; was the job downgraded?");
            }
            Cluster c = new Cluster();
            c.accounts = in.readInt();
            c.nodes = in.readInt();
            c.flagged = in.readInt();
            c.lastActivity = in.readLong();
            c.scheduledAt = in.readLong();
            c.claims = SlidingCount.readFrom(in, WindowSpec.ONE_DAY);
            c.newAccounts = SlidingCount.readFrom(in, WindowSpec.ONE_DAY);
            return c;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
