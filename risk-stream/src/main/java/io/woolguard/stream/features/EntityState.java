package io.woolguard.stream.features;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;

/**
 * Everything one entity's features need besides its member sets: window counters, distinct-count
 * histograms or sketches, first sightings, the last values emitted and the pending timer. Kept in
 * Flink state as one compact byte array (one read and one write per event), encoded by
 * {@link #encode()} with a leading format version.
 */
public final class EntityState {
    private static final byte FORMAT = 1;
    static final long NONE = Long.MIN_VALUE;

    /** The newest event time seen at this entity (or timer time reached). */
    long clock = NONE;
    /** The newest event time of an observation. */
    long lastActivity = NONE;
    long firstSeen = NONE;
    long firstClaim = NONE;
    double registrationToFirstClaimMinutes = Double.NaN;
    /** The registered event-time timer, or 0. */
    long timerAt;
    /** Campaign only: changed since the last emission. */
    boolean dirty;
    SlidingCount[] counts;
    DistinctCount[] distincts;
    /** Campaign only: claims per minute over the baseline period. */
    SlidingCount baseline;
    /** The values last emitted, slot by slot ({@link EntitySpec#featureNames()}); NaN = never. */
    double[] emitted;

    EntityState() {
    }

    byte[] encode() {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeByte(FORMAT);
            out.writeLong(clock);
            out.writeLong(lastActivity);
            out.writeLong(firstSeen);
            out.writeLong(firstClaim);
            out.writeDouble(registrationToFirstClaimMinutes);
            out.writeLong(timerAt);
            out.writeBoolean(dirty);
            for (SlidingCount c : counts) {
                c.writeTo(out);
            }
            for (DistinctCount d : distincts) {
                d.writeTo(out);
            }
            if (baseline != null) {
                baseline.writeTo(out);
            }
            for (double v : emitted) {
                out.writeDouble(v);
            }
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static EntityState decode(byte[] data, EntityFeatures features) {
        try {
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(data));
            byte format = in.readByte();
            if (format != FORMAT) {
                throw new IllegalStateException("unknown entity state format " + format + "; was the job downgraded?");
            }
            EntityState s = features.emptyState();
            s.clock = in.readLong();
            s.lastActivity = in.readLong();
            s.firstSeen = in.readLong();
            s.firstClaim = in.readLong();
            s.registrationToFirstClaimMinutes = in.readDouble();
            s.timerAt = in.readLong();
            s.dirty = in.readBoolean();
            for (int i = 0; i < s.counts.length; i++) {
                s.counts[i] = SlidingCount.readFrom(in, s.counts[i].window());
            }
            for (int i = 0; i < s.distincts.length; i++) {
                EntitySpec.Distinct spec = features.spec().distincts().get(i);
                s.distincts[i] = DistinctCount.readFrom(in, spec.windows(), features.exactLimit());
            }
            if (s.baseline != null) {
                s.baseline = SlidingCount.readFrom(in, s.baseline.window());
            }
            for (int i = 0; i < s.emitted.length; i++) {
                s.emitted[i] = in.readDouble();
            }
            return s;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String toString() {
        return "EntityState[clock=" + clock + ", firstSeen=" + firstSeen + ", timerAt=" + timerAt
                + ", emitted=" + Arrays.toString(emitted) + "]";
    }
}
