package io.jpod.kube;

import io.jpod.autoupdate.UpdatePolicy;
import io.jpod.error.InvalidInputException;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Kubernetes' own validation rules, beyond what a JSON Schema says: object and container names
 * (DNS-1123), port names (IANA_SVC_NAME), label keys and values, annotation keys, unique names.
 * Every rule reports a {@link Violation}; values of the wrong type are left to the schema.
 */
public final class KubeRules {
    static final String SUBDOMAIN_RULE = KubeNames.SUBDOMAIN_RULE;
    static final String LABEL_RULE = KubeNames.LABEL_RULE;
    static final String DNS1035_RULE = KubeNames.DNS1035_RULE;

    private final List<Violation> out = new ArrayList<>();
    private final ImageCheck images;

    private KubeRules(ImageCheck images) {
        this.images = images;
    }

    /** Every violation of Kubernetes' rules in a document of an accepted kind. */
    public static List<Violation> check(JsonNode doc, String kind) {
        return check(doc, kind, ImageCheck.ANY);
    }

    /** Every violation of Kubernetes' rules in a document of an accepted kind, its containers' images checked by {@code images}. */
    public static List<Violation> check(JsonNode doc, String kind, ImageCheck images) {
        KubeRules r = new KubeRules(images);
        r.metadata(doc.path("metadata"), FieldPath.of("metadata"), kind, true);
        FieldPath spec = FieldPath.of("spec");
        switch (kind) {
            case "Pod" -> r.podSpec(doc.path("spec"), spec);
            case "Deployment", "DaemonSet", "Job" -> {
                FieldPath template = spec.field("template");
                r.metadata(doc.path("spec").path("template").path("metadata"), template.field("metadata"), kind, false);
                r.podSpec(doc.path("spec").path("template").path("spec"), template.field("spec"));
                r.labels(doc.path("spec").path("selector").path("matchLabels"), spec.field("selector").field("matchLabels"));
            }
            case "Service" -> r.service(doc.path("spec"), spec);
            default -> {
                // ConfigMap, Secret, PersistentVolumeClaim: their metadata
            }
        }
        return List.copyOf(r.out);
    }

    private void metadata(JsonNode meta, FieldPath path, String kind, boolean named) {
        if (named) {
            JsonNode name = meta.path("name");
            FieldPath at = path.field("name");
            if (name.isMissingNode() || name.isNull() || name.isString() && name.asString().isEmpty()) {
                if (!meta.path("generateName").isString()) {
                    out.add(new Violation(at, "a " + kind + " needs a name"));
                }
            } else if (name.isString()) {
                if (kind.equals("Service")) {
                    dns1035(name.asString(), at);
                } else {
                    subdomain(name.asString(), at, "name");
                }
            }
            JsonNode ns = meta.path("namespace");
            if (ns.isString() && !ns.asString().isEmpty()) {
                label(ns.asString(), path.field("namespace"), "namespace");
            }
        }
        labels(meta.path("labels"), path.field("labels"));
        JsonNode annotations = meta.path("annotations");
        if (annotations.isObject()) {
            for (Map.Entry<String, JsonNode> e : annotations.properties()) {
                key(e.getKey(), path.field("annotations").field(e.getKey()), "annotation");
                if (UpdatePolicy.isPolicyKey(e.getKey()) && e.getValue().isString()) {
                    try {
                        UpdatePolicy.parse(e.getValue().asString(), null);
                    } catch (InvalidInputException x) {
                        out.add(new Violation(path.field("annotations").field(e.getKey()), x.getMessage()));
                    }
                }
            }
        }
    }

    /** Label keys and values (metadata.labels, selectors). */
    private void labels(JsonNode labels, FieldPath path) {
        if (!labels.isObject()) {
            return;
        }
        for (Map.Entry<String, JsonNode> e : labels.properties()) {
            FieldPath at = path.field(e.getKey());
            key(e.getKey(), at, "label");
            JsonNode v = e.getValue();
            if (v.isString() && !KubeNames.isLabelValue(v.asString())) {
                out.add(new Violation(at, "\"" + v.asString() + "\" is not a valid label value: at most 63 letters, digits, "
                        + "'-', '_' and '.', starting and ending with a letter or digit (or empty)"));
            }
        }
    }

    /** A label or annotation key: an optional DNS subdomain prefix and '/', then a name of at most 63. */
    private void key(String key, FieldPath at, String what) {
        // Kubernetes checks annotation keys lower-cased (podman writes io.kubernetes.cri-o.ContainerType/...); label keys as they are
        if (!KubeNames.isKey(what.equals("annotation") ? key.toLowerCase(java.util.Locale.ROOT) : key)) {
            out.add(new Violation(at, "\"" + key + "\" is not a valid " + what + " key: an optional prefix (a DNS subdomain) "
                    + "and '/', then at most 63 letters, digits, '-', '_' and '.', starting and ending with a letter or digit"));
        }
    }

    private void podSpec(JsonNode spec, FieldPath path) {
        Map<String, FieldPath> containers = new HashMap<>();
        for (String list : List.of("initContainers", "containers")) {
            JsonNode cs = spec.path(list);
            for (int i = 0; cs.isArray() && i < cs.size(); i++) {
                container(cs.get(i), path.field(list).index(i), containers);
            }
        }
        hostname(spec.path("hostname"), path.field("hostname"));
        JsonNode volumes = spec.path("volumes");
        Map<String, FieldPath> names = new HashMap<>();
        for (int i = 0; volumes.isArray() && i < volumes.size(); i++) {
            JsonNode name = volumes.get(i).path("name");
            FieldPath at = path.field("volumes").index(i).field("name");
            if (name.isString() && !name.asString().isEmpty() && label(name.asString(), at, "volume name")) {
                unique(names, name.asString(), at, "volume name");
            }
        }
    }

    private void hostname(JsonNode hostname, FieldPath at) {
        if (hostname.isString() && !hostname.asString().isEmpty()) {
            label(hostname.asString(), at, "hostname");
        }
    }

    private void container(JsonNode c, FieldPath path, Map<String, FieldPath> names) {
        JsonNode name = c.path("name");
        FieldPath at = path.field("name");
        if (name.isString() && !name.asString().isEmpty() && label(name.asString(), at, "container name")) {
            unique(names, name.asString(), at, "container name");
        }
        JsonNode image = c.path("image");
        String bad = image.isString() && !image.asString().isBlank() ? images.problem(image.asString()) : null;
        if (bad != null) {
            out.add(new Violation(path.field("image"), bad));
        }
        JsonNode ports = c.path("ports");
        Map<String, FieldPath> portNames = new HashMap<>();
        for (int i = 0; ports.isArray() && i < ports.size(); i++) {
            JsonNode p = ports.get(i);
            FieldPath pp = path.field("ports").index(i);
            JsonNode pn = p.path("name");
            if (pn.isString() && !pn.asString().isEmpty() && portName(pn.asString(), pp.field("name"))) {
                unique(portNames, pn.asString(), pp.field("name"), "port name");
            }
            port(p.path("containerPort"), pp.field("containerPort"), 1);
            port(p.path("hostPort"), pp.field("hostPort"), 0);
        }
        JsonNode env = c.path("env");
        for (int i = 0; env.isArray() && i < env.size(); i++) {
            JsonNode n = env.get(i).path("name");
            if (n.isString() && (n.asString().isEmpty() || n.asString().contains("="))) {
                out.add(new Violation(path.field("env").index(i).field("name"), "\"" + n.asString()
                        + "\" is not a valid environment variable name: printable characters other than '=', at least one"));
            }
        }
    }

    private void service(JsonNode spec, FieldPath path) {
        JsonNode ports = spec.path("ports");
        Map<String, FieldPath> names = new HashMap<>();
        for (int i = 0; ports.isArray() && i < ports.size(); i++) {
            JsonNode p = ports.get(i);
            FieldPath pp = path.field("ports").index(i);
            JsonNode name = p.path("name");
            if (name.isString() && !name.asString().isEmpty()) {
                if (label(name.asString(), pp.field("name"), "port name")) {
                    unique(names, name.asString(), pp.field("name"), "port name");
                }
            } else if (ports.size() > 1) {
                out.add(new Violation(pp.field("name"), "a Service with several ports needs a name for each"));
            }
            port(p.path("port"), pp.field("port"), 1);
            port(p.path("nodePort"), pp.field("nodePort"), 0);
            JsonNode target = p.path("targetPort");
            if (target.isIntegralNumber()) {
                port(target, pp.field("targetPort"), 1);
            } else if (target.isString() && !target.asString().isEmpty()) {
                portName(target.asString(), pp.field("targetPort"));
            }
        }
        labels(spec.path("selector"), path.field("selector"));
    }

    private void port(JsonNode port, FieldPath at, int min) {
        if (port.isIntegralNumber() && (port.asLong() < min || port.asLong() > 65535)) {
            out.add(new Violation(at, port.asString() + " is not a valid port number: must be between " + min + " and 65535"));
        }
    }

    /** IANA_SVC_NAME: at most 15 lower case letters, digits and '-', with a letter, no '-' at either end nor "--". */
    private boolean portName(String name, FieldPath at) {
        boolean ok = KubeNames.isPortName(name);
        if (!ok) {
            out.add(new Violation(at, "\"" + name + "\" is not a valid port name: " + KubeNames.PORT_NAME_RULE));
        }
        return ok;
    }

    private boolean label(String name, FieldPath at, String what) {
        if (!KubeNames.isDns1123Label(name)) {
            out.add(new Violation(at, "\"" + name + "\" is not a valid " + what + ": " + LABEL_RULE));
            return false;
        }
        return true;
    }

    private void subdomain(String name, FieldPath at, String what) {
        if (!KubeNames.isObjectName(name)) {
            out.add(new Violation(at, "\"" + name + "\" is not a valid " + what + ": " + SUBDOMAIN_RULE));
        }
    }

    private void dns1035(String name, FieldPath at) {
        if (!KubeNames.isServiceName(name)) {
            out.add(new Violation(at, "\"" + name + "\" is not a valid Service name: " + DNS1035_RULE));
        }
    }

    private void unique(Map<String, FieldPath> seen, String name, FieldPath at, String what) {
        FieldPath before = seen.putIfAbsent(name, at);
        if (before != null) {
            out.add(new Violation(at, "duplicate " + what + " \"" + name + "\" (also " + before + ")"));
        }
    }

}
