package io.woolguard.core.internal.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.BloomFilter;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.CompressionType;
import org.rocksdb.DBOptions;
import org.rocksdb.LRUCache;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's one RocksDB database, under {@code <dataDir>/rocksdb}, with a column family per
 * {@link Column}. Only one engine may open a data directory at a time: a lock file enforces it with a
 * clear message (within this JVM and across processes). Thread-safe; {@link #close()} releases
 * everything in reverse order of creation.
 */
public final class RocksStore implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RocksStore.class);
    private static final String LOCK_FILE = "woolguard.lock";
    /** All column families' memtables together. */
    private static final long MEMTABLE_BUDGET_BYTES = 64L << 20;
    /** Write-ahead log size that triggers flushing the oldest memtables. */
    private static final long WAL_BUDGET_BYTES = 256L << 20;
    /**
     * One block cache for every column family. RocksDB's default (a small cache per table factory)
     * held a fraction of the stored features of a few hundred thousand entities: decisions and the
     * feature sink whose entities had dropped out of the feature cache read and Snappy-decompressed
     * a block from the OS page cache each time, 30% of the deciding threads' CPU at 2,400 decisions/s.
     */
    private static final long BLOCK_CACHE_BYTES = 128L << 20;

    private final Path directory;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final DBOptions dbOptions;
    private final ColumnFamilyOptions columnOptions;
    private final ColumnFamilyOptions decisionOptions;
    private final BloomFilter bloomFilter;
    private final LRUCache blockCache;
    private final WriteOptions writeOptions;
    private final ReadOptions readOptions;
    private final RocksDB db;
    private final Map<Column, ColumnFamilyHandle> handles = new EnumMap<>(Column.class);
    private final List<ColumnFamilyHandle> handleList = new ArrayList<>();

    private RocksStore(Path dataDirectory) throws IOException, RocksDBException {
        Files.createDirectories(dataDirectory);
        this.lockChannel = FileChannel.open(dataDirectory.resolve(LOCK_FILE),
                StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock acquired;
        try {
            acquired = lockChannel.tryLock();
        } catch (OverlappingFileLockException e) {
            acquired = null;
        }
        if (acquired == null) {
            lockChannel.close();
            throw new IllegalStateException("the data directory " + dataDirectory.toAbsolutePath()
                    + " is already used by another Woolguard engine (in this or another process);"
                    + " close that engine first or give this one its own dataDirectory");
        }
        this.lock = acquired;
        this.directory = dataDirectory.resolve("rocksdb");
        Files.createDirectories(directory);

        RocksDB.loadLibrary();
        // bounded footprint: the engine shares its JVM (and, in the server, its machine) with Flink
        this.dbOptions = new DBOptions()
                .setCreateIfMissing(true)
                .setCreateMissingColumnFamilies(true)
                .setDbWriteBufferSize(MEMTABLE_BUDGET_BYTES)
                .setMaxTotalWalSize(WAL_BUDGET_BYTES)
                .setMaxBackgroundJobs(2)
                .setKeepLogFileNum(5);
        this.bloomFilter = new BloomFilter(10);
        this.blockCache = new LRUCache(BLOCK_CACHE_BYTES);
        // the decide path asks for keys that mostly do not exist yet (a new event id, an entity
        // without features): whole-key blooms answer those without searching memtables and files
        this.columnOptions = new ColumnFamilyOptions()
                .setTableFormatConfig(new BlockBasedTableConfig().setFilterPolicy(bloomFilter).setBlockCache(blockCache))
                .setMemtableWholeKeyFiltering(true)
                .setMemtablePrefixBloomSizeRatio(0.05);
        // Stored decisions (~2 KB each, written once, read rarely, deleted by age) were three
        // quarters of the bytes that flushes and compactions wrote, each one rewritten and
        // Snappy-compressed again at every level. In blob files (RocksDB's key-value separation) a
        // value is written once; compactions move only its key and a pointer. Blob garbage
        // collection stays off: it relocated the live decisions of the oldest files at every
        // compaction (64% of the compaction CPU), and it is not needed to get the space back,
        // because decisions die in the order they were written (the retention sweep goes by
        // age): a blob file whose decisions are all swept is deleted whole.
        this.decisionOptions = new ColumnFamilyOptions(columnOptions)
                .setEnableBlobFiles(true)
                .setMinBlobSize(256)
                .setBlobCompressionType(CompressionType.LZ4_COMPRESSION)
                .setEnableBlobGarbageCollection(false);
        List<ColumnFamilyDescriptor> descriptors = new ArrayList<>();
        descriptors.add(new ColumnFamilyDescriptor(RocksDB.DEFAULT_COLUMN_FAMILY, columnOptions));
        for (Column column : Column.values()) {
            ColumnFamilyOptions options = column == Column.DECISIONS ? decisionOptions : columnOptions;
            descriptors.add(new ColumnFamilyDescriptor(column.familyNameBytes(), options));
        }
        this.db = RocksDB.open(dbOptions, directory.toString(), descriptors, handleList);
        for (Column column : Column.values()) {
            handles.put(column, handleList.get(column.ordinal() + 1));
        }
        this.writeOptions = new WriteOptions();
        this.readOptions = new ReadOptions();
    }

    /**
     * Opens (creating if needed) the database under {@code <dataDirectory>/rocksdb}.
     *
     * @throws IllegalStateException if another engine holds the directory, or RocksDB cannot open it
     */
    public static RocksStore open(Path dataDirectory) {
        try {
            return new RocksStore(dataDirectory);
        } catch (IOException e) {
            throw new IllegalStateException("cannot open the data directory " + dataDirectory.toAbsolutePath()
                    + ": " + e.getMessage(), e);
        } catch (RocksDBException e) {
            throw new IllegalStateException("cannot open RocksDB under " + dataDirectory.toAbsolutePath()
                    + ": " + e.getMessage(), e);
        }
    }

    /** Where the database files are. */
    public Path directory() {
        return directory;
    }

    /** The value under a key, or {@code null}. */
    public byte[] get(Column column, byte[] key) {
        try {
            return db.get(handles.get(column), readOptions, key);
        } catch (RocksDBException e) {
            throw new StoreException("reading " + column + " failed: " + e.getMessage(), e);
        }
    }

    /** Writes one value (WAL on). */
    public void put(Column column, byte[] key, byte[] value) {
        try {
            db.put(handles.get(column), writeOptions, key, value);
        } catch (RocksDBException e) {
            throw new StoreException("writing " + column + " failed: " + e.getMessage(), e);
        }
    }

    /** Deletes one key. */
    public void delete(Column column, byte[] key) {
        try {
            db.delete(handles.get(column), writeOptions, key);
        } catch (RocksDBException e) {
            throw new StoreException("deleting from " + column + " failed: " + e.getMessage(), e);
        }
    }

    /** A new atomic batch; fill it with {@link Batch#put}/{@link Batch#delete} and {@link #write} it. */
    public Batch batch() {
        return new Batch();
    }

    /** Applies a batch atomically (WAL on) and releases it. */
    public void write(Batch batch) {
        try (WriteBatch writeBatch = batch.writeBatch) {
            db.write(writeOptions, writeBatch);
        } catch (RocksDBException e) {
            throw new StoreException("writing a batch failed: " + e.getMessage(), e);
        }
    }

    /** An iterator over a column family; the caller closes it. */
    public RocksIterator iterator(Column column) {
        return db.newIterator(handles.get(column), readOptions);
    }

    /** Counts keys in a column family (used for start-up logging; walks the whole family). */
    public long count(Column column) {
        long n = 0;
        try (RocksIterator it = iterator(column)) {
            for (it.seekToFirst(); it.isValid(); it.next()) {
                n++;
            }
        }
        return n;
    }

    /** Flushes memtables to files (so tests can inspect what is really on disk). */
    public void flush() {
        try (org.rocksdb.FlushOptions options = new org.rocksdb.FlushOptions().setWaitForFlush(true)) {
            db.flush(options, handleList);
        } catch (RocksDBException e) {
            throw new StoreException("flush failed: " + e.getMessage(), e);
        }
    }

    /** Compacts one column's whole key range (so tests can see what compaction reclaims). */
    public void compact(Column column) {
        try {
            db.compactRange(handles.get(column));
        } catch (RocksDBException e) {
            throw new StoreException("compacting " + column + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        for (ColumnFamilyHandle handle : handleList) {
            handle.close();
        }
        try {
            db.syncWal();
        } catch (RocksDBException e) {
            LOG.warn("syncing the RocksDB write-ahead log at close failed: {}", e.getMessage());
        }
        db.close();
        readOptions.close();
        writeOptions.close();
        dbOptions.close();
        decisionOptions.close();
        columnOptions.close();
        bloomFilter.close();
        blockCache.close();
        try {
            lock.release();
            lockChannel.close();
        } catch (IOException e) {
            LOG.warn("releasing the data directory lock failed: {}", e.getMessage());
        }
    }

    /** A set of writes applied atomically by {@link RocksStore#write}. */
    public final class Batch {
        private final WriteBatch writeBatch = new WriteBatch();

        private Batch() {
        }

        /** Adds a put. */
        public Batch put(Column column, byte[] key, byte[] value) {
            try {
                writeBatch.put(handles.get(column), key, value);
            } catch (RocksDBException e) {
                throw new StoreException("batching a write to " + column + " failed: " + e.getMessage(), e);
            }
            return this;
        }

        /** Adds a delete. */
        public Batch delete(Column column, byte[] key) {
            try {
                writeBatch.delete(handles.get(column), key);
            } catch (RocksDBException e) {
                throw new StoreException("batching a delete from " + column + " failed: " + e.getMessage(), e);
            }
            return this;
        }

        /** How many operations are in the batch. */
        public int size() {
            return writeBatch.count();
        }
    }
}
