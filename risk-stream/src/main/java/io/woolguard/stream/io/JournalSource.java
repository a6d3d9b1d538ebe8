package io.woolguard.stream.io;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.api.java.typeutils.ResultTypeQueryable;
import org.apache.flink.core.io.SimpleVersionedSerializer;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * A FLIP-27 source reading the embedded event journal from an offset and following it as it grows
 * (unbounded). The whole journal is one split whose state is the offset of the next record, so a
 * job restored from a checkpoint resumes exactly after the last record that checkpoint covers; the
 * job's upserts make the replay of anything after it idempotent. Only one subtask reads; the
 * others stay idle (they must not finish: see {@link JournalSplitEnumerator}).
 *
 * <p>In the same JVM as the live {@code EventJournal}, the reader waits on its append signal (no
 * polling delay), reports its position (the pipeline's lag) and, when a checkpoint completes, lets
 * the journal delete the segments below the checkpointed offset. Decoding failures (only possible
 * after an incompatible codec change) are logged with their offset, skipped and counted in the
 * {@code journalRecordsSkipped} metric.
 *
 * @param <T> the record type, produced by a {@link JournalDecoder}
 */
public final class JournalSource<T> implements Source<T, JournalSplit, List<JournalSplit>>, ResultTypeQueryable<T> {
    private static final long serialVersionUID = 1L;
    /** Most records one fetch hands to the emitter. */
    private static final int MAX_BATCH = 2_048;

    private final String directory;
    private final long startOffset;
    private final JournalDecoder<T> decoder;

    private JournalSource(String directory, long startOffset, JournalDecoder<T> decoder) {
        this.directory = directory;
        this.startOffset = startOffset;
        this.decoder = decoder;
    }

    /**
     * A source over the journal in {@code directory}, starting (when not restored from a checkpoint)
     * at {@code startOffset}.
     *
     * @throws IllegalArgumentException if the offset is negative
     */
    public static <T> JournalSource<T> from(Path directory, long startOffset, JournalDecoder<T> decoder) {
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(decoder, "decoder");
        if (startOffset < 0) {
            throw new IllegalArgumentException("startOffset must be >= 0, got " + startOffset);
        }
        return new JournalSource<>(directory.toAbsolutePath().normalize().toString(), startOffset, decoder);
    }

    @Override
    public Boundedness getBoundedness() {
        return Boundedness.CONTINUOUS_UNBOUNDED;
    }

    @Override
    public SplitEnumerator<JournalSplit, List<JournalSplit>> createEnumerator(
            SplitEnumeratorContext<JournalSplit> context) {
        return new JournalSplitEnumerator(context, List.of(new JournalSplit(directory, startOffset)));
    }

    @Override
    public SplitEnumerator<JournalSplit, List<JournalSplit>> restoreEnumerator(
            SplitEnumeratorContext<JournalSplit> context, List<JournalSplit> checkpoint) {
        return new JournalSplitEnumerator(context, checkpoint);
    }

    @Override
    public SimpleVersionedSerializer<JournalSplit> getSplitSerializer() {
        return JournalSplitSerializer.INSTANCE;
    }

    @Override
    public SimpleVersionedSerializer<List<JournalSplit>> getEnumeratorCheckpointSerializer() {
        return JournalSplitSerializer.EnumeratorStateSerializer.INSTANCE;
    }

    @Override
    public SourceReader<T, JournalSplit> createReader(SourceReaderContext context) {
        return new JournalSourceReader<>(decoder, MAX_BATCH, context.getConfiguration(), context);
    }

    @Override
    public TypeInformation<T> getProducedType() {
        return decoder.producedType();
    }
}
