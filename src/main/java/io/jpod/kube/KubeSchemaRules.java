package io.jpod.kube;

import java.util.List;
import java.util.Map;

/**
 * What Kubernetes' API requires that the fabric8 model classes do not say: required fields
 * (the OpenAPI definitions' {@code required}, plus a container's image, which the API server
 * requires of every pod) and the values of enumerations. Keyed by the model's class name.
 */
final class KubeSchemaRules {
    private KubeSchemaRules() {
    }

    private static final List<String> PROTOCOLS = List.of("TCP", "UDP", "SCTP");

    /** Class → its required properties. */
    static final Map<String, List<String>> REQUIRED = Map.ofEntries(
            Map.entry("PodSpec", List.of("containers")),
            Map.entry("Container", List.of("name", "image")),
            Map.entry("ContainerPort", List.of("containerPort")),
            Map.entry("EnvVar", List.of("name")),
            Map.entry("ConfigMapKeySelector", List.of("key")),
            Map.entry("SecretKeySelector", List.of("key")),
            Map.entry("ObjectFieldSelector", List.of("fieldPath")),
            Map.entry("ResourceFieldSelector", List.of("resource")),
            Map.entry("Volume", List.of("name")),
            Map.entry("VolumeMount", List.of("name", "mountPath")),
            Map.entry("KeyToPath", List.of("key", "path")),
            Map.entry("HostPathVolumeSource", List.of("path")),
            Map.entry("PersistentVolumeClaimVolumeSource", List.of("claimName")),
            Map.entry("DownwardAPIVolumeFile", List.of("path")),
            Map.entry("HostAlias", List.of("ip")),
            Map.entry("Sysctl", List.of("name", "value")),
            Map.entry("SeccompProfile", List.of("type")),
            Map.entry("HTTPGetAction", List.of("port")),
            Map.entry("TCPSocketAction", List.of("port")),
            Map.entry("GRPCAction", List.of("port")),
            Map.entry("LabelSelectorRequirement", List.of("key", "operator")),
            Map.entry("DeploymentSpec", List.of("selector", "template")),
            Map.entry("DaemonSetSpec", List.of("selector", "template")),
            Map.entry("JobSpec", List.of("template")),
            Map.entry("ServicePort", List.of("port")));

    /** "Class.property" → the values Kubernetes accepts (for a list, those of its items). */
    static final Map<String, List<String>> ENUMS = Map.ofEntries(
            Map.entry("PodSpec.restartPolicy", List.of("Always", "OnFailure", "Never")),
            Map.entry("PodSpec.dnsPolicy", List.of("ClusterFirstWithHostNet", "ClusterFirst", "Default", "None")),
            Map.entry("PodSpec.preemptionPolicy", List.of("Never", "PreemptLowerPriority")),
            Map.entry("Container.imagePullPolicy", List.of("Always", "IfNotPresent", "Never")),
            Map.entry("Container.terminationMessagePolicy", List.of("File", "FallbackToLogsOnError")),
            Map.entry("EphemeralContainer.imagePullPolicy", List.of("Always", "IfNotPresent", "Never")),
            Map.entry("ContainerPort.protocol", PROTOCOLS),
            Map.entry("ServicePort.protocol", PROTOCOLS),
            Map.entry("SecurityContext.procMount", List.of("Default", "Unmasked")),
            Map.entry("SeccompProfile.type", List.of("Localhost", "RuntimeDefault", "Unconfined")),
            Map.entry("HostPathVolumeSource.type", List.of("", "DirectoryOrCreate", "Directory", "FileOrCreate", "File",
                    "Socket", "CharDevice", "BlockDevice")),
            Map.entry("HTTPGetAction.scheme", List.of("HTTP", "HTTPS")),
            Map.entry("LabelSelectorRequirement.operator", List.of("In", "NotIn", "Exists", "DoesNotExist")),
            Map.entry("DeploymentStrategy.type", List.of("Recreate", "RollingUpdate")),
            Map.entry("DaemonSetUpdateStrategy.type", List.of("OnDelete", "RollingUpdate")),
            Map.entry("JobSpec.completionMode", List.of("NonIndexed", "Indexed")),
            Map.entry("PersistentVolumeClaimSpec.accessModes", List.of("ReadWriteOnce", "ReadOnlyMany", "ReadWriteMany",
                    "ReadWriteOncePod")),
            Map.entry("PersistentVolumeClaimSpec.volumeMode", List.of("Block", "Filesystem")),
            Map.entry("ServiceSpec.type", List.of("ClusterIP", "NodePort", "LoadBalancer", "ExternalName")),
            Map.entry("ServiceSpec.sessionAffinity", List.of("ClientIP", "None")),
            Map.entry("ServiceSpec.externalTrafficPolicy", List.of("Cluster", "Local")),
            Map.entry("ServiceSpec.internalTrafficPolicy", List.of("Cluster", "Local")),
            Map.entry("ServiceSpec.ipFamilyPolicy", List.of("SingleStack", "PreferDualStack", "RequireDualStack")),
            Map.entry("ServiceSpec.ipFamilies", List.of("IPv4", "IPv6")));
}
