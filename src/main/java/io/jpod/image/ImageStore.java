package io.jpod.image;

import io.jpod.events.Events;
import io.jpod.error.ConflictException;
import io.jpod.error.ImageException;
import io.jpod.error.InvalidInputException;
import io.jpod.error.NotFoundException;
import io.jpod.host.HostPaths;
import io.jpod.host.Privileges;
import io.jpod.state.ImageTable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The local image store: images and their names in the state store (tables {@code images} and
 * {@code image_names}), their layers in a {@link LayerStore}. Every change is one write
 * transaction, so concurrent jpod processes see an image whole or not at all; a name given to a
 * new image moves to it (the old image keeps its other names or becomes dangling). Images keep
 * their configuration and manifest JSON, as pushing them needs.
 */
public final class ImageStore {
    static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    static final String OCI_CONFIG = "application/vnd.oci.image.config.v1+json";
    static final String OCI_LAYER = "application/vnd.oci.image.layer.v1.tar";
    private static final Pattern HEX_PREFIX = Pattern.compile("[0-9a-f]{3,64}");
    private static final int MIN_PREFIX = 3;

    private final ImageTable table;
    private final HostPaths paths;
    private final LayerStore layers;
    private final String architecture;

    /** {@code architecture}: this host's, as images name it ({@code HostFacts.architecture}), for imported images. */
    public ImageStore(ImageTable table, HostPaths paths, Privileges privileges, String architecture) {
        this.table = table;
        this.paths = paths;
        this.layers = new LayerStore(table, paths, privileges);
        this.architecture = architecture;
    }

    /** The layers of the stored images. */
    public LayerStore layers() {
        return layers;
    }

    // ---- import -----------------------------------------------------------------------------

    /** {@link #importRootfs(Path, List, String, String, Events)} without a history comment. */
    public Image importRootfs(Path tarOrDash, List<String> changes, String reference, Events events) {
        return importRootfs(tarOrDash, changes, null, reference, events);
    }

    /**
     * Creates an image from a root filesystem tarball ({@code -} reads standard input), as
     * {@code podman import}: one layer, {@code changes} applied to an empty configuration,
     * {@code message} as the history comment, named {@code reference} (normalised; may be null).
     */
    public Image importRootfs(Path tarOrDash, List<String> changes, String message, String reference, Events events) {
        if (tarOrDash.toString().equals("-")) {
            return importRootfs(System.in, "stdin", changes, message, reference, events);
        }
        try (InputStream in = Files.newInputStream(tarOrDash)) {
            return importRootfs(in, tarOrDash.toString(), changes, message, reference, events);
        } catch (IOException e) {
            throw new InvalidInputException(tarOrDash.toString(), "cannot read: " + IoErrors.reason(e), e);
        }
    }

    /** Imports the tarball read from {@code in}; {@code source} names it in messages. */
    public Image importRootfs(InputStream in, String source, List<String> changes, String message, String reference, Events events) {
        List<String> names = reference == null ? List.of() : List.of(ImageReference.forNewImage(reference).toString());
        Instant now = Instant.now();
        ImageConfig base = ConfigChanges.apply(ImageConfig.empty(now, "linux", architecture), changes);
        String holder = LayerStore.newHolder();
        try {
            LayerStore.Layer layer = layers.store(in, source, null, null, holder, events);
            events.progress(layer.diffId(), "Copying blob");
            String createdBy = "/bin/sh -c #(nop) ADD file:" + Digests.hexPart(layer.diffId()) + " in /";
            ImageConfig config = base.withHistory(List.of(new ImageConfig.History(now, createdBy, null,
                    message == null || message.isEmpty() ? "imported from tarball" : message, false)));
            byte[] configJson = config.toJson(List.of(layer.diffId()));
            events.progress(Digests.digestOf(configJson), "Copying config");
            return commit(configJson, manifestFor(configJson, List.of(layer)), List.of(layer.diffId()), names, holder);
        } catch (RuntimeException e) {
            layers.abandon(holder);
            throw e;
        }
    }

    // ---- load -------------------------------------------------------------------------------

    /** Loads the images of a docker-archive or oci-archive file. */
    public List<LoadedImage> load(Path archive, Events events) {
        try (InputStream in = Files.newInputStream(archive)) {
            return load(in, archive.toString(), events);
        } catch (IOException e) {
            throw new InvalidInputException(archive.toString(), "cannot read: " + IoErrors.reason(e), e);
        }
    }

    /**
     * Loads the images of a docker-archive or oci-archive read from {@code in} ({@code archive}
     * names it in messages). Every blob is verified; all images are recorded in one transaction,
     * so a bad archive stores nothing.
     */
    public List<LoadedImage> load(InputStream in, String archive, Events events) {
        String holder = LayerStore.newHolder();
        try (ArchiveFiles files = ArchiveFiles.read(in, archive, paths.tmp())) {
            List<ArchiveImage> sources = ArchiveImage.merge(ArchiveFormats.read(files, architecture, events));
            List<ArchiveImage> complete = new ArrayList<>();
            for (ArchiveImage s : sources) {
                List<LayerStore.Layer> stored = new ArrayList<>();
                for (ArchiveImage.Blob b : s.layers()) {
                    events.progress(b.digest() != null ? b.digest() : b.diffId(), "Copying blob");
                    try (InputStream blob = Files.newInputStream(b.file())) {
                        stored.add(layers.store(blob, archive + ": " + b.entry(), b.diffId(), b.digest(), holder, events));
                    } catch (IOException e) {
                        throw new ImageException(archive, archive + ": cannot read " + b.entry() + ": " + IoErrors.describe(e), e);
                    }
                }
                events.progress(Digests.PREFIX + s.id(), "Copying config");
                byte[] manifest = s.manifest() != null ? s.manifest() : manifestFor(s.config(), stored);
                complete.add(new ArchiveImage(s.config(), manifest, s.layers(), s.names()));
            }
            return table.write(tx -> {
                List<LoadedImage> out = new ArrayList<>();
                for (ArchiveImage s : complete) {
                    ImageConfig config = ImageConfig.read(s.config(), archive);
                    List<String> diffIds = s.layers().stream().map(ArchiveImage.Blob::diffId).toList();
                    out.add(new LoadedImage(record(tx, s.config(), s.manifest(), config, diffIds, s.names()), s.names()));
                }
                tx.release(holder);
                return out;
            });
        } catch (RuntimeException e) {
            layers.abandon(holder);
            throw e;
        }
    }

    /**
     * Records one image whose layers {@code holder} has stored and leased (with
     * {@link LayerStore#store}), gives it {@code names} and ends the leases, in one transaction.
     * What a registry pull calls once it has the layers.
     */
    Image commit(byte[] configJson, byte[] manifest, List<String> diffIds, List<String> names, String holder) {
        ImageConfig config = ImageConfig.read(configJson, Digests.hexOf(configJson));
        return table.write(tx -> {
            Image image = record(tx, configJson, manifest, config, diffIds, names);
            tx.release(holder);
            return image;
        });
    }

    /** Replaces the manifest (and so the digest) of image {@code id}: after a push that had to compress its layers. */
    void rememberManifest(String id, byte[] manifest) {
        table.write(tx -> {
            tx.setManifest(id, manifest, Digests.digestOf(manifest));
            return null;
        });
    }

    /** An OCI manifest for an image whose layers are kept as uncompressed tars. */
    static byte[] manifestFor(byte[] config, List<LayerStore.Layer> stored) {
        ObjectNode m = ImageConfig.JSON.createObjectNode();
        m.put("schemaVersion", 2);
        m.put("mediaType", OCI_MANIFEST);
        ObjectNode cfg = m.putObject("config");
        cfg.put("mediaType", OCI_CONFIG);
        cfg.put("digest", Digests.digestOf(config));
        cfg.put("size", config.length);
        ArrayNode ls = m.putArray("layers");
        for (LayerStore.Layer l : stored) {
            ObjectNode d = ls.addObject();
            d.put("mediaType", OCI_LAYER);
            d.put("digest", l.diffId());
            d.put("size", l.size());
        }
        return ImageConfig.JSON.writeValueAsBytes(m);
    }

    /** Within a write transaction: records an image whose layers are stored, and gives it {@code names}. */
    private Image record(ImageTable.Tx tx, byte[] configJson, byte[] manifest, ImageConfig config, List<String> diffIds,
            List<String> names) {
        String id = Digests.hexOf(configJson);
        if (!layers.allStored(tx, diffIds)) {
            throw new ImageException(id, "the layers of image " + id + " were removed while it was being stored; try again");
        }
        long size = 0;
        for (String d : diffIds) {
            size += layers.size(tx, d);
        }
        Instant now = Instant.now();
        tx.insertImage(id, Digests.digestOf(manifest), config.created() != null ? config.created() : now, size, configJson, manifest,
                diffIds, now);
        for (String name : names) {
            assignName(tx, id, name);
        }
        return byId(tx, id);
    }

    /** Gives {@code name} to image {@code id}, taking it from any other image. */
    private static void assignName(ImageTable.Tx tx, String id, String name) {
        if (!id.equals(tx.imageNamed(name))) {
            tx.removeName(name);
            tx.insertName(name, id, Instant.now());
        }
        List<String> history = tx.namesHistory(id);
        history.remove(name);
        history.add(0, name);
        tx.setNamesHistory(id, history);
    }

    // ---- queries ----------------------------------------------------------------------------

    /** All images, newest first. */
    public List<Image> list() {
        return table.read(ImageStore::all);
    }

    /**
     * The image {@code nameOrId} names: a full id (optionally {@code sha256:}-prefixed), a name
     * (short names match as podman matches them), {@code name@digest}, or a unique id prefix of at
     * least 3 hex digits. NotFoundException when none matches, ConflictException when it is ambiguous.
     */
    public Image resolve(String nameOrId) {
        return table.read(tx -> resolveIn(tx, nameOrId, null).image());
    }

    /** As {@link #resolve(String)}, for a reference already parsed (it may still be an id, as its text). */
    public Image resolve(ImageReference reference) {
        return table.read(tx -> resolveIn(tx, reference.asWritten(), reference).image());
    }

    /** How many containers (in the state store) use each image, by image id. */
    public Map<String, Integer> containerCounts() {
        return table.read(ImageTable.Tx::containerCounts);
    }

    /** The size in bytes of stored layer {@code diffId}'s uncompressed tar stream. */
    public long layerSize(String diffId) {
        return table.read(tx -> layers.size(tx, diffId));
    }

    /** The configuration JSON of image {@code id}, byte for byte as stored (its sha256 is the id). */
    public byte[] configBlob(String id) {
        return present(table.read(tx -> tx.config(id)), id);
    }

    /** The manifest JSON of image {@code id} (its sha256 is the image digest). */
    public byte[] manifestBlob(String id) {
        return present(table.read(tx -> tx.manifest(id)), id);
    }

    /** The media type of image {@code id}'s manifest (OCI when the manifest does not say). */
    public String manifestType(String id) {
        String type = ImageConfig.JSON.readTree(manifestBlob(id)).path("mediaType").asString("");
        return type.isEmpty() ? OCI_MANIFEST : type;
    }

    private static byte[] present(byte[] blob, String id) {
        if (blob == null) {
            throw notFound(id);
        }
        return blob;
    }

    private static NotFoundException notFound(String name) {
        return new NotFoundException("image", name, name + ": image not known");
    }

    /** How a user's string matched an image. {@code name} is the stored name it matched, null when it matched the id or digest. */
    private record Match(Image image, String name, boolean byId, boolean byDigest) {
    }

    /** Finds what {@code input} names; {@code parsed} is its reference when the caller parsed it, else null (parsed here). */
    private static Match resolveIn(ImageTable.Tx tx, String input, ImageReference parsed) {
        List<Image> images = all(tx);
        String s = input.startsWith(Digests.PREFIX) && Digests.isHex64(input.substring(Digests.PREFIX.length()))
                ? input.substring(Digests.PREFIX.length()) : input;
        if (Digests.isHex64(s)) {
            for (Image i : images) {
                if (i.id().equals(s)) {
                    return new Match(i, null, true, false);
                }
            }
        }
        ImageReference ref = parsed;
        if (ref == null) {
            try {
                ref = ImageReference.parse(input);
            } catch (InvalidInputException e) {
                if (!HEX_PREFIX.matcher(input).matches()) {
                    throw e;
                }
            }
        }
        if (ref != null) {
            Match byName = byName(images, ref, input);
            if (byName != null) {
                return byName;
            }
        }
        if (s.length() >= MIN_PREFIX && HEX_PREFIX.matcher(s).matches()) {
            List<Image> found = images.stream().filter(i -> i.id().startsWith(s)).toList();
            if (found.size() == 1) {
                return new Match(found.get(0), null, true, false);
            }
            if (found.size() > 1) {
                throw new ConflictException(input, "image ID prefix \"" + input + "\" is ambiguous: it matches "
                        + String.join(", ", found.stream().map(Image::shortId).toList()));
            }
        }
        throw notFound(input);
    }

    private static Match byName(List<Image> images, ImageReference ref, String input) {
        String exact = ref.toString();
        List<Match> matches = new ArrayList<>();
        for (Image i : images) {
            if (ref.digest() != null && !ref.digest().equals(i.digest())) {
                continue;
            }
            for (String name : i.names()) {
                if (ref.digest() == null && name.equals(exact)) {
                    return new Match(i, name, false, false);
                }
                if (ref.matches(ImageReference.parse(name))) {
                    matches.add(new Match(i, ref.digest() == null ? name : null, false, ref.digest() != null));
                    break;
                }
            }
        }
        if (matches.size() > 1) {
            throw new ConflictException(input, "\"" + input + "\" matches several images: "
                    + String.join(", ", matches.stream().map(m -> m.name() != null ? m.name() : m.image().shortId()).toList())
                    + "; use a full name or an ID");
        }
        return matches.isEmpty() ? null : matches.get(0);
    }

    private static List<Image> all(ImageTable.Tx tx) {
        List<Image> out = new ArrayList<>();
        for (ImageTable.ImageRow r : tx.images()) {
            out.add(new Image(r.id(), r.names(), r.digest(), r.created(), r.size(), ImageConfig.read(r.config(), r.id()), r.layers(),
                    r.namesHistory()));
        }
        out.sort(Comparator.comparing(Image::created).reversed().thenComparing(Image::id));
        return out;
    }

    private static Image byId(ImageTable.Tx tx, String id) {
        return all(tx).stream().filter(i -> i.id().equals(id)).findFirst().orElseThrow(() -> notFound(id));
    }

    // ---- names and removal ------------------------------------------------------------------

    /** Gives image {@code image} the name {@code newName} (normalised: {@code foo} is {@code localhost/foo:latest}); returns it. */
    public String tag(String image, String newName) {
        return tag(image, List.of(newName)).get(0);
    }

    /** Gives image {@code image} each of {@code newNames}; returns the normalised names. */
    public List<String> tag(String image, List<String> newNames) {
        List<String> full = newNames.stream().map(n -> ImageReference.forNewImage(n).toString()).toList();
        table.write(tx -> {
            Image target = resolveIn(tx, image, null).image();
            for (String name : full) {
                assignName(tx, target.id(), name);
            }
            return null;
        });
        return full;
    }

    /**
     * Removes names from image {@code image}: {@code names} (each must be one of its names; short
     * names match as in lookups), or all of them when {@code names} is empty. The image stays,
     * dangling if it has no name left. Returns the names removed.
     */
    public List<String> untag(String image, List<String> names) {
        List<ImageReference> refs = names.stream().map(ImageReference::parse).toList();
        return table.write(tx -> {
            Image target = resolveIn(tx, image, null).image();
            List<String> removed = new ArrayList<>();
            if (refs.isEmpty()) {
                removed.addAll(target.names());
            }
            for (ImageReference ref : refs) {
                removed.add(nameOf(target, ref));
            }
            for (String name : removed) {
                tx.removeName(name);
            }
            return removed;
        });
    }

    private static String nameOf(Image image, ImageReference ref) {
        if (image.names().contains(ref.toString())) {
            return ref.toString();
        }
        List<String> matched = image.names().stream().filter(n -> ref.matches(ImageReference.parse(n))).toList();
        if (matched.size() != 1) {
            throw new NotFoundException("tag", ref.toString(), ref + ": tag not known");
        }
        return matched.get(0);
    }

    /**
     * Removes {@code image} as {@code podman rmi} does. Named by one of several names: only that
     * name is removed. Otherwise the image is deleted with all its names, and the layers no other
     * image uses are deleted from disk. Refused (ConflictException) when it is named by id or
     * digest and has several names, unless {@code force}; refused (ImageInUseException) when a
     * container in the state store, or one {@code inUseByContainer} knows of (given the image id;
     * called inside the write transaction, so it must not use the state store), uses it: the
     * caller removes such containers first for {@code rmi --force} (see {@code engine.ImageService#remove}).
     */
    public RemoveReport remove(String image, boolean force, Predicate<String> inUseByContainer) {
        List<Path> trash = new ArrayList<>();
        RemoveReport report = table.write(tx -> {
            Match m = resolveIn(tx, image, null);
            Image target = m.image();
            List<String> names = target.names();
            if (m.name() != null && names.size() > 1) {
                tx.removeName(m.name());
                return new RemoveReport(List.of(m.name()), List.of());
            }
            if (!force && names.size() > 1) {
                throw new ConflictException(target.id(), "unable to delete image \"" + target.id() + "\" by " + (m.byId() ? "ID" : "digest")
                        + " with more than one tag ([" + String.join(" ", names) + "]): please force removal");
            }
            List<String> using = tx.containersUsing(target.id());
            if (!using.isEmpty() || inUseByContainer.test(target.id())) {
                throw new ImageInUseException(target.id(), using);
            }
            tx.deleteImage(target.id());
            trash.addAll(layers.collect(tx));
            return new RemoveReport(names, List.of(target.id()));
        });
        layers.deleteAll(trash);
        return report;
    }

    /**
     * Removes, as {@code podman image prune}, the dangling images (no name) that no container in
     * the state store uses, or with {@code all} every image no container uses, and the layers no
     * image is left using; in one transaction. Returns the ids removed.
     */
    public List<String> prune(boolean all) {
        List<Path> trash = new ArrayList<>();
        List<String> removed = table.write(tx -> {
            List<String> ids = new ArrayList<>();
            for (Image i : all(tx)) {
                if ((all || i.dangling()) && tx.containersUsing(i.id()).isEmpty()) {
                    ids.add(i.id());
                }
            }
            ids.forEach(tx::deleteImage);
            if (!ids.isEmpty()) {
                trash.addAll(layers.collect(tx));
            }
            return ids;
        });
        layers.deleteAll(trash);
        return removed;
    }
}
