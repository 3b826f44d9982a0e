package io.jpod.probe;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/**
 * The part of HPACK (RFC 7541) a gRPC health check needs: headers are sent as literals without
 * indexing and without Huffman coding (always valid), and a server's headers are decoded in full:
 * static and dynamic table, integers, and Huffman strings (the code is canonical, so the table is
 * rebuilt from each symbol's code length).
 */
final class Hpack {
    private Hpack() {
    }

    /** A header field. */
    record Field(String name, String value) {
    }

    /** The header block of {@code fields}, each a literal without indexing, its name a literal too. */
    static byte[] encode(List<Field> fields) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Field f : fields) {
            out.write(0x00);
            writeString(out, f.name());
            writeString(out, f.value());
        }
        return out.toByteArray();
    }

    private static void writeString(ByteArrayOutputStream out, String s) {
        byte[] bytes = s.getBytes(StandardCharsets.ISO_8859_1);
        writeInt(out, 0x00, 7, bytes.length);
        out.writeBytes(bytes);
    }

    static void writeInt(ByteArrayOutputStream out, int flags, int prefixBits, int value) {
        int max = (1 << prefixBits) - 1;
        if (value < max) {
            out.write(flags | value);
            return;
        }
        out.write(flags | max);
        value -= max;
        while (value >= 128) {
            out.write((value & 0x7f) | 0x80);
            value >>>= 7;
        }
        out.write(value);
    }

    /** Decodes header blocks of one connection, in order (its dynamic table lives from block to block). */
    static final class Decoder {
        private final Deque<Field> dynamic = new ArrayDeque<>();
        private int size;
        private int maxSize = 4096;
        private byte[] in;
        private int pos;

        List<Field> decode(byte[] block) throws IOException {
            in = block;
            pos = 0;
            List<Field> fields = new ArrayList<>();
            while (pos < in.length) {
                int b = in[pos] & 0xff;
                if ((b & 0x80) != 0) {
                    fields.add(field(readInt(7)));
                } else if ((b & 0xc0) == 0x40) {
                    Field f = literal(6);
                    fields.add(f);
                    add(f);
                } else if ((b & 0xe0) == 0x20) {
                    int newMax = readInt(5);
                    if (newMax > 4096) {
                        throw new IOException("hpack: dynamic table size " + newMax + " over 4096");
                    }
                    maxSize = newMax;
                    evict();
                } else {
                    fields.add(literal(4));
                }
            }
            return fields;
        }

        private Field literal(int prefixBits) throws IOException {
            int index = readInt(prefixBits);
            String name = index == 0 ? readString() : field(index).name();
            return new Field(name, readString());
        }

        private Field field(int index) throws IOException {
            if (index >= 1 && index <= STATIC.length) {
                return STATIC[index - 1];
            }
            int i = index - STATIC.length - 1;
            if (index <= 0 || i >= dynamic.size()) {
                throw new IOException("hpack: invalid index " + index);
            }
            return dynamic.stream().skip(i).findFirst().orElseThrow();
        }

        private void add(Field f) {
            dynamic.addFirst(f);
            size += entrySize(f);
            evict();
        }

        private void evict() {
            while (size > maxSize && !dynamic.isEmpty()) {
                size -= entrySize(dynamic.removeLast());
            }
        }

        private static int entrySize(Field f) {
            return f.name().length() + f.value().length() + 32;
        }

        private int readInt(int prefixBits) throws IOException {
            int max = (1 << prefixBits) - 1;
            int value = next() & max;
            if (value < max) {
                return value;
            }
            for (int shift = 0; shift <= 28; shift += 7) {
                int b = next();
                value += (b & 0x7f) << shift;
                if ((b & 0x80) == 0) {
                    return value;
                }
            }
            throw new IOException("hpack: integer too large");
        }

        private String readString() throws IOException {
            boolean huffman = (in.length > pos) && (in[pos] & 0x80) != 0;
            int length = readInt(7);
            if (length > in.length - pos) {
                throw new IOException("hpack: string past the end of the block");
            }
            String s = huffman ? Huffman.decode(in, pos, length) : new String(in, pos, length, StandardCharsets.ISO_8859_1);
            pos += length;
            return s;
        }

        private int next() throws IOException {
            if (pos >= in.length) {
                throw new IOException("hpack: truncated header block");
            }
            return in[pos++] & 0xff;
        }
    }

    /** HPACK's canonical Huffman code (RFC 7541 appendix B), rebuilt from the code length of each symbol (256: EOS). */
    static final class Huffman {
        private static final int[] LENGTHS = {13,23,28,28,28,28,28,28,28,24,30,28,28,30,28,28,28,28,28,28,28,28,30,28,28,28,28,28,28,28,28,28,6,10,10,12,13,6,8,11,10,10,8,11,8,6,6,6,5,5,5,6,6,6,6,6,6,6,7,8,15,6,12,10,13,6,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,8,7,8,13,19,13,14,6,15,5,6,5,6,5,6,6,6,5,7,7,6,6,6,5,6,7,6,5,5,6,7,7,7,7,7,15,11,14,13,28,20,22,20,20,22,22,22,23,22,23,23,23,23,23,24,23,24,24,22,23,24,23,23,23,23,21,22,23,22,23,23,24,22,21,20,22,22,23,23,21,23,22,22,24,21,22,23,23,21,21,22,21,23,22,23,23,20,22,22,22,23,22,22,23,26,26,20,19,22,23,22,25,26,26,26,27,27,26,24,25,19,21,26,27,27,26,27,24,21,21,26,26,28,27,27,27,20,24,20,21,22,21,21,23,22,22,25,25,24,24,26,23,26,27,26,26,27,27,27,27,27,28,27,27,27,27,27,26,30};
        /** Per code length: the first code of that length, and the index in {@link #SYMBOLS} of its symbol. */
        private static final int[] FIRST_CODE = new int[31];
        private static final int[] FIRST_INDEX = new int[31];
        private static final int[] COUNT = new int[31];
        private static final int[] SYMBOLS = new int[257];

        static {
            for (int len : LENGTHS) {
                COUNT[len]++;
            }
            int code = 0;
            int index = 0;
            for (int len = 1; len <= 30; len++) {
                code = (code + COUNT[len - 1]) << 1;
                FIRST_CODE[len] = code;
                FIRST_INDEX[len] = index;
                for (int s = 0; s < LENGTHS.length; s++) {
                    if (LENGTHS[s] == len) {
                        SYMBOLS[index++] = s;
                    }
                }
            }
        }

        private Huffman() {
        }

        static String decode(byte[] in, int offset, int length) throws IOException {
            StringBuilder out = new StringBuilder();
            int code = 0;
            int bits = 0;
            for (int i = offset; i < offset + length; i++) {
                for (int bit = 7; bit >= 0; bit--) {
                    code = (code << 1) | ((in[i] >> bit) & 1);
                    bits++;
                    int k = code - FIRST_CODE[bits];
                    if (k >= 0 && k < COUNT[bits]) {
                        int symbol = SYMBOLS[FIRST_INDEX[bits] + k];
                        if (symbol == 256) {
                            throw new IOException("hpack: EOS in a Huffman string");
                        }
                        out.append((char) symbol);
                        code = 0;
                        bits = 0;
                    } else if (bits >= 30) {
                        throw new IOException("hpack: invalid Huffman code");
                    }
                }
            }
            if (bits > 7 || code != (1 << bits) - 1) {
                throw new IOException("hpack: invalid Huffman padding");
            }
            return out.toString();
        }
    }

    private static final Field[] STATIC = table(":authority", "", ":method", "GET", ":method", "POST", ":path", "/", ":path", "/index.html",
            ":scheme", "http", ":scheme", "https", ":status", "200", ":status", "204", ":status", "206", ":status", "304", ":status", "400",
            ":status", "404", ":status", "500", "accept-charset", "", "accept-encoding", "gzip, deflate", "accept-language", "",
            "accept-ranges", "", "accept", "", "access-control-allow-origin", "", "age", "", "allow", "", "authorization", "",
            "cache-control", "", "content-disposition", "", "content-encoding", "", "content-language", "", "content-length", "",
            "content-location", "", "content-range", "", "content-type", "", "cookie", "", "date", "", "etag", "", "expect", "",
            "expires", "", "from", "", "host", "", "if-match", "", "if-modified-since", "", "if-none-match", "", "if-range", "",
            "if-unmodified-since", "", "last-modified", "", "link", "", "location", "", "max-forwards", "", "proxy-authenticate", "",
            "proxy-authorization", "", "range", "", "referer", "", "refresh", "", "retry-after", "", "server", "", "set-cookie", "",
            "strict-transport-security", "", "transfer-encoding", "", "user-agent", "", "vary", "", "via", "", "www-authenticate", "");

    private static Field[] table(String... pairs) {
        Field[] fields = new Field[pairs.length / 2];
        for (int i = 0; i < fields.length; i++) {
            fields[i] = new Field(pairs[2 * i], pairs[2 * i + 1]);
        }
        return fields;
    }

    /** The static table's size, for tests. */
    static int staticSize() {
        return STATIC.length;
    }

    static Map<String, String> toMap(List<Field> fields) {
        Map<String, String> map = new java.util.LinkedHashMap<>();
        fields.forEach(f -> map.putIfAbsent(f.name(), f.value()));
        return map;
    }
}
