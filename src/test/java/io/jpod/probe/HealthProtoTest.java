package io.jpod.probe;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class HealthProtoTest {
    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replace(" ", ""));
    }

    @Test
    void requestsAreLengthPrefixedProtobuf() {
        assertArrayEquals(hex("00 00000005 0a 03 737663"), HealthProto.request("svc"));
        assertArrayEquals(hex("00 00000000"), HealthProto.request(null));
        assertArrayEquals(hex("00 00000000"), HealthProto.request(""));
        byte[] longName = HealthProto.request("s".repeat(200));
        assertArrayEquals(hex("00 000000cb 0a c801"), java.util.Arrays.copyOf(longName, 8));
    }

    @Test
    void theStatusIsReadAndUnknownFieldsSkipped() throws IOException {
        assertEquals(1, HealthProto.status(hex("00 00000002 0801")));
        assertEquals(2, HealthProto.status(hex("00 00000007 1203616263 0802")));
        assertEquals(0, HealthProto.status(hex("00 00000000")), "an empty message is UNKNOWN, protobuf's default");
        assertEquals("NOT_SERVING", HealthProto.statusName(2));
        assertEquals("7", HealthProto.statusName(7));
    }

    @Test
    void brokenMessagesAreRefused() {
        assertThrows(IOException.class, () -> HealthProto.status(hex("00 0000")));
        assertThrows(IOException.class, () -> HealthProto.status(hex("00 00000005 0801")));
        assertThrows(IOException.class, () -> HealthProto.status(hex("01 00000002 0801")));
        assertThrows(IOException.class, () -> HealthProto.status(hex("00 00000001 08")));
    }
}
