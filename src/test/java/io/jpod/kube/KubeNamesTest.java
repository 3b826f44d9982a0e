package io.jpod.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class KubeNamesTest {
    @Test
    void objectNamesAreDns1123Subdomains() {
        assertTrue(KubeNames.isObjectName("web"));
        assertTrue(KubeNames.isObjectName("web.example-1"));
        assertTrue(KubeNames.isObjectName("a".repeat(253)));
        assertFalse(KubeNames.isObjectName("a".repeat(254)));
        assertFalse(KubeNames.isObjectName("Web"));
        assertFalse(KubeNames.isObjectName("web_1"));
        assertFalse(KubeNames.isObjectName("-web"));
        assertFalse(KubeNames.isObjectName(""));
    }

    @Test
    void invalidNamesBecomeDns1123Labels() {
        assertEquals("my-web-app", KubeNames.toDns1123Label("My_Web.App"));
        assertEquals("web", KubeNames.toDns1123Label("--web__"));
        assertEquals("a".repeat(63), KubeNames.toDns1123Label("a".repeat(100)));
        assertEquals("a".repeat(62), KubeNames.toDns1123Label("a".repeat(62) + "-b"), "no '-' left at the end after the cut");
        assertEquals(KubeNames.FALLBACK, KubeNames.toDns1123Label("___"), "never empty");
        String converted = KubeNames.toDns1123Label("Ünïcode Name!");
        assertTrue(KubeNames.isDns1123Label(converted), converted);
        assertEquals(converted, KubeNames.toDns1123Label("Ünïcode Name!"), "deterministic");
    }

    @Test
    void serviceNamesStartWithALetter() {
        assertTrue(KubeNames.isServiceName("web"));
        assertFalse(KubeNames.isServiceName("1web"));
        assertFalse(KubeNames.isServiceName("web.example"));
        assertEquals("svc-1web", KubeNames.toServiceName("1web"));
        assertEquals("web-example", KubeNames.toServiceName("web.example"));
        assertTrue(KubeNames.isServiceName(KubeNames.toServiceName("9".repeat(80))));
    }

    @Test
    void labelKeysFollowKubernetesRules() {
        assertTrue(KubeNames.isKey("app"));
        assertTrue(KubeNames.isKey("App_1.x"));
        assertTrue(KubeNames.isKey("example.com/my-key"));
        assertTrue(KubeNames.isKey("app.kubernetes.io/name"));
        assertFalse(KubeNames.isKey(""));
        assertFalse(KubeNames.isKey("my key"));
        assertFalse(KubeNames.isKey("Example.com/key"), "the prefix is a lower-case DNS subdomain");
        assertFalse(KubeNames.isKey("example.com/"));
        assertFalse(KubeNames.isKey("a/b/c"));
        assertFalse(KubeNames.isKey("k".repeat(64)));
        assertFalse(KubeNames.isKey("-key"));
    }

    @Test
    void invalidKeysAreConverted() {
        assertEquals("my-key", KubeNames.toKey("my key"));
        assertEquals("example.com/Key", KubeNames.toKey("Example.COM/Key"));
        assertEquals("a.b/c-d", KubeNames.toKey("a..-b/c/d"));
        assertEquals("key", KubeNames.toKey("/key"));
        assertEquals("", KubeNames.toKey("example.com/!!"), "nothing left of the name part");
        for (String k : new String[] {"my key", "Example.COM/Key", "a..-b/c/d", "x y.z!/_v_", "k".repeat(80)}) {
            assertTrue(KubeNames.isKey(KubeNames.toKey(k)), () -> k + " -> " + KubeNames.toKey(k));
        }
    }

    @Test
    void labelValues() {
        assertTrue(KubeNames.isLabelValue(""));
        assertTrue(KubeNames.isLabelValue("v1.2_x-Y"));
        assertFalse(KubeNames.isLabelValue("a b"));
        assertFalse(KubeNames.isLabelValue("v".repeat(64)));
        assertFalse(KubeNames.isLabelValue("_v"));
        assertEquals("a-b", KubeNames.toLabelValue("a b"));
        assertEquals("v", KubeNames.toLabelValue("_v."));
        assertEquals("", KubeNames.toLabelValue("!!!"));
        assertEquals(63, KubeNames.toLabelValue("v".repeat(64)).length());
    }
}
