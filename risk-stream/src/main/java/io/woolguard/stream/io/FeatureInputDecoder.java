package io.woolguard.stream.io;

import io.woolguard.core.Label;
import io.woolguard.core.RiskEvent;
import io.woolguard.stream.FeatureInput;
import org.apache.flink.api.common.typeinfo.TypeInformation;

/** Decodes the journal into the feature job's {@link FeatureInput}s. Stateless. */
public final class FeatureInputDecoder implements JournalDecoder<FeatureInput> {
    private static final long serialVersionUID = 1L;

    @Override
    public FeatureInput event(RiskEvent event) {
        return FeatureInput.fromEvent(event);
    }

    @Override
    public FeatureInput label(Label label) {
        return FeatureInput.fromLabel(label);
    }

    @Override
    public TypeInformation<FeatureInput> producedType() {
        return TypeInformation.of(FeatureInput.class);
    }
}
