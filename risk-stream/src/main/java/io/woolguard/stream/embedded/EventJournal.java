package io.woolguard.stream.embedded;

import io.woolguard.core.EngineListener;
import io.woolguard.core.Label;
import io.woolguard.core.RiskEvent;
import io.woolguard.core.json.WoolguardJson;
import io.woolguard.stream.io.journal.JournalFormat;
import io.woolguard.stream.io.journal.JournalHandle;
import io.woolguard.stream.io.journal.JournalReader;
import io.woolguard.stream.io.journal.JournalRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A durable, local, append-only log of the events and labels the engine accepted: what the
 * embedded feature job reads, so that an accepted event reaches the features even if the process
 * dies before the job has processed it.
 *
 * <p><b>Layout.</b> Segment files under the journal directory, each record framed by its length and
 * a CRC32C and holding the core JSON codec's bytes (personal data is already hashed; an event with
 * raw personal data is refused). Offsets number records from 0 and never repeat.
 *
 * <p><b>Durability.</b> {@link #append} returns once the record is written to the operating
 * system: it survives the process being killed ({@code kill -9}). An operating-system crash or power
 * loss can still lose the unsynced tail, unless the journal is configured with
 * {@link JournalDurability#FSYNC}, where each group of appends is forced to the device first.
 *
 * <p><b>Concurrency.</b> Thread-safe. Concurrent appends are grouped: while one thread writes a
 * batch, the others queue theirs, and the next writer writes them all with one system call (and one
 * {@code fsync}), so many deciding threads share the cost.
 *
 * <p><b>Recovery.</b> On {@link #open}, a torn or corrupt tail left by a crash in the newest segment
 * is detected (short record, impossible length, failing checksum) and cut off; appends continue
 * after the last intact record.
 *
 * <p><b>Retention.</b> When a checkpoint of the reading job completes, the segments whose records
 * all lie below the checkpointed offset are deleted ({@link #releaseBefore}); the newest segment is
 * always kept.
 *
 * <p>As an {@link EngineListener}, register it on the engine: {@code onEvent} and {@code onLabel}
 * append, so an accepted event is durable before its decision is returned.
 */
public final class EventJournal implements EngineListener, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EventJournal.class);

    private final Path directory;
    private final JournalConfig config;
    private final Handle handle = new Handle();

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition batchWritten = lock.newCondition();
    private final Condition appended = lock.newCondition();
    /** Records queued for the next group write; guarded by {@link #lock}. */
    private Batch queued = new Batch();
    /** True while some thread is writing a batch; guarded by {@link #lock}. */
    private boolean writing;
    private boolean closed;

    // Owned by the thread currently writing (mutual exclusion through the writing flag).
    private FileChannel segment;
    private long segmentBase;
    private long segmentSize;

    private volatile long endOffset;
    private volatile long startOffset;
    private final AtomicLong consumerOffset = new AtomicLong(-1);
    private final AtomicLong committedOffset = new AtomicLong(-1);
    private final AtomicLong groupWrites = new AtomicLong();

    private EventJournal(Path directory, JournalConfig config) {
        this.directory = directory;
        this.config = config;
    }

    /**
     * Opens (creating if needed) the journal in {@code directory}, cutting off a torn tail left by a
     * crash, and registers it for the journal source in this JVM.
     *
     * @throws UncheckedIOException  if the directory cannot be read or written
     * @throws IllegalStateException if another journal is open on the same directory in this JVM, or
     *                               a segment is not a journal file
     */
    public static EventJournal open(Path directory, JournalConfig config) {
        EventJournal journal = new EventJournal(directory.toAbsolutePath().normalize(), config);
        // register first: a second journal on the same files must be refused before it touches them
        JournalRegistry.register(journal.directory, journal.handle);
        try {
            journal.recover();
        } catch (IOException e) {
            JournalRegistry.unregister(journal.directory, journal.handle);
            throw new UncheckedIOException("cannot open the event journal in " + directory + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            JournalRegistry.unregister(journal.directory, journal.handle);
            throw e;
        }
        return journal;
    }

    private void recover() throws IOException {
        Files.createDirectories(directory);
        List<Long> bases = JournalFormat.segmentBases(directory);
        if (bases.isEmpty()) {
            startOffset = 0;
            openNewSegment(0);
            endOffset = 0;
            return;
        }
        startOffset = bases.get(0);
        long base = bases.get(bases.size() - 1);
        Path file = JournalFormat.segmentPath(directory, base);
        JournalReader.SegmentScan scan;
        try {
            scan = JournalReader.scan(file, base);
        } catch (IOException e) {
            throw new IllegalStateException("the newest journal segment " + file + " is damaged: " + e.getMessage()
                    + "; move it away to start a new journal", e);
        }
        segment = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.READ);
        if (scan.fileBytes() < JournalFormat.SEGMENT_HEADER_BYTES) {
            segment.truncate(0);
            writeFully(segment, new ByteBuffer[] {JournalFormat.segmentHeader()});
            segmentSize = JournalFormat.SEGMENT_HEADER_BYTES;
        } else {
            if (scan.torn()) {
                LOG.warn("Event journal {}: cutting off a torn tail of {} bytes after record {} (left by a crash)",
                        file, scan.fileBytes() - scan.validBytes(), base + scan.records() - 1);
                segment.truncate(scan.validBytes());
                segment.force(true);
            }
            segmentSize = scan.validBytes();
        }
        segment.position(segmentSize);
        segmentBase = base;
        endOffset = base + scan.records();
        LOG.info("Event journal {} open: offsets {} to {}", directory, startOffset, endOffset);
    }

    /** The directory holding the segments. */
    public Path directory() {
        return directory;
    }

    /**
     * Appends an accepted event; returns its offset once it is durable (see class Javadoc).
     *
     * @throws IllegalStateException if the event still carries raw personal data, or the journal is closed
     * @throws UncheckedIOException  if the write failed; nothing of it is left in the journal
     */
    public long append(RiskEvent event) {
        return append(JournalFormat.KIND_EVENT, WoolguardJson.writeEvent(event));
    }

    /** Appends a label, like {@link #append(RiskEvent)}. */
    public long append(Label label) {
        return append(JournalFormat.KIND_LABEL, WoolguardJson.writeLabel(label));
    }

    @Override
    public void onEvent(RiskEvent event) {
        append(event);
    }

    @Override
    public void onLabel(Label label) {
        append(label);
    }

    private long append(byte kind, byte[] payload) {
        ByteBuffer record = JournalFormat.encode(kind, payload);
        lock.lock();
        try {
            if (closed) {
                throw new IllegalStateException("the event journal in " + directory + " is closed");
            }
            Batch mine = queued;
            int index = mine.records.size();
            mine.records.add(record);
            while (!mine.done) {
                if (writing) {
                    batchWritten.awaitUninterruptibly();
                    continue;
                }
                writing = true;
                Batch batch = queued;
                queued = new Batch();
                lock.unlock();
                IOException failure = null;
                try {
                    writeBatch(batch);
                } catch (IOException e) {
                    failure = e;
                } finally {
                    lock.lock();
                }
                writing = false;
                batch.done = true;
                batch.failure = failure;
                if (failure == null) {
                    endOffset = batch.firstOffset + batch.records.size();
                    appended.signalAll();
                }
                batchWritten.signalAll();
            }
            if (mine.failure != null) {
                throw new UncheckedIOException("event journal append failed in " + directory + ": "
                        + mine.failure.getMessage(), mine.failure);
            }
            return mine.firstOffset + index;
        } finally {
            lock.unlock();
        }
    }

    /** Writes one batch; on failure the segment is cut back so no partial record stays. */
    private void writeBatch(Batch batch) throws IOException {
        long batchBytes = 0;
        for (ByteBuffer record : batch.records) {
            batchBytes += record.remaining();
        }
        long first = endOffset;
        if (segmentSize > JournalFormat.SEGMENT_HEADER_BYTES && segmentSize + batchBytes > config.segmentBytes()) {
            rollSegment(first);
        }
        long before = segmentSize;
        try {
            writeFully(segment, batch.records.toArray(ByteBuffer[]::new));
            if (config.durability() == JournalDurability.FSYNC) {
                segment.force(false);
            }
        } catch (IOException e) {
            try {
                segment.truncate(before);
                segment.position(before);
            } catch (IOException truncateFailure) {
                e.addSuppressed(truncateFailure);
            }
            throw e;
        }
        segmentSize = before + batchBytes;
        batch.firstOffset = first;
        groupWrites.incrementAndGet();
    }

    private void rollSegment(long nextBase) throws IOException {
        segment.force(false); // a complete segment is never torn, whatever the durability mode
        segment.close();
        openNewSegment(nextBase);
    }

    private void openNewSegment(long base) throws IOException {
        Path file = JournalFormat.segmentPath(directory, base);
        segment = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                StandardOpenOption.READ);
        writeFully(segment, new ByteBuffer[] {JournalFormat.segmentHeader()});
        if (config.durability() == JournalDurability.FSYNC) {
            segment.force(true);
        }
        segmentBase = base;
        segmentSize = JournalFormat.SEGMENT_HEADER_BYTES;
    }

    private static void writeFully(FileChannel channel, ByteBuffer[] buffers) throws IOException {
        long remaining = 0;
        for (ByteBuffer buffer : buffers) {
            remaining += buffer.remaining();
        }
        while (remaining > 0) {
            remaining -= channel.write(buffers);
        }
    }

    /** How many group writes (system calls writing one or more records) the journal made since it opened. */
    public long groupWrites() {
        return groupWrites.get();
    }

    /** Offset of the oldest record still kept. */
    public long startOffset() {
        return startOffset;
    }

    /** Offset the next record will get: the number of records ever appended. */
    public long endOffset() {
        return endOffset;
    }

    /** Offset of the next record the feature job's source will read, or -1 before it read anything. */
    public long consumerOffset() {
        return consumerOffset.get();
    }

    /**
     * Records appended but not read by the feature job's source yet: {@link #endOffset()} minus the
     * source's position (the whole journal from {@link #startOffset()} before the source reported).
     */
    public long lag() {
        long consumed = consumerOffset.get();
        return Math.max(0, endOffset - (consumed < 0 ? startOffset : consumed));
    }

    /** Offset below which a completed checkpoint covers every record, or -1 when none completed yet. */
    public long committedOffset() {
        return committedOffset.get();
    }

    /**
     * Deletes the segments whose records all lie below {@code offset} (never the newest segment).
     * Returns how many were deleted.
     */
    public int releaseBefore(long offset) {
        int deleted = 0;
        try {
            List<Long> bases = JournalFormat.segmentBases(directory);
            for (int i = 0; i + 1 < bases.size(); i++) {
                if (bases.get(i + 1) > offset) {
                    break;
                }
                Files.deleteIfExists(JournalFormat.segmentPath(directory, bases.get(i)));
                startOffset = bases.get(i + 1);
                deleted++;
            }
        } catch (IOException e) {
            LOG.warn("Event journal {}: retention could not delete old segments: {}", directory, e.toString());
        }
        if (deleted > 0) {
            LOG.debug("Event journal {}: deleted {} segments below offset {}", directory, deleted, offset);
        }
        return deleted;
    }

    /** Stops appends (they throw {@link IllegalStateException}) and closes the segment. Idempotent. */
    @Override
    public void close() {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            while (writing || !queued.records.isEmpty()) {
                batchWritten.awaitUninterruptibly();
            }
            appended.signalAll();
        } finally {
            lock.unlock();
        }
        JournalRegistry.unregister(directory, handle);
        try {
            segment.force(false);
            segment.close();
        } catch (IOException e) {
            LOG.warn("Event journal {}: closing the segment failed: {}", directory, e.toString());
        }
    }

    private static final class Batch {
        final List<ByteBuffer> records = new ArrayList<>();
        boolean done;
        IOException failure;
        long firstOffset;
    }

    /** The view the journal source in this JVM gets through the registry. */
    private final class Handle implements JournalHandle {
        @Override
        public long endOffset() {
            return endOffset;
        }

        @Override
        public boolean awaitEndBeyond(long offset, long timeoutMillis) throws InterruptedException {
            if (endOffset > offset) {
                return true;
            }
            lock.lock();
            try {
                if (endOffset <= offset && !closed) {
                    appended.await(timeoutMillis, TimeUnit.MILLISECONDS);
                }
                return endOffset > offset;
            } finally {
                lock.unlock();
            }
        }

        @Override
        public void wakeUpReaders() {
            lock.lock();
            try {
                appended.signalAll();
            } finally {
                lock.unlock();
            }
        }

        @Override
        public void consumerRead(long nextOffset) {
            consumerOffset.set(nextOffset);
        }

        @Override
        public void consumerCommitted(long offset) {
            long previous = committedOffset.getAndAccumulate(offset, Math::max);
            if (offset > previous) {
                releaseBefore(offset);
            }
        }
    }
}
