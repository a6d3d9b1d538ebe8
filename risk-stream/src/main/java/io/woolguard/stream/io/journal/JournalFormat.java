package io.woolguard.stream.io.journal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.CRC32C;

/**
 * The journal's on-disk layout.
 *
 * <p>A journal is a directory of segment files named {@code <20-digit base offset>.wal}, where the
 * base offset is the offset of the segment's first record (offsets count records from 0). A
 * segment starts with a 4-byte magic number, then holds records back to back:
 * <pre>
 *   int  bodyLength   (big-endian; kind byte + payload)
 *   int  crc32c       (over the body)
 *   byte kind         ({@link #KIND_EVENT} or {@link #KIND_LABEL})
 *   byte[] payload    (the core JSON codec's bytes)
 * </pre>
 */
public final class JournalFormat {
    /** "WGJ1". */
    public static final int MAGIC = 0x57474A31;
    public static final int SEGMENT_HEADER_BYTES = 4;
    public static final int RECORD_HEADER_BYTES = 8;
    /** Largest body accepted; an event is a few hundred bytes, so anything near this is corruption. */
    public static final int MAX_BODY_BYTES = 4 * 1024 * 1024;
    public static final byte KIND_EVENT = 1;
    public static final byte KIND_LABEL = 2;

    private static final Pattern SEGMENT_NAME = Pattern.compile("(\\d{20})\\.wal");

    private JournalFormat() {
    }

    /** The segment file holding records from {@code baseOffset}. */
    public static Path segmentPath(Path directory, long baseOffset) {
        if (baseOffset < 0) {
            throw new IllegalArgumentException("journal offsets are not negative, got " + baseOffset);
        }
        // as String.format("%020d.wal"), without a Formatter: a caught-up reader asks on every poll
        String digits = Long.toString(baseOffset);
        return directory.resolve("0".repeat(20 - digits.length()) + digits + ".wal");
    }

    /** Base offsets of the segments present, ascending. */
    public static List<Long> segmentBases(Path directory) throws IOException {
        List<Long> bases = new ArrayList<>();
        if (!Files.isDirectory(directory)) {
            return bases;
        }
        try (Stream<Path> files = Files.list(directory)) {
            files.forEach(file -> {
                Matcher m = SEGMENT_NAME.matcher(file.getFileName().toString());
                if (m.matches()) {
                    bases.add(Long.parseLong(m.group(1)));
                }
            });
        }
        bases.sort(null);
        return bases;
    }

    /** One record, header included, ready to write. */
    public static ByteBuffer encode(byte kind, byte[] payload) {
        if (kind != KIND_EVENT && kind != KIND_LABEL) {
            throw new IllegalArgumentException("unknown record kind " + kind);
        }
        int bodyLength = payload.length + 1;
        if (bodyLength > MAX_BODY_BYTES) {
            throw new IllegalArgumentException("journal record of " + bodyLength + " bytes exceeds the limit of "
                    + MAX_BODY_BYTES + " bytes");
        }
        CRC32C crc = new CRC32C();
        crc.update(kind);
        crc.update(payload);
        ByteBuffer buffer = ByteBuffer.allocate(RECORD_HEADER_BYTES + bodyLength).order(ByteOrder.BIG_ENDIAN);
        buffer.putInt(bodyLength).putInt((int) crc.getValue()).put(kind).put(payload);
        return buffer.flip();
    }

    /** The CRC32C of a body held in {@code buffer} from {@code position} for {@code length} bytes. */
    static int crc(ByteBuffer buffer, int position, int length) {
        CRC32C crc = new CRC32C();
        crc.update(buffer.duplicate().position(position).limit(position + length));
        return (int) crc.getValue();
    }

    /** The segment header. */
    public static ByteBuffer segmentHeader() {
        return ByteBuffer.allocate(SEGMENT_HEADER_BYTES).putInt(MAGIC).flip();
    }
}
