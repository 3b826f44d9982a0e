package io.jpod.kube;

import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.ExecAction;
import io.fabric8.kubernetes.api.model.GRPCAction;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.HTTPHeader;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LifecycleHandler;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.api.model.SleepAction;
import io.fabric8.kubernetes.api.model.TCPSocketAction;
import io.jpod.pod.ContainerSpec;
import io.jpod.pod.Probe;
import io.jpod.pod.ProbeAction;

/**
 * A container's probes and lifecycle hooks → the fabric8 model: the way back of {@link ProbeTranslator}.
 * Fields at Kubernetes' default are left out.
 */
final class ProbeGenerator {
    private ProbeGenerator() {
    }

    /** Sets the probes and the postStart/preStop hooks of {@code c} on {@code b} (after its lifecycle.stopSignal, if any). */
    static void container(ContainerSpec c, ContainerBuilder b) {
        if (c.livenessProbe() != null) {
            b.withLivenessProbe(probe(c.livenessProbe()));
        }
        if (c.readinessProbe() != null) {
            b.withReadinessProbe(probe(c.readinessProbe()));
        }
        if (c.startupProbe() != null) {
            b.withStartupProbe(probe(c.startupProbe()));
        }
        if (c.lifecycle().any()) {
            b.editOrNewLifecycle()
                    .withPostStart(c.lifecycle().postStart() == null ? null : hook(c.lifecycle().postStart()))
                    .withPreStop(c.lifecycle().preStop() == null ? null : hook(c.lifecycle().preStop()))
                    .endLifecycle();
        }
    }

    static io.fabric8.kubernetes.api.model.Probe probe(Probe p) {
        ProbeBuilder b = new ProbeBuilder();
        ProbeAction a = p.action();
        if (a.exec() != null) {
            b.withExec(exec(a.exec()));
        }
        if (a.httpGet() != null) {
            b.withHttpGet(httpGet(a.httpGet()));
        }
        if (a.tcpSocket() != null) {
            b.withTcpSocket(new TCPSocketAction(a.tcpSocket().host(), port(a.tcpSocket().port())));
        }
        if (a.grpc() != null) {
            b.withGrpc(new GRPCAction(null, a.grpc().port(), a.grpc().service()));
        }
        if (p.initialDelaySeconds() != 0) {
            b.withInitialDelaySeconds(p.initialDelaySeconds());
        }
        if (p.periodSeconds() != Probe.DEFAULT_PERIOD) {
            b.withPeriodSeconds(p.periodSeconds());
        }
        if (p.timeoutSeconds() != Probe.DEFAULT_TIMEOUT) {
            b.withTimeoutSeconds(p.timeoutSeconds());
        }
        if (p.successThreshold() != Probe.DEFAULT_SUCCESS) {
            b.withSuccessThreshold(p.successThreshold());
        }
        if (p.failureThreshold() != Probe.DEFAULT_FAILURE) {
            b.withFailureThreshold(p.failureThreshold());
        }
        b.withTerminationGracePeriodSeconds(p.terminationGracePeriodSeconds());
        return b.build();
    }

    static LifecycleHandler hook(ProbeAction a) {
        LifecycleHandler h = new LifecycleHandler();
        if (a.exec() != null) {
            h.setExec(exec(a.exec()));
        }
        if (a.httpGet() != null) {
            h.setHttpGet(httpGet(a.httpGet()));
        }
        if (a.sleep() != null) {
            h.setSleep(new SleepAction(a.sleep().seconds()));
        }
        return h;
    }

    private static ExecAction exec(ProbeAction.Exec e) {
        return new ExecAction(e.command());
    }

    private static HTTPGetAction httpGet(ProbeAction.HttpGet g) {
        HTTPGetAction out = new HTTPGetAction();
        out.setHost(g.host());
        out.setPath(g.path());
        out.setPort(port(g.port()));
        if (!g.scheme().equals("HTTP")) {
            out.setScheme(g.scheme());
        }
        if (!g.headers().isEmpty()) {
            out.setHttpHeaders(g.headers().stream().map(h -> new HTTPHeader(h.name(), h.value())).toList());
        }
        return out;
    }

    private static IntOrString port(ProbeAction.PortRef p) {
        return p.number() != null ? new IntOrString(p.number()) : new IntOrString(p.name());
    }
}
