package io.jpod.image;

import io.jpod.events.Events;
import io.jpod.error.ImageException;
import io.jpod.error.StateException;
import io.jpod.host.HostPaths;
import io.jpod.host.Privileges;
import io.jpod.state.ImageTable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Unpacked image layers, shared by all images: {@code layers/<hex of diffID>/diff}, one directory
 * per layer, each unpacked once. A layer is unpacked into a scratch directory and renamed into
 * place while holding the state store's write lock, so concurrent jpod processes storing the same
 * layer end with one copy. An operation about to use layers leases them (table
 * {@code layer_leases}) until its image is recorded, so that a concurrent removal does not delete
 * them; removal renames unused layers away under the write lock and deletes them afterwards.
 */
public final class LayerStore {
    private static final Duration LEASE = Duration.ofHours(24);
    private static final String BLOBS = "blobs";

    private final ImageTable table;
    private final HostPaths paths;
    private final Privileges privileges;

    public LayerStore(ImageTable table, HostPaths paths, Privileges privileges) {
        this.table = table;
        this.paths = paths;
        this.privileges = privileges;
    }

    /** A stored layer: its diffID and the size of its uncompressed tar. */
    public record Layer(String diffId, long size) {
    }

    /** The directory holding the unpacked layer {@code diffId}. */
    public Path diffDir(String diffId) {
        return paths.layers().resolve(Digests.hexPart(diffId)).resolve("diff");
    }

    /** The overlay lower directories of {@code image}: top layer first. */
    public List<Path> layerDirs(Image image) {
        List<Path> dirs = new ArrayList<>();
        for (int i = image.layers().size() - 1; i >= 0; i--) {
            dirs.add(diffDir(image.layers().get(i)));
        }
        return dirs;
    }

    /** A new lease holder name for one operation. */
    static String newHolder() {
        return UUID.randomUUID().toString();
    }

    /**
     * Stores the layer in {@code blob} (tar, gzip or not) and leases it to {@code holder}.
     * When {@code expectedDiffId} is known and already stored, the blob is only read through to
     * verify it. {@code expectedDiffId} and {@code expectedBlobDigest} (either may be null) are
     * checked against what the blob holds; a mismatch stores nothing.
     */
    Layer store(InputStream blob, String source, String expectedDiffId, String expectedBlobDigest, String holder, Events events) {
        if (expectedDiffId != null) {
            Long size = table.write(tx -> leaseIfPresent(tx, expectedDiffId, holder));
            if (size != null) {
                verify(TarExtractor.digest(blob, source), source, expectedDiffId, expectedBlobDigest);
                return new Layer(expectedDiffId, size);
            }
        }
        Path scratch = null;
        try {
            Files.createDirectories(paths.tmp());
            scratch = Files.createTempDirectory(paths.tmp(), "layer-");
            Path diff = Files.createDirectory(scratch.resolve("diff"));
            Files.setAttribute(diff, "unix:mode", 0755);
            Path raw = scratch.resolve("blob.part");
            TarExtractor.Result r;
            try (OutputStream copy = Files.newOutputStream(raw)) {
                r = new TarExtractor(diff, privileges, events).extract(new TeeStream(blob, copy), source);
            }
            verify(r, source, expectedDiffId, expectedBlobDigest);
            keepBlob(scratch, raw, r);
            Path unpacked = scratch;
            List<Path> trash = table.write(tx -> install(tx, r, unpacked, holder));
            deleteAll(trash);
            return new Layer(r.diffId(), r.size());
        } catch (IOException e) {
            throw new ImageException(source, source + ": cannot store layer: " + IoErrors.describe(e), e);
        } finally {
            if (scratch != null) {
                deleteQuietly(scratch);
            }
        }
    }

    /**
     * Keeps the layer's blob beside it, for pushing: {@code blobs/<hex of its digest>}, as received
     * when it came compressed, gzip-compressed (deterministically) when it came as a plain tar.
     */
    private static void keepBlob(Path scratch, Path raw, TarExtractor.Result r) throws IOException {
        Path blobs = Files.createDirectory(scratch.resolve(BLOBS));
        if (!r.blobDigest().equals(r.diffId())) {
            Files.move(raw, blobs.resolve(Digests.hexPart(r.blobDigest())));
            return;
        }
        Path gz = scratch.resolve("blob.gz.part");
        MessageDigest md = Digests.sha256();
        try (InputStream in = Files.newInputStream(raw);
                OutputStream out = new FastGzip(new DigestOutputStream(Files.newOutputStream(gz), md))) {
            in.transferTo(out);
        }
        Files.move(gz, blobs.resolve(Digests.hex(md)));
        Files.delete(raw);
    }

    /** The blobs kept for layer {@code diffId} ({@code sha256:} digest to file); empty for layers stored before blobs were kept. */
    Map<String, Path> blobs(String diffId) {
        Map<String, Path> out = new TreeMap<>();
        Path dir = diffDir(diffId).resolveSibling(BLOBS);
        if (Files.isDirectory(dir)) {
            try (var files = Files.list(dir)) {
                files.filter(f -> Digests.isHex64(f.getFileName().toString()))
                        .forEach(f -> out.put(Digests.PREFIX + f.getFileName(), f));
            } catch (IOException e) {
                throw new ImageException(diffId, "cannot list the blobs of layer " + diffId + ": " + IoErrors.describe(e), e);
            }
        }
        return out;
    }

    /**
     * Leases layer {@code diffId} to {@code holder} when it is stored, returning its size; null
     * when it is not stored (a pull then fetches it).
     */
    Long leaseIfStored(String diffId, String holder) {
        return table.write(tx -> leaseIfPresent(tx, diffId, holder));
    }

    /** gzip at the fastest level: keeping a blob must not slow an import down much; the output is still deterministic. */
    private static final class FastGzip extends GZIPOutputStream {
        FastGzip(OutputStream out) throws IOException {
            super(out, 65536);
            def.setLevel(java.util.zip.Deflater.BEST_SPEED);
        }
    }

    /** Copies what is read into {@code copy}. */
    private static final class TeeStream extends ObservedStream {
        private final OutputStream copy;

        TeeStream(InputStream in, OutputStream copy) {
            super(in);
            this.copy = copy;
        }

        @Override
        protected void seen(byte[] b, int off, int n) throws IOException {
            copy.write(b, off, n);
        }
    }

    private static void verify(TarExtractor.Result r, String source, String expectedDiffId, String expectedBlobDigest) {
        if (expectedBlobDigest != null && !expectedBlobDigest.equals(r.blobDigest())) {
            throw new ImageException(source, source + ": digest mismatch: expected " + expectedBlobDigest + ", the blob has " + r.blobDigest());
        }
        if (expectedDiffId != null && !expectedDiffId.equals(r.diffId())) {
            throw new ImageException(source, source + ": layer does not match the image configuration: diff_id "
                    + expectedDiffId + " expected, the layer has " + r.diffId());
        }
    }

    private Long leaseIfPresent(ImageTable.Tx tx, String diffId, String holder) {
        Long size = tx.layerSize(diffId);
        if (size == null || !Files.isDirectory(diffDir(diffId))) {
            return null;
        }
        lease(tx, diffId, holder);
        return size;
    }

    private List<Path> install(ImageTable.Tx tx, TarExtractor.Result r, Path scratch, String holder) {
        lease(tx, r.diffId(), holder);
        Path target = diffDir(r.diffId()).getParent();
        List<Path> trash = new ArrayList<>();
        if (tx.layerSize(r.diffId()) != null && Files.isDirectory(target.resolve("diff"))) {
            return trash; // another process stored it meanwhile: ours is discarded
        }
        try {
            if (Files.exists(target, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                trash.add(moveAside(target)); // left over by an interrupted operation
            }
            Files.createDirectories(paths.layers());
            Files.move(scratch, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new StateException("cannot move layer " + r.diffId() + " into " + target + ": " + IoErrors.describe(e), e);
        }
        tx.putLayer(r.diffId(), r.size(), Instant.now());
        return trash;
    }

    private static void lease(ImageTable.Tx tx, String diffId, String holder) {
        tx.lease(diffId, holder, Instant.now().plus(LEASE));
    }

    /** Within a write transaction: true when every layer in {@code diffIds} is stored. */
    boolean allStored(ImageTable.Tx tx, List<String> diffIds) {
        for (String id : diffIds) {
            if (tx.layerSize(id) == null) {
                return false;
            }
        }
        return true;
    }

    /** Within a write transaction: the size of a stored layer. */
    long size(ImageTable.Tx tx, String diffId) {
        Long size = tx.layerSize(diffId);
        if (size == null) {
            throw new StateException("layer " + diffId + " is not stored", null);
        }
        return size;
    }

    /** Drops the leases of {@code holder} (after a failed operation) and deletes layers nothing uses any more. */
    void abandon(String holder) {
        List<Path> trash = table.write(tx -> {
            tx.release(holder);
            return collect(tx);
        });
        deleteAll(trash);
    }

    /**
     * Within a write transaction: forgets the layers that no image uses and nobody leases,
     * renaming their directories away. Returns those directories, to be deleted with
     * {@link #deleteAll} after the transaction commits.
     */
    List<Path> collect(ImageTable.Tx tx) {
        Set<String> referenced = tx.layersInUse();
        Instant now = Instant.now();
        Set<String> leased = new java.util.HashSet<>();
        List<String> expired = new ArrayList<>();
        for (ImageTable.Lease l : tx.leases()) {
            if (l.expires().isBefore(now)) {
                expired.add(l.holder());
            } else {
                leased.add(l.diffId());
            }
        }
        for (String holder : expired) {
            tx.release(holder);
        }
        List<String> unused = new ArrayList<>();
        for (String id : tx.layers()) {
            if (!referenced.contains(id) && !leased.contains(id)) {
                unused.add(id);
            }
        }
        List<Path> trash = new ArrayList<>();
        for (String id : unused) {
            tx.deleteLayer(id);
            Path dir = diffDir(id).getParent();
            if (Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                try {
                    trash.add(moveAside(dir));
                } catch (IOException e) {
                    throw new StateException("cannot remove layer directory " + dir + ": " + IoErrors.describe(e), e);
                }
            }
        }
        return trash;
    }

    private Path moveAside(Path dir) throws IOException {
        Files.createDirectories(paths.tmp());
        Path trash = paths.tmp().resolve("removed-" + UUID.randomUUID());
        Files.move(dir, trash, StandardCopyOption.ATOMIC_MOVE);
        return trash;
    }

    /** Deletes directories renamed away by {@link #collect}. */
    void deleteAll(List<Path> trash) {
        for (Path p : trash) {
            deleteQuietly(p);
        }
    }

    private static void deleteQuietly(Path p) {
        try {
            TarExtractor.deleteTree(p);
        } catch (IOException e) {
            // a leftover in tmp is harmless; the next removal of that directory will retry
        }
    }
}
