package io.jpod.engine;

import io.jpod.events.Events;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jpod.error.ImageException;
import io.jpod.error.JpodException;
import io.jpod.error.NotFoundException;
import io.jpod.image.registry.RegistriesConf;
import io.jpod.host.HostPaths;
import io.jpod.host.Privileges;
import io.jpod.image.Image;
import io.jpod.image.ImageStore;
import io.jpod.image.registry.RegistryOptions;
import io.jpod.pod.PullPolicy;
import io.jpod.state.Database;
import io.jpod.state.ImageTable;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalImagesTest {
    @TempDir
    Path base;

    @Test
    void localhostNamesAreNeverPulled() throws Exception {
        HostPaths paths = new HostPaths(base.resolve("data"), base.resolve("run"));
        try (Database db = Database.open(paths.database())) {
            ImageService service = service(db, paths);
            Image img = service.importRootfs(new ByteArrayInputStream(emptyTar()), "t", List.of(), null, "localhost/bb:latest", Events.NONE);
            LocalImages images = new LocalImages(service, Events.NONE);
            // unreachable registry options: any pull attempt would fail
            RegistryOptions none = new RegistryOptions(true, null, null);
            assertEquals(img.id(), images.resolve("localhost/bb:latest", PullPolicy.ALWAYS, none).id());
            assertEquals(img.id(), images.resolve("bb", PullPolicy.ALWAYS, none).id());
            assertEquals(img.id(), images.resolve("localhost/bb:latest", PullPolicy.NEVER, none).id());
            NotFoundException e = assertThrows(NotFoundException.class,
                    () -> images.resolve("localhost/missing:1", PullPolicy.IF_NOT_PRESENT, none));
            assertTrue(e.getMessage().contains("localhost/missing:1"), e.getMessage());
            assertThrows(NotFoundException.class, () -> images.resolve("127.0.0.1:1/x:1", PullPolicy.NEVER, none));
        }
    }

    @Test
    void shortNamesArePulledThroughRegistriesConfAsPullDoes() throws Exception {
        HostPaths paths = new HostPaths(base.resolve("data"), base.resolve("run"));
        try (Database db = Database.open(paths.database())) {
            LocalImages images = new LocalImages(service(db, paths), Events.NONE);
            RegistriesConf alias = RegistriesConf.parse("[aliases]\n\"app\" = \"127.0.0.1:1/team/app\"\n", "test.conf");
            RegistryOptions viaAlias = new RegistryOptions(false, null, null, alias);
            JpodException refused = assertThrows(JpodException.class, () -> images.resolve("app:v2", PullPolicy.ALWAYS, viaAlias));
            assertTrue(refused.getMessage().contains("127.0.0.1:1"), "the alias's registry was tried: " + refused.getMessage());
            RegistriesConf two = RegistriesConf.parse("unqualified-search-registries = [\"quay.io\", \"docker.io\"]\n", "test.conf");
            ImageException ambiguous = assertThrows(ImageException.class,
                    () -> images.resolve("app", PullPolicy.IF_NOT_PRESENT, new RegistryOptions(true, null, null, two)));
            assertTrue(ambiguous.getMessage().contains("quay.io/app:latest") && ambiguous.getMessage().contains("docker.io/library/app:latest"),
                    ambiguous.getMessage());
        }
    }

    @Test
    void theContainerGetsTheNameItsReferenceGives() throws Exception {
        HostPaths paths = new HostPaths(base.resolve("data"), base.resolve("run"));
        try (Database db = Database.open(paths.database())) {
            ImageService service = service(db, paths);
            Image img = service.importRootfs(new ByteArrayInputStream(emptyTar()), "t", List.of(), null, "localhost/bb:latest", Events.NONE);
            service.tag(img.id(), List.of("quay.io/team/app:1"));
            LocalImages images = new LocalImages(service, Events.NONE);
            assertEquals("quay.io/team/app:1", images.resolve("quay.io/team/app:1").name());
            assertEquals("quay.io/team/app:1", images.resolve("app:1").name());
            assertEquals("localhost/bb:latest", images.resolve("bb").name());
            assertEquals("localhost/bb:latest", images.resolve(img.id()).name(), "by id: its first name");
        }
    }

    private static ImageService service(Database db, HostPaths paths) {
        return new ImageService(new ImageStore(new ImageTable(db), paths, Privileges.current(), io.jpod.host.HostProbe.architecture(System.getProperty("os.arch"))), id -> { },
                new EventLog(new io.jpod.state.EventTable(db), message -> { }));
    }

    private static byte[] emptyTar() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
            TarArchiveEntry e = new TarArchiveEntry("etc/");
            tar.putArchiveEntry(e);
            tar.closeArchiveEntry();
        }
        return out.toByteArray();
    }
}
