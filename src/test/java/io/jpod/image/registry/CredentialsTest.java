package io.jpod.image.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jpod.error.InvalidInputException;
import org.junit.jupiter.api.Test;

class CredentialsTest {
    @Test
    void basicHeaderIsBase64OfUserColonPassword() {
        Credentials c = new Credentials("aladdin", "opensesame");
        assertEquals("Basic YWxhZGRpbjpvcGVuc2VzYW1l", c.basicHeader());
        assertEquals("YWxhZGRpbjpvcGVuc2VzYW1l", c.encoded());
    }

    @Test
    void credsOptionSplitsAtTheFirstColon() {
        Credentials c = Credentials.parse("user:pa:ss");
        assertEquals("user", c.username());
        assertEquals("pa:ss", c.password());
        assertEquals("", Credentials.parse("onlyuser").password());
        assertThrows(InvalidInputException.class, () -> Credentials.parse(":pw"));
    }

    @Test
    void decodesAuthEntries() {
        assertEquals(new Credentials("u", "p:w"), Credentials.decode(new Credentials("u", "p:w").encoded()));
        assertNull(Credentials.decode("not base64!"));
        assertNull(Credentials.decode("bm9jb2xvbg==")); // "nocolon"
    }

    @Test
    void toStringHidesThePassword() {
        assertFalse(new Credentials("u", "secret").toString().contains("secret"));
    }
}
