package io.woolguard.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.state.rocksdb.RocksDBOptionsFactory;
import org.junit.jupiter.api.Test;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.RocksDB;

class FeatureStateRocksDbOptionsTest {

    @Test
    void theJobsStateBackend_raisesTheLevel0Triggers_andKeepsTheirOrder() {
        EmbeddedRocksDBStateBackend backend = new EmbeddedRocksDBStateBackend().configure(
                FeatureJob.flinkConfiguration(Path.of("checkpoints"), Duration.ofSeconds(1)),
                getClass().getClassLoader());
        RocksDBOptionsFactory factory = backend.getRocksDBOptions();
        assertInstanceOf(FeatureStateRocksDbOptions.class, factory, "the options factory Flink loads from the job's configuration");

        RocksDB.loadLibrary();
        List<AutoCloseable> handles = new ArrayList<>();
        try (ColumnFamilyOptions defaults = new ColumnFamilyOptions()) {
            assertEquals(4, defaults.level0FileNumCompactionTrigger(), "RocksDB's default, for comparison");
            ColumnFamilyOptions options = factory.createColumnOptions(defaults, handles);
            assertEquals(16, options.level0FileNumCompactionTrigger());
            assertEquals(32, options.level0SlowdownWritesTrigger(), "writes slow down only well after compaction should have started");
            assertEquals(48, options.level0StopWritesTrigger());
        }
        assertEquals(List.of(), handles, "nothing for Flink to close");
    }
}
