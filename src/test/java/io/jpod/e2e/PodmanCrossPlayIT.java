package io.jpod.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/**
 * YAML crosses from podman to jpod (issue 5): podman's generated YAML plays in jpod, giving
 * containers that run the same commands, as the same user, with the same environment and hostname
 * ({@link Podman#ASPECTS}). Rootless podman 4.3.1 runs as the same test user ({@link Podman}).
 *
 * <p>The other direction, jpod's generated YAML played in podman, is tested by {@link ExamplesIT}
 * for every example podman can play ({@link Podman#CANNOT_PLAY} lists the others, with the reason),
 * from the play and observation it already makes of each example.
 *
 * <p>The JSON of jpod's listings and inspections against podman's for the same pod (issue 15): every field podman
 * prints, jpod prints with a value of the same JSON type, but those {@link #DIFFERS} lists, each with why.
 */
class PodmanCrossPlayIT extends PodmanPlayingIT {
    @ParameterizedTest
    @ValueSource(strings = {"hello-pod.yaml"})
    void podmansGeneratedYamlPlaysInJpod(String example) throws IOException {
        // podman plays the example, and generates YAML of its pods (after the example's ConfigMaps and Secrets)
        String text = Harness.withPortOffset(Files.readString(h.project().resolve("examples/kube").resolve(example)));
        Path dir = ExamplesIT.exampleDir(example);
        Path yaml = ExamplesIT.write(dir.resolve(example), text);
        podman.ok("kube", "play", yaml.toString());
        List<String> podmanPods = podman.pods();
        PodObservation.settle(podman, podmanPods, ExamplesIT.SETTLE);
        PodObservation inPodman = Podman.comparable(PodObservation.of(podman, podmanPods, Podman.ASPECTS));
        Result generate = podman.ok(ExamplesIT.args(List.of("kube", "generate"), podmanPods));
        Path generated = ExamplesIT.write(dir.resolve("podman-generated-" + example), ExamplesIT.configDocuments(text) + generate.out());
        podman.ok("kube", "down", yaml.toString());

        PodObservation.Cli jpod = h::jpod;
        Result play = h.jpodOk("kube", "play", generated.toString());
        assertFalse(play.err().contains("not supported"), () -> "what podman generates for the example is all understood\n" + play.describe());
        List<String> jpodPods = jpod.ok("pod", "ps", "--format", "{{.Name}}").outLines();
        assertEquals(podmanPods, jpodPods, "the same pods");
        PodObservation.settle(jpod, jpodPods, ExamplesIT.SETTLE);
        inPodman.assertSameAs(Podman.comparable(PodObservation.of(jpod, jpodPods, Podman.ASPECTS)), example + ": jpod playing podman's YAML");
        h.jpodOk("kube", "down", generated.toString());
    }

    /** The fields of podman 4.3.1's JSON that jpod's lacks or fills otherwise ("VIEW FIELD" or "VIEW OBJECT.FIELD"), with why. */
    static final Map<String, String> DIFFERS = differences();

    private static Map<String, String> differences() {
        Map<String, String> m = new LinkedHashMap<>();
        differ(m, "sizes are podman's ps --size, null without it; jpod has no --size", "ps Size");
        differ(m, "no AppArmor or SELinux: jpod applies neither", "inspect AppArmorProfile", "inspect MountLabel", "inspect ProcessLabel");
        differ(m, "capabilities are in the OCI spec (config.json), not shown", "inspect BoundingCaps", "inspect EffectiveCaps");
        differ(m, "podman's own files and directories of a container; jpod's are in its run directory", "inspect ConmonPidFile",
                "inspect PidFile", "inspect StaticDir", "inspect OCIConfigPath", "inspect HostnamePath", "inspect HostsPath",
                "inspect ResolvConfPath");
        differ(m, "podman's container dependencies and services (the infra container, --requires, quadlet)", "inspect Dependencies",
                "inspect IsService");
        differ(m, "exec sessions are not kept: each jpod exec is a process of its own", "inspect ExecIDs");
        differ(m, "the storage layers are not shown: Driver says how the root was assembled", "inspect GraphDriver");
        differ(m, "the image is named by Image and ImageName; its digest is image inspect's", "inspect ImageDigest");
        differ(m, "volume mounts are in ps --format json's Mounts and in kube generate, not yet in inspect", "inspect Mounts");
        differ(m, "podman's libpod namespace (--namespace), which jpod has not", "inspect Namespace");
        differ(m, "addresses and ports are in pod inspect, ps and port, not yet in inspect", "inspect NetworkSettings");
        differ(m, "podman's --rootfs containers; a jpod container always has an image", "inspect Rootfs");
        differ(m, "Config holds what a kube container can set (Env, Cmd, Image, Labels, User, WorkingDir, ...); the rest "
                + "are docker's and podman's run flags, which YAML cannot set", "inspect Config.Annotations", "inspect Config.AttachStderr",
                "inspect Config.AttachStdin", "inspect Config.AttachStdout", "inspect Config.Domainname", "inspect Config.Entrypoint",
                "inspect Config.HealthcheckOnFailureAction", "inspect Config.OnBuild", "inspect Config.OpenStdin", "inspect Config.StdinOnce",
                "inspect Config.StopSignal", "inspect Config.StopTimeout", "inspect Config.Timeout", "inspect Config.Tty", "inspect Config.Umask",
                "inspect Config.Volumes", "inspect Config.sdNotifyMode");
        differ(m, "HostConfig holds what jpod sets of a container's host side (restart policy, ...); the rest are run flags and "
                + "cgroup settings a rootless jpod container on cgroup v1 has not", "inspect HostConfig.AutoRemove", "inspect HostConfig.Binds",
                "inspect HostConfig.BlkioDeviceReadBps", "inspect HostConfig.BlkioDeviceReadIOps", "inspect HostConfig.BlkioDeviceWriteBps",
                "inspect HostConfig.BlkioDeviceWriteIOps", "inspect HostConfig.BlkioWeight", "inspect HostConfig.BlkioWeightDevice",
                "inspect HostConfig.CapAdd", "inspect HostConfig.CapDrop", "inspect HostConfig.Cgroup", "inspect HostConfig.CgroupConf",
                "inspect HostConfig.CgroupManager", "inspect HostConfig.CgroupMode", "inspect HostConfig.CgroupParent", "inspect HostConfig.Cgroups",
                "inspect HostConfig.ConsoleSize", "inspect HostConfig.ContainerIDFile", "inspect HostConfig.CpuCount", "inspect HostConfig.CpuPercent",
                "inspect HostConfig.CpuPeriod", "inspect HostConfig.CpuQuota", "inspect HostConfig.CpuRealtimePeriod",
                "inspect HostConfig.CpuRealtimeRuntime", "inspect HostConfig.CpuShares", "inspect HostConfig.CpusetCpus",
                "inspect HostConfig.CpusetMems", "inspect HostConfig.Devices", "inspect HostConfig.DiskQuota", "inspect HostConfig.Dns",
                "inspect HostConfig.DnsOptions", "inspect HostConfig.DnsSearch", "inspect HostConfig.ExtraHosts", "inspect HostConfig.GroupAdd",
                "inspect HostConfig.IOMaximumBandwidth", "inspect HostConfig.IOMaximumIOps", "inspect HostConfig.IpcMode",
                "inspect HostConfig.Isolation", "inspect HostConfig.KernelMemory", "inspect HostConfig.Links", "inspect HostConfig.LogConfig",
                "inspect HostConfig.Memory", "inspect HostConfig.MemoryReservation", "inspect HostConfig.MemorySwap",
                "inspect HostConfig.MemorySwappiness", "inspect HostConfig.NanoCpus", "inspect HostConfig.NetworkMode",
                "inspect HostConfig.OomKillDisable", "inspect HostConfig.OomScoreAdj", "inspect HostConfig.PidMode", "inspect HostConfig.PidsLimit",
                "inspect HostConfig.PortBindings", "inspect HostConfig.Privileged", "inspect HostConfig.PublishAllPorts",
                "inspect HostConfig.ReadonlyRootfs", "inspect HostConfig.Runtime", "inspect HostConfig.SecurityOpt", "inspect HostConfig.ShmSize",
                "inspect HostConfig.Tmpfs", "inspect HostConfig.UTSMode", "inspect HostConfig.Ulimits", "inspect HostConfig.UsernsMode",
                "inspect HostConfig.VolumeDriver", "inspect HostConfig.VolumesFrom");
        differ(m, "no checkpoint and restore yet", "inspect State.CheckpointedAt", "inspect State.RestoredAt");
        differ(m, "podman's healthchecks; a pod's probes are in pod inspect's KubeStatus", "inspect State.Health");
        differ(m, "rootless a container has no cgroup of its own to count OOM kills in: left out rather than a false false",
                "inspect State.OOMKilled", "inspect State.CgroupPath");
        differ(m, "rootless on cgroup v1 a pod has no cgroup: left out rather than made up", "pod inspect CgroupParent",
                "pod inspect CgroupPath", "pod inspect CreateCgroup");
        differ(m, "podman's pod exit policy and infra settings (pod create flags); a kube pod's are its spec's", "pod inspect ExitPolicy",
                "pod inspect InfraConfig");
        return m;
    }

    private static void differ(Map<String, String> m, String why, String... fields) {
        for (String f : fields) {
            m.put(f, why);
        }
    }

    @Test
    void jsonOfListingsAndInspectionsHasPodmansFieldsOrSaysWhyNot() {
        Path yaml = h.writeYaml("fields.yaml", """
                apiVersion: v1
                kind: Pod
                metadata:
                  name: fields
                  labels: {app: fields}
                spec:
                  containers:
                  - name: app
                    image: %s
                    command: ["sh", "-c", "%s"]
                """.formatted(Harness.IMAGE, Harness.SLEEPER));
        podman.ok("kube", "play", yaml.toString());
        h.play(yaml);
        h.waitForState("fields-app", "running", java.time.Duration.ofSeconds(30));
        List<String> problems = new ArrayList<>();
        for (String[] view : List.of(new String[] {"ps", "Names", "ps", "-a", "--format", "json"},
                new String[] {"pod ps", "Name", "pod", "ps", "--format", "json"},
                new String[] {"inspect", "Name", "inspect", "fields-app"},
                new String[] {"pod inspect", "Name", "pod", "inspect", "fields"})) {
            String[] args = java.util.Arrays.copyOfRange(view, 2, view.length);
            String name = view[0].startsWith("pod") ? "fields" : "fields-app";
            JsonNode theirs = one(Harness.json(podman.ok(args)), view[1], name);
            JsonNode ours = one(Harness.json(h.jpodOk(args)), view[1], name);
            compare(view[0], "", theirs, ours, problems);
        }
        h.jpodOk("kube", "down", yaml.toString());
        assertEquals(List.of(), problems, "fields of podman's JSON that jpod lacks or fills otherwise, not listed with why");
    }

    /** The element of {@code doc} (an array, or one object) whose {@code key} is or holds {@code name}. */
    private static JsonNode one(JsonNode doc, String key, String name) {
        if (doc.isObject()) {
            return doc;
        }
        for (JsonNode n : doc) {
            JsonNode v = n.path(key);
            boolean holds = v.isArray() ? java.util.stream.StreamSupport.stream(v.spliterator(), false).anyMatch(e -> e.asText().equals(name))
                    : v.asText().equals(name);
            if (holds) {
                return n;
            }
        }
        throw new AssertionError("no " + name + " in " + doc);
    }

    /** Compares the fields of podman's {@code theirs} with jpod's {@code ours}, objects one level down. */
    private static void compare(String view, String prefix, JsonNode theirs, JsonNode ours, List<String> problems) {
        for (Map.Entry<String, JsonNode> e : theirs.properties()) {
            String path = view + " " + prefix + e.getKey();
            JsonNode mine = ours.get(e.getKey());
            boolean differs = mine == null
                    || !e.getValue().isNull() && !mine.isNull() && e.getValue().getNodeType() != mine.getNodeType();
            if (differs && !DIFFERS.containsKey(path)) {
                problems.add(path + (mine == null ? ": missing" : ": " + mine.getNodeType() + " where podman has " + e.getValue().getNodeType()));
            } else if (!differs && DIFFERS.containsKey(path)) {
                problems.add(path + ": listed as differing, but jpod now prints it as podman does (drop it from DIFFERS)");
            } else if (!differs && prefix.isEmpty() && e.getValue().isObject() && mine.isObject()) {
                compare(view, e.getKey() + ".", e.getValue(), mine, problems);
            }
        }
    }
}
