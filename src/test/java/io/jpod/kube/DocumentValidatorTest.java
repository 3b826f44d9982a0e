package io.jpod.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every problem of a document, each at its own node's line:col, with Kubernetes' rules. */
class DocumentValidatorTest {
    private final DocumentValidator validator = new DocumentValidator();

    private List<String> problems(String yaml) {
        List<String> out = new ArrayList<>();
        for (KubeDocument d : new KubeReader().parse("t.yaml", new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)))) {
            out.addAll(validator.problems(d));
        }
        return out;
    }

    @Test
    void anAutoUpdatePolicyMustBeOnePodmanKnows() {
        assertEquals(List.of("t.yaml:7:35: metadata.annotations.io.containers.autoupdate/web: unknown auto-update policy \"nightly\": "
                + "must be one of registry, local, disabled"), problems("""
                apiVersion: v1
                kind: Pod
                metadata:
                  name: web
                  annotations:
                    io.containers.autoupdate: registry
                    io.containers.autoupdate/web: nightly
                spec:
                  containers:
                  - name: web
                    image: example.org/web:1
                """));
    }

    @Test
    void reportsEveryProblemOfAPodAtItsOwnLineAndColumn() {
        assertEquals(List.of(
                "t.yaml:4:9: metadata.name: \"Web_1\" is not a valid name: lower case letters, digits, '-' and '.', starting and ending with a letter or digit, at most 253",
                "t.yaml:5:14: metadata.namespace: \"My.NS\" is not a valid namespace: lower case letters, digits and '-', starting and ending with a letter or digit, at most 63",
                "t.yaml:7:10: metadata.labels.app: \"has space\" is not a valid label value: at most 63 letters, digits, '-', '_' and '.', starting and ending with a letter or digit (or empty)",
                "t.yaml:8:15: metadata.labels.-bad/key: \"-bad/key\" is not a valid label key: an optional prefix (a DNS subdomain) and '/', then at most 63 letters, digits, '-', '_' and '.', starting and ending with a letter or digit",
                "t.yaml:12:14: metadata.annotations.bad key: \"bad key\" is not a valid annotation key: an optional prefix (a DNS subdomain) and '/', then at most 63 letters, digits, '-', '_' and '.', starting and ending with a letter or digit",
                "t.yaml:14:18: spec.restartPolicy: \"Sometimes\" is not supported: must be one of Always, OnFailure, Never",
                "t.yaml:15:14: spec.dnsPolicy: \"Cluster\" is not supported: must be one of ClusterFirstWithHostNet, ClusterFirst, Default, None",
                "t.yaml:16:13: spec.hostname: \"Host\" is not a valid hostname: lower case letters, digits and '-', starting and ending with a letter or digit, at most 63",
                "t.yaml:21:11: spec.containers[0].name: duplicate container name \"setup\" (also spec.initContainers[0].name)",
                "t.yaml:23:22: spec.containers[0].imagePullPolicy: \"Sometimes\" is not supported: must be one of Always, IfNotPresent, Never",
                "t.yaml:25:22: spec.containers[0].ports[0].containerPort: must be an integer, not a string (\"80\")",
                "t.yaml:26:17: spec.containers[0].ports[0].protocol: \"tcp\" is not supported: must be one of TCP, UDP, SCTP",
                "t.yaml:27:13: spec.containers[0].ports[0].name: \"Http\" is not a valid port name: at most 15 lower case letters, digits and '-', with at least one letter, not starting or ending with '-' and without \"--\"",
                "t.yaml:28:22: spec.containers[0].ports[1].containerPort: 70000 is not a valid port number: must be between 1 and 65535",
                "t.yaml:29:13: spec.containers[0].ports[1].name: \"http-web-server-long\" is not a valid port name: at most 15 lower case letters, digits and '-', with at least one letter, not starting or ending with '-' and without \"--\"",
                "t.yaml:30:7: spec.containers[0].ports[2].containerPort: required field is missing",
                "t.yaml:30:13: spec.containers[0].ports[2].name: \"80-\" is not a valid port name: at most 15 lower case letters, digits and '-', with at least one letter, not starting or ending with '-' and without \"--\"",
                "t.yaml:31:5: spec.containers[1].name: required field is missing",
                "t.yaml:32:14: spec.containers[1].command: must be a list, not a string (\"sh\")",
                "t.yaml:33:5: spec.containers[2].image: required field is missing",
                "t.yaml:33:11: spec.containers[2].name: \"App\" is not a valid container name: lower case letters, digits and '-', starting and ending with a letter or digit, at most 63",
                "t.yaml:35:14: spec.containers[2].env[0].name: \"A=B\" is not a valid environment variable name: printable characters other than '=', at least one",
                "t.yaml:35:26: spec.containers[2].env[0].value: must be a string, not a number (1): quote it",
                "t.yaml:36:7: spec.containers[2].env[1].name: required field is missing",
                "t.yaml:37:34: spec.terminationGracePeriodSeconds: must be an integer, not a string (\"soon\")",
                "t.yaml:41:11: spec.volumes[1].name: duplicate volume name \"data\" (also spec.volumes[0].name)",
                "t.yaml:42:15: spec.volumes[1].hostPath.path: required field is missing",
                "t.yaml:42:22: spec.volumes[1].hostPath.type: \"Folder\" is not supported: must be one of \"\", DirectoryOrCreate, Directory, FileOrCreate, File, Socket, CharDevice, BlockDevice"), problems("""
                apiVersion: v1
                kind: Pod
                metadata:
                  name: Web_1
                  namespace: My.NS
                  labels:
                    app: "has space"
                    -bad/key: x
                  annotations:
                    example.com/ok: fine
                    io.kubernetes.cri-o.ContainerType/web: container
                    bad key: x
                spec:
                  restartPolicy: Sometimes
                  dnsPolicy: Cluster
                  hostname: Host
                  initContainers:
                  - name: setup
                    image: busybox
                  containers:
                  - name: setup
                    image: busybox
                    imagePullPolicy: Sometimes
                    ports:
                    - containerPort: "80"
                      protocol: tcp
                      name: Http
                    - containerPort: 70000
                      name: http-web-server-long
                    - name: 80-
                  - image: busybox
                    command: sh
                  - name: App
                    env:
                    - {name: A=B, value: 1}
                    - value: x
                  terminationGracePeriodSeconds: soon
                  volumes:
                  - name: data
                    emptyDir: {}
                  - name: data
                    hostPath: {type: Folder}
                """));
    }

    @Test
    void aValidDocumentHasNoProblems() {
        assertEquals(List.of(), problems("""
                apiVersion: v1
                kind: Pod
                metadata:
                  name: web.example
                  labels: {app.kubernetes.io/name: web, tier: ""}
                spec:
                  containers:
                  - name: app
                    image: busybox
                    ports: [{containerPort: 80, name: http, protocol: UDP}]
                    livenessProbe: {httpGet: {port: http}}
                    resources: {limits: {memory: 64Mi, cpu: 1}}
                """));
    }

    @Test
    void workloadsAreCheckedInTheirTemplateAndSelector() {
        assertEquals(List.of(
                "t.yaml:5:3: spec.selector: required field is missing",
                "t.yaml:6:30: spec.template.metadata.labels.app: \"a b\" is not a valid label value: at most 63 letters, digits, "
                        + "'-', '_' and '.', starting and ending with a letter or digit (or empty)",
                "t.yaml:9:15: spec.template.spec.containers[0].name: \"A\" is not a valid container name: lower case letters, digits "
                        + "and '-', starting and ending with a letter or digit, at most 63",
                "t.yaml:11:46: spec.template.spec.containers[0].ports[0].hostPort: must be an integer, not a boolean (true)"),
                problems("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web}
                spec:
                  template:
                    metadata: {labels: {app: a b}}
                    spec:
                      containers:
                      - name: A
                        image: i
                        ports: [{containerPort: 1, hostPort: true}]
                """));
    }

    @Test
    void aServiceIsCheckedAsKubernetesChecksIt() {
        assertEquals(List.of(
                "t.yaml:3:18: metadata.name: \"1web\" is not a valid Service name: lower case letters, digits and '-', starting with"
                        + " a letter and ending with a letter or digit, at most 63",
                "t.yaml:5:9: spec.type: \"Internal\" is not supported: must be one of ClusterIP, NodePort, LoadBalancer, ExternalName",
                "t.yaml:6:19: spec.selector.app: \"-x\" is not a valid label value: at most 63 letters, digits, '-', '_' and '.', "
                        + "starting and ending with a letter or digit (or empty)",
                "t.yaml:8:5: spec.ports[0].name: a Service with several ports needs a name for each",
                "t.yaml:8:12: spec.ports[0].port: 0 is not a valid port number: must be between 1 and 65535",
                "t.yaml:8:27: spec.ports[0].targetPort: \"web--x\" is not a valid port name: at most 15 lower case letters, digits"
                        + " and '-', with at least one letter, not starting or ending with '-' and without \"--\"",
                "t.yaml:9:5: spec.ports[1].port: required field is missing",
                "t.yaml:9:27: spec.ports[1].targetPort: must be an integer or a string, not a list",
                "t.yaml:10:11: spec.ports[2].name: duplicate port name \"b\" (also spec.ports[1].name)"),
                problems("""
                apiVersion: v1
                kind: Service
                metadata: {name: 1web}
                spec:
                  type: Internal
                  selector: {app: -x}
                  ports:
                  - {port: 0, targetPort: web--x}
                  - {name: b, targetPort: [1]}
                  - name: b
                    port: 80
                """));
    }

    @Test
    void configMapsSecretsClaimsAndListItemsAreChecked() {
        assertEquals(List.of(
                "t.yaml:5:9: data.port: must be a string, not a number (8080): quote it",
                "t.yaml:9:11: metadata.name: a Secret needs a name",
                "t.yaml:15:17: spec.accessModes[0]: \"ReadWriteSometimes\" is not supported: must be one of ReadWriteOnce, "
                        + "ReadOnlyMany, ReadWriteMany, ReadWriteOncePod",
                "t.yaml:20:54: metadata.name: \"X\" is not a valid name: lower case letters, digits, '-' and '.', starting and"
                        + " ending with a letter or digit, at most 253"),
                problems("""
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: c}
                data:
                  port: 8080
                ---
                apiVersion: v1
                kind: Secret
                metadata: {}
                ---
                apiVersion: v1
                kind: PersistentVolumeClaim
                metadata: {name: data}
                spec:
                  accessModes: [ReadWriteSometimes]
                ---
                apiVersion: v1
                kind: List
                items:
                - {apiVersion: v1, kind: ConfigMap, metadata: {name: X}}
                """));
    }

    @Test
    void aDuplicateKeyIsAProblemAtTheSecondOneAmongTheOthersInTheFilesOrder() {
        assertEquals(List.of(
                "t.yaml:8:5: spec.containers[0]: duplicate key \"image\" (first at line 7)",
                "t.yaml:10:22: spec.containers[0].ports[0].containerPort: must be an integer, not a string (\"80\")",
                "t.yaml:11:3: spec: duplicate key \"containers\" (first at line 5)"), problems("""
                apiVersion: v1
                kind: Pod
                metadata: {name: web}
                spec:
                  containers:
                  - name: app
                    image: busybox
                    image: nginx
                    ports:
                    - containerPort: "80"
                  containers: []
                """));
    }

    @Test
    void aFieldKubernetesDoesNotKnowIsAProblemAtItsKeyWithTheNearestFieldThere() {
        assertEquals(List.of(
                "t.yaml:5:3: metadata.labls: unknown field \"labls\": did you mean \"labels\"?",
                "t.yaml:11:5: spec.containers[0].imagePullPolice: unknown field \"imagePullPolice\": did you mean \"imagePullPolicy\"?",
                "t.yaml:12:5: spec.containers[0].p:orts: unknown field \"p:orts\": did you mean \"ports\"?",
                "t.yaml:15:7: spec.containers[0].securityContext.runAsUsr: unknown field \"runAsUsr\": did you mean \"runAsUser\"?",
                "t.yaml:16:48: spec.containers[0].livenessProbe.initialDelaySecond: unknown field \"initialDelaySecond\": "
                        + "did you mean \"initialDelaySeconds\"?",
                "t.yaml:19:16: spec.volumes[0].emptyDir.sizeLimt: unknown field \"sizeLimt\": did you mean \"sizeLimit\"?",
                "t.yaml:20:3: spec.frobnicate: unknown field \"frobnicate\"",
                "t.yaml:21:1: bogus: unknown field \"bogus\""), problems("""
                apiVersion: v1
                kind: Pod
                metadata:
                  name: web
                  labls: {app: web}
                spec:
                  containers:
                  - name: app
                    image: busybox
                    stdin: true
                    imagePullPolice: Always
                    p:orts:
                    - containerPort: 80
                    securityContext:
                      runAsUsr: 1000
                    livenessProbe: {exec: {command: ["true"]}, initialDelaySecond: 3}
                  volumes:
                  - name: v
                    emptyDir: {sizeLimt: 1Gi}
                  frobnicate:
                bogus: 1
                """));
    }

    @Test
    void unknownFieldsAreFoundInEveryKindJpodPlays() {
        assertEquals(List.of(
                "t.yaml:5:3: spec.replica: unknown field \"replica\": did you mean \"replicas\"?",
                "t.yaml:9:45: spec.template.spec.containers[0].imagePullPolicyy: unknown field \"imagePullPolicyy\": "
                        + "did you mean \"imagePullPolicy\"?",
                "t.yaml:15:3: spec.backoffLimt: unknown field \"backoffLimt\": did you mean \"backoffLimit\"?",
                "t.yaml:26:52: spec.template.spec.restartPolcy: unknown field \"restartPolcy\": did you mean \"restartPolicy\"?",
                "t.yaml:26:107: spec.template.spec.containers[0].comand: unknown field \"comand\": did you mean \"command\"?",
                "t.yaml:31:1: dat: unknown field \"dat\": did you mean \"data\"?",
                "t.yaml:36:1: stringdata: unknown field \"stringdata\": did you mean \"stringData\"?",
                "t.yaml:41:20: spec.resources.request: unknown field \"request\": did you mean \"requests\"?",
                "t.yaml:46:27: spec.ports[0].targetport: unknown field \"targetport\": did you mean \"targetPort\"?"), problems("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: d}
                spec:
                  replica: 2
                  selector: {matchLabels: {app: d}}
                  template:
                    metadata: {labels: {app: d}}
                    spec: {containers: [{name: a, image: i, imagePullPolicyy: Always}]}
                ---
                apiVersion: batch/v1
                kind: Job
                metadata: {name: j}
                spec:
                  backoffLimt: 1
                  template:
                    spec:
                      restartPolicy: Never
                      containers: [{name: a, image: i}]
                ---
                apiVersion: apps/v1
                kind: DaemonSet
                metadata: {name: ds}
                spec:
                  selector: {matchLabels: {app: ds}}
                  template: {metadata: {labels: {app: ds}}, spec: {restartPolcy: Always, containers: [{name: a, image: i, comand: [x]}]}}
                ---
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: c}
                dat: {a: b}
                ---
                apiVersion: v1
                kind: Secret
                metadata: {name: s}
                stringdata: {a: b}
                ---
                apiVersion: v1
                kind: PersistentVolumeClaim
                metadata: {name: p}
                spec: {resources: {request: {storage: 1Gi}}}
                ---
                apiVersion: v1
                kind: Service
                metadata: {name: svc}
                spec: {ports: [{port: 80, targetport: 8080}]}
                """));
    }

    @Test
    void theKeysOfMapValuedFieldsAreFree() {
        assertEquals(List.of(), problems("""
                apiVersion: v1
                kind: Pod
                metadata:
                  name: web
                  labels: {imagePullPolice: x, anything: goes}
                  annotations: {example.org/whatever: "1", frobnicate: "2"}
                spec:
                  nodeSelector: {disk: ssd, frobnicate: "yes"}
                  containers:
                  - name: app
                    image: busybox
                    resources: {limits: {cpu: 1, example.com/gpu: 1}}
                ---
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: c}
                data: {imagePullPolice: a, p:orts: b}
                binaryData: {blob: aGk=}
                ---
                apiVersion: v1
                kind: Secret
                metadata: {name: s}
                data: {password: aGk=}
                stringData: {frobnicate: x}
                ---
                apiVersion: v1
                kind: Service
                metadata: {name: svc}
                spec: {selector: {anyLabel: x}, ports: [{port: 80}]}
                """));
    }

    @Test
    void everyExampleIsValid() throws IOException {
        try (Stream<Path> s = Files.list(Path.of("examples/kube"))) {
            for (Path f : s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
                for (KubeDocument d : new KubeReader().read(f.toString(), Inputs.ofProcess())) {
                    assertEquals(List.of(), validator.problems(d), f.toString());
                }
            }
        }
    }

    @Test
    void modesMayBeYaml11OctalAsKubernetesReadsThem() {
        assertEquals(List.of("t.yaml:8:37: spec.volumes[1].secret.defaultMode: must be an integer, not a string (\"rw\")"), problems("""
                apiVersion: v1
                kind: Pod
                metadata: {name: p}
                spec:
                  containers: [{name: a, image: i}]
                  volumes:
                  - {name: a, configMap: {name: c, defaultMode: 0644, items: [{key: k, path: p, mode: 0o400}]}}
                  - {name: b, secret: {defaultMode: rw}}
                """));
    }
}
