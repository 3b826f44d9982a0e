package io.jpod.kube;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ExecAction;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LifecycleHandler;
import io.fabric8.kubernetes.api.model.TCPSocketAction;
import io.jpod.error.Choices;
import io.jpod.error.InvalidInputException;
import io.jpod.pod.ContainerPort;
import io.jpod.pod.Lifecycle;
import io.jpod.pod.Probe;
import io.jpod.pod.ProbeAction;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A container's livenessProbe, readinessProbe, startupProbe and lifecycle.postStart/preStop →
 * jpod's {@link Probe} and {@link Lifecycle}, checked as the API server checks them (one handler,
 * thresholds, ports), with Kubernetes' defaults; a named port must be one of the container's ports.
 * {@link ProbeGenerator} is the way back.
 */
final class ProbeTranslator {
    static final List<String> SCHEMES = List.of("HTTP", "HTTPS");
    /** Kubernetes' default terminationGracePeriodSeconds, which a sleep hook is checked against when the pod sets none. */
    static final long KUBE_DEFAULT_GRACE = 30;
    private static final Pattern HEADER_NAME = Pattern.compile("[-A-Za-z0-9]+");
    private static final List<String> PROBES = List.of("livenessProbe", "readinessProbe", "startupProbe");

    /** The fields honoured, for the field check (containers; {@link PodTranslator} copies them to initContainers). */
    static final Set<String> FIELDS = fields();

    private static Set<String> fields() {
        Set<String> f = new HashSet<>();
        String c = "spec.containers[].";
        for (String probe : PROBES) {
            String p = c + probe;
            f.add(p);
            handlerFields(p, f);
            f.add(p + ".tcpSocket");
            f.add(p + ".tcpSocket.host");
            f.add(p + ".tcpSocket.port");
            f.add(p + ".grpc");
            f.add(p + ".grpc.port");
            f.add(p + ".grpc.service");
            for (String n : List.of("initialDelaySeconds", "periodSeconds", "timeoutSeconds", "successThreshold",
                    "failureThreshold", "terminationGracePeriodSeconds")) {
                f.add(p + "." + n);
            }
        }
        for (String hook : List.of("postStart", "preStop")) {
            String h = c + "lifecycle." + hook;
            f.add(h);
            handlerFields(h, f);
            f.add(h + ".sleep");
            f.add(h + ".sleep.seconds");
        }
        return Set.copyOf(f);
    }

    private static void handlerFields(String p, Set<String> f) {
        f.add(p + ".exec");
        f.add(p + ".exec.command.*");
        for (String n : List.of("", ".scheme", ".host", ".path", ".port", ".httpHeaders", ".httpHeaders[]",
                ".httpHeaders[].name", ".httpHeaders[].value")) {
            f.add(p + ".httpGet" + n);
        }
    }

    private final KubeDocument doc;

    ProbeTranslator(KubeDocument doc) {
        this.doc = doc;
    }

    /** The container's probes and hooks, set on {@code b}; refused on an init container that is not a sidecar. */
    void translate(Container c, String path, boolean init, boolean sidecar, List<ContainerPort> ports,
            Long podGrace, io.jpod.pod.ContainerSpec.Builder b) {
        var hooks = c.getLifecycle();
        boolean anyHook = hooks != null && (hooks.getPostStart() != null || hooks.getPreStop() != null);
        if (init && !sidecar) {
            for (var probe : List.of(field("livenessProbe", c.getLivenessProbe()), field("readinessProbe", c.getReadinessProbe()),
                    field("startupProbe", c.getStartupProbe()))) {
                if (probe.value() != null) {
                    throw problem(path + "." + probe.name(), "may not be set for an init container without restartPolicy: Always"
                            + " (only a sidecar has probes)");
                }
            }
            if (anyHook) {
                throw problem(path + ".lifecycle." + (hooks.getPostStart() != null ? "postStart" : "preStop"),
                        "may not be set for an init container without restartPolicy: Always (only a sidecar has lifecycle hooks)");
            }
        }
        b.livenessProbe(probe(c.getLivenessProbe(), path + ".livenessProbe", ports, true));
        b.readinessProbe(probe(c.getReadinessProbe(), path + ".readinessProbe", ports, false));
        b.startupProbe(probe(c.getStartupProbe(), path + ".startupProbe", ports, true));
        if (anyHook) {
            long grace = podGrace == null ? KUBE_DEFAULT_GRACE : podGrace;
            b.lifecycle(new Lifecycle(hook(hooks.getPostStart(), path + ".lifecycle.postStart", ports, grace),
                    hook(hooks.getPreStop(), path + ".lifecycle.preStop", ports, grace)));
        }
    }

    private record Field(String name, Object value) {
    }

    private static Field field(String name, Object value) {
        return new Field(name, value);
    }

    /**
     * A probe, or null. {@code restarts}: a liveness or startup probe, whose successThreshold must be 1 and which may
     * have its own terminationGracePeriodSeconds. As the API server, 0 (or unset) means the default.
     */
    private Probe probe(io.fabric8.kubernetes.api.model.Probe p, String at, List<ContainerPort> ports, boolean restarts) {
        if (p == null) {
            return null;
        }
        List<String> set = new ArrayList<>();
        ProbeAction action = null;
        if (p.getExec() != null) {
            set.add("exec");
            action = exec(p.getExec(), at);
        }
        if (p.getHttpGet() != null) {
            set.add("httpGet");
            action = ProbeAction.httpGet(httpGet(p.getHttpGet(), at + ".httpGet", ports));
        }
        if (p.getTcpSocket() != null) {
            set.add("tcpSocket");
            action = ProbeAction.tcpSocket(tcpSocket(p.getTcpSocket(), at + ".tcpSocket", ports));
        }
        if (p.getGrpc() != null) {
            set.add("grpc");
            Integer port = p.getGrpc().getPort();
            if (port == null) {
                throw problem(at + ".grpc.port", "a gRPC probe needs a port");
            }
            portNumber(port, at + ".grpc.port");
            String service = p.getGrpc().getService();
            action = ProbeAction.grpc(new ProbeAction.Grpc(port, service == null || service.isEmpty() ? null : service));
        }
        oneHandler(set, at, "exec, httpGet, tcpSocket or grpc");
        int initialDelay = number(p.getInitialDelaySeconds(), 0, at + ".initialDelaySeconds");
        int period = number(p.getPeriodSeconds(), Probe.DEFAULT_PERIOD, at + ".periodSeconds");
        int timeout = number(p.getTimeoutSeconds(), Probe.DEFAULT_TIMEOUT, at + ".timeoutSeconds");
        int success = number(p.getSuccessThreshold(), Probe.DEFAULT_SUCCESS, at + ".successThreshold");
        int failure = number(p.getFailureThreshold(), Probe.DEFAULT_FAILURE, at + ".failureThreshold");
        if (restarts && success != 1) {
            throw problem(at + ".successThreshold", "must be 1 for a liveness or startup probe, not " + success);
        }
        Long grace = p.getTerminationGracePeriodSeconds();
        if (grace != null) {
            if (!restarts) {
                throw problem(at + ".terminationGracePeriodSeconds", "must not be set for a readiness probe");
            }
            if (grace <= 0) {
                throw problem(at + ".terminationGracePeriodSeconds", "must be greater than 0, not " + grace);
            }
        }
        return new Probe(action, initialDelay, period, timeout, success, failure, grace);
    }

    /** A hook, or null: exec, httpGet or sleep; tcpSocket is refused (deprecated, and never run by the kubelet). */
    private ProbeAction hook(LifecycleHandler h, String at, List<ContainerPort> ports, long podGrace) {
        if (h == null) {
            return null;
        }
        if (h.getTcpSocket() != null) {
            throw problem(at + ".tcpSocket", "a tcpSocket lifecycle hook is deprecated in Kubernetes and never run; "
                    + "use exec, httpGet or sleep");
        }
        List<String> set = new ArrayList<>();
        ProbeAction action = null;
        if (h.getExec() != null) {
            set.add("exec");
            action = exec(h.getExec(), at);
        }
        if (h.getHttpGet() != null) {
            set.add("httpGet");
            action = ProbeAction.httpGet(httpGet(h.getHttpGet(), at + ".httpGet", ports));
        }
        if (h.getSleep() != null) {
            set.add("sleep");
            Long seconds = h.getSleep().getSeconds();
            if (seconds == null) {
                throw problem(at + ".sleep.seconds", "a sleep hook needs seconds");
            }
            if (seconds < 0 || seconds > podGrace) {
                throw problem(at + ".sleep.seconds", "must be between 0 and the pod's terminationGracePeriodSeconds (" + podGrace
                        + "), not " + seconds);
            }
            action = ProbeAction.sleep(seconds);
        }
        oneHandler(set, at, "exec, httpGet or sleep");
        return action;
    }

    private void oneHandler(List<String> set, String at, String which) {
        if (set.isEmpty()) {
            throw problem(at, "must have a handler: " + which);
        }
        if (set.size() > 1) {
            throw problem(at, "may have only one handler, not " + String.join(" and ", set));
        }
    }

    private ProbeAction exec(ExecAction e, String at) {
        List<String> command = e.getCommand() == null ? List.of() : e.getCommand();
        if (command.isEmpty()) {
            throw problem(at + ".exec.command", "an exec handler needs a command");
        }
        return ProbeAction.exec(command);
    }

    private ProbeAction.HttpGet httpGet(HTTPGetAction g, String at, List<ContainerPort> ports) {
        String scheme = g.getScheme() == null || g.getScheme().isEmpty() ? "HTTP" : g.getScheme();
        if (!SCHEMES.contains(scheme)) {
            throw problem(at + ".scheme", Choices.unsupported(scheme, "scheme", SCHEMES));
        }
        List<ProbeAction.Header> headers = new ArrayList<>();
        List<io.fabric8.kubernetes.api.model.HTTPHeader> in = g.getHttpHeaders() == null ? List.of() : g.getHttpHeaders();
        for (int i = 0; i < in.size(); i++) {
            var h = in.get(i);
            if (h.getName() == null || !HEADER_NAME.matcher(h.getName()).matches()) {
                throw problem(at + ".httpHeaders[" + i + "].name", "\"" + h.getName()
                        + "\" is not a valid HTTP header name: letters, digits and '-'");
            }
            headers.add(new ProbeAction.Header(h.getName(), h.getValue() == null ? "" : h.getValue()));
        }
        return new ProbeAction.HttpGet(scheme, emptyToNull(g.getHost()), g.getPath(), port(g.getPort(), at + ".port", ports),
                headers);
    }

    private ProbeAction.TcpSocket tcpSocket(TCPSocketAction t, String at, List<ContainerPort> ports) {
        return new ProbeAction.TcpSocket(emptyToNull(t.getHost()), port(t.getPort(), at + ".port", ports));
    }

    /** A port number, or the name of one of the container's ports. */
    private ProbeAction.PortRef port(IntOrString port, String at, List<ContainerPort> ports) {
        if (port == null || (port.getIntVal() == null && (port.getStrVal() == null || port.getStrVal().isEmpty()))) {
            throw problem(at, "a port is required");
        }
        if (port.getIntVal() != null) {
            portNumber(port.getIntVal(), at);
            return ProbeAction.PortRef.of(port.getIntVal());
        }
        String name = port.getStrVal();
        if (!KubeNames.isPortName(name)) {
            throw problem(at, "\"" + name + "\" is not a valid port name: " + KubeNames.PORT_NAME_RULE);
        }
        ProbeAction.PortRef ref = ProbeAction.PortRef.named(name);
        if (ref.resolve(ports) == null) {
            List<String> names = ports.stream().map(ContainerPort::name).filter(n -> n != null).toList();
            throw problem(at, "the container has no port named \"" + name + "\""
                    + (names.isEmpty() ? " (it names none)" : " (its ports: " + String.join(", ", names) + ")"));
        }
        return ref;
    }

    private void portNumber(int port, String at) {
        if (port < 1 || port > 65535) {
            throw problem(at, "must be a port number between 1 and 65535, not " + port);
        }
    }

    /** A number of seconds or a threshold: at least 0; 0 or unset is {@code dflt}, as the API server defaults it. */
    private int number(Integer value, int dflt, String at) {
        if (value == null || (value == 0 && dflt != 0)) {
            return dflt;
        }
        if (value < 0) {
            throw problem(at, "must not be negative, not " + value);
        }
        return value;
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    private InvalidInputException problem(String path, String message) {
        return new InvalidInputException(doc.where(), path + ": " + message);
    }
}
