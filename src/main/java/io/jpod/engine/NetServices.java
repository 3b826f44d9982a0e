package io.jpod.engine;

import io.jpod.json.Json;
import io.jpod.kube.ServiceObject;
import io.jpod.network.NetService;
import io.jpod.state.KubeObjectStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;

/** The Services kept by {@code kube play}, as the shared network serves them ({@link NetService}), read from their stored spec. */
final class NetServices {
    private NetServices() {
    }

    static List<NetService> of(KubeObjectStore objects) {
        List<NetService> out = new ArrayList<>();
        for (KubeObjectStore.KubeObject o : objects.list(ServiceObject.KIND)) {
            out.add(of(o.name(), o.data().getOrDefault("namespace", "default"), Json.mapper().readTree(o.data().getOrDefault("spec", "{}"))));
        }
        return out;
    }

    static NetService of(String name, String namespace, JsonNode spec) {
        Map<String, String> selector = new TreeMap<>();
        spec.path("selector").properties().forEach(e -> selector.put(e.getKey(), e.getValue().asString("")));
        List<NetService.Port> ports = new ArrayList<>();
        for (JsonNode p : spec.path("ports")) {
            JsonNode target = p.path("targetPort");
            int number = 0;
            String targetName = null;
            if (target.isNumber()) {
                number = target.asInt(0);
            } else if (target.isString() && target.asString().matches("\\d+")) {
                number = Integer.parseInt(target.asString());
            } else if (target.isString() && !target.asString().isEmpty()) {
                targetName = target.asString();
            }
            ports.add(new NetService.Port(p.path("name").asString(null), p.path("protocol").asString("TCP"), p.path("port").asInt(0), number,
                    targetName));
        }
        String clusterIp = spec.path("clusterIP").asString("");
        return new NetService(name, namespace, clusterIp.isEmpty() ? null : clusterIp, selector, ports);
    }
}
