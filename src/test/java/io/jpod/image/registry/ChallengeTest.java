package io.jpod.image.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChallengeTest {
    @Test
    void parsesDockerHubBearerChallenge() {
        List<Challenge> cs = Challenge.parse(
                "Bearer realm=\"https://auth.docker.io/token\",service=\"registry.docker.io\",scope=\"repository:library/nginx:pull\"");
        assertEquals(1, cs.size());
        Challenge c = cs.get(0);
        assertEquals("bearer", c.scheme());
        assertEquals("https://auth.docker.io/token", c.param("realm"));
        assertEquals("registry.docker.io", c.param("service"));
        assertEquals("repository:library/nginx:pull", c.param("scope"));
    }

    @Test
    void parsesBasicWithRealmAndSchemeCase() {
        List<Challenge> cs = Challenge.parse("basic realm=\"Registry Realm\"");
        assertEquals(1, cs.size());
        assertEquals("basic", cs.get(0).scheme());
        assertEquals("Registry Realm", cs.get(0).param("REALM"));
    }

    @Test
    void parsesSeveralChallengesAndUnquotedValues() {
        List<Challenge> cs = Challenge.parse("Basic realm=x, Bearer realm=\"https://a/t?x=1\", error=\"invalid_token\"");
        assertEquals(2, cs.size());
        assertEquals("x", cs.get(0).param("realm"));
        assertEquals("bearer", cs.get(1).scheme());
        assertEquals("https://a/t?x=1", cs.get(1).param("realm"));
        assertEquals("invalid_token", cs.get(1).param("error"));
    }

    @Test
    void quotedValuesKeepCommasAndEscapes() {
        Challenge c = Challenge.parse("Bearer realm=\"https://h/t\",scope=\"repository:a/b:pull,push\",x=\"q\\\"uote\"").get(0);
        assertEquals("repository:a/b:pull,push", c.param("scope"));
        assertEquals("q\"uote", c.param("x"));
    }

    @Test
    void emptyOrMissingHeaderHasNoChallenge() {
        assertTrue(Challenge.parse(null).isEmpty());
        assertTrue(Challenge.parse("").isEmpty());
        assertNull(Challenge.parse("Basic").get(0).param("realm"));
    }

    @Test
    void tokenRequestCarriesServiceAndScope() {
        Challenge c = Challenge.parse("Bearer realm=\"https://auth.example/token\",service=\"reg.example\"").get(0);
        URI u = FetchToken.uri(c, "repository:library/nginx:pull");
        assertEquals("https://auth.example/token?service=reg.example&scope=repository%3Alibrary%2Fnginx%3Apull", u.toString());
        Challenge withScope = Challenge.parse("Bearer realm=\"https://a/t?x=1\",scope=\"repository:x:pull\"").get(0);
        assertEquals("https://a/t?x=1&scope=repository%3Ax%3Apull", FetchToken.uri(withScope, "other").toString());
        Challenge bare = Challenge.parse("Bearer realm=\"https://a/t\"").get(0);
        assertEquals("https://a/t", FetchToken.uri(bare, "").toString());
    }

    @Test
    void registryErrorBodiesGiveTheirFirstMessage() {
        byte[] body = "{\"errors\":[{\"code\":\"MANIFEST_UNKNOWN\",\"message\":\"manifest unknown\",\"detail\":{}}]}".getBytes();
        assertEquals("manifest unknown: manifest unknown", RegistryErrors.registryError(body, "x"));
        assertEquals("fallback", RegistryErrors.registryError("<html>".getBytes(), "fallback"));
    }
}
