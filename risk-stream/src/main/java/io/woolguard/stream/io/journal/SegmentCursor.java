package io.woolguard.stream.io.journal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Reads the records of one segment file in order, through a read buffer, tolerating a segment that
 * is still being appended to: a record that is not completely on disk yet is "not available", not
 * an error. Not thread-safe.
 */
final class SegmentCursor implements AutoCloseable {
    private static final int INITIAL_BUFFER = 256 * 1024;

    private final Path file;
    private final FileChannel channel;
    private ByteBuffer buffer = ByteBuffer.allocate(INITIAL_BUFFER);
    /** File position of the first unread byte (buffer.position() in read mode). */
    private long position;
    private long nextOffset;
    private boolean headerChecked;

    SegmentCursor(Path file, long baseOffset) throws IOException {
        this.file = file;
        this.channel = FileChannel.open(file, StandardOpenOption.READ);
        this.position = 0;
        this.nextOffset = baseOffset;
        buffer.flip();
    }

    /** Offset the next record will have. */
    long nextOffset() {
        return nextOffset;
    }

    /** File position just after the last record returned. */
    long position() {
        return position;
    }

    /** Bytes buffered beyond the last complete record (a partial record so far). */
    int pendingBytes() {
        return buffer.remaining();
    }

    /**
     * The next complete record, or {@code null} when none is completely written yet.
     *
     * @throws CorruptJournalException when a record's length is impossible or its checksum fails
     */
    JournalRecord next() throws IOException {
        if (!checkHeader()) {
            return null;
        }
        if (!ensure(JournalFormat.RECORD_HEADER_BYTES)) {
            return null;
        }
        int start = buffer.position();
        int bodyLength = buffer.getInt(start);
        int crc = buffer.getInt(start + 4);
        if (bodyLength < 1 || bodyLength > JournalFormat.MAX_BODY_BYTES) {
            throw new CorruptJournalException("record " + nextOffset + " in " + file + " at byte " + position
                    + " has an impossible length " + bodyLength);
        }
        if (!ensure(JournalFormat.RECORD_HEADER_BYTES + bodyLength)) {
            return null;
        }
        start = buffer.position();
        int bodyStart = start + JournalFormat.RECORD_HEADER_BYTES;
        if (JournalFormat.crc(buffer, bodyStart, bodyLength) != crc) {
            throw new CorruptJournalException("record " + nextOffset + " in " + file + " at byte " + position
                    + " fails its checksum");
        }
        byte kind = buffer.get(bodyStart);
        byte[] payload = new byte[bodyLength - 1];
        buffer.get(bodyStart + 1, payload);
        buffer.position(bodyStart + bodyLength);
        position += JournalFormat.RECORD_HEADER_BYTES + bodyLength;
        return new JournalRecord(nextOffset++, kind, payload);
    }

    /**
     * Reads and checks the segment header once; false while it is not completely written.
     *
     * @throws CorruptJournalException if the magic number is wrong
     */
    boolean checkHeader() throws IOException {
        if (headerChecked) {
            return true;
        }
        if (!ensure(JournalFormat.SEGMENT_HEADER_BYTES)) {
            return false;
        }
        int magic = buffer.getInt();
        position += JournalFormat.SEGMENT_HEADER_BYTES;
        if (magic != JournalFormat.MAGIC) {
            throw new CorruptJournalException(file + " is not a journal segment (bad magic number)");
        }
        headerChecked = true;
        return true;
    }

    /** Makes at least {@code bytes} unread bytes available; false when the file holds fewer so far. */
    private boolean ensure(int bytes) throws IOException {
        if (buffer.remaining() >= bytes) {
            return true;
        }
        if (buffer.capacity() < bytes) {
            ByteBuffer bigger = ByteBuffer.allocate(Math.max(bytes, buffer.capacity() * 2));
            bigger.put(buffer).flip();
            buffer = bigger;
        }
        buffer.compact();
        long readAt = position + buffer.position();
        while (buffer.hasRemaining()) {
            int read = channel.read(buffer, readAt);
            if (read <= 0) {
                break;
            }
            readAt += read;
        }
        buffer.flip();
        return buffer.remaining() >= bytes;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
