package io.jpod.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * A real registry with htpasswd basic authentication (Debian's docker-registry and htpasswd, no
 * token service): refused without credentials, login checks the password, push and pull with the
 * stored credentials, and logout forgets them.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RegistryAuthIT {
    private static final String USER = "tester";
    private static final String PASSWORD = "s3cret-pass";
    private static Harness h;
    private static LocalRegistry registry;
    private static String imageId;

    @BeforeAll
    static void setUp() throws Exception {
        h = Harness.forClass();
        registry = LocalRegistry.start(USER, PASSWORD);
    }

    @AfterAll
    static void tearDown() {
        LocalRegistry.closeAfter(h, registry);
    }

    private static String host() {
        return registry.host();
    }

    /** The image's name in the registry. */
    private static String name() {
        return registry.host() + "/team/busybox:v1";
    }

    private Result login(String password) {
        return h.jpodWith(Harness.TIMEOUT, password + "\n", "login", "--tls-verify=false", "-u", USER, "--password-stdin", host());
    }

    @Test
    @Order(1)
    void withoutCredentialsPushAndPullAreRefusedWithAHint() {
        h.importBusybox();
        imageId = Harness.json(h.jpodOk("image", "inspect", Harness.IMAGE)).path(0).path("Id").asString("");
        Result push = h.jpodError("push", "-q", "--tls-verify=false", Harness.IMAGE, name());
        assertTrue(push.err().contains("authentication required") && push.err().contains("jpod login " + host()), push::describe);
        Result pull = h.jpodError("pull", "-q", "--tls-verify=false", name());
        assertTrue(pull.err().contains("authentication required") && pull.err().contains(host()), pull::describe);
    }

    @Test
    @Order(2)
    void loginChecksThePassword() {
        Result wrong = login("not-the-password");
        assertEquals(125, wrong.code(), wrong::describe);
        Harness.assertOneErrorLine(wrong);
        assertTrue(wrong.err().contains("invalid username/password") && wrong.err().contains(host()), wrong::describe);
        Result right = login(PASSWORD);
        assertEquals(0, right.code(), right::describe);
        assertEquals("Login Succeeded!", right.out().strip(), right::describe);
    }

    @Test
    @Order(3)
    void pushAndPullWithTheStoredCredentials() {
        h.jpodOk("push", "--tls-verify=false", Harness.IMAGE, name());
        h.jpodOk("rmi", Harness.IMAGE);
        Result pulled = h.jpodOk("pull", "-q", "--tls-verify=false", name());
        assertEquals(List.of(imageId), pulled.outLines(), pulled::describe);
    }

    @Test
    @Order(4)
    void credsOnTheCommandLineAndLogoutForgetsTheStoredOnes() {
        h.jpodOk("logout", host());
        h.jpodOk("rmi", name());
        Result refused = h.jpodError("pull", "-q", "--tls-verify=false", name());
        assertTrue(refused.err().contains("authentication required"), refused::describe);
        Result wrong = h.jpodError("pull", "-q", "--tls-verify=false", "--creds", USER + ":nope", name());
        assertTrue(wrong.err().contains("the credentials were refused"), wrong::describe);
        Result pulled = h.jpodOk("pull", "-q", "--tls-verify=false", "--creds", USER + ":" + PASSWORD, name());
        assertEquals(List.of(imageId), pulled.outLines(), pulled::describe);
    }
}
