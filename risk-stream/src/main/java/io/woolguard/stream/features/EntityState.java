package io.woolguard.stream.features;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;

/**
 * Everything one entity's features need: window counters, distinct-count histograms or sketches,
 * first sightings, the last values emitted, the pending timer and, while there are few of them, the
 * distinct-count members themselves ({@link #inlineMembers}). Kept in Flink state as one compact byte
 * array (one read and one write per event), encoded by {@link #encode()} with a leading format
 * version. Entities with more members than fit inline keep them in a separate map state
 * ({@link #spilled}).
 *
 * <p>Formats: 1 had no inline members (members were always in the map state); 2 adds them. Format 1
 * is still read, as spilled.
 */
public final class EntityState {
    private static final byte FORMAT_V1 = 1;
    private static final byte FORMAT = 2;
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
    /**
     * Distinct-count members (family prefix + member → last seen) while they fit in the value, or
     * {@code null} when none; unused while {@link #spilled}.
     */
    HashMap<String, Long> inlineMembers;
    /** The members live in the entity's member map state instead of {@link #inlineMembers}. */
    boolean spilled;

    EntityState() {
    }

    byte[] encode() {
        try {
            DataOutputSerializer out = new DataOutputSerializer(256);
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
            out.writeBoolean(spilled);
            int inline = spilled || inlineMembers == null ? 0 : inlineMembers.size();
            out.writeShort(inline);
            if (inline > 0) {
                for (Map.Entry<String, Long> e : inlineMembers.entrySet()) {
                    out.writeUTF(e.getKey());
                    out.writeLong(e.getValue());
                }
            }
            return out.getCopyOfBuffer();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static EntityState decode(byte[] data, EntityFeatures features) {
        try {
            DataInputDeserializer in = new DataInputDeserializer(data);
            byte format = in.readByte();
            if (format != FORMAT && format != FORMAT_V1) {
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
            if (format == FORMAT_V1) {
                s.spilled = true;
                return s;
            }
            s.spilled = in.readBoolean();
            int inline = in.readUnsignedShort();
            if (inline > 0) {
                s.inlineMembers = new HashMap<>(inline * 2);
                for (int i = 0; i < inline; i++) {
                    String member = in.readUTF();
                    s.inlineMembers.put(member, in.readLong());
                }
            }
            return s;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String toString() {
        return "EntityState[clock=" + clock + ", firstSeen=" + firstSeen + ", timerAt=" + timerAt
                + ", emitted=" + Arrays.toString(emitted) + ", spilled=" + spilled
                + ", inlineMembers=" + (inlineMembers == null ? 0 : inlineMembers.size()) + "]";
    }
}
