package io.jpod.oci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jpod.error.InvalidInputException;
import java.util.List;
import org.junit.jupiter.api.Test;

class UsersTest {
    private static final List<String> PASSWD = List.of(
            "root:x:0:0:root:/root:/bin/sh",
            "daemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin",
            "nginx:x:101:101:nginx user:/var/cache/nginx:/sbin/nologin",
            "app:x:1000:1000::/home/app:/bin/sh",
            "nohome:x:2000:2000::",
            "# not an entry",
            "");
    private static final List<String> GROUP = List.of("root:x:0:", "nginx:x:101:", "staff:x:50:app", "app:x:1000:");

    private static Users.Resolved resolve(String user) {
        return Users.resolve(user, PASSWD, GROUP);
    }

    @Test
    void noUserIsRoot() {
        assertEquals(new Users.Resolved(0, 0, "/root"), resolve(null));
        assertEquals(new Users.Resolved(0, 0, "/root"), resolve(""));
        assertEquals(new Users.Resolved(0, 0, "/root"), Users.resolve(null, List.of(), List.of()));
    }

    @Test
    void byName() {
        assertEquals(new Users.Resolved(101, 101, "/var/cache/nginx"), resolve("nginx"));
        assertEquals(new Users.Resolved(1000, 1000, "/home/app"), resolve("app"));
    }

    @Test
    void byUidInPasswdTakesItsGroupAndHome() {
        assertEquals(new Users.Resolved(1000, 1000, "/home/app"), resolve("1000"));
        assertEquals(new Users.Resolved(0, 0, "/root"), resolve("0"));
    }

    @Test
    void uidNotInPasswdHasGroupZeroAndHomeSlash() {
        assertEquals(new Users.Resolved(4242, 0, "/"), resolve("4242"));
        assertEquals(new Users.Resolved(4242, 0, "/"), Users.resolve("4242", List.of(), List.of()));
    }

    @Test
    void uidAndGid() {
        assertEquals(new Users.Resolved(1000, 50, "/home/app"), resolve("1000:50"));
        assertEquals(new Users.Resolved(4242, 4343, "/"), resolve("4242:4343"));
    }

    @Test
    void nameAndGroupName() {
        assertEquals(new Users.Resolved(1000, 50, "/home/app"), resolve("app:staff"));
        assertEquals(new Users.Resolved(101, 0, "/var/cache/nginx"), resolve("nginx:root"));
        assertEquals(new Users.Resolved(1000, 101, "/home/app"), resolve("app:101"));
    }

    @Test
    void unknownNameIsAnError() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> resolve("ghost"));
        assertEquals("USER ghost: user \"ghost\" is not in the container's /etc/passwd", e.getMessage());
        assertThrows(InvalidInputException.class, () -> Users.resolve("app", List.of(), List.of()));
    }

    @Test
    void unknownGroupNameIsAnError() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> resolve("app:wheel"));
        assertEquals("USER app:wheel: group \"wheel\" is not in the container's /etc/group", e.getMessage());
    }

    @Test
    void entryWithEmptyTrailingFieldsIsFound() {
        // "nohome:x:2000:2000::" has an empty home and shell
        assertEquals(new Users.Resolved(2000, 2000, "/"), resolve("nohome"));
        assertEquals(new Users.Resolved(2000, 2000, "/"), resolve("2000"));
    }
}
