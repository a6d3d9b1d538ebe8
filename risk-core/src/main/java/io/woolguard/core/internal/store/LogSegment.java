package io.woolguard.core.internal.store;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.CRC32C;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One memory-mapped file of the decision log's tail: records appended one after the other, each
 * {@code [int length][int CRC32C][long decidedAt millis][short id length][event id, UTF-8][value]},
 * where length counts everything after the CRC and the CRC covers the same bytes. A store into the
 * mapping is in the OS page cache as soon as it is made, so an appended record survives the process
 * being killed (not a power loss: nothing is synced). A record's length is written last, so a record
 * torn by a kill reads as length 0 (the end) or fails its CRC; either ends the segment.
 *
 * <p>Appends are not thread-safe: the decision log appends under its own lock. A record's value
 * can be read back ({@link #readValue}) from any thread, also while the segment is unmapped, which
 * the decision log does only once it is sealed (no more appends) or the log is closed.
 */
final class LogSegment {
    private static final Logger LOG = LoggerFactory.getLogger(LogSegment.class);
    static final String SUFFIX = ".dlog";
    static final int HEADER = Integer.BYTES * 2;
    private static final int FIXED = Long.BYTES + Short.BYTES;
    private static final int PAGE = 4_096;
    private static final Unmapper UNMAPPER = Unmapper.find();

    private final Path file;
    private final MappedByteBuffer buffer;
    private final CRC32C crc = new CRC32C();
    private int position;
    private int appended;
    private boolean sealed;
    private boolean unmapped;
    /** Records of this segment that the indexer has written to RocksDB. */
    final AtomicInteger indexed = new AtomicInteger();

    private LogSegment(Path file, MappedByteBuffer buffer) {
        this.file = file;
        this.buffer = buffer;
        buffer.order(ByteOrder.BIG_ENDIAN);
    }

    /**
     * Creates a new segment file of {@code capacity} bytes and maps it; touches every page once, so
     * that the appends that follow (on the deciding threads) do not pay the page faults, and a file
     * system that cannot allocate the pages fails here, with an {@link IOException}, not in an append.
     */
    static LogSegment create(Path file, int capacity) throws IOException {
        MappedByteBuffer buffer;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ,
                StandardOpenOption.WRITE)) {
            buffer = channel.map(FileChannel.MapMode.READ_WRITE, 0, capacity);
        }
        try {
            for (int page = 0; page < capacity; page += PAGE) {
                buffer.put(page, (byte) 0);
            }
        } catch (InternalError fault) { // SIGBUS on a mapped page: the file system could not allocate it (disk full)
            UNMAPPER.unmap(buffer);
            Files.deleteIfExists(file);
            throw new IOException("cannot allocate the pages of " + file + " (is the disk full?): " + fault.getMessage(), fault);
        }
        return new LogSegment(file, buffer);
    }

    /** The space a record with this id and value takes. */
    static int recordSize(byte[] id, byte[] value) {
        return HEADER + FIXED + id.length + value.length;
    }

    /** Whether a record of {@code size} bytes still fits. */
    boolean fits(int size) {
        return !sealed && position + size <= buffer.capacity();
    }

    /**
     * Appends a record; the caller checked that it {@linkplain #fits}.
     *
     * @return where the value starts in the segment, for {@link #readValue}
     */
    int append(long timeMillis, byte[] id, byte[] value) {
        int length = FIXED + id.length + value.length;
        int body = position + HEADER;
        buffer.putLong(body, timeMillis);
        buffer.putShort(body + Long.BYTES, (short) id.length);
        buffer.put(body + FIXED, id);
        buffer.put(body + FIXED + id.length, value);
        crc.reset();
        crc.update(buffer.slice(body, length));
        buffer.putInt(position + Integer.BYTES, (int) crc.getValue());
        buffer.putInt(position, length); // last: until it is there the record does not exist
        position += HEADER + length;
        appended++;
        return body + FIXED + id.length;
    }

    /**
     * A copy of the {@code length} bytes at {@code offset} (a value {@link #append} placed there), or
     * null once the segment is unmapped. Safe from any thread: an unmapped buffer must never be touched
     * (the JVM would crash), so reading and unmapping exclude each other.
     */
    synchronized byte[] readValue(int offset, int length) {
        if (unmapped) {
            return null;
        }
        byte[] value = new byte[length];
        buffer.get(offset, value);
        return value;
    }

    /** No more appends; the segment can go once its records are indexed. */
    void seal() {
        sealed = true;
    }

    boolean sealed() {
        return sealed;
    }

    int appended() {
        return appended;
    }

    Path file() {
        return file;
    }

    /** Unmaps the file (at once, not when the collector gets to it) and deletes it. */
    void delete() throws IOException {
        unmap();
        Files.deleteIfExists(file);
    }

    /** Unmaps the file; only {@link #readValue} (which then returns null) may touch this segment afterwards. */
    synchronized void unmap() {
        if (!unmapped) {
            unmapped = true;
            UNMAPPER.unmap(buffer);
        }
    }

    /** A record read back from a segment file. */
    record Entry(long timeMillis, String eventId, byte[] value) {
    }

    /**
     * Reads the records of a segment file up to its end or its first torn record (a length that does
     * not fit, or a CRC that does not match), which only the last record written before a kill can be.
     */
    static List<Entry> read(Path file) throws IOException {
        List<Entry> entries = new ArrayList<>();
        MappedByteBuffer buffer;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            buffer = channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size());
        }
        try {
            buffer.order(ByteOrder.BIG_ENDIAN);
            CRC32C crc = new CRC32C();
            int position = 0;
            while (position + HEADER <= buffer.capacity()) {
                int length = buffer.getInt(position);
                if (length == 0) {
                    break;
                }
                int body = position + HEADER;
                if (length < FIXED || length > buffer.capacity() - body) {
                    LOG.warn("decision log {}: torn record at byte {} (length {}); the records before it are kept",
                            file.getFileName(), position, length);
                    break;
                }
                crc.reset();
                crc.update(buffer.slice(body, length));
                if ((int) crc.getValue() != buffer.getInt(position + Integer.BYTES)) {
                    LOG.warn("decision log {}: torn record at byte {} (CRC mismatch); the records before it are kept",
                            file.getFileName(), position);
                    break;
                }
                long time = buffer.getLong(body);
                int idLength = Short.toUnsignedInt(buffer.getShort(body + Long.BYTES));
                if (FIXED + idLength > length) {
                    LOG.warn("decision log {}: malformed record at byte {}; the records before it are kept",
                            file.getFileName(), position);
                    break;
                }
                byte[] id = new byte[idLength];
                buffer.get(body + FIXED, id);
                byte[] value = new byte[length - FIXED - idLength];
                buffer.get(body + FIXED + idLength, value);
                entries.add(new Entry(time, new String(id, StandardCharsets.UTF_8), value));
                position = body + length;
            }
        } finally {
            UNMAPPER.unmap(buffer);
        }
        return entries;
    }

    /**
     * Releases a mapping now ({@code sun.misc.Unsafe.invokeCleaner}); without it a segment's pages
     * would stay mapped until a collection of the old generation. Falls back to waiting for that.
     */
    private record Unmapper(Object unsafe, Method invokeCleaner) {
        static Unmapper find() {
            try {
                Class<?> type = Class.forName("sun.misc.Unsafe");
                Field field = type.getDeclaredField("theUnsafe");
                field.setAccessible(true);
                return new Unmapper(field.get(null), type.getMethod("invokeCleaner", java.nio.ByteBuffer.class));
            } catch (ReflectiveOperationException | RuntimeException e) {
                LOG.warn("cannot unmap decision log segments explicitly ({}); they are unmapped when collected", e.toString());
                return new Unmapper(null, null);
            }
        }

        void unmap(MappedByteBuffer buffer) {
            if (invokeCleaner == null) {
                return;
            }
            try {
                invokeCleaner.invoke(unsafe, buffer);
            } catch (ReflectiveOperationException | RuntimeException e) {
                LOG.warn("unmapping a decision log segment failed: {}", e.toString());
            }
        }
    }
}
