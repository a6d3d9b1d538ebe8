/** The BLOCK / ALLOW / WATCH lists, persisted in RocksDB with a cache in front. */
package io.woolguard.core.internal.lists;
