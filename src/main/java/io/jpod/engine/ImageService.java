package io.jpod.engine;

import io.jpod.error.JpodException;
import io.jpod.error.NotFoundException;
import io.jpod.events.Events;
import io.jpod.host.HostProbe;
import io.jpod.image.ArchiveFormat;
import io.jpod.image.HistoryEntry;
import io.jpod.image.Image;
import io.jpod.image.ImageHistory;
import io.jpod.image.ImageInUseException;
import io.jpod.image.ImagePuller;
import io.jpod.image.ImagePusher;
import io.jpod.image.ImageReference;
import io.jpod.image.ImageSaver;
import io.jpod.image.ImageStore;
import io.jpod.image.LoadedImage;
import io.jpod.image.Platform;
import io.jpod.image.RemoveReport;
import io.jpod.image.registry.AuthFile;
import io.jpod.image.registry.Credentials;
import io.jpod.image.registry.RegistriesConf;
import io.jpod.image.registry.RegistryClient;
import io.jpod.image.registry.RegistryOptions;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The local images and the registries: what the CLI does with images (pull, push, save, load,
 * import, tag, remove, prune, inspect, login), as {@link VolumeService} for volumes. {@code kube
 * play} pulls through {@link #pull} too. Never prints: returns records and tells the given
 * {@link Events}.
 */
public final class ImageService {
    private static final Path SYSTEM_REGISTRIES_CONF = Path.of("/etc/containers/registries.conf");

    private final ImageStore store;
    private final Consumer<String> removeContainersUsing;
    private final EventLog eventLog;

    /**
     * {@code removeContainersUsing} removes the containers of an image id (and the pods of infra containers), for {@code rmi -f};
     * {@code eventLog} records pulls, pushes, tags and removals.
     */
    ImageService(ImageStore store, Consumer<String> removeContainersUsing, EventLog eventLog) {
        this.store = store;
        this.removeContainersUsing = removeContainersUsing;
        this.eventLog = eventLog;
    }

    /** An image and what {@code image inspect} shows beside it. {@code layerDirs}: overlay lower directories, top layer first. */
    public record Inspected(Image image, List<Path> layerDirs, String manifestType) {
    }

    /** All images, newest first. */
    public List<Image> list() {
        return store.list();
    }

    /** How many containers use each image, by image id. */
    public Map<String, Integer> containerCounts() {
        return store.containerCounts();
    }

    /** The image a name, id or unique id prefix names (see {@link ImageStore#resolve(String)}). */
    public Image resolve(String nameOrId) {
        return store.resolve(nameOrId);
    }

    /** Whether a name, id or unique id prefix names a local image (an ambiguous prefix is an error). */
    public boolean exists(String nameOrId) {
        try {
            store.resolve(nameOrId);
            return true;
        } catch (NotFoundException e) {
            return false;
        }
    }

    /** The image {@code reference} names locally. */
    Image find(ImageReference reference) {
        return store.resolve(reference);
    }

    /** What {@code image inspect} shows of {@code nameOrId}. */
    public Inspected inspect(String nameOrId) {
        Image image = store.resolve(nameOrId);
        return new Inspected(image, store.layers().layerDirs(image), store.manifestType(image.id()));
    }

    /** {@code podman history} of {@code nameOrId}, newest first. */
    public List<HistoryEntry> history(String nameOrId) {
        Image image = store.resolve(nameOrId);
        return ImageHistory.of(image, image.layers().stream().map(store::layerSize).toList());
    }

    /** The overlay lower directories of {@code image}, top layer first. */
    List<Path> layerDirs(Image image) {
        return store.layers().layerDirs(image);
    }

    // ---- registries ---------------------------------------------------------------------------

    /**
     * The registry options of one operation ({@link #pull}, {@link #push}, {@code kube play}): the
     * user's registries.conf and auth file, {@code access}'s flags. The CLI makes them before it
     * asks the engine, so a bad flag or file is reported first.
     */
    public static RegistryOptions registryOptions(RegistryAccess access) {
        return new RegistryOptions(access.tlsVerify(), access.creds() == null ? null : Credentials.parse(access.creds()),
                authFile(access.authfile()), RegistriesConf.forUser(System.getenv(), SYSTEM_REGISTRIES_CONF)).withChooser(access.chooser());
    }

    private static AuthFile authFile(String authfile) {
        return AuthFile.of(authfile, System.getenv(), !HostProbe.rootless());
    }

    /**
     * Pulls {@code reference} as {@code podman pull}: a short name through the options'
     * registries.conf; {@code platform} picks from an index. The one pull path: {@code jpod pull}
     * and the images {@code kube play} pulls.
     */
    public Image pull(ImageReference reference, RegistryOptions options, Platform platform, Events events) {
        Image pulled = new ImagePuller(store).pull(reference, options.registriesConf(), options, platform, events);
        eventLog.image(pulled.id(), reference.asWritten(), "pull");
        return pulled;
    }

    /** The digest a pull of {@code reference} (fully qualified) would store now, read from its registry without pulling. */
    String remoteDigest(ImageReference reference, RegistryOptions options) {
        return ImagePuller.remoteDigest(reference, options, Platform.HOST);
    }

    /** Pushes local image {@code source} to {@code destination} (null: the name {@code source} gives); returns the manifest digest. */
    public String push(String source, ImageReference destination, RegistryOptions options, Events events) {
        String digest = new ImagePusher(store).push(source, destination, options, events);
        eventLog.image(idOf(source), destination != null ? destination.asWritten() : source, "push");
        return digest;
    }

    /**
     * Checks {@code credentials} against {@code registry} (host[:port]) and stores them in the auth
     * file ({@code authfile}, null: the default one). Needs no engine: no state store is opened.
     */
    public static void login(String registry, Credentials credentials, boolean tlsVerify, String authfile) {
        new RegistryClient(registry, registry, tlsVerify, credentials).checkLogin();
        authFile(authfile).store(registry, credentials);
    }

    /** Removes {@code registry}'s credentials from the auth file; false when it had none. Needs no engine. */
    public static boolean logout(String registry, String authfile) {
        return authFile(authfile).remove(registry);
    }

    // ---- archives -----------------------------------------------------------------------------

    /** Writes the images {@code references} name (names or ids) to {@code out} as one archive. */
    public void save(List<String> references, ArchiveFormat format, OutputStream out, Events events) {
        new ImageSaver(store).save(references, format, out, events);
    }

    /** Loads the images of a docker-archive or oci-archive file. */
    public List<LoadedImage> load(Path archive, Events events) {
        return loaded(store.load(archive, events));
    }

    /** Loads the images of an archive read from {@code in}; {@code source} names it in messages. */
    public List<LoadedImage> load(InputStream in, String source, Events events) {
        return loaded(store.load(in, source, events));
    }

    private List<LoadedImage> loaded(List<LoadedImage> images) {
        images.forEach(l -> eventLog.image(l.image().id(), l.names().isEmpty() ? null : String.join(",", l.names()), "loadFromArchive"));
        return images;
    }

    /** Creates an image from a root filesystem tarball, as {@code podman import} (see {@link ImageStore#importRootfs}). */
    public Image importRootfs(Path tarball, List<String> changes, String message, String reference, Events events) {
        return imported(store.importRootfs(tarball, changes, message, reference, events), reference);
    }

    /** As above, the tarball read from {@code in}; {@code source} names it in messages. */
    public Image importRootfs(InputStream in, String source, List<String> changes, String message, String reference, Events events) {
        return imported(store.importRootfs(in, source, changes, message, reference, events), reference);
    }

    private Image imported(Image image, String reference) {
        eventLog.image(image.id(), reference, "import");
        return image;
    }

    // ---- names and removal --------------------------------------------------------------------

    /** Gives image {@code image} each of {@code names}; returns the normalised names. */
    public List<String> tag(String image, List<String> names) {
        List<String> tagged = store.tag(image, names);
        String id = idOf(image);
        tagged.forEach(n -> eventLog.image(id, n, "tag"));
        return tagged;
    }

    /** Removes {@code names} (all when empty) from image {@code image}; returns the names removed. */
    public List<String> untag(String image, List<String> names) {
        String id = idOf(image);
        List<String> untagged = store.untag(image, names);
        untagged.forEach(n -> eventLog.image(id, n, "untag"));
        return untagged;
    }

    /**
     * Removes {@code image} as {@code podman rmi}: see {@link ImageStore#remove}; {@code byIdWithNames}
     * lets an id remove an image of several names. An image in use is refused, naming its
     * containers, unless {@code removeContainers} ({@code rmi --force}): then those containers
     * (and the pod of an infra container) are removed first.
     */
    public RemoveReport remove(String image, boolean byIdWithNames, boolean removeContainers) {
        String imageId = idOf(image);
        RemoveReport report;
        try {
            report = store.remove(image, byIdWithNames, id -> false);
        } catch (ImageInUseException e) {
            if (!removeContainers) {
                throw e;
            }
            removeContainersUsing.accept(e.imageId());
            report = store.remove(image, byIdWithNames, id -> false);
        }
        report.untagged().forEach(n -> eventLog.image(imageId, n, "untag"));
        report.deleted().forEach(d -> eventLog.image(d, image, "remove"));
        return report;
    }

    /** The id of the image {@code nameOrId} names, for its events ("" when it names none: the operation says so). */
    private String idOf(String nameOrId) {
        try {
            return store.resolve(nameOrId).id();
        } catch (JpodException e) {
            return "";
        }
    }

    /** Removes the dangling images no container uses ({@code all}: every image no container uses); returns their ids. */
    public List<String> prune(boolean all) {
        List<String> pruned = store.prune(all);
        pruned.forEach(id -> eventLog.image(id, null, "remove"));
        return pruned;
    }
}
