package io.jpod.probe;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** HPACK against the examples of RFC 7541, appendix C. */
class HpackTest {
    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replace(" ", ""));
    }

    private static Hpack.Field f(String name, String value) {
        return new Hpack.Field(name, value);
    }

    @Test
    void integersAsC1() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Hpack.writeInt(out, 0, 5, 10);
        Hpack.writeInt(out, 0, 5, 1337);
        Hpack.writeInt(out, 0, 8, 42);
        assertArrayEquals(hex("0a 1f9a0a 2a"), out.toByteArray());
    }

    @Test
    void huffmanStringsAsC4() throws IOException {
        byte[] www = hex("f1e3 c2e5 f23a 6ba0 ab90 f4ff");
        assertEquals("www.example.com", Hpack.Huffman.decode(www, 0, www.length));
        byte[] noCache = hex("a8eb 1064 9cbf");
        assertEquals("no-cache", Hpack.Huffman.decode(noCache, 0, noCache.length));
        byte[] custom = hex("25a8 49e9 5bb8 e8b4 bf");
        assertEquals("custom-value", Hpack.Huffman.decode(custom, 0, custom.length));
        byte[] date = hex("d07a be94 1054 d444 a820 0595 040b 8166 e082 a62d 1bff");
        assertEquals("Mon, 21 Oct 2013 20:13:21 GMT", Hpack.Huffman.decode(date, 0, date.length));
    }

    @Test
    void badHuffmanPaddingIsRefused() {
        byte[] zeros = hex("f1e3 c2e5 f23a 6ba0 ab90 f400");
        assertThrows(IOException.class, () -> Hpack.Huffman.decode(zeros, 0, zeros.length));
    }

    @Test
    void requestsWithTheDynamicTableAsC3() throws IOException {
        Hpack.Decoder decoder = new Hpack.Decoder();
        assertEquals(List.of(f(":method", "GET"), f(":scheme", "http"), f(":path", "/"), f(":authority", "www.example.com")),
                decoder.decode(hex("8286 8441 0f77 7777 2e65 7861 6d70 6c65 2e63 6f6d")));
        assertEquals(List.of(f(":method", "GET"), f(":scheme", "http"), f(":path", "/"), f(":authority", "www.example.com"),
                f("cache-control", "no-cache")), decoder.decode(hex("8286 84be 5808 6e6f 2d63 6163 6865")));
        assertEquals(List.of(f(":method", "GET"), f(":scheme", "https"), f(":path", "/index.html"), f(":authority", "www.example.com"),
                f("custom-key", "custom-value")),
                decoder.decode(hex("8287 85bf 400a 6375 7374 6f6d 2d6b 6579 0c63 7573 746f 6d2d 7661 6c75 65")));
    }

    @Test
    void responsesWithHuffmanAndEvictionAsC6() throws IOException {
        Hpack.Decoder decoder = new Hpack.Decoder();
        decoder.decode(hex("3fe101")); // C.6 runs with a table of 256 bytes: a size update, as a server would send it
        assertEquals(List.of(f(":status", "302"), f("cache-control", "private"), f("date", "Mon, 21 Oct 2013 20:13:21 GMT"),
                f("location", "https://www.example.com")), decoder.decode(hex("""
                4882 6402 5885 aec3 771a 4b61 96d0 7abe 9410 54d4 44a8 2005 9504 0b81 66e0 82a6 2d1b ff6e 919d 29ad 1718 63c7 8f0b 97c8 e9ae
                82ae 43d3""".replace("\n", ""))));
        assertEquals(List.of(f(":status", "307"), f("cache-control", "private"), f("date", "Mon, 21 Oct 2013 20:13:21 GMT"),
                f("location", "https://www.example.com")), decoder.decode(hex("4883 640e ff c1 c0 bf")));
    }

    @Test
    void whatItEncodesItDecodes() throws IOException {
        List<Hpack.Field> fields = List.of(f(":path", "/grpc.health.v1.Health/Check"), f("x-long", "v".repeat(300)));
        byte[] block = Hpack.encode(fields);
        assertEquals(0x00, block[0], "a literal without indexing, with a literal name");
        assertEquals(fields, new Hpack.Decoder().decode(block));
    }

    @Test
    void aBadIndexIsRefused() {
        assertThrows(IOException.class, () -> new Hpack.Decoder().decode(hex("be")));
        assertEquals(61, Hpack.staticSize());
    }
}
