package io.woolguard.stream.io;

import io.woolguard.core.json.WoolguardJson;
import io.woolguard.stream.io.journal.JournalFormat;
import io.woolguard.stream.io.journal.JournalHandle;
import io.woolguard.stream.io.journal.JournalReader;
import io.woolguard.stream.io.journal.JournalRecord;
import io.woolguard.stream.io.journal.JournalRegistry;
import org.apache.flink.connector.base.source.reader.RecordsBySplits;
import org.apache.flink.connector.base.source.reader.RecordsWithSplitIds;
import org.apache.flink.connector.base.source.reader.splitreader.SplitReader;
import org.apache.flink.connector.base.source.reader.splitreader.SplitsAddition;
import org.apache.flink.connector.base.source.reader.splitreader.SplitsChange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs in the source's fetcher thread: reads journal records, decodes them, and waits for appends
 * when caught up (on the live journal's signal in the same JVM, else by polling the files).
 */
final class JournalSplitReader<T> implements SplitReader<JournalEntry<T>, JournalSplit> {
    private static final Logger LOG = LoggerFactory.getLogger(JournalSplitReader.class);
    /** How long one fetch waits for new records before returning empty (lets Flink check in). */
    private static final long WAIT_MILLIS = 100;
    /** Poll interval when no live journal is registered in this JVM. */
    private static final long FILE_POLL_MILLIS = 10;

    private final JournalDecoder<T> decoder;
    private final int maxBatch;
    private final AtomicLong skipped;
    private final Object wakeUpMonitor = new Object();
    private volatile boolean wakeUp;
    private JournalReader reader;
    private Path directory;

    JournalSplitReader(JournalDecoder<T> decoder, int maxBatch, AtomicLong skipped) {
        this.decoder = decoder;
        this.maxBatch = maxBatch;
        this.skipped = skipped;
    }

    @Override
    public RecordsWithSplitIds<JournalEntry<T>> fetch() throws IOException {
        if (reader == null) {
            waitBriefly(WAIT_MILLIS);
            return empty();
        }
        List<JournalRecord> records = reader.poll(maxBatch);
        if (records.isEmpty()) {
            waitForAppend();
            records = reader.poll(maxBatch);
            if (records.isEmpty()) {
                return empty();
            }
        }
        List<JournalEntry<T>> entries = new java.util.ArrayList<>(records.size());
        for (JournalRecord record : records) {
            entries.add(new JournalEntry<>(record.offset(), decode(record)));
        }
        return new RecordsBySplits<>(Map.of(JournalSplit.ID, entries), Set.of());
    }

    private T decode(JournalRecord record) {
        try {
            if (record.kind() == JournalFormat.KIND_EVENT) {
                return decoder.event(WoolguardJson.readEvent(record.payload()));
            }
            if (record.kind() == JournalFormat.KIND_LABEL) {
                return decoder.label(WoolguardJson.readLabel(record.payload()));
            }
            LOG.error("Journal {}: skipping record {} of unknown kind {}", directory, record.offset(), record.kind());
        } catch (RuntimeException e) {
            // Only the engine writes the journal, so this means a codec incompatibility: skip, count, say which.
            LOG.error("Journal {}: skipping record {} that cannot be decoded: {}", directory, record.offset(),
                    e.getMessage());
        }
        skipped.incrementAndGet();
        return null;
    }

    private void waitForAppend() {
        if (wakeUp) {
            wakeUp = false;
            return;
        }
        Optional<JournalHandle> live = JournalRegistry.find(directory);
        if (live.isPresent()) {
            try {
                live.get().awaitEndBeyond(reader.nextOffset(), WAIT_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        } else {
            waitBriefly(FILE_POLL_MILLIS);
        }
    }

    private void waitBriefly(long millis) {
        synchronized (wakeUpMonitor) {
            if (wakeUp) {
                wakeUp = false;
                return;
            }
            try {
                wakeUpMonitor.wait(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            wakeUp = false;
        }
    }

    private static <T> RecordsWithSplitIds<JournalEntry<T>> empty() {
        return new RecordsBySplits<>(Map.of(), Set.of());
    }

    @Override
    public void handleSplitsChanges(SplitsChange<JournalSplit> change) {
        if (!(change instanceof SplitsAddition)) {
            throw new UnsupportedOperationException("the journal source only adds splits, got " + change);
        }
        for (JournalSplit split : change.splits()) {
            if (reader != null) {
                throw new IllegalStateException("the journal has one split; got a second: " + split);
            }
            directory = Path.of(split.directory());
            try {
                reader = new JournalReader(directory, split.offset());
            } catch (IOException e) {
                throw new java.io.UncheckedIOException("cannot open the journal " + directory + " at offset "
                        + split.offset() + ": " + e.getMessage(), e);
            }
            LOG.info("Journal source reading {} from offset {}", directory, split.offset());
        }
    }

    @Override
    public void wakeUp() {
        wakeUp = true;
        synchronized (wakeUpMonitor) {
            wakeUpMonitor.notifyAll();
        }
        if (directory != null) {
            JournalRegistry.find(directory).ifPresent(JournalHandle::wakeUpReaders);
        }
    }

    @Override
    public void close() throws IOException {
        if (reader != null) {
            reader.close();
        }
    }
}
