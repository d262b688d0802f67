package org.safereport.deploy;

import io.fabric8.kubernetes.api.model.Capabilities;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.SeccompProfile;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * What every service Deployment must have: Quarkus' health probes, resource requests and limits, a
 * locked-down security context with a writable /tmp, a pinned image, a shutdown that fits in the grace
 * period, scrape annotations for /q/metrics, and its Service, ServiceAccount and PodDisruptionBudget.
 */
final class WorkloadChecks {

    private record ExpectedProbe(String name, Function<Container, Probe> probe, String path) {
    }

    private static final List<ExpectedProbe> QUARKUS_HEALTH_PROBES = List.of(
            new ExpectedProbe("startupProbe", Container::getStartupProbe, "/q/health/started"),
            new ExpectedProbe("livenessProbe", Container::getLivenessProbe, "/q/health/live"),
            new ExpectedProbe("readinessProbe", Container::getReadinessProbe, "/q/health/ready"));

    private WorkloadChecks() {
    }

    static List<String> problems(Rendering rendering, SourceTree sources) {
        List<String> problems = new ArrayList<>();
        for (ServiceSources service : sources.services()) {
            if (rendering.named(Deployment.class, service.name()).isEmpty()) {
                problems.add("service module " + service.name() + " has no Deployment of that name");
            }
        }
        for (Deployment deployment : rendering.all(Deployment.class)) {
            String subject = "Deployment " + deployment.getMetadata().getName();
            PodSpec pod = deployment.getSpec().getTemplate().getSpec();
            for (Container container : Stream.concat(pod.getInitContainers().stream(), pod.getContainers().stream()).toList()) {
                String where = subject + " container " + container.getName();
                probes(where, container, problems);
                resources(where, container, problems);
                securityContext(where, pod.getSecurityContext(), container, problems);
                writableTmp(where, pod, container, problems);
                image(where, container.getImage(), problems);
                jvmOptions(where, container, problems);
            }
            sources.service(deployment.getMetadata().getName()).ifPresent(service -> {
                gracefulShutdown(subject, pod, service, problems);
                // The probes and the scrape annotations are answered by these extensions.
                for (String extension : List.of("quarkus-smallrye-health", "quarkus-micrometer-registry-prometheus")) {
                    if (!service.usesExtension(extension)) {
                        problems.add(subject + " is probed on /q/health and scraped on /q/metrics, but " + service.name()
                                + " does not depend on " + extension);
                    }
                }
            });
            metricsAnnotations(subject, deployment, problems);
            companions(subject, deployment, rendering, problems);
        }
        return problems;
    }

    private static void probes(String where, Container container, List<String> problems) {
        for (ExpectedProbe expected : QUARKUS_HEALTH_PROBES) {
            Probe probe = expected.probe().apply(container);
            if (probe == null) {
                problems.add(where + " has no " + expected.name());
            } else if (probe.getHttpGet() == null || !expected.path().equals(probe.getHttpGet().getPath())) {
                problems.add(where + " " + expected.name() + " must be an HTTP GET of " + expected.path());
            } else if (port(container, probe.getHttpGet().getPort().getStrVal(), probe.getHttpGet().getPort().getIntVal()).isEmpty()) {
                problems.add(where + " " + expected.name() + " uses port " + probe.getHttpGet().getPort().getValue()
                        + ", which the container does not declare");
            }
        }
    }

    private static Optional<ContainerPort> port(Container container, String name, Integer number) {
        return container.getPorts().stream()
                .filter(port -> name != null ? name.equals(port.getName()) : number.equals(port.getContainerPort()))
                .findFirst();
    }

    private static void resources(String where, Container container, List<String> problems) {
        var resources = container.getResources();
        for (String resource : List.of("cpu", "memory")) {
            if (resources == null || resources.getRequests() == null || !resources.getRequests().containsKey(resource)) {
                problems.add(where + " has no " + resource + " request");
            }
            if (resources == null || resources.getLimits() == null || !resources.getLimits().containsKey(resource)) {
                problems.add(where + " has no " + resource + " limit");
            }
        }
    }

    private static void securityContext(String where, PodSecurityContext pod, Container container, List<String> problems) {
        SecurityContext own = container.getSecurityContext() == null ? new SecurityContext() : container.getSecurityContext();
        PodSecurityContext inherited = pod == null ? new PodSecurityContext() : pod;
        Boolean runAsNonRoot = own.getRunAsNonRoot() != null ? own.getRunAsNonRoot() : inherited.getRunAsNonRoot();
        if (!Boolean.TRUE.equals(runAsNonRoot)) {
            problems.add(where + " does not set runAsNonRoot: true");
        }
        if (!Boolean.TRUE.equals(own.getReadOnlyRootFilesystem())) {
            problems.add(where + " does not set readOnlyRootFilesystem: true");
        }
        if (!Boolean.FALSE.equals(own.getAllowPrivilegeEscalation())) {
            problems.add(where + " does not set allowPrivilegeEscalation: false");
        }
        Capabilities capabilities = own.getCapabilities();
        if (capabilities == null || !capabilities.getDrop().contains("ALL")) {
            problems.add(where + " does not drop ALL capabilities");
        } else if (!capabilities.getAdd().isEmpty()) {
            problems.add(where + " adds capabilities " + capabilities.getAdd());
        }
        SeccompProfile seccomp = own.getSeccompProfile() != null ? own.getSeccompProfile() : inherited.getSeccompProfile();
        if (seccomp == null || !"RuntimeDefault".equals(seccomp.getType())) {
            problems.add(where + " does not use seccompProfile RuntimeDefault");
        }
    }

    /** The image's start script already selects a collector: a second -XX:+Use...GC stops the JVM from starting. */
    private static void jvmOptions(String where, Container container, List<String> problems) {
        container.getEnv().stream()
                .filter(variable -> variable.getName().equals("JAVA_OPTS_APPEND") && variable.getValue() != null)
                .flatMap(variable -> Stream.of(variable.getValue().trim().split("\\s+")))
                .filter(option -> option.matches("-XX:\\+Use\\w*GC"))
                .forEach(option -> problems.add(where + " appends " + option
                        + " to the JVM options, but the image selects a collector already and two stop the JVM from starting"));
    }

    private static void writableTmp(String where, PodSpec pod, Container container, List<String> problems) {
        boolean tmpIsEmptyDir = container.getVolumeMounts().stream()
                .filter(mount -> mount.getMountPath().equals("/tmp"))
                .anyMatch(mount -> pod.getVolumes().stream()
                        .filter(volume -> volume.getName().equals(mount.getName()))
                        .map(Volume::getEmptyDir)
                        .anyMatch(java.util.Objects::nonNull));
        if (!tmpIsEmptyDir) {
            problems.add(where + " has no emptyDir at /tmp (with a read-only root filesystem the JVM needs one)");
        }
    }

    static void image(String where, String image, List<String> problems) {
        if (image == null || image.isBlank()) {
            problems.add(where + " has no image");
            return;
        }
        if (image.contains("@sha256:")) {
            return;
        }
        String lastSegment = image.substring(image.lastIndexOf('/') + 1);
        int colon = lastSegment.indexOf(':');
        if (colon < 0) {
            problems.add(where + " image " + image + " has no tag, which means latest; set one with images: in the overlay");
        } else if (lastSegment.substring(colon + 1).equals("latest")) {
            problems.add(where + " image " + image + " uses the tag latest; name a release");
        }
    }

    private static void gracefulShutdown(String subject, PodSpec pod, ServiceSources service, List<String> problems) {
        Optional<Duration> shutdownTimeout = service.shutdownTimeout();
        if (shutdownTimeout.isEmpty()) {
            problems.add(service.name() + " sets no quarkus.shutdown.timeout in production, so in-flight requests are cut at SIGTERM");
            return;
        }
        long grace = pod.getTerminationGracePeriodSeconds() == null ? 30 : pod.getTerminationGracePeriodSeconds();
        long preStop = pod.getContainers().stream().mapToLong(WorkloadChecks::preStopPauseSeconds).max().orElse(0);
        long needed = preStop + shutdownTimeout.get().toSeconds();
        if (grace <= needed) {
            problems.add(subject + " terminationGracePeriodSeconds " + grace + " leaves no time after the preStop pause ("
                    + preStop + " s) and quarkus.shutdown.timeout (" + shutdownTimeout.get().toSeconds()
                    + " s) for the Kafka consumer and the outbox to finish");
        }
    }

    private static long preStopPauseSeconds(Container container) {
        if (container.getLifecycle() == null || container.getLifecycle().getPreStop() == null) {
            return 0;
        }
        var preStop = container.getLifecycle().getPreStop();
        if (preStop.getSleep() != null) {
            return preStop.getSleep().getSeconds();
        }
        if (preStop.getExec() != null && preStop.getExec().getCommand().size() == 2
                && preStop.getExec().getCommand().get(0).equals("sleep")) {
            return Long.parseLong(preStop.getExec().getCommand().get(1));
        }
        return 0;
    }

    private static void metricsAnnotations(String subject, Deployment deployment, List<String> problems) {
        Map<String, String> annotations = Optional.ofNullable(deployment.getSpec().getTemplate().getMetadata().getAnnotations())
                .orElse(Map.of());
        Optional<Integer> httpPort = deployment.getSpec().getTemplate().getSpec().getContainers().stream()
                .flatMap(container -> container.getPorts().stream())
                .filter(port -> "http".equals(port.getName()))
                .map(ContainerPort::getContainerPort)
                .findFirst();
        if (!"true".equals(annotations.get("prometheus.io/scrape"))
                || !"/q/metrics".equals(annotations.get("prometheus.io/path"))
                || httpPort.isEmpty() || !String.valueOf(httpPort.get()).equals(annotations.get("prometheus.io/port"))) {
            problems.add(subject + " pods are not annotated for Prometheus to scrape /q/metrics on the http port "
                    + httpPort.orElse(null) + " (prometheus.io/scrape, path, port): " + annotations);
        }
    }

    private static void companions(String subject, Deployment deployment, Rendering rendering, List<String> problems) {
        Map<String, String> podLabels = deployment.getSpec().getTemplate().getMetadata().getLabels();
        if (rendering.all(Service.class).stream().noneMatch(service -> Labels.selects(service.getSpec().getSelector(), podLabels))) {
            problems.add(subject + " has no Service selecting its pods");
        }
        if (rendering.all(PodDisruptionBudget.class).stream()
                .noneMatch(budget -> Labels.selects(budget.getSpec().getSelector(), podLabels))) {
            problems.add(subject + " has no PodDisruptionBudget selecting its pods");
        }
        String account = deployment.getSpec().getTemplate().getSpec().getServiceAccountName();
        if (account == null || rendering.named(ServiceAccount.class, account).isEmpty()) {
            problems.add(subject + " does not run as its own ServiceAccount (serviceAccountName " + account + ")");
        }
    }
}
