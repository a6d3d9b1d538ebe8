package io.woolguard.stream.io;

import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Serializes {@link JournalSplit}s and the enumerator's list of unassigned splits (version 1). */
final class JournalSplitSerializer implements SimpleVersionedSerializer<JournalSplit> {
    static final JournalSplitSerializer INSTANCE = new JournalSplitSerializer();
    private static final int VERSION = 1;

    @Override
    public int getVersion() {
        return VERSION;
    }

    @Override
    public byte[] serialize(JournalSplit split) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(64);
        write(split, out);
        return out.getCopyOfBuffer();
    }

    @Override
    public JournalSplit deserialize(int version, byte[] serialized) throws IOException {
        checkVersion(version);
        return read(new DataInputDeserializer(serialized));
    }

    private static void write(JournalSplit split, DataOutputSerializer out) throws IOException {
        out.writeUTF(split.directory());
        out.writeLong(split.offset());
    }

    private static JournalSplit read(DataInputDeserializer in) throws IOException {
        return new JournalSplit(in.readUTF(), in.readLong());
    }

    private static void checkVersion(int version) throws IOException {
        if (version != VERSION) {
            throw new IOException("unknown journal split serializer version " + version + " (this build reads "
                    + VERSION + ")");
        }
    }

    /** The enumerator checkpoint: the splits not assigned to a reader. */
    static final class EnumeratorStateSerializer implements SimpleVersionedSerializer<List<JournalSplit>> {
        static final EnumeratorStateSerializer INSTANCE = new EnumeratorStateSerializer();

        @Override
        public int getVersion() {
            return VERSION;
        }

        @Override
        public byte[] serialize(List<JournalSplit> splits) throws IOException {
            DataOutputSerializer out = new DataOutputSerializer(64);
            out.writeInt(splits.size());
            for (JournalSplit split : splits) {
                write(split, out);
            }
            return out.getCopyOfBuffer();
        }

        @Override
        public List<JournalSplit> deserialize(int version, byte[] serialized) throws IOException {
            checkVersion(version);
            DataInputDeserializer in = new DataInputDeserializer(serialized);
            int count = in.readInt();
            List<JournalSplit> splits = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                splits.add(read(in));
            }
            return splits;
        }
    }
}
