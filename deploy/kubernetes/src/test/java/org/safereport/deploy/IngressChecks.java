package org.safereport.deploy;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;

import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The public side: the Ingress routes each public request of the contract (and each static file of
 * intake) to the right service over TLS and no private request (/q, staff APIs) anywhere; the services
 * behind it admit the ingress controller and no other service does; the public base URLs name the
 * Ingress's host.
 */
final class IngressChecks {

    private IngressChecks() {
    }

    static List<String> problems(Rendering rendering, SourceTree sources) {
        List<String> problems = new ArrayList<>();
        List<Ingress> ingresses = rendering.all(Ingress.class);
        if (ingresses.isEmpty()) {
            problems.add("there is no Ingress for the public pages");
            return problems;
        }
        Set<String> tlsHosts = new TreeSet<>();
        Set<String> hosts = new TreeSet<>();
        for (Ingress ingress : ingresses) {
            ingress.getSpec().getTls().forEach(tls -> tlsHosts.addAll(tls.getHosts()));
            ingress.getSpec().getRules().forEach(rule -> hosts.add(rule.getHost()));
        }
        for (String host : hosts) {
            if (host == null || !tlsHosts.contains(host)) {
                problems.add("Ingress host " + host + " has no TLS certificate (spec.tls)");
            }
        }
        for (String host : hosts) {
            SystemContract.PUBLIC_REQUESTS.forEach((path, service) -> {
                Optional<String> target = route(ingresses, host, path);
                if (!target.equals(Optional.of(service))) {
                    problems.add("https://" + host + path + " must reach " + service + " through the Ingress, but reaches "
                            + target.orElse("nothing"));
                }
            });
            sources.service(SystemContract.INTAKE).ifPresent(intake -> intake.staticResources().forEach(file -> {
                Optional<String> target = route(ingresses, host, "/" + file);
                if (!target.equals(Optional.of(SystemContract.INTAKE))) {
                    problems.add("intake-service serves the static file /" + file + " (META-INF/resources), but the Ingress"
                            + " routes it to " + target.orElse("nothing"));
                }
            }));
            // Each resource class in the services' code: public (routed to its service) or private (routed nowhere).
            for (ServiceSources service : sources.services()) {
                for (String resource : service.resourcePaths()) {
                    String path = (resource.startsWith("/") ? resource : "/" + resource).replaceAll("\\{[^}]*}", "sample");
                    boolean published = path.equals("/") || SystemContract.PUBLIC_PREFIXES.getOrDefault(service.name(), List.of())
                            .stream().anyMatch(prefix -> path.equals(prefix) || path.startsWith(prefix + "/"));
                    Optional<String> target = route(ingresses, host, path);
                    if (published && !target.equals(Optional.of(service.name()))) {
                        problems.add(service.name() + " serves " + resource + " for the public, but the Ingress routes "
                                + path + " to " + target.orElse("nothing"));
                    } else if (!published && target.isPresent()) {
                        problems.add(service.name() + " serves " + resource + ", which is not public, but the Ingress routes "
                                + path + " to " + target.get());
                    }
                }
            }
            for (String path : SystemContract.PRIVATE_REQUESTS) {
                route(ingresses, host, path).ifPresent(service -> problems.add("https://" + host + path
                        + " is private, but the Ingress routes it to " + service));
            }
        }
        SystemContract.PUBLIC_BASE_URLS.forEach((variable, service) -> rendering.named(Deployment.class, service).ifPresent(deployment -> {
            var environment = ContainerEnvironment.of(deployment.getSpec().getTemplate().getSpec().getContainers().get(0), rendering);
            Optional.ofNullable(environment.get(variable)).flatMap(ContainerEnvironment.Variable::knownValue).ifPresent(url -> {
                URI uri = URI.create(url);
                if (!"https".equals(uri.getScheme()) || !tlsHosts.contains(uri.getHost())) {
                    problems.add(service + " " + variable + " is " + url + ", which is not https:// and a TLS host of the public Ingress "
                            + tlsHosts);
                }
            });
        }));
        ingressControllerReaches(rendering, ingresses, problems);
        bodySize(ingresses, sources, problems);
        return problems;
    }

    /** ingress-nginx's request body limit when an Ingress does not set one, and Quarkus' default. */
    private static final long NGINX_DEFAULT_BODY = bytes("1m");
    private static final String QUARKUS_DEFAULT_BODY = "10240K";

    /** The Ingress lets through every request body its backends accept (a report with its evidence). */
    private static void bodySize(List<Ingress> ingresses, SourceTree sources, List<String> problems) {
        for (Ingress ingress : ingresses) {
            String annotation = ingress.getMetadata().getAnnotations() == null ? null
                    : ingress.getMetadata().getAnnotations().get("nginx.ingress.kubernetes.io/proxy-body-size");
            long allowed = annotation == null ? NGINX_DEFAULT_BODY : bytes(annotation);
            Set<String> backends = new TreeSet<>();
            ingress.getSpec().getRules().forEach(rule -> rule.getHttp().getPaths()
                    .forEach(path -> backends.add(path.getBackend().getService().getName())));
            for (String backend : backends) {
                sources.service(backend).ifPresent(service -> {
                    String accepted = service.value("quarkus.http.limits.max-body-size").orElse(QUARKUS_DEFAULT_BODY);
                    if (allowed < bytes(accepted)) {
                        problems.add("Ingress " + ingress.getMetadata().getName() + " lets request bodies of up to "
                                + (annotation == null ? "1m (the default)" : annotation) + " through, but " + backend
                                + " accepts " + accepted + " (quarkus.http.limits.max-body-size); raise"
                                + " nginx.ingress.kubernetes.io/proxy-body-size");
                    }
                });
            }
        }
    }

    /** Sizes as nginx ("56m", "64k") and Quarkus ("55M", "10240K") write them. */
    static long bytes(String size) {
        String text = size.trim().toLowerCase(java.util.Locale.ROOT);
        if (text.equals("0")) {
            return Long.MAX_VALUE; // nginx: no limit
        }
        long factor = switch (text.charAt(text.length() - 1)) {
            case 'k' -> 1024L;
            case 'm' -> 1024L * 1024;
            case 'g' -> 1024L * 1024 * 1024;
            default -> 1L;
        };
        String digits = factor == 1 ? text : text.substring(0, text.length() - 1);
        return Long.parseLong(digits) * factor;
    }

    /** The service an Ingress sends a request for {@code path} on {@code host} to, as the Ingress API defines matching. */
    static Optional<String> route(List<Ingress> ingresses, String host, String path) {
        List<HTTPIngressPath> candidates = new ArrayList<>();
        for (Ingress ingress : ingresses) {
            for (IngressRule rule : ingress.getSpec().getRules()) {
                if ((rule.getHost() == null || rule.getHost().equals(host)) && rule.getHttp() != null) {
                    candidates.addAll(rule.getHttp().getPaths());
                }
            }
        }
        Optional<HTTPIngressPath> exact = candidates.stream()
                .filter(candidate -> "Exact".equals(candidate.getPathType()) && candidate.getPath().equals(path))
                .findFirst();
        Optional<HTTPIngressPath> match = exact.or(() -> candidates.stream()
                .filter(candidate -> !"Exact".equals(candidate.getPathType()) && prefixMatches(candidate.getPath(), path))
                .max(Comparator.comparingInt(candidate -> candidate.getPath().length())));
        return match.map(candidate -> candidate.getBackend().getService().getName());
    }

    /** Prefix matching element by element: /ack matches /ack and /ack/x, not /ackx. */
    private static boolean prefixMatches(String prefix, String path) {
        String trimmed = prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
        return trimmed.isEmpty() || path.equals(trimmed) || path.startsWith(trimmed + "/");
    }

    /** The pods behind the Ingress admit the ingress controller's namespace; no other service pod does. */
    private static void ingressControllerReaches(Rendering rendering, List<Ingress> ingresses, List<String> problems) {
        Set<String> backends = new TreeSet<>();
        ingresses.forEach(ingress -> ingress.getSpec().getRules().forEach(rule -> rule.getHttp().getPaths()
                .forEach(path -> backends.add(path.getBackend().getService().getName()))));
        for (Deployment deployment : rendering.all(Deployment.class)) {
            Map<String, String> podLabels = deployment.getSpec().getTemplate().getMetadata().getLabels();
            boolean behindIngress = backends.stream().map(name -> rendering.named(Service.class, name))
                    .flatMap(Optional::stream)
                    .anyMatch(service -> Labels.selects(service.getSpec().getSelector(), podLabels));
            boolean admitted = rendering.all(NetworkPolicy.class).stream()
                    .filter(policy -> policy.getSpec().getPolicyTypes().contains("Ingress"))
                    .filter(policy -> Labels.selects(policy.getSpec().getPodSelector(), podLabels))
                    .flatMap(policy -> policy.getSpec().getIngress().stream())
                    .flatMap(rule -> rule.getFrom().stream())
                    .anyMatch(IngressChecks::isIngressController);
            String subject = "Deployment " + deployment.getMetadata().getName();
            if (behindIngress && !admitted) {
                problems.add(subject + " is a backend of the public Ingress, but no NetworkPolicy admits the ingress controller"
                        + " (namespace " + SystemContract.INGRESS_CONTROLLER_NAMESPACE + ") to its pods");
            }
            if (!behindIngress && admitted) {
                problems.add(subject + " is not behind the public Ingress, but a NetworkPolicy admits the ingress controller to its pods");
            }
        }
    }

    private static boolean isIngressController(NetworkPolicyPeer peer) {
        return peer.getNamespaceSelector() != null && peer.getNamespaceSelector().getMatchLabels() != null
                && SystemContract.INGRESS_CONTROLLER_NAMESPACE.equals(
                peer.getNamespaceSelector().getMatchLabels().get("kubernetes.io/metadata.name"));
    }
}
