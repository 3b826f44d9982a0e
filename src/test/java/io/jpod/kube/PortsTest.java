package io.jpod.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.jpod.error.InvalidInputException;
import io.jpod.pod.ContainerPort;
import io.jpod.pod.PodSpec;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Container ports: YAML → pod model (checked), Services' nodePorts → published ports, and back with kube generate. */
class PortsTest {
    private static final PodTranslator translator = new PodTranslator(KubeMapper.yaml());
    private static final PodGenerator generator = new PodGenerator(KubeMapper.yaml());

    private static List<KubeDocument> docs(String yaml) {
        return new KubeReader().parse("p.yaml", new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)));
    }

    private static PodSpec pod(String labels, String ports) {
        return translator.translate(docs("""
                apiVersion: v1
                kind: Pod
                metadata:
                  name: web
                  labels: {%s}
                spec:
                  containers:
                  - name: app
                    image: busybox
                    ports:
                %s""".formatted(labels, ports.indent(4))).get(0)).pod();
    }

    private static InvalidInputException refused(String ports) {
        return assertThrows(InvalidInputException.class, () -> pod("", ports));
    }

    private static Service service(String yaml) {
        return KubeMapper.yaml().readValue(yaml, Service.class);
    }

    @Test
    void portsAreTranslatedWithKubernetesDefaults() {
        PodSpec p = pod("", """
                - containerPort: 80
                  hostPort: 8080
                  name: http
                - containerPort: 53
                  protocol: UDP
                  hostPort: 5353
                  hostIP: 127.0.0.1
                - containerPort: 9000
                """);
        assertEquals(List.of(new ContainerPort("http", 80, 8080, "TCP", null), new ContainerPort(null, 53, 5353, "UDP", "127.0.0.1"),
                new ContainerPort(null, 9000, 0, "TCP", null)), p.containers().get(0).ports());
        assertFalse(p.containers().get(0).ports().get(2).published());
    }

    @Test
    void badPortsAreRefusedWithTheirPath() {
        assertEquals("p.yaml:1:1: spec.containers[0].ports[0].containerPort: must be a port number between 1 and 65535, not 70000",
                refused("- containerPort: 70000").getMessage());
        assertEquals("p.yaml:1:1: spec.containers[0].ports[0].containerPort: must be a port number between 1 and 65535",
                refused("- hostPort: 80").getMessage());
        assertTrue(refused("- {containerPort: 80, protocol: ICMP}").getMessage()
                .endsWith("ports[0].protocol: unsupported protocol \"ICMP\": must be one of TCP, UDP, SCTP"));
        assertTrue(refused("- {containerPort: 80, name: HTTP}").getMessage().contains("ports[0].name: \"HTTP\" is not a valid port name"));
        assertTrue(refused("- {containerPort: 80, hostPort: 80, hostIP: localhost}").getMessage()
                .contains("ports[0].hostIP: \"localhost\" is not an IPv4 address"));
        assertTrue(refused("- {containerPort: 80, hostPort: 8080}\n- {containerPort: 81, hostPort: 8080}").getMessage()
                .endsWith("ports[1].hostPort: host port 8080/TCP is also published by spec.containers[0].ports[0]"));
        assertTrue(refused("- {containerPort: 80, hostPort: 8080, protocol: SCTP}").getMessage().contains("SCTP ports cannot be published"));
        pod("", "- {containerPort: 53, hostPort: 53}\n- {containerPort: 53, hostPort: 53, protocol: UDP}"); // one port, two protocols
        pod("", "- {containerPort: 80, hostPort: 8080, hostIP: 127.0.0.1}\n- {containerPort: 81, hostPort: 8080, hostIP: 10.1.2.3}"); // two addresses
        assertTrue(refused("- {containerPort: 80, hostPort: 8080, hostIP: 127.0.0.1}\n- {containerPort: 81, hostPort: 8080, hostIP: 127.0.0.1}")
                .getMessage().endsWith("ports[1].hostPort: host port 8080/TCP on 127.0.0.1 is also published by spec.containers[0].ports[0]"));
        assertTrue(refused("- {containerPort: 80, hostPort: 8080, hostIP: 127.0.0.1}\n- {containerPort: 81, hostPort: 8080}").getMessage()
                .endsWith("ports[1].hostPort: host port 8080/TCP is also published by spec.containers[0].ports[0]"));
        assertTrue(refused("- {containerPort: 80, hostPort: 8080}\n- {containerPort: 81, hostPort: 8080, hostIP: 127.0.0.1}").getMessage()
                .endsWith("ports[1].hostPort: host port 8080/TCP on 127.0.0.1 is also published by spec.containers[0].ports[0]"));
    }

    @Test
    void aServiceNodePortIsPublishedOnTheSelectedPodsTargetPort() {
        Service svc = service("""
                apiVersion: v1
                kind: Service
                metadata: {name: shop}
                spec:
                  type: NodePort
                  selector: {app: shop}
                  ports:
                  - {port: 8080, targetPort: http, nodePort: 30080}
                  - {port: 9090, nodePort: 30090}
                  - {port: 7070}
                """);
        PodSpec selected = pod("app: shop, tier: web", "- {containerPort: 80, name: http}");
        PodSpec other = pod("app: other", "- {containerPort: 80, name: http}");
        ServicePorts.Result r = ServicePorts.apply(List.of(svc), List.of(selected, other));
        assertEquals(List.of(new ContainerPort("http", 80, 30080, "TCP", null), new ContainerPort(null, 9090, 30090, "TCP", null)),
                r.pods().get(0).containers().get(0).ports(), "targetPort by name; no targetPort: the port; no nodePort: nothing");
        assertEquals(other, r.pods().get(1), "a pod the selector does not match is left as it is");
        assertEquals(List.of(), r.warnings());
    }

    @Test
    void aServiceWithoutSelectorOrWithAnUnknownNamedPortPublishesNothing() {
        PodSpec p = pod("app: shop", "- {containerPort: 80}");
        Service noSelector = service("{apiVersion: v1, kind: Service, metadata: {name: a}, spec: {ports: [{port: 80, nodePort: 30001}]}}");
        assertEquals(p, ServicePorts.apply(List.of(noSelector), List.of(p)).pods().get(0));
        Service unknown = service("""
                {apiVersion: v1, kind: Service, metadata: {name: b},
                 spec: {selector: {app: shop}, ports: [{port: 80, targetPort: nope, nodePort: 30002}]}}""");
        ServicePorts.Result r = ServicePorts.apply(List.of(unknown), List.of(p));
        assertEquals(p, r.pods().get(0));
        assertEquals(List.of("Service b port 80: targetPort nope is not a port of pod web: nodePort 30002 is not published for it"),
                r.warnings());
    }

    @Test
    void generatedContainersKeepTheirPortsAndHostPorts() {
        PodSpec p = pod("app: web", "- {containerPort: 80, hostPort: 8080, name: http}\n- {containerPort: 53, protocol: UDP, hostPort: 5353, hostIP: 127.0.0.1}");
        Pod out = (Pod) generator.generate(List.of(p), PodGenerator.Options.of("pod", false, null)).objects().get(0);
        var ports = out.getSpec().getContainers().get(0).getPorts();
        assertEquals(80, ports.get(0).getContainerPort());
        assertEquals(8080, ports.get(0).getHostPort());
        assertEquals("http", ports.get(0).getName());
        assertNull(ports.get(0).getProtocol(), "TCP is the default: not written");
        assertEquals("UDP", ports.get(1).getProtocol());
        assertEquals("127.0.0.1", ports.get(1).getHostIP());
        String yaml = generator.yaml(List.of(out), List.of());
        PodSpec back = translator.translate(docs(yaml).get(0)).pod();
        assertEquals(p.containers().get(0).ports(), back.containers().get(0).ports(), "round trip");
    }

    @Test
    void serviceFlagWritesAServiceOfThePortsAndNoHostPorts() {
        PodSpec p = pod("", "- {containerPort: 80, hostPort: 30080}\n- {containerPort: 53, protocol: UDP, hostPort: 5353}");
        PodGenerator.Result r = generator.generate(List.of(p), PodGenerator.Options.of("deployment", true, null, "nodeport"));
        Service s = (Service) r.objects().get(0);
        Deployment d = (Deployment) r.objects().get(1);
        assertEquals("NodePort", s.getSpec().getType());
        assertEquals(Map.of("app", "web"), s.getSpec().getSelector(), "a pod without labels gets app: NAME");
        assertEquals(Map.of("app", "web"), d.getSpec().getTemplate().getMetadata().getLabels(), "the selector matches the template");
        assertEquals(List.of("80-tcp", "53-udp"), s.getSpec().getPorts().stream().map(sp -> sp.getName()).toList());
        assertEquals(30080, s.getSpec().getPorts().get(0).getNodePort(), "the host port, in the node port range");
        assertNull(s.getSpec().getPorts().get(1).getNodePort(), "5353 is out of the range: Kubernetes chooses");
        assertEquals(80, s.getSpec().getPorts().get(0).getTargetPort().getIntVal());
        assertTrue(r.warnings().stream().anyMatch(w -> w.contains("host port 5353")), r.warnings()::toString);
        d.getSpec().getTemplate().getSpec().getContainers().get(0).getPorts()
                .forEach(cp -> assertNull(cp.getHostPort(), "no hostPort with --service"));

        PodGenerator.Result clusterIp = generator.generate(List.of(p), PodGenerator.Options.of("pod", true, null));
        Service c = (Service) clusterIp.objects().get(0);
        assertEquals("ClusterIP", c.getSpec().getType());
        assertNull(c.getSpec().getPorts().get(0).getNodePort());
        assertEquals(Map.of("app", "web"), ((Pod) clusterIp.objects().get(1)).getMetadata().getLabels(), "the Pod gets the app label");

        List<HasMetadata> both = new ArrayList<>(r.objects());
        String yaml = generator.yaml(both, List.of());
        assertTrue(yaml.indexOf("kind: \"Service\"") < yaml.indexOf("kind: \"Deployment\"") || yaml.indexOf("kind: Service") < yaml.indexOf("kind: Deployment"),
                "Services come first");
    }

    @Test
    void aPortPublishedByHostPortAndNodePortGivesTheServiceTheNodePort() {
        PodSpec p = pod("app: shop", "- {containerPort: 8080, hostPort: 18090, name: http}");
        Service svc = service("{apiVersion: v1, kind: Service, metadata: {name: shop}, spec: {type: NodePort, selector: {app: shop},"
                + " ports: [{port: 80, targetPort: http, nodePort: 30090}]}}");
        PodSpec played = ServicePorts.apply(List.of(svc), List.of(p)).pods().get(0);
        assertEquals(List.of(new ContainerPort("http", 8080, 18090, "TCP", null), new ContainerPort(null, 8080, 30090, "TCP", null)),
                played.containers().get(0).ports(), "both host ports reach the container port");
        assertEquals(played, ServicePorts.apply(List.of(svc), List.of(played)).pods().get(0), "played again: nothing added twice");
        Service s = (Service) generator.generate(List.of(played), PodGenerator.Options.of("pod", true, null, "nodeport")).objects().get(0);
        assertEquals(1, s.getSpec().getPorts().size());
        assertEquals("http", s.getSpec().getPorts().get(0).getName());
        assertEquals(30090, s.getSpec().getPorts().get(0).getNodePort());
    }

    @Test
    void serviceTypeIsChecked() {
        assertEquals("unsupported service type \"loadbalancer\": must be one of clusterip, nodeport", assertThrows(InvalidInputException.class,
                () -> PodGenerator.Options.of("pod", true, null, "loadbalancer")).getMessage().replaceFirst("^--service-type: ", ""));
        assertThrows(InvalidInputException.class, () -> PodGenerator.Options.of("pod", false, null, "nodeport"));
        assertFalse(PodGenerator.Options.of("pod", true, null, "clusterip").nodePort());
    }
}
