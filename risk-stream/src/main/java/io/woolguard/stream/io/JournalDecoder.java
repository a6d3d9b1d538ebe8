package io.woolguard.stream.io;

import io.woolguard.core.Label;
import io.woolguard.core.RiskEvent;
import org.apache.flink.api.common.typeinfo.TypeInformation;

import java.io.Serializable;

/**
 * Turns the journal's events and labels into the records a {@link JournalSource} emits. Shipped
 * to the Flink task with the source, hence {@link Serializable}; must be stateless.
 *
 * @param <T> the record type the source produces
 */
public interface JournalDecoder<T> extends Serializable {
    /** The record for an accepted event. */
    T event(RiskEvent event);

    /** The record for a label. */
    T label(Label label);

    /** Flink's type information for {@code T}. */
    TypeInformation<T> producedType();
}
