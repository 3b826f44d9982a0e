package io.jpod.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Pod-level and security fields observed from inside the containers: examples/kube/security-and-dns.yaml
 * (hostAliases, dnsPolicy None with dnsConfig, a namespaced sysctl, seccomp RuntimeDefault and
 * Unconfined, procMount Unmasked, podman's ulimit annotation, lifecycle.stopSignal, resources);
 * the host's namespaces (hostNetwork, hostPID, hostIPC); a Localhost seccomp profile; bad input.
 */
class PodFieldsIT extends PlayingIT {
    private static final Duration SOON = Duration.ofSeconds(60);

    @Override
    protected boolean leftNothingChecksProcesses() {
        return true;
    }

    @Test
    void rmTimeStopsRunningContainersWithoutWaitingTheirGracePeriod() {
        // PID 1 without a TERM handler ignores SIGTERM: only SIGKILL, after the grace period, ends it
        Path yaml = h.writeYaml("stubborn.yaml", PodYaml.pod("stubborn").container("a", "exec sleep 300").container("b", "exec sleep 300")
                .yaml().replace("spec:\n", "spec:\n  terminationGracePeriodSeconds: 60\n"));
        h.play(yaml);
        try {
            h.waitForState("stubborn-a", "running", Duration.ofSeconds(30));
            Result notForced = h.jpod("rm", "-t", "0", "stubborn-a");
            assertEquals(125, notForced.code(), () -> "-t alone does not remove a running container, as podman\n" + notForced.describe());
            long t0 = System.nanoTime();
            h.jpodOk("rm", "-f", "-t", "1", "stubborn-a");
            long containerMs = (System.nanoTime() - t0) / 1_000_000;
            assertTrue(containerMs < 20_000, () -> "rm -f -t 1 waited " + containerMs + " ms, not the 60 s grace period");
            t0 = System.nanoTime();
            h.jpodOk("pod", "rm", "-f", "-t", "0", "stubborn");
            long podMs = (System.nanoTime() - t0) / 1_000_000;
            assertTrue(podMs < 20_000, () -> "pod rm -f -t 0 waited " + podMs + " ms, not the 60 s grace period");
            assertEquals(0, h.podPs().size());
        } finally {
            h.jpod("kube", "down", yaml.toString());
        }
    }

    @Test
    void everyFieldOfTheTableInOnePodIsObservedOrWarned() {
        // src/test/resources/kube/every-field.yaml: the rows of docs/kube-fields.md a pod shows from inside
        Path yaml = h.readableCopy("src/test/resources/kube/every-field.yaml");
        Result play = h.jpodOk("kube", "play", yaml.toString());
        try {
            for (String field : io.jpod.kube.KubeFieldsTableTest.WARNED_IN_EVERY_FIELD) {
                assertTrue(play.err().contains("field " + field + " is not supported yet and is ignored"),
                        () -> field + " warns\n" + play.describe());
            }
            h.waitForState("fields-app", "running", SOON);
            Harness.waitFor("postStart to have run", SOON, () -> h.jpod("exec", "fields-app", "test", "-e", "/work/poststart").code() == 0);
            List<Harness.Ran> r = h.execEach("fields-app", "hostname", "cat /etc/hosts", "cat /etc/resolv.conf", "cat /proc/1/comm", "id",
                    "cat /proc/sys/kernel/msgmax", "cat /work/init /work/args /work/poststart", "pwd",
                    "echo $PASSWORD $POD $PLAIN $CM_mode", "touch /rootfs-write", "grep -E '^(NoNewPrivs|CapEff):' /proc/self/status",
                    "cat /config/mode; echo; cat /secret/password; echo; cat /info/labels");
            assertEquals("box", r.get(0).ok(), "hostname");
            String hosts = r.get(1).ok();
            assertTrue(hosts.contains("box.sub.default.svc.cluster.local") && hosts.contains("192.0.2.10\tdb.internal"),
                    () -> "subdomain and hostAliases\n" + hosts);
            assertTrue(r.get(2).ok().contains("nameserver 192.0.2.53") && r.get(2).ok().contains("search svc.example.test"),
                    "dnsPolicy None with dnsConfig");
            assertNotEquals("sh", r.get(3).ok(), "shareProcessNamespace: PID 1 is the pod's, not the container's");
            String id = r.get(4).ok();
            assertTrue(id.matches("uid=1000(\\(\\w+\\))? gid=1000(\\(\\w+\\))? .*") && id.contains("2000") && id.contains("3000"),
                    () -> "runAsUser, runAsGroup, fsGroup, supplementalGroups: " + id);
            assertEquals("65536", r.get(5).ok(), "sysctls");
            assertEquals("init\nhi\nstarted", r.get(6).ok(), "initContainers, args with $(VAR) from a configMapKeyRef, postStart");
            assertEquals("/work", r.get(7).ok(), "workingDir");
            assertEquals("hunter2 fields plain fast", r.get(8).ok(), "secretKeyRef, fieldRef, value, envFrom with a prefix");
            assertNotEquals(0, r.get(9).code(), "readOnlyRootFilesystem");
            assertEquals("CapEff:\t0000000000000000\nNoNewPrivs:\t1", r.get(10).ok(), "allowPrivilegeEscalation, capabilities drop");
            assertEquals("fast\nhunter2\napp=\"fields\"", r.get(11).ok(), "configMap, secret and downwardAPI volumes");
        } finally {
            h.jpodOk("kube", "down", yaml.toString());
        }
    }

    @Test
    void securityAndDnsFromTheExample() {
        Path yaml = h.readableCopy("examples/kube/security-and-dns.yaml");
        Result play = h.jpodOk("kube", "play", yaml.toString());
        assertEquals(1, Harness.count(play.err(), "not enforced"), () -> "one warning about resources\n" + play.err());
        assertFalse(play.err().contains("is not supported yet"), play.err());
        try {
            h.waitForState("tuned-app", "running", SOON);
            h.waitForState("tuned-open", "running", SOON);
            List<Harness.Ran> app = h.execEach("tuned-app", "cat /etc/hosts", "cat /etc/resolv.conf", "cat /proc/sys/kernel/msgmax",
                    "grep Seccomp: /proc/self/status", "grep 'Max open files' /proc/1/limits", "grep -c ' /proc/' /proc/self/mounts || true");
            String hosts = app.get(0).ok();
            assertTrue(hosts.contains("192.0.2.10\tdb.internal db"), () -> "hostAliases\n" + hosts);
            assertEquals("search svc.example.test\nnameserver 192.0.2.53\noptions ndots:2", app.get(1).ok(), "dnsPolicy None: only dnsConfig");
            assertEquals("65536", app.get(2).ok(), "the pod's sysctl");
            assertTrue(app.get(3).ok().endsWith("2"), "RuntimeDefault filters");
            // the container's own process (runc 1.1's exec, a Go program, raises the soft limit of what it runs)
            String limits = app.get(4).ok();
            assertTrue(limits.matches("Max open files +1024 +2048 +files"), () -> "podman's ulimit annotation\n" + limits);
            assertNotEquals("0", app.get(5).ok(), "procMount Default masks paths of /proc");

            List<Harness.Ran> open = h.execEach("tuned-open", "cat /proc/sys/kernel/msgmax", "grep Seccomp: /proc/self/status",
                    "unshare -U true", "grep -c ' /proc/' /proc/self/mounts || true");
            assertEquals("65536", open.get(0).ok(), "set in the pod's IPC namespace");
            assertTrue(open.get(1).ok().endsWith("0"), "Unconfined");
            assertEquals(0, open.get(2).code(), "unconfined: a user namespace");
            assertEquals("0", open.get(3).ok(), "procMount Unmasked");
            Result refused = h.jpod("exec", "tuned-app", "unshare", "-U", "true");
            assertNotEquals(0, refused.code(), "RuntimeDefault refuses unshare");
            assertTrue(refused.err().contains("Operation not permitted"), refused::describe);

            String generated = h.jpodOk("kube", "generate", "tuned").out();
            for (String field : new String[] {"hostAliases:", "dnsPolicy: None", "ndots", "sysctls:", "kernel.msgmax",
                    "type: RuntimeDefault", "type: Unconfined", "procMount: Unmasked", "stopSignal: SIGINT", "cpu: 250m",
                    "memory: 64Mi", "io.podman.annotations.ulimit"}) {
                assertTrue(generated.contains(field), () -> field + " is generated\n" + generated);
            }

            h.jpodOk("pod", "stop", "tuned");
            assertTrue(h.jpodOk("logs", "tuned-app").out().contains("stopped by SIGINT"), "lifecycle.stopSignal is sent");
            h.jpodOk("kube", "down", yaml.toString());

            // the generated YAML plays back to the same settings
            Path again = h.writeYaml("tuned-generated.yaml", generated);
            h.play(again);
            h.waitForState("tuned-app", "running", SOON);
            List<Harness.Ran> replayed = h.execEach("tuned-app", "cat /etc/resolv.conf", "grep Seccomp: /proc/self/status", "cat /etc/hosts",
                    "cat /proc/sys/kernel/msgmax");
            assertEquals("search svc.example.test\nnameserver 192.0.2.53\noptions ndots:2", replayed.get(0).ok());
            assertTrue(replayed.get(1).ok().endsWith("2"));
            assertTrue(replayed.get(2).ok().contains("192.0.2.10\tdb.internal db"));
            assertEquals("65536", replayed.get(3).ok());
            h.jpodOk("kube", "down", again.toString());
        } finally {
            h.jpod("kube", "down", yaml.toString());
        }
    }

    @Test
    void theImagesStopSignal() {
        h.jpodOk("import", "--change", "ENV=PATH=/bin:/usr/bin", "--change", "STOPSIGNAL=SIGUSR1", h.rootfsTar().toString(),
                "localhost/busybox-usr1:latest");
        Path yaml = h.writeYaml("stop-signal.yaml", """
                apiVersion: v1
                kind: Pod
                metadata: {name: sig}
                spec:
                  containers:
                  - name: c
                    image: localhost/busybox-usr1:latest
                    command: [sh, -c, 'trap "echo got USR1; exit 0" USR1; echo ready; while true; do sleep 1; done']
                """);
        h.play(yaml);
        try {
            h.waitForLog("sig-c", "ready", 1, SOON);
            h.jpodOk("pod", "stop", "sig");
            assertTrue(h.jpodOk("logs", "sig-c").out().contains("got USR1"), "the image's STOPSIGNAL is sent");
        } finally {
            h.jpodOk("kube", "down", yaml.toString());
            h.jpodOk("rmi", "localhost/busybox-usr1:latest");
        }
    }

    @Test
    void hostNamespaces() throws IOException {
        Path yaml = h.writeYaml("host-ns.yaml", """
                apiVersion: v1
                kind: Pod
                metadata: {name: hostns}
                spec:
                  hostNetwork: true
                  hostPID: true
                  hostIPC: true
                  hostAliases: [{ip: 192.0.2.7, hostnames: [extra.test]}]
                  containers:
                  - {name: c, image: localhost/busybox:latest, command: [sleep, "3600"]}
                """);
        h.play(yaml);
        try {
            h.waitForState("hostns-c", "running", SOON);
            for (String ns : new String[] {"net", "ipc", "pid"}) {
                String host = Files.readSymbolicLink(Path.of("/proc/self/ns/" + ns)).toString();
                assertEquals(host, h.execOut("hostns-c", "readlink", "/proc/self/ns/" + ns), "the host's " + ns + " namespace");
            }
            String hostname = Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
            assertEquals(hostname, h.execOut("hostns-c", "hostname"), "hostNetwork: the host's hostname");
            String hosts = h.execOut("hostns-c", "cat", "/etc/hosts");
            assertTrue(hosts.startsWith(Files.readString(Path.of("/etc/hosts")).strip()), () -> "the host's /etc/hosts\n" + hosts);
            assertTrue(hosts.endsWith("192.0.2.7\textra.test"), () -> "then the hostAliases\n" + hosts);
            assertTrue(h.execOut("hostns-c", "ps", "-o", "pid").lines().count() > 20, "hostPID: the host's processes");
        } finally {
            h.jpodOk("kube", "down", yaml.toString());
        }
    }

    @Test
    void localhostSeccompProfile() {
        Path profile = h.writeYaml("deny-mkdir.json", """
                {"defaultAction": "SCMP_ACT_ALLOW",
                 "syscalls": [{"names": ["mkdir", "mkdirat"], "action": "SCMP_ACT_ERRNO", "errnoRet": 13}]}
                """);
        Path yaml = h.writeYaml("localhost-seccomp.yaml", """
                apiVersion: v1
                kind: Pod
                metadata: {name: sec}
                spec:
                  containers:
                  - name: c
                    image: localhost/busybox:latest
                    command: [sh, -c, "%s"]
                    securityContext:
                      seccompProfile: {type: Localhost, localhostProfile: %s}
                """.formatted(Harness.SLEEPER, profile));
        h.play(yaml);
        try {
            h.waitForState("sec-c", "running", SOON);
            assertEquals(0, h.jpod("exec", "sec-c", "touch", "/tmp/file").code(), "other syscalls are allowed");
            Result mkdir = h.jpod("exec", "sec-c", "mkdir", "/tmp/dir");
            assertNotEquals(0, mkdir.code());
            assertTrue(mkdir.err().contains("Permission denied"), () -> "errnoRet 13 is EACCES\n" + mkdir.err());
        } finally {
            h.jpodOk("kube", "down", yaml.toString());
        }
    }

    @Test
    void badFieldsAreRefusedBeforeAnythingIsCreated() {
        Path hostSysctl = h.writeYaml("bad-sysctl.yaml", """
                apiVersion: v1
                kind: Pod
                metadata: {name: bad-sysctl}
                spec:
                  securityContext: {sysctls: [{name: vm.swappiness, value: "10"}]}
                  containers:
                  - {name: a, image: localhost/busybox:latest, command: [sleep, "100"]}
                """);
        assertTrue(h.jpodError("kube", "play", hostSysctl.toString()).err()
                .contains("spec.securityContext.sysctls[0].name: sysctl vm.swappiness is not namespaced"));
        Path netOnHost = h.writeYaml("bad-net-sysctl.yaml", """
                apiVersion: v1
                kind: Pod
                metadata: {name: bad-net}
                spec:
                  hostNetwork: true
                  securityContext: {sysctls: [{name: net.ipv4.ip_forward, value: "1"}]}
                  containers:
                  - {name: a, image: localhost/busybox:latest, command: [sleep, "100"]}
                """);
        assertTrue(h.jpodError("kube", "play", netOnHost.toString()).err().contains("hostNetwork is set"));
        Path missing = h.writeYaml("missing-profile.yaml", """
                apiVersion: v1
                kind: Pod
                metadata: {name: bad-seccomp}
                spec:
                  containers:
                  - name: a
                    image: localhost/busybox:latest
                    command: [sleep, "100"]
                    securityContext: {seccompProfile: {type: Localhost, localhostProfile: profiles/none.json}}
                """);
        String err = h.jpodError("kube", "play", missing.toString()).err();
        assertTrue(err.contains(".local/share/jpod/seccomp/profiles/none.json cannot be read"), err);
        Path ulimit = h.writeYaml("bad-ulimit.yaml", """
                apiVersion: v1
                kind: Pod
                metadata: {name: bad-ulimit, annotations: {io.podman.annotations.ulimit: "nofile=many"}}
                spec:
                  containers:
                  - {name: a, image: localhost/busybox:latest, command: [sleep, "100"]}
                """);
        assertTrue(h.jpodError("kube", "play", ulimit.toString()).err().contains("\"nofile=many\" is not a ulimit"));
        assertEquals(0, h.podPs().size(), "nothing is left of refused pods");
    }
}
