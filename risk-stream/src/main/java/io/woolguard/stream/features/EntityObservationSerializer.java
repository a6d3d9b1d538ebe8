package io.woolguard.stream.features;

import io.woolguard.core.EntityType;
import io.woolguard.stream.SerializerTypeInfo;
import java.io.IOException;
import java.lang.reflect.Type;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInfoFactory;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.StringValue;

/**
 * Flink's serializer of {@link EntityObservation} (several per event cross the network to the
 * entity operator): its fields written in order, the optional ones behind one presence byte,
 * instead of the POJO serializer's reflective field access and per-field null markers.
 * Observations are never kept in state, only in flight.
 */
public final class EntityObservationSerializer extends TypeSerializerSingleton<EntityObservation> {
    private static final long serialVersionUID = 1L;
    /** The one instance. */
    public static final EntityObservationSerializer INSTANCE = new EntityObservationSerializer();
    private static final EntityType[] TYPES = EntityType.values();
    private static final int ACCOUNT = 1;
    private static final int DEVICE = 2;
    private static final int IP = 4;
    private static final int CREATED_AT = 8;

    private EntityObservationSerializer() {
    }

    @Override
    public boolean isImmutableType() {
        return false;
    }

    @Override
    public EntityObservation createInstance() {
        return new EntityObservation();
    }

    @Override
    public EntityObservation copy(EntityObservation from) {
        EntityObservation o = new EntityObservation(from.entityType, from.entityId, from.eventTimeMillis, from.flags);
        o.accountId = from.accountId;
        o.deviceId = from.deviceId;
        o.ip = from.ip;
        o.accountCreatedAtMillis = from.accountCreatedAtMillis;
        return o;
    }

    @Override
    public EntityObservation copy(EntityObservation from, EntityObservation reuse) {
        return copy(from);
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public void serialize(EntityObservation o, DataOutputView out) throws IOException {
        int present = (o.accountId != null ? ACCOUNT : 0) | (o.deviceId != null ? DEVICE : 0)
                | (o.ip != null ? IP : 0) | (o.accountCreatedAtMillis != null ? CREATED_AT : 0);
        out.writeByte(o.entityType.ordinal());
        out.writeByte(present);
        StringValue.writeString(o.entityId, out);
        out.writeLong(o.eventTimeMillis);
        out.writeInt(o.flags);
        if ((present & ACCOUNT) != 0) {
            StringValue.writeString(o.accountId, out);
        }
        if ((present & DEVICE) != 0) {
            StringValue.writeString(o.deviceId, out);
        }
        if ((present & IP) != 0) {
            StringValue.writeString(o.ip, out);
        }
        if ((present & CREATED_AT) != 0) {
            out.writeLong(o.accountCreatedAtMillis);
        }
    }

    @Override
    public EntityObservation deserialize(DataInputView in) throws IOException {
        EntityType type = TYPES[in.readUnsignedByte()];
        int present = in.readUnsignedByte();
        EntityObservation o = new EntityObservation(type, StringValue.readString(in), in.readLong(), in.readInt());
        if ((present & ACCOUNT) != 0) {
            o.accountId = StringValue.readString(in);
        }
        if ((present & DEVICE) != 0) {
            o.deviceId = StringValue.readString(in);
        }
        if ((present & IP) != 0) {
            o.ip = StringValue.readString(in);
        }
        if ((present & CREATED_AT) != 0) {
            o.accountCreatedAtMillis = in.readLong();
        }
        return o;
    }

    @Override
    public EntityObservation deserialize(EntityObservation reuse, DataInputView in) throws IOException {
        return deserialize(in);
    }

    @Override
    public void copy(DataInputView in, DataOutputView out) throws IOException {
        serialize(deserialize(in), out);
    }

    @Override
    public TypeSerializerSnapshot<EntityObservation> snapshotConfiguration() {
        return new Snapshot();
    }

    /** The serializer's snapshot: no configuration, so every version is compatible with itself. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<EntityObservation> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }

    /** Named by {@code @TypeInfo} on {@link EntityObservation}. */
    public static final class Factory extends TypeInfoFactory<EntityObservation> {
        @Override
        public TypeInformation<EntityObservation> createTypeInfo(Type t, Map<String, TypeInformation<?>> genericParameters) {
            return new SerializerTypeInfo<>(EntityObservation.class, INSTANCE);
        }
    }
}
