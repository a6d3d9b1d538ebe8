package io.woolguard.stream.io;

import io.woolguard.stream.io.journal.JournalHandle;
import io.woolguard.stream.io.journal.JournalRegistry;
import org.apache.flink.api.connector.source.SourceOutput;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.base.source.reader.RecordEmitter;
import org.apache.flink.connector.base.source.reader.SingleThreadMultiplexSourceReaderBase;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The journal source's reader: emits decoded records and keeps the next offset in the split
 * state. It remembers the offset of each checkpoint and, when that checkpoint completes, tells the
 * live journal (retention may delete what lies below).
 */
final class JournalSourceReader<T>
        extends SingleThreadMultiplexSourceReaderBase<JournalEntry<T>, T, JournalSplit, JournalSourceReader.SplitState> {
    private final ConcurrentSkipListMap<Long, JournalSplit> offsetsByCheckpoint = new ConcurrentSkipListMap<>();

    JournalSourceReader(JournalDecoder<T> decoder, int maxBatch, Configuration config, SourceReaderContext context) {
        this(decoder, maxBatch, new AtomicLong(), config, context);
    }

    private JournalSourceReader(JournalDecoder<T> decoder, int maxBatch, AtomicLong skipped, Configuration config,
                                SourceReaderContext context) {
        super(() -> new JournalSplitReader<>(decoder, maxBatch, skipped), new Emitter<>(), config, context);
        context.metricGroup().gauge("journalRecordsSkipped", skipped::get);
    }

    @Override
    protected void onSplitFinished(Map<String, SplitState> finishedSplitIds) {
        // the journal is unbounded: its split never finishes
    }

    @Override
    protected SplitState initializedState(JournalSplit split) {
        return new SplitState(split);
    }

    @Override
    protected JournalSplit toSplitType(String splitId, SplitState state) {
        return state.split.at(state.nextOffset);
    }

    @Override
    public List<JournalSplit> snapshotState(long checkpointId) {
        List<JournalSplit> splits = super.snapshotState(checkpointId);
        for (JournalSplit split : splits) {
            offsetsByCheckpoint.put(checkpointId, split);
        }
        return splits;
    }

    @Override
    public void notifyCheckpointComplete(long checkpointId) throws Exception {
        super.notifyCheckpointComplete(checkpointId);
        JournalSplit completed = offsetsByCheckpoint.get(checkpointId);
        offsetsByCheckpoint.headMap(checkpointId, true).clear();
        if (completed != null) {
            JournalRegistry.find(Path.of(completed.directory()))
                    .ifPresent(journal -> journal.consumerCommitted(completed.offset()));
        }
    }

    /** Mutable per-split state: the next offset, and the live journal to report progress to. */
    static final class SplitState {
        private final JournalSplit split;
        private final JournalHandle journal;
        private long nextOffset;

        SplitState(JournalSplit split) {
            this.split = split;
            this.nextOffset = split.offset();
            this.journal = JournalRegistry.find(Path.of(split.directory())).orElse(null);
            if (journal != null) {
                journal.consumerRead(nextOffset);
            }
        }

        void advancePast(long offset) {
            nextOffset = offset + 1;
            if (journal != null) {
                journal.consumerRead(nextOffset);
            }
        }
    }

    private static final class Emitter<T> implements RecordEmitter<JournalEntry<T>, T, SplitState> {
        @Override
        public void emitRecord(JournalEntry<T> entry, SourceOutput<T> output, SplitState state) {
            if (entry.value() != null) {
                output.collect(entry.value());
            }
            state.advancePast(entry.offset());
        }
    }
}
