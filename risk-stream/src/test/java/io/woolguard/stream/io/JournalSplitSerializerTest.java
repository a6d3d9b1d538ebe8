package io.woolguard.stream.io;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JournalSplitSerializerTest {
    @Test
    void split_roundTripsWithItsOffset() throws IOException {
        JournalSplit split = new JournalSplit("/data/journal", 123_456_789_012L);
        JournalSplitSerializer serializer = JournalSplitSerializer.INSTANCE;
        assertEquals(split, serializer.deserialize(serializer.getVersion(), serializer.serialize(split)));
        assertEquals(JournalSplit.ID, split.splitId());
    }

    @Test
    void enumeratorState_roundTripsEmptyAndNonEmpty() throws IOException {
        var serializer = JournalSplitSerializer.EnumeratorStateSerializer.INSTANCE;
        for (List<JournalSplit> state : List.of(List.<JournalSplit>of(), List.of(new JournalSplit("/j", 7)))) {
            assertEquals(state, serializer.deserialize(serializer.getVersion(), serializer.serialize(state)));
        }
    }

    @Test
    void deserialize_rejectsUnknownVersionByName() {
        IOException e = assertThrows(IOException.class, () -> JournalSplitSerializer.INSTANCE.deserialize(99, new byte[0]));
        assertTrue(e.getMessage().contains("version 99"), e.getMessage());
    }

    @Test
    void split_rejectsNegativeOffset() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new JournalSplit("/j", -1));
        assertTrue(e.getMessage().contains("-1"), e.getMessage());
    }
}
