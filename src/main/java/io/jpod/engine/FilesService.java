package io.jpod.engine;

import io.jpod.error.InvalidInputException;
import io.jpod.error.JpodException;
import io.jpod.error.NotFoundException;
import io.jpod.error.RuntimeFailureException;
import io.jpod.events.Events;
import io.jpod.host.HostFacts;
import io.jpod.host.Privileges;
import io.jpod.image.TarExtractor;
import io.jpod.image.TreeArchive;
import io.jpod.state.ContainerRow;
import io.jpod.state.ContainerState;
import io.jpod.json.Json;
import io.jpod.storage.FileChange;
import io.jpod.storage.MountedTree;
import io.jpod.storage.RootPath;
import io.jpod.storage.RootfsChanges;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import tools.jackson.core.JacksonException;

/**
 * A container's files: {@code jpod cp} in and out, running or stopped (a stopped container's root is mounted for the
 * copy and unmounted after, under the container's lock), and {@code jpod diff}. A path of the container is resolved
 * inside its root ({@link RootPath}), and what is written is unpacked by the safe {@link TarExtractor}: nothing is
 * written outside the destination, in the container or on the host.
 */
public final class FilesService {
    /** The files every container has bound in from its pod. */
    private static final Set<String> POD_FILES = Set.of("/etc/hosts", "/etc/hostname", "/etc/resolv.conf");

    private final PodService pods;
    private final ContainerLifecycle life;
    private final Events events;

    FilesService(PodService pods, Events events) {
        this.pods = pods;
        this.life = pods.lifecycle();
        this.events = events;
    }

    /**
     * How files are copied into a container.
     *
     * @param chown     podman's {@code --archive}: what is copied in is owned by the container's user, else it keeps
     *                  the owners of the files or the tar stream
     * @param overwrite a directory and a non-directory may replace each other
     */
    public record CopyIn(boolean chown, boolean overwrite) {
    }

    /** Copies the container's {@code source} to the host path {@code dest} (absolute). */
    public void copyOut(String container, String source, Path dest) {
        withView(container, view -> {
            Path from = existing(RootPath.locateParent(view.tree(), source).host(), container, source);
            CopyTarget t = CopyTarget.decide(source, Files.isDirectory(from), dest.toString(), kind(dest),
                    Files.isDirectory(dest.toAbsolutePath().getParent()));
            pipe(out -> new TreeArchive(false).write(from, t.name(), out), container + ":" + source,
                    TarExtractor.ofFiles(Path.of(t.directory()), Privileges.current(), events));
            return null;
        });
    }

    /** Writes the container's {@code source} as a tar stream to {@code out} (owners kept, as podman). */
    public void copyOut(String container, String source, OutputStream out) {
        withView(container, view -> {
            Path from = existing(RootPath.locateParent(view.tree(), source).host(), container, source);
            new TreeArchive(true).write(from, CopyTarget.baseName(source).isEmpty() ? "." : CopyTarget.baseName(source), out);
            return null;
        });
    }

    /** Copies the host path {@code source} (absolute) to the container's {@code dest}. */
    public void copyIn(Path source, String container, String dest, CopyIn how) {
        if (!Files.exists(source, LinkOption.NOFOLLOW_LINKS)) {
            throw new NotFoundException("file", source.toString(), "\"" + source + "\" could not be found on the host: no such file or directory");
        }
        withView(container, view -> {
            MountedTree tree = view.tree();
            Path parent = RootPath.locate(tree, CopyTarget.parent(dest)).host();
            CopyTarget t = CopyTarget.decide(source.toString(), Files.isDirectory(source),
                    dest, kind(RootPath.locate(tree, dest).host()), Files.isDirectory(parent, LinkOption.NOFOLLOW_LINKS));
            MountedTree.Location target = t.name().isEmpty() ? RootPath.locate(tree, t.directory())
                    : RootPath.locateParent(tree, t.directory() + "/" + t.name());
            writable(tree, target, dest);
            TarExtractor.Owner owner = how.chown() ? view.user() : null;
            if (target.isMountPoint() && Files.isRegularFile(target.host())) {
                intoMountedFile(source, target.host(), owner);
                return null;
            }
            Path into = t.name().isEmpty() ? target.host() : target.host().getParent();
            String name = t.name().isEmpty() ? "" : target.host().getFileName().toString();
            pipe(out -> new TreeArchive(!how.chown()).write(source, name, out), source.toString(),
                    TarExtractor.ofFiles(into, Privileges.current(), events, owner, how.overwrite()));
            return null;
        });
    }

    /** Unpacks the tar stream {@code tar} into the container's directory {@code dest}. */
    public void copyIn(InputStream tar, String container, String dest, CopyIn how) {
        withView(container, view -> {
            MountedTree.Location into = RootPath.locate(view.tree(), dest);
            if (!Files.isDirectory(into.host(), LinkOption.NOFOLLOW_LINKS)) {
                throw new InvalidInputException(dest, "destination must be a directory when copying from stdin");
            }
            writable(view.tree(), into, dest);
            TarExtractor.ofFiles(into.host(), Privileges.current(), events, how.chown() ? view.user() : null, how.overwrite())
                    .extract(tar, "standard input");
            return null;
        });
    }

    private static void writable(MountedTree tree, MountedTree.Location target, String dest) {
        if (target.readOnly(tree)) {
            throw new InvalidInputException(dest, "\"" + target.path() + "\" is on a read-only "
                    + (target.bind() == null ? "root filesystem" : "mount (" + target.bind().destination() + ")"));
        }
    }

    /**
     * A file bound in on its own (the pod's /etc/hosts…) is written in place, so that the container, which holds that
     * file and not its directory, sees the copy.
     */
    private void intoMountedFile(Path source, Path file, TarExtractor.Owner owner) {
        if (!Files.isRegularFile(source, LinkOption.NOFOLLOW_LINKS)) {
            throw new InvalidInputException(source.toString(), "only a file can be copied onto the mounted file " + file.getFileName());
        }
        try {
            try (InputStream in = Files.newInputStream(source);
                    OutputStream out = Files.newOutputStream(file, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
                in.transferTo(out);
            }
            if (owner != null) {
                Files.setAttribute(file, "unix:uid", (int) owner.uid(), LinkOption.NOFOLLOW_LINKS);
                Files.setAttribute(file, "unix:gid", (int) owner.gid(), LinkOption.NOFOLLOW_LINKS);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * What the container changed against its image, sorted by path; the mount points jpod made (the pod's /etc files,
     * volumes) are left out, as podman leaves them out.
     */
    public List<FileChange> diff(String container) {
        ContainerRow c = appContainer(container);
        Set<String> mountPoints = new HashSet<>(POD_FILES);
        mountPoints.addAll(pods.container(c.id()).mounts());
        return RootfsChanges.of(c.name(), life.storageDriver(c) == HostFacts.StorageDriver.COPY, life.paths(c.id()).overlay(),
                c.config().layerDirs().stream().map(Path::of).toList()).stream().filter(ch -> !mountPoints.contains(ch.path())).toList();
    }

    private ContainerRow appContainer(String nameOrId) {
        ContainerRow c = pods.container(nameOrId).row();
        if (c.infra()) {
            throw new InvalidInputException(nameOrId, "an infra container has no image to copy from or to compare with");
        }
        return c;
    }

    /**
     * Runs {@code action} on the container's files (its root, mounted for it when the container does not run, and the
     * mounts of the spec it was last started with).
     */
    private <T> T withView(String nameOrId, Function<ContainerView, T> action) {
        ContainerRow c = appContainer(nameOrId);
        try (Locks.Held held = life.lock(c.id())) {
            boolean running = pods.container(c.id()).current() == ContainerState.RUNNING;
            Path root = life.mountRootfs(c);
            try {
                return action.apply(view(c, root));
            } catch (UncheckedIOException e) {
                throw new RuntimeFailureException(c.name(), "cannot copy: " + e.getCause().getMessage(), e);
            } finally {
                if (!running) {
                    life.unmountRootfs(c);
                }
            }
        }
    }

    private ContainerView view(ContainerRow c, Path root) {
        Path config = life.paths(c.id()).config();
        if (!Files.exists(config)) {
            return ContainerView.rootOnly(root);
        }
        try {
            return ContainerView.of(Json.mapper().readTree(config.toFile()), root);
        } catch (JacksonException e) {
            throw new RuntimeFailureException(c.name(), "cannot read the spec of " + c.name() + " (" + config + "): " + e.getOriginalMessage(), e);
        }
    }

    private static Path existing(Path p, String container, String source) {
        if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
            throw new NotFoundException("file", source, "\"" + source + "\" could not be found on container " + container
                    + ": no such file or directory");
        }
        return p;
    }

    private static CopyTarget.Dest kind(Path p) {
        if (Files.isDirectory(p)) {
            return CopyTarget.Dest.DIRECTORY;
        }
        return Files.exists(p, LinkOption.NOFOLLOW_LINKS) ? CopyTarget.Dest.FILE : CopyTarget.Dest.MISSING;
    }

    /** Streams what {@code writer} writes into the safe {@code extractor}. */
    private static void pipe(java.util.function.Consumer<OutputStream> writer, String what, TarExtractor extractor) {
        AtomicReference<RuntimeException> failed = new AtomicReference<>();
        PipedInputStream in = new PipedInputStream(1 << 16);
        Thread t;
        try {
            PipedOutputStream out = new PipedOutputStream(in);
            t = new Thread(() -> {
                try (out) {
                    writer.accept(out);
                } catch (JpodException e) {
                    failed.set(e);
                } catch (IOException e) {
                    failed.set(new UncheckedIOException(e));
                }
            }, "cp-archive");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        t.start();
        try (in) {
            extractor.extract(in, what);
            in.transferTo(OutputStream.nullOutputStream());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            join(t); // the reader is closed first: a writer still writing ends with "pipe closed"
        }
        if (failed.get() != null) {
            throw failed.get();
        }
    }

    private static void join(Thread t) {
        try {
            t.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
