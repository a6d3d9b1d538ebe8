package io.woolguard.stream.graph;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

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
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(48);
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeBoolean(account);
            out.writeInt(value);
            writeNullable(out, parent);
            writeNullable(out, next);
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Node decode(byte[] data) {
        try {
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(data));
            Node n = new Node(in.readBoolean());
            n.value = in.readInt();
            n.parent = readNullable(in);
            n.next = readNullable(in);
            return n;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeNullable(DataOutputStream out, String s) throws IOException {
        out.writeBoolean(s != null);
        if (s != null) {
            out.writeUTF(s);
        }
    }

    private static String readNullable(DataInputStream in) throws IOException {
        return in.readBoolean() ? in.readUTF() : null;
    }
}
