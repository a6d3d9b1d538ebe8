package io.woolguard.stream.graph;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;

/**
 * A vertex of the account graph: an account or a shared identifier. {@code parent} is the
 * union-find parent ({@code null} at a root); {@code next} links every vertex of a component into a
 * circular list ({@code null} = itself) so that a component's members can be enumerated and two
 * lists joined in O(1) when components merge.
 */
final class Node {
    boolean account;
    /** Accounts: 1 when labelled FRAUD. Identifiers: accounts merged through it (the super-node count). */
    int value;
    String parent;
    String next;

    Node(boolean account) {
        this.account = account;
    }

    byte[] encode() {
        try {
            DataOutputSerializer out = new DataOutputSerializer(48);
            out.writeBoolean(account);
            out.writeInt(value);
            writeNullable(out, parent);
            writeNullable(out, next);
            return out.getCopyOfBuffer();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Node decode(byte[] data) {
        try {
            DataInputDeserializer in = new DataInputDeserializer(data);
            Node n = new Node(in.readBoolean());
            n.value = in.readInt();
            n.parent = readNullable(in);
            n.next = readNullable(in);
            return n;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeNullable(DataOutput out, String s) throws IOException {
        out.writeBoolean(s != null);
        if (s != null) {
            out.writeUTF(s);
        }
    }

    private static String readNullable(DataInput in) throws IOException {
        return in.readBoolean() ? in.readUTF() : null;
    }
}
