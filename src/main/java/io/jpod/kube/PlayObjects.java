package io.jpod.kube;

import io.fabric8.kubernetes.api.model.Service;
import io.jpod.error.InvalidInputException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.ObjectMapper;

/**
 * The objects of a play that are kept rather than run: ConfigMaps, Secrets, PersistentVolumeClaims
 * and Services, each name once per kind. Checks their apiVersion and that no name is defined twice;
 * Services are also read into the fabric8 model, for the nodePorts they publish.
 */
final class PlayObjects {
    private final ObjectMapper mapper;
    private final Map<String, ConfigData> configs = new LinkedHashMap<>();
    private final Map<String, VolumeClaim> claims = new LinkedHashMap<>();
    private final Map<String, ServiceObject> services = new LinkedHashMap<>();
    private final List<Service> serviceModels = new ArrayList<>();

    PlayObjects(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** A ConfigMap or Secret. */
    void config(KubeDocument doc, List<String> warnings, Consumer<String> problems) {
        if (!"v1".equals(doc.apiVersion())) {
            problems.accept(doc.locate("apiVersion: a " + doc.kind() + " is apiVersion v1, not \"" + doc.apiVersion() + "\""));
            return;
        }
        try {
            ConfigData.Result r = ConfigData.of(doc);
            warnings.addAll(r.warnings());
            ConfigData before = configs.putIfAbsent(r.config().kind() + "/" + r.config().name(), r.config());
            if (before != null) {
                problems.accept(doc.locate("metadata.name: " + r.config().kind() + " " + r.config().name()
                        + " is also defined at " + before.where()));
            }
        } catch (InvalidInputException e) {
            problems.accept(doc.locate(e));
        }
    }

    /** A PersistentVolumeClaim. Its problems are placed at the document's start. */
    void claim(KubeDocument doc, List<String> warnings, Consumer<String> problems) {
        if (!"v1".equals(doc.apiVersion())) {
            problems.accept(doc.where() + ": apiVersion: a " + VolumeClaim.KIND + " is apiVersion v1, not \"" + doc.apiVersion() + "\"");
            return;
        }
        try {
            VolumeClaim.Result r = VolumeClaim.of(doc);
            warnings.addAll(r.warnings());
            VolumeClaim before = claims.putIfAbsent(r.claim().name(), r.claim());
            if (before != null) {
                problems.accept(doc.where() + ": metadata.name: " + VolumeClaim.KIND + " " + r.claim().name()
                        + " is also defined at " + before.where());
            }
        } catch (InvalidInputException e) {
            problems.accept(e.getMessage());
        }
    }

    /** A Service, kept, and read for the ports it publishes (its nodePorts). */
    void service(KubeDocument doc, Consumer<String> problems) {
        ServiceObject svc = ServiceObject.of(doc);
        ServiceObject before = services.putIfAbsent(svc.name(), svc);
        if (before != null) {
            problems.accept(doc.locate("metadata.name: Service " + svc.name() + " is also defined at " + before.where()));
            return;
        }
        try {
            serviceModels.add(mapper.treeToValue(doc.node(), Service.class));
        } catch (JacksonException e) {
            problems.accept(doc.where() + ": Service " + doc.name() + ": " + e.getOriginalMessage().split("\n")[0]);
        }
    }

    List<ConfigData> configs() {
        return List.copyOf(configs.values());
    }

    List<VolumeClaim> claims() {
        return List.copyOf(claims.values());
    }

    List<ServiceObject> services() {
        return List.copyOf(services.values());
    }

    /** The Services, in the fabric8 model: what {@link ServicePorts} reads. */
    List<Service> serviceModels() {
        return List.copyOf(serviceModels);
    }

    boolean isEmpty() {
        return configs.isEmpty() && claims.isEmpty() && services.isEmpty();
    }
}
