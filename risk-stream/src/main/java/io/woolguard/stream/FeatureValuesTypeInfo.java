package io.woolguard.stream;

import java.lang.reflect.Type;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInfoFactory;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;

/**
 * Makes Flink serialize {@link FeatureOutput#values} with its map serializer (which rebuilds a
 * {@code HashMap}) instead of falling back to Kryo.
 */
public final class FeatureValuesTypeInfo extends TypeInfoFactory<HashMap<String, Double>> {
    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public TypeInformation<HashMap<String, Double>> createTypeInfo(Type t, Map<String, TypeInformation<?>> genericParameters) {
        return (TypeInformation) Types.MAP(Types.STRING, Types.DOUBLE);
    }
}
