package io.jpod.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jpod.error.InvalidInputException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigDataTest {
    static KubeDocument doc(String yaml) {
        List<KubeDocument> docs = new KubeReader().parse("c.yaml", new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)));
        assertEquals(1, docs.size());
        return docs.get(0);
    }

    @Test
    void aConfigMapKeepsItsDataInOrder() {
        ConfigData.Result r = ConfigData.of(doc("""
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: app-config}
                data:
                  mode: production
                  port: "8080"
                  empty:
                """));
        assertEquals("ConfigMap", r.config().kind());
        assertEquals("app-config", r.config().name());
        assertFalse(r.config().secret());
        assertEquals(List.of("mode", "port", "empty"), List.copyOf(r.config().data().keySet()));
        assertEquals(Map.of("mode", "production", "port", "8080", "empty", ""), r.config().data());
        assertEquals(List.of(), r.warnings());
        assertEquals("c.yaml:1:1", r.config().where());
    }

    @Test
    void aSecretDecodesDataAndStringDataWins() {
        ConfigData.Result r = ConfigData.of(doc("""
                apiVersion: v1
                kind: Secret
                metadata: {name: db}
                type: Opaque
                data:
                  user: YWRtaW4=
                  password: aHVudGVyMg==
                stringData:
                  password: plain-wins
                """));
        assertTrue(r.config().secret());
        assertEquals(Map.of("user", "admin", "password", "plain-wins"), r.config().data());
    }

    @Test
    void aSecretNeverShowsItsValues() {
        ConfigData c = ConfigData.of(doc("""
                apiVersion: v1
                kind: Secret
                metadata: {name: db}
                stringData: {password: hunter2}
                """)).config();
        assertFalse(c.toString().contains("hunter2"), c.toString());
        assertTrue(c.toString().contains("password"), c.toString());
    }

    @Test
    void badBase64IsRefusedNamingTheKeyNotTheValue() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> ConfigData.of(doc("""
                apiVersion: v1
                kind: Secret
                metadata: {name: db}
                data:
                  password: not*base64!hunter2
                """)));
        assertTrue(e.getMessage().startsWith("c.yaml:1:1: data.password: Secret db:"), e.getMessage());
        assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
    }

    @Test
    void aBinarySecretKeyIsLeftOutWithAWarning() {
        ConfigData.Result r = ConfigData.of(doc("""
                apiVersion: v1
                kind: Secret
                metadata: {name: certs}
                data:
                  der: //79
                  text: aGk=
                """));
        assertEquals(Map.of("text", "hi"), r.config().data());
        assertEquals(List.of("c.yaml:1:1: Secret certs: data.der is binary, not UTF-8 text: it cannot be an environment variable"),
                r.warnings());
    }

    @Test
    void invalidNamesAndKeysAreRefused() {
        InvalidInputException noName = assertThrows(InvalidInputException.class, () -> ConfigData.of(doc("""
                apiVersion: v1
                kind: ConfigMap
                data: {a: b}
                """)));
        assertEquals("c.yaml:1:1: metadata.name: a ConfigMap needs a name", noName.getMessage());
        InvalidInputException badKey = assertThrows(InvalidInputException.class, () -> ConfigData.of(doc("""
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: c}
                data: {"a b": x}
                """)));
        assertTrue(badKey.getMessage().startsWith("c.yaml:1:1: data.a b: not a valid key"), badKey.getMessage());
        InvalidInputException nested = assertThrows(InvalidInputException.class, () -> ConfigData.of(doc("""
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: c}
                data: {a: {b: c}}
                """)));
        assertEquals("c.yaml:1:1: data.a: must be a string", nested.getMessage());
    }

    /** ConfigData's own field check; in a play the validator refuses such a field first (an unknown one). */
    @Test
    void aFieldItDoesNotReadIsWarnedAbout() {
        ConfigData.Result r = ConfigData.of(doc("""
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: c, labels: {a: b}}
                immutable: true
                data: {a: b}
                frobnicate: yes
                """));
        assertEquals(List.of("c.yaml:1:1: ConfigMap c: field frobnicate is not supported yet and is ignored"), r.warnings());
    }
}
