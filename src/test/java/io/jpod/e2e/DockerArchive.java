package io.jpod.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Writes a one-layer docker-archive (what {@code podman save} writes by default, and
 * {@code podman load} / {@code jpod load} read): manifest.json, the image config, and the layer.
 */
final class DockerArchive {
    private DockerArchive() {
    }

    /** Packs {@code layerTar} (an uncompressed rootfs tar) as image {@code repoTag} into {@code out}. */
    static void write(Path layerTar, String repoTag, String env, Path out) throws IOException {
        Path dir = Files.createTempDirectory(Harness.WORK, "docker-archive");
        byte[] layer = Files.readAllBytes(layerTar);
        String diffId = sha256(layer);
        Files.createDirectories(dir.resolve(diffId));
        Files.write(dir.resolve(diffId).resolve("layer.tar"), layer);
        String config = "{\"architecture\":\"" + goArch() + "\",\"os\":\"linux\","
                + "\"created\":\"2024-01-01T00:00:00Z\","
                + "\"config\":{\"Env\":[" + PodYaml.quote(env) + "],\"Cmd\":[\"sh\"],\"WorkingDir\":\"/\"},"
                + "\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\"sha256:" + diffId + "\"]},"
                + "\"history\":[{\"created\":\"2024-01-01T00:00:00Z\",\"created_by\":\"jpod e2e DockerArchive\"}]}";
        byte[] configBytes = config.getBytes(StandardCharsets.UTF_8);
        String configName = sha256(configBytes) + ".json";
        Files.write(dir.resolve(configName), configBytes);
        String manifest = "[{\"Config\":\"" + configName + "\",\"RepoTags\":[" + PodYaml.quote(repoTag) + "],"
                + "\"Layers\":[\"" + diffId + "/layer.tar\"]}]";
        Files.writeString(dir.resolve("manifest.json"), manifest);
        Harness.rootOk("tar", "-C", dir.toString(), "-cf", out.toString(), "--numeric-owner", "--owner=0", "--group=0",
                "manifest.json", configName, diffId + "/layer.tar");
        Harness.rootOk("chmod", "0644", out.toString());
        Harness.rootOk("rm", "-rf", dir.toString());
    }

    private static String goArch() {
        String arch = System.getProperty("os.arch");
        return switch (arch) {
            case "amd64", "x86_64" -> "amd64";
            case "aarch64" -> "arm64";
            default -> arch;
        };
    }

    private static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
