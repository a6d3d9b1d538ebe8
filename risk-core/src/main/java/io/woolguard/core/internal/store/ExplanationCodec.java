package io.woolguard.core.internal.store;

import io.woolguard.core.Account;
import io.woolguard.core.Coupon;
import io.woolguard.core.Decision;
import io.woolguard.core.Device;
import io.woolguard.core.EventType;
import io.woolguard.core.Explanation;
import io.woolguard.core.FeatureVector;
import io.woolguard.core.Network;
import io.woolguard.core.Order;
import io.woolguard.core.Outcome;
import io.woolguard.core.PersonalData;
import io.woolguard.core.Platform;
import io.woolguard.core.Reason;
import io.woolguard.core.RiskEvent;
import io.woolguard.core.ShadowDecision;
import java.io.EOFException;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;

/**
 * The stored form of a decision: a compact binary encoding of the whole {@link Explanation}
 * (decision, hashed event, features, rules evaluated). Decisions are written on every decide call,
 * before it returns, so the encoding is built for speed; it round-trips every value exactly.
 * Refuses an event that still carries raw personal data.
 *
 * <p>Layout: a version byte, then the fields in declaration order; strings are length-prefixed UTF-8
 * with -1 for {@code null}, enums by name, instants as seconds and nanos, decimals as text. The rules
 * evaluated, the same few dozen ids for every decision of a ruleset, are written either inline or
 * (version 2) as the id of a rule list stored once beside the decisions. A feature name is written
 * either as a string or (version 3) as a code from the data directory's {@link NameCodes}: its
 * length field then holds {@code -2 - code}.
 */
public final class ExplanationCodec {
    /**
     * Version 1 stored the rules evaluated inline; version 2 may refer to a stored rule list instead;
     * version 3 may write feature names as codes.
     */
    private static final byte VERSION_1 = 1;
    private static final byte VERSION_2 = 2;
    private static final byte VERSION = 3;
    private static final byte RULES_INLINE = 0;
    private static final byte RULES_BY_REFERENCE = 1;
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    /** Largest buffer a thread keeps between encodings; a rare bigger decision gets a one-off buffer. */
    private static final int KEPT_BUFFER = 64 * 1024;
    private static final ThreadLocal<Output> OUTPUT = ThreadLocal.withInitial(() -> new Output(8 * 1024));

    private ExplanationCodec() {
    }

    /** Codes for feature names, stable for the life of a data directory. */
    public interface NameCodes {
        /** The name's code (0 or more), assigning one if need be; -1 to have the name written in full. */
        int codeOf(String name);

        /**
         * The name with that code.
         *
         * @throws IllegalStateException if no name has it
         */
        String nameOf(int code);
    }

    /** Encodes an explanation with its rules evaluated and its feature names inline. */
    public static byte[] encode(Explanation explanation) {
        return encode(explanation, null, null);
    }

    /** As {@link #encode(Explanation, Long, NameCodes)} with feature names inline. */
    public static byte[] encode(Explanation explanation, Long ruleListId) {
        return encode(explanation, ruleListId, null);
    }

    /**
     * Encodes an explanation; when {@code ruleListId} is not {@code null} the rules evaluated are
     * written as that id (the caller stores the list itself once, see {@link #encodeRuleList}); when
     * {@code names} is not {@code null} feature names are written as their codes.
     */
    public static byte[] encode(Explanation explanation, Long ruleListId, NameCodes names) {
        Output out = OUTPUT.get();
        out.reset();
        try {
            out.writeByte(VERSION);
            writeDecision(out, explanation.decision());
            writeEvent(out, explanation.event());
            Map<String, Double> features = explanation.features().values();
            out.writeInt(features.size());
            for (Map.Entry<String, Double> f : features.entrySet()) {
                int code = names == null ? -1 : names.codeOf(f.getKey());
                if (code >= 0) {
                    out.writeInt(-2 - code);
                } else {
                    writeString(out, f.getKey());
                }
                out.writeDouble(f.getValue());
            }
            if (ruleListId == null) {
                out.writeByte(RULES_INLINE);
                writeStrings(out, explanation.rulesEvaluated());
            } else {
                out.writeByte(RULES_BY_REFERENCE);
                out.writeLong(ruleListId);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e); // in-memory output does not fail
        }
        return out.toByteArray();
    }

    /** Decodes what {@link #encode} wrote (any version) when its rules evaluated and feature names are inline. */
    public static Explanation decode(byte[] data) {
        return decode(data, id -> {
            throw new IllegalStateException("stored decision refers to rule list " + Long.toHexString(id) + ", which was not given");
        });
    }

    /** As {@link #decode(byte[], LongFunction, NameCodes)} for feature names written inline. */
    public static Explanation decode(byte[] data, LongFunction<List<String>> ruleLists) {
        return decode(data, ruleLists, null);
    }

    /**
     * Decodes what {@link #encode} wrote, resolving a rule list written by reference with
     * {@code ruleLists} and feature names written as codes with {@code names}.
     */
    public static Explanation decode(byte[] data, LongFunction<List<String>> ruleLists, NameCodes names) {
        try {
            Input in = new Input(data);
            byte version = in.readByte();
            if (version != VERSION && version != VERSION_2 && version != VERSION_1) {
                throw new IllegalStateException("unknown stored-decision encoding version " + version
                        + "; this data directory was written by a newer Woolguard");
            }
            Decision decision = readDecision(in);
            RiskEvent event = readEvent(in);
            int count = in.readInt();
            Map<String, Double> features = new HashMap<>(count * 2);
            for (int i = 0; i < count; i++) {
                features.put(readFeatureName(in, names), in.readDouble());
            }
            List<String> rules = version == VERSION_1 || in.readByte() == RULES_INLINE
                    ? readStrings(in) : ruleLists.apply(in.readLong());
            return new Explanation(decision, event, new FeatureVector(features), rules);
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("corrupt stored decision: " + e, e);
        }
    }

    /** The stored form of a rule list that decisions refer to. */
    public static byte[] encodeRuleList(List<String> ruleIds) {
        Output out = new Output(64 + 32 * ruleIds.size());
        try {
            writeStrings(out, ruleIds);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toByteArray();
    }

    /** Reads what {@link #encodeRuleList} wrote. */
    public static List<String> decodeRuleList(byte[] data) {
        try {
            return List.copyOf(readStrings(new Input(data)));
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("corrupt stored rule list: " + e, e);
        }
    }

    // ------------------------------------------------------------------ decision

    private static void writeDecision(Output out, Decision d) throws IOException {
        writeString(out, d.eventId());
        writeString(out, d.outcome().name());
        out.writeInt(d.score());
        writeReasons(out, d.reasons());
        writeString(out, d.rulesetVersion());
        ShadowDecision shadow = d.shadow();
        out.writeBoolean(shadow != null);
        if (shadow != null) {
            writeString(out, shadow.outcome().name());
            out.writeInt(shadow.score());
            writeReasons(out, shadow.reasons());
            writeString(out, shadow.rulesetVersion());
        }
        out.writeBoolean(d.degraded());
        writeString(out, d.degradedReason());
        writeInstant(out, d.decidedAt());
    }

    private static Decision readDecision(Input in) throws IOException {
        String eventId = readString(in);
        Outcome outcome = Outcome.valueOf(readString(in));
        int score = in.readInt();
        List<Reason> reasons = readReasons(in);
        String version = readString(in);
        ShadowDecision shadow = null;
        if (in.readBoolean()) {
            shadow = new ShadowDecision(Outcome.valueOf(readString(in)), in.readInt(), readReasons(in), readString(in));
        }
        boolean degraded = in.readBoolean();
        String degradedReason = readString(in);
        return new Decision(eventId, outcome, score, reasons, version, shadow, degraded, degradedReason, readInstant(in));
    }

    private static void writeReasons(Output out, List<Reason> reasons) throws IOException {
        out.writeInt(reasons.size());
        for (Reason r : reasons) {
            writeString(out, r.code());
            writeString(out, r.ruleId());
            out.writeInt(r.score());
            writeString(out, r.message());
        }
    }

    private static List<Reason> readReasons(Input in) throws IOException {
        int count = in.readInt();
        List<Reason> reasons = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            reasons.add(new Reason(readString(in), readString(in), in.readInt(), readString(in)));
        }
        return reasons;
    }

    // ------------------------------------------------------------------ event

    private static void writeEvent(Output out, RiskEvent e) throws IOException {
        writeString(out, e.eventId());
        writeString(out, e.type().name());
        writeInstant(out, e.occurredAt());
        Account a = e.account();
        writeString(out, a.id());
        writeInstant(out, a.createdAt());
        writePersonal(out, a.phone());
        writePersonal(out, a.email());
        Device d = e.device();
        out.writeBoolean(d != null);
        if (d != null) {
            writeString(out, d.id());
            writeString(out, d.platform() == null ? null : d.platform().name());
            writeFlag(out, d.emulator());
            writeFlag(out, d.rooted());
            writeFlag(out, d.hooked());
            writeString(out, d.userAgent());
            writeString(out, d.timezone());
        }
        writeString(out, e.network() == null ? null : e.network().ip());
        out.writeBoolean(e.network() != null);
        Coupon c = e.coupon();
        out.writeBoolean(c != null);
        if (c != null) {
            writeString(out, c.campaignId());
            writeString(out, c.couponId());
            writeDecimal(out, c.faceValue());
            writeString(out, c.currency());
        }
        Order o = e.order();
        out.writeBoolean(o != null);
        if (o != null) {
            writeString(out, o.orderId());
            writeDecimal(out, o.amount());
            writeDecimal(out, o.listPrice());
            writeString(out, o.currency());
            out.writeInt(o.itemCount() == null ? -1 : o.itemCount());
            writeStrings(out, o.couponIds());
            writePersonal(out, o.shippingAddress());
            writePersonal(out, o.paymentInstrument());
        }
        out.writeInt(e.attributes().size());
        for (Map.Entry<String, Object> attribute : e.attributes().entrySet()) {
            writeString(out, attribute.getKey());
            writeAttribute(out, attribute.getValue());
        }
    }

    private static RiskEvent readEvent(Input in) throws IOException {
        String eventId = readString(in);
        EventType type = EventType.valueOf(readString(in));
        Instant occurredAt = readInstant(in);
        Account account = new Account(readString(in), readInstant(in), readPersonal(in), readPersonal(in));
        Device device = null;
        if (in.readBoolean()) {
            String id = readString(in);
            String platform = readString(in);
            device = new Device(id, platform == null ? null : Platform.valueOf(platform), readFlag(in), readFlag(in),
                    readFlag(in), readString(in), readString(in));
        }
        String ip = readString(in);
        Network network = in.readBoolean() ? new Network(ip) : null;
        Coupon coupon = null;
        if (in.readBoolean()) {
            coupon = new Coupon(readString(in), readString(in), readDecimal(in), readString(in));
        }
        Order order = null;
        if (in.readBoolean()) {
            String orderId = readString(in);
            BigDecimal amount = readDecimal(in);
            BigDecimal listPrice = readDecimal(in);
            String currency = readString(in);
            int items = in.readInt();
            order = new Order(orderId, amount, listPrice, currency, items < 0 ? null : items, readStrings(in),
                    readPersonal(in), readPersonal(in));
        }
        int count = in.readInt();
        Map<String, Object> attributes = new LinkedHashMap<>(count * 2);
        for (int i = 0; i < count; i++) {
            attributes.put(readString(in), readAttribute(in));
        }
        return new RiskEvent(eventId, type, occurredAt, account, device, network, coupon, order, attributes);
    }

    private static void writePersonal(Output out, PersonalData data) throws IOException {
        if (data == null) {
            out.writeByte(0);
            return;
        }
        if (!data.isHashed()) {
            throw new IllegalStateException("refusing to store raw personal data: hash the event first (RiskEvent.protect)");
        }
        out.writeByte(1);
        writeString(out, data.hash());
        writeString(out, data.hint());
    }

    private static PersonalData readPersonal(Input in) throws IOException {
        return in.readByte() == 0 ? null : PersonalData.hashed(readString(in), readString(in));
    }

    private static void writeAttribute(Output out, Object value) throws IOException {
        if (value instanceof String s) {
            out.writeByte('S');
            writeString(out, s);
        } else if (value instanceof Boolean b) {
            out.writeByte('B');
            out.writeBoolean(b);
        } else if (value instanceof Integer i) {
            out.writeByte('I');
            out.writeInt(i);
        } else if (value instanceof Long l) {
            out.writeByte('L');
            out.writeLong(l);
        } else if (value instanceof Double d) {
            out.writeByte('D');
            out.writeDouble(d);
        } else if (value instanceof BigInteger g) {
            out.writeByte('G');
            writeString(out, g.toString());
        } else if (value instanceof BigDecimal m) {
            out.writeByte('M');
            writeDecimal(out, m);
        } else {
            out.writeByte('M'); // any other Number: its decimal value
            writeDecimal(out, new BigDecimal(value.toString()));
        }
    }

    private static Object readAttribute(Input in) throws IOException {
        byte tag = in.readByte();
        return switch (tag) {
            case 'S' -> readString(in);
            case 'B' -> in.readBoolean();
            case 'I' -> in.readInt();
            case 'L' -> in.readLong();
            case 'D' -> in.readDouble();
            case 'G' -> new BigInteger(readString(in));
            case 'M' -> readDecimal(in);
            default -> throw new IOException("unknown attribute tag " + tag);
        };
    }

    // ------------------------------------------------------------------ primitives

    private static void writeFlag(Output out, Boolean flag) throws IOException {
        out.writeByte(flag == null ? 2 : flag ? 1 : 0);
    }

    private static Boolean readFlag(Input in) throws IOException {
        byte b = in.readByte();
        return b == 2 ? null : b == 1;
    }

    private static void writeDecimal(Output out, BigDecimal value) throws IOException {
        writeString(out, value == null ? null : value.toString());
    }

    private static BigDecimal readDecimal(Input in) throws IOException {
        String text = readString(in);
        return text == null ? null : new BigDecimal(text);
    }

    private static void writeInstant(Output out, Instant instant) throws IOException {
        out.writeBoolean(instant != null);
        if (instant != null) {
            out.writeLong(instant.getEpochSecond());
            out.writeInt(instant.getNano());
        }
    }

    private static Instant readInstant(Input in) throws IOException {
        return in.readBoolean() ? Instant.ofEpochSecond(in.readLong(), in.readInt()) : null;
    }

    private static void writeStrings(Output out, List<String> values) throws IOException {
        out.writeInt(values.size());
        for (String value : values) {
            writeString(out, value);
        }
    }

    private static List<String> readStrings(Input in) throws IOException {
        int count = in.readInt();
        List<String> values = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            values.add(readString(in));
        }
        return values;
    }

    private static void writeString(Output out, String value) throws IOException {
        if (value == null) {
            out.writeInt(-1);
            return;
        }
        if (!out.writeAscii(value)) {
            byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
            out.writeInt(utf8.length);
            out.write(utf8);
        }
    }

    private static String readFeatureName(Input in, NameCodes names) throws IOException {
        int length = in.readInt();
        if (length >= 0) {
            return readUtf8(in, length);
        }
        if (length == -1) {
            throw new IllegalStateException("a feature without a name");
        }
        if (names == null) {
            throw new IllegalStateException("stored decision writes feature names as codes, and no codes were given");
        }
        return names.nameOf(-2 - length);
    }

    private static String readString(Input in) throws IOException {
        int length = in.readInt();
        return length < 0 ? null : readUtf8(in, length);
    }

    private static String readUtf8(Input in, int length) throws IOException {
        byte[] utf8 = new byte[length];
        in.readFully(utf8);
        return new String(utf8, StandardCharsets.UTF_8);
    }

    /**
     * A growable big-endian byte buffer with {@link java.io.DataOutputStream}'s encoding of the
     * primitives (so stored decisions stay readable), without its per-byte synchronisation.
     */
    private static final class Output {
        private byte[] buffer;
        private int size;

        Output(int initialCapacity) {
            buffer = new byte[initialCapacity];
        }

        void reset() {
            size = 0;
            if (buffer.length > KEPT_BUFFER) {
                buffer = new byte[8 * 1024];
            }
        }

        /**
         * Writes a string that is all ASCII as its length and bytes (the same bytes as UTF-8) without
         * an intermediate array; returns false, writing nothing, if it is not all ASCII.
         */
        boolean writeAscii(String value) {
            int length = value.length();
            ensure(4 + length);
            int at = size + 4;
            for (int i = 0; i < length; i++) {
                char c = value.charAt(i);
                if (c >= 0x80) {
                    return false;
                }
                buffer[at + i] = (byte) c;
            }
            INT.set(buffer, size, length);
            size = at + length;
            return true;
        }

        private void ensure(int more) {
            if (size + more > buffer.length) {
                buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, size + more));
            }
        }

        void writeByte(int value) {
            ensure(1);
            buffer[size++] = (byte) value;
        }

        void writeBoolean(boolean value) {
            writeByte(value ? 1 : 0);
        }

        void writeInt(int value) {
            ensure(4);
            INT.set(buffer, size, value);
            size += 4;
        }

        void writeLong(long value) {
            ensure(8);
            LONG.set(buffer, size, value);
            size += 8;
        }

        void writeDouble(double value) {
            writeLong(Double.doubleToLongBits(value));
        }

        void write(byte[] bytes) {
            ensure(bytes.length);
            System.arraycopy(bytes, 0, buffer, size, bytes.length);
            size += bytes.length;
        }

        byte[] toByteArray() {
            return Arrays.copyOf(buffer, size);
        }
    }

    /** Reads what {@link Output} wrote; running past the end is an {@link EOFException}. */
    private static final class Input {
        private final byte[] data;
        private int position;

        Input(byte[] data) {
            this.data = data;
        }

        private int take(int count) throws EOFException {
            if (count < 0 || data.length - position < count) {
                throw new EOFException("needs " + count + " more bytes at offset " + position + " of " + data.length);
            }
            int at = position;
            position += count;
            return at;
        }

        byte readByte() throws EOFException {
            return data[take(1)];
        }

        boolean readBoolean() throws EOFException {
            return readByte() != 0;
        }

        int readInt() throws EOFException {
            return (int) INT.get(data, take(4));
        }

        long readLong() throws EOFException {
            return (long) LONG.get(data, take(8));
        }

        double readDouble() throws EOFException {
            return Double.longBitsToDouble(readLong());
        }

        void readFully(byte[] into) throws EOFException {
            System.arraycopy(data, take(into.length), into, 0, into.length);
        }
    }
}
