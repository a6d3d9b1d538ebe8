package io.woolguard.core;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * Where the request came from.
 *
 * @param ip an IPv4 or IPv6 literal; stored in canonical form
 */
public record Network(String ip) {
    private static final Pattern IPV4 =
            Pattern.compile("((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");
    private static final Pattern IPV6_CHARS = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

    public Network {
        if (ip != null) {
            ip = canonical(ip);
        }
    }

    /** A network known by its IP. */
    public static Network of(String ip) {
        return new Network(ip);
    }

    /** The /24 (IPv4) or /64 (IPv6) the IP belongs to, e.g. {@code 203.0.113.0/24}; {@code null} without an IP. */
    public String subnet() {
        if (ip == null) {
            return null;
        }
        if (ip.indexOf(':') < 0) {
            // canonical IPv4 (the constructor normalised it): the first three octets as written
            return ip.substring(0, ip.lastIndexOf('.')) + ".0/24";
        }
        byte[] bytes = parse(ip);
        if (bytes.length == 4) {
            return (bytes[0] & 0xff) + "." + (bytes[1] & 0xff) + "." + (bytes[2] & 0xff) + ".0/24";
        }
        byte[] prefix = new byte[16];
        System.arraycopy(bytes, 0, prefix, 0, 8);
        return format(prefix) + "/64";
    }

    private static String canonical(String ip) {
        return format(parse(ip));
    }

    private static byte[] parse(String ip) {
        String literal = ip.strip();
        boolean v4 = IPV4.matcher(literal).matches();
        boolean v6 = !v4 && literal.indexOf(':') >= 0 && IPV6_CHARS.matcher(literal).matches();
        if (!v4 && !v6) {
            throw new InvalidEventException("network.ip", "must be an IPv4 or IPv6 address, got '" + abbreviate(ip) + "'");
        }
        try {
            // a validated literal: InetAddress parses it without any name lookup
            return InetAddress.getByName(literal).getAddress();
        } catch (UnknownHostException e) {
            throw new InvalidEventException("network.ip", "must be an IPv4 or IPv6 address, got '" + abbreviate(ip) + "'");
        }
    }

    private static String format(byte[] address) {
        try {
            return InetAddress.getByAddress(address).getHostAddress();
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String abbreviate(String value) {
        return value.length() <= 64 ? value : value.substring(0, 64) + "...";
    }
}
