package io.jpod.network;

import io.jpod.error.InvalidInputException;

/**
 * An IPv4 subnet in CIDR form ({@code 10.89.1.0/24}): where a network's pods take their addresses from.
 *
 * @param base   the subnet's first address, as an unsigned 32-bit number (host bits zero)
 * @param prefix the number of network bits, 8 to 30 (a pod network needs a gateway and at least one pod)
 */
public record Subnet(long base, int prefix) {
    public Subnet {
        if (prefix < 8 || prefix > 30) {
            throw new IllegalArgumentException("prefix /" + prefix + " is out of 8..30");
        }
        base &= mask(prefix);
    }

    /** The subnet {@code cidr} (given at {@code where}, a flag); an error names it when it is not IPv4 CIDR of /8 to /30. */
    public static Subnet parse(String cidr, String where) {
        int slash = cidr.indexOf('/');
        try {
            if (slash < 0) {
                throw new IllegalArgumentException("no /prefix");
            }
            int prefix = Integer.parseInt(cidr.substring(slash + 1));
            long addr = address(cidr.substring(0, slash));
            if (prefix < 8 || prefix > 30) {
                throw new IllegalArgumentException("the prefix must be /8 to /30");
            }
            if ((addr & ~mask(prefix) & 0xffffffffL) != 0) {
                throw new IllegalArgumentException("host bits are set (did you mean " + format(addr & mask(prefix)) + "/" + prefix + "?)");
            }
            return new Subnet(addr, prefix);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(where, "invalid subnet " + cidr + ": " + e.getMessage());
        }
    }

    /** The dotted IPv4 address {@code text} as a number; IllegalArgumentException when it is not one. */
    public static long address(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            throw new IllegalArgumentException("\"" + text + "\" is not an IPv4 address");
        }
        long a = 0;
        for (String p : parts) {
            if (!p.matches("\\d{1,3}") || Integer.parseInt(p) > 255) {
                throw new IllegalArgumentException("\"" + text + "\" is not an IPv4 address");
            }
            a = a << 8 | Integer.parseInt(p);
        }
        return a;
    }

    public static String format(long a) {
        return (a >> 24 & 255) + "." + (a >> 16 & 255) + "." + (a >> 8 & 255) + "." + (a & 255);
    }

    private static long mask(int prefix) {
        return 0xffffffffL << (32 - prefix) & 0xffffffffL;
    }

    /** How many addresses it holds, network and broadcast addresses included. */
    public long size() {
        return 1L << (32 - prefix);
    }

    /** The {@code i}-th address of the subnet (0 is the network's own address). */
    public String host(long i) {
        return format(base + i);
    }

    /** The first usable address: the gateway podman gives a network. */
    public String firstHost() {
        return host(1);
    }

    public boolean contains(String address) {
        try {
            return (address(address) & mask(prefix)) == base;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Whether it shares an address with {@code other}. */
    public boolean overlaps(Subnet other) {
        int p = Math.min(prefix, other.prefix);
        return (base & mask(p)) == (other.base & mask(p));
    }

    @Override
    public String toString() {
        return format(base) + "/" + prefix;
    }
}
