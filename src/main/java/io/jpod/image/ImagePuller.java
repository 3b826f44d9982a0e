package io.jpod.image;

import io.jpod.events.Events;
import io.jpod.error.ImageException;
import io.jpod.error.JpodException;
import io.jpod.image.registry.Manifests;
import io.jpod.image.registry.RegistriesConf;
import io.jpod.image.registry.RegistryClient;
import io.jpod.image.registry.RegistryOptions;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Pulls images from registries into an {@link ImageStore}, as {@code podman pull}: the manifest
 * (the platform's entry of an image index), the configuration, then the layers not yet stored,
 * 3 at a time. Every blob is checked against its digest and size. The image is recorded only
 * when all its layers are stored, so a failed pull leaves no image (and no unused layer).
 */
public final class ImagePuller {
    private static final int THREADS = 3;
    private final ImageStore store;

    public ImagePuller(ImageStore store) {
        this.store = store;
    }

    /**
     * Pulls {@code reference}, resolving a short name through {@code conf} (see {@link ShortNames}):
     * the candidates are tried in order, and the last failure is reported when none can be pulled.
     */
    public Image pull(ImageReference reference, RegistriesConf conf, RegistryOptions options, Platform platform, Events events) {
        List<ImageReference> candidates = ShortNames.candidates(reference, conf, options.chooser());
        JpodException last = null;
        for (ImageReference c : candidates) {
            try {
                return pull(c, options, platform, events);
            } catch (JpodException e) {
                last = e;
                if (candidates.size() > 1) {
                    events.warning("cannot pull " + c + ": " + e.getMessage());
                }
            }
        }
        throw last;
    }

    /**
     * Pulls {@code wanted} (a name, optionally with tag or {@code @sha256:} digest; short: on docker.io) and returns the stored
     * image, named as wanted: from the mirrors registries.conf gives it, in order, then from its registry (or the location
     * its entry gives), each named in the progress ("Trying to pull MIRROR/…"); the last failure is reported when none serves it.
     */
    public Image pull(ImageReference wanted, RegistryOptions options, Platform platform, Events events) {
        ImageReference ref = wanted.qualified(ImageReference.DOCKER_REGISTRY);
        String name = ref.name() + (ref.tag() != null ? ":" + ref.tag() : "") + (ref.digest() != null ? "@" + ref.digest() : "");
        options.checkNotBlocked(name);
        List<String> sources = options.registriesConf().pullSources(name);
        JpodException last = null;
        for (int i = 0; i < sources.size(); i++) {
            try {
                return pullFrom(ImageReference.parse(sources.get(i)), ref, options, platform, events);
            } catch (JpodException e) {
                last = e;
                if (i < sources.size() - 1) {
                    events.warning("cannot pull " + name + " from " + sources.get(i) + ": " + e.getMessage());
                }
            }
        }
        throw last;
    }

    /** Pulls {@code source} (a mirror's reference, or the registry's), stored under the names of {@code ref}. */
    private Image pullFrom(ImageReference source, ImageReference ref, RegistryOptions options, Platform platform, Events events) {
        String name = source.name() + (source.tag() != null ? ":" + source.tag() : "")
                + (source.digest() != null ? "@" + source.digest() : "");
        String os = platform.osOrHost();
        String arch = platform.architectureOrHost();
        events.progress(name + "...", "Trying to pull");
        RegistryClient client = options.client(source.registry(), name);
        String repo = source.repository();
        PlatformManifest pm = platformManifest(client, source, name, os, arch, platform.variant());
        byte[] manifestBytes = pm.body();
        Manifests.Manifest manifest = Manifests.manifest(manifestBytes, pm.type(), name);
        manifest.layers().forEach(l -> Manifests.checkLayerType(l, name));
        events.progress("source signatures", "Getting image");
        byte[] config = client.blobBytes(repo, manifest.config().digest());
        Manifests.verify(config, manifest.config().digest(), manifest.config().size(), "config", name);
        List<String> diffIds = ImageConfig.readDiffIds(config, name);
        if (diffIds.size() != manifest.layers().size()) {
            throw new ImageException(name, name + ": the configuration lists " + diffIds.size() + " layers but the manifest "
                    + manifest.layers().size());
        }
        String holder = LayerStore.newHolder();
        try {
            fetchLayers(client, repo, name, manifest.layers(), diffIds, holder, events);
            events.progress(manifest.config().digest(), "Copying config");
            events.progress("image destination", "Writing manifest to");
            List<String> names = List.of(ref.digest() != null ? ref.name() + "@" + ref.digest() : ref.name() + ":" + ref.tag());
            Image image = store.commit(config, manifestBytes, diffIds, names, holder);
            events.progress("signatures", "Storing");
            return image;
        } catch (RuntimeException e) {
            store.layers().abandon(holder);
            throw e;
        }
    }

    /** The manifest of one platform's image: its bytes and media type. */
    private record PlatformManifest(byte[] body, String type) {
    }

    /** The manifest {@code ref} (qualified) names in its registry, the one for the platform when it names an index. */
    private static PlatformManifest platformManifest(RegistryClient client, ImageReference ref, String name, String os, String arch,
            String variant) {
        String repo = ref.repository();
        RegistryClient.Fetched top = client.manifest(repo, ref.digest() != null ? ref.digest() : ref.tag(), RegistryClient.MANIFEST_TYPES);
        if (ref.digest() != null) {
            Manifests.verify(top.body(), ref.digest(), -1, "manifest", name);
        }
        String type = Manifests.mediaType(top.body(), top.mediaType(), name);
        if (!Manifests.isIndex(type)) {
            return new PlatformManifest(top.body(), type);
        }
        Manifests.Descriptor d = Manifests.selectPlatform(top.body(), os, arch, variant, name);
        RegistryClient.Fetched m = client.manifest(repo, d.digest(), RegistryClient.MANIFEST_TYPES);
        Manifests.verify(m.body(), d.digest(), d.size(), "manifest", name);
        return new PlatformManifest(m.body(), Manifests.mediaType(m.body(), m.mediaType(), name));
    }

    /**
     * The digest of the manifest a pull of {@code wanted} (fully qualified) for {@code platform}
     * would store, read from its registry without pulling: what auto-update compares with the
     * digest of the image a container runs.
     */
    public static String remoteDigest(ImageReference wanted, RegistryOptions options, Platform platform) {
        ImageReference ref = wanted.qualified(ImageReference.DOCKER_REGISTRY);
        String name = ref.asWritten();
        RegistryClient client = options.client(ref.registry(), name);
        return Digests.digestOf(platformManifest(client, ref, name, platform.osOrHost(), platform.architectureOrHost(), platform.variant())
                .body());
    }

    private void fetchLayers(RegistryClient client, String repo, String name, List<Manifests.Descriptor> layers, List<String> diffIds,
            String holder, Events events) {
        LayerStore store = this.store.layers();
        List<Integer> missing = new ArrayList<>();
        for (int i = 0; i < layers.size(); i++) {
            if (store.leaseIfStored(diffIds.get(i), holder) != null) {
                events.progress(layers.get(i).digest() + " skipped: already exists", "Copying blob");
            } else if (!missing.contains(i) && diffIds.indexOf(diffIds.get(i)) == i) {
                missing.add(i);
            }
        }
        if (missing.isEmpty()) {
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(THREADS, missing.size()), r -> {
            Thread t = new Thread(r, "jpod-pull");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> tasks = new ArrayList<>();
            for (int i : missing) {
                Manifests.Descriptor d = layers.get(i);
                String diffId = diffIds.get(i);
                tasks.add(pool.submit(() -> {
                    events.transferStarted("Copying blob", d.digest(), d.size());
                    String source = name + ": layer " + d.digest();
                    try (SizedStream in = new SizedStream(client.blob(repo, d.digest()), d.size(), source,
                            n -> events.transferred(d.digest(), n))) {
                        store.store(in, source, diffId, d.digest(), holder, events);
                        in.checkComplete();
                        events.transferDone(d.digest());
                    } catch (IOException e) {
                        throw new ImageException(name, source + ": " + e.getMessage(), e);
                    }
                    return null;
                }));
            }
            for (Future<?> f : tasks) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    tasks.forEach(t -> t.cancel(true));
                    if (e.getCause() instanceof JpodException j) {
                        throw j;
                    }
                    throw new ImageException(name, name + ": pulling a layer failed: " + e.getCause(), e.getCause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new ImageException(name, name + ": pull interrupted", e);
                }
            }
        } finally {
            pool.shutdownNow();
            // a failed pull abandons its leases only once no fetch can still store a layer, an interrupted one too
            // (a served pull stopped by Ctrl-C): its interruption is kept for after the wait
            boolean interrupted = Thread.interrupted();
            long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
            while (!pool.isTerminated() && System.nanoTime() < deadline) {
                try {
                    pool.awaitTermination(deadline - System.nanoTime(), java.util.concurrent.TimeUnit.NANOSECONDS);
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * A blob stream that must be exactly {@code size} bytes long (when the size is known); tells
     * {@code progress} the count read every {@value #REPORT_EVERY} bytes.
     */
    static final class SizedStream extends FilterInputStream {
        static final long REPORT_EVERY = 256 * 1024;
        private final long size;
        private final String source;
        private final java.util.function.LongConsumer progress;
        private long count;
        private long reported;

        SizedStream(InputStream in, long size, String source) {
            this(in, size, source, n -> { });
        }

        SizedStream(InputStream in, long size, String source, java.util.function.LongConsumer progress) {
            super(in);
            this.size = size;
            this.source = source;
            this.progress = progress;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                counted(1);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            if (n > 0) {
                counted(n);
            }
            return n;
        }

        private void counted(long n) throws IOException {
            count += n;
            if (size >= 0 && count > size) {
                throw new IOException("size mismatch: the blob is longer than the " + size + " bytes its descriptor states");
            }
            if (count - reported >= REPORT_EVERY || count == size) {
                reported = count;
                progress.accept(count);
            }
        }

        void checkComplete() {
            if (size >= 0 && count != size) {
                throw new ImageException(source, source + ": size mismatch: expected " + size + " bytes, received " + count);
            }
        }
    }
}
