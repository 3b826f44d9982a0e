package io.jpod.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jpod.error.InvalidInputException;
import io.jpod.pod.EnvVar;
import java.util.List;
import org.junit.jupiter.api.Test;

/** env valueFrom and envFrom, through the Pod translator. */
class EnvTranslatorTest {
    private static final PodTranslator translator = new PodTranslator(KubeMapper.yaml());
    private static final EnvSources SOURCES = EnvSources.of(List.of(
            ConfigData.of(ConfigDataTest.doc("""
                    apiVersion: v1
                    kind: ConfigMap
                    metadata: {name: app-config}
                    data: {mode: production, port: "8080", "1st": skipped}
                    """)).config(),
            ConfigData.of(ConfigDataTest.doc("""
                    apiVersion: v1
                    kind: Secret
                    metadata: {name: db}
                    stringData: {user: admin, password: hunter2}
                    """)).config()), false);

    /** A pod whose only container has {@code envLines} (indented by four) below its image. */
    private static String pod(String envLines) {
        return """
                apiVersion: v1
                kind: Pod
                metadata:
                  name: web
                  namespace: shop
                  labels: {app: web, tier: front}
                  annotations: {example.com/owner: team-a}
                spec:
                  containers:
                  - name: app
                    image: busybox
                %s""".formatted(envLines);
    }

    private static PodTranslator.Result translate(String yaml, EnvSources sources) {
        return translator.translate(ConfigDataTest.doc(yaml), sources);
    }

    private static List<EnvVar> env(String envLines) {
        return translate(pod(envLines), SOURCES).pod().containers().get(0).env();
    }

    /** A variable taken from key {@code key} of ConfigMap {@code name}. */
    static EnvVar cm(String var, String value, String name, String key) {
        return new EnvVar(var, value, false, new EnvVar.Source(false, name, key));
    }

    /** A variable taken from key {@code key} of Secret {@code name}. */
    static EnvVar secret(String var, String value, String name, String key) {
        return new EnvVar(var, value, true, new EnvVar.Source(true, name, key));
    }

    private static String rejected(String envLines) {
        return assertThrows(InvalidInputException.class, () -> translate(pod(envLines), SOURCES)).getMessage();
    }

    @Test
    void configMapAndSecretKeys() {
        assertEquals(List.of(cm("MODE", "production", "app-config", "mode"), secret("DB_PASSWORD", "hunter2", "db", "password")), env("""
                    env:
                    - name: MODE
                      valueFrom: {configMapKeyRef: {name: app-config, key: mode}}
                    - name: DB_PASSWORD
                      valueFrom: {secretKeyRef: {name: db, key: password}}
                """));
    }

    @Test
    void optionalReferencesToWhatIsMissingLeaveTheVariableOut() {
        assertEquals(List.of(new EnvVar("KEEP", "1")), env("""
                    env:
                    - name: NO_MAP
                      valueFrom: {configMapKeyRef: {name: nosuch, key: k, optional: true}}
                    - name: NO_KEY
                      valueFrom: {secretKeyRef: {name: db, key: nosuch, optional: true}}
                    - name: KEEP
                      value: "1"
                    envFrom:
                    - configMapRef: {name: nosuch, optional: true}
                    - secretRef: {name: nosuch, optional: true}
                """));
    }

    @Test
    void aMissingConfigMapIsRefusedNamingTheReference() {
        assertEquals("c.yaml:1:1: spec.containers[0].env[0].valueFrom.configMapKeyRef: Pod web: ConfigMap \"nosuch\" not found:"
                + " put it in the played files or a --configmap file, or mark the reference optional: true", rejected("""
                    env:
                    - name: A
                      valueFrom: {configMapKeyRef: {name: nosuch, key: k}}
                """));
    }

    @Test
    void aMissingSecretOrKeyIsRefusedWithoutShowingValues() {
        String secret = rejected("""
                    env:
                    - name: A
                      valueFrom: {secretKeyRef: {name: nosuch, key: k}}
                """);
        assertTrue(secret.startsWith("c.yaml:1:1: spec.containers[0].env[0].valueFrom.secretKeyRef: Pod web: Secret \"nosuch\" not found"),
                secret);
        String key = rejected("""
                    env:
                    - name: A
                      valueFrom: {secretKeyRef: {name: db, key: passwd}}
                """);
        assertEquals("c.yaml:1:1: spec.containers[0].env[0].valueFrom.secretKeyRef.key: Pod web: Secret db has no key \"passwd\"", key);
        assertFalse(key.contains("hunter2"));
        String envFrom = rejected("""
                    envFrom:
                    - secretRef: {name: nosuch}
                """);
        assertTrue(envFrom.startsWith("c.yaml:1:1: spec.containers[0].envFrom[0].secretRef: Pod web: Secret \"nosuch\" not found"),
                envFrom);
    }

    @Test
    void badReferencesAreRefused() {
        assertEquals("c.yaml:1:1: spec.containers[0].env[0].valueFrom.configMapKeyRef.key: a ConfigMap key reference needs a key",
                rejected("""
                    env:
                    - name: A
                      valueFrom: {configMapKeyRef: {name: app-config}}
                """));
        assertEquals("c.yaml:1:1: spec.containers[0].env[0].valueFrom: give exactly one of configMapKeyRef, secretKeyRef,"
                + " fieldRef and resourceFieldRef", rejected("""
                    env:
                    - name: A
                      valueFrom:
                        configMapKeyRef: {name: app-config, key: mode}
                        fieldRef: {fieldPath: metadata.name}
                """));
        assertEquals("c.yaml:1:1: spec.containers[0].envFrom[0]: give exactly one of configMapRef and secretRef", rejected("""
                    envFrom:
                    - prefix: X_
                """));
    }

    @Test
    void fieldRefs() {
        List<EnvVar> env = env("""
                    env:
                    - {name: NAME, valueFrom: {fieldRef: {fieldPath: metadata.name}}}
                    - {name: NS, valueFrom: {fieldRef: {fieldPath: metadata.namespace}}}
                    - {name: UID, valueFrom: {fieldRef: {fieldPath: metadata.uid}}}
                    - {name: APP, valueFrom: {fieldRef: {fieldPath: "metadata.labels['app']"}}}
                    - {name: NONE, valueFrom: {fieldRef: {fieldPath: "metadata.labels['nosuch']"}}}
                    - {name: OWNER, valueFrom: {fieldRef: {fieldPath: "metadata.annotations['example.com/owner']"}}}
                    - {name: IP, valueFrom: {fieldRef: {apiVersion: v1, fieldPath: status.podIP}}}
                """);
        assertEquals(List.of("NAME=web", "NS=shop", "APP=web", "NONE=", "OWNER=team-a", "IP=10.0.2.100"),
                env.stream().filter(e -> !e.name().equals("UID")).map(EnvVar::asEntry).toList());
        String uid = env.stream().filter(e -> e.name().equals("UID")).findFirst().orElseThrow().value();
        assertTrue(uid.matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"), uid);
        assertEquals(uid, env("""
                    env:
                    - {name: UID, valueFrom: {fieldRef: {fieldPath: metadata.uid}}}
                """).get(0).value(), "the uid is the same at every play");
    }

    @Test
    void theNamespaceDefaultsToDefault() {
        PodTranslator.Result r = translate("""
                apiVersion: v1
                kind: Pod
                metadata: {name: p}
                spec:
                  containers:
                  - name: app
                    image: busybox
                    env:
                    - {name: NS, valueFrom: {fieldRef: {fieldPath: metadata.namespace}}}
                """, SOURCES);
        assertEquals(List.of(EnvVar.ofField("NS", "default", "metadata.namespace")), r.pod().containers().get(0).env());
    }

    @Test
    void anUnsupportedFieldPathIsRefused() {
        String m = rejected("""
                    env:
                    - {name: NODE, valueFrom: {fieldRef: {fieldPath: spec.nodeName}}}
                """);
        assertTrue(m.startsWith("c.yaml:1:1: spec.containers[0].env[0].valueFrom.fieldRef.fieldPath: fieldPath \"spec.nodeName\""
                + " is not supported"), m);
    }

    @Test
    void envFromComesFirstWithItsPrefixAndEnvOverridesIt() {
        PodTranslator.Result r = translate(pod("""
                    envFrom:
                    - configMapRef: {name: app-config}
                    - prefix: DB_
                      secretRef: {name: db}
                    env:
                    - {name: mode, value: overridden}
                """), SOURCES);
        assertEquals(List.of(cm("mode", "production", "app-config", "mode"), cm("port", "8080", "app-config", "port"),
                secret("DB_user", "admin", "db", "user"), secret("DB_password", "hunter2", "db", "password"),
                new EnvVar("mode", "overridden")), r.pod().containers().get(0).env());
        assertEquals(List.of("c.yaml:1:1: spec.containers[0].envFrom[0].configMapRef: Pod web: key \"1st\" of ConfigMap"
                + " app-config is not a valid variable name and is skipped"), r.warnings());
    }

    @Test
    void lenientSourcesLeaveMissingReferencesOut() {
        EnvSources lenient = new EnvSources(java.util.Map.of(), java.util.Map.of(), true);
        PodTranslator.Result r = translate(pod("""
                    env:
                    - name: A
                      valueFrom: {configMapKeyRef: {name: nosuch, key: k}}
                    envFrom:
                    - secretRef: {name: nosuch}
                """), lenient);
        assertEquals(List.of(), r.pod().containers().get(0).env());
    }
}
