package org.safereport.deploy;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Every service pod is isolated in both directions (some NetworkPolicy selects it for Ingress and for
 * Egress), and reaches only the ports of the contract: DNS, Kafka, PostgreSQL, and for notification
 * its SMTP relay's port and HTTPS; each of those it needs is open. intake admits escalation's pods, which
 * call its internal API.
 */
final class NetworkChecks {

    private NetworkChecks() {
    }

    static List<String> problems(Rendering rendering) {
        List<String> problems = new ArrayList<>();
        for (Deployment deployment : rendering.all(Deployment.class)) {
            var podLabels = deployment.getSpec().getTemplate().getMetadata().getLabels();
            for (String direction : List.of("Ingress", "Egress")) {
                boolean isolated = rendering.all(NetworkPolicy.class).stream()
                        .filter(policy -> policy.getSpec().getPolicyTypes().contains(direction))
                        .anyMatch(policy -> Labels.selects(policy.getSpec().getPodSelector(), podLabels));
                if (!isolated) {
                    problems.add("Deployment " + deployment.getMetadata().getName() + " pods are open for " + direction
                            + ": no NetworkPolicy of that type selects them");
                }
            }
            egress(rendering, deployment, problems);
        }
        internalApiReachable(rendering, problems);
        return problems;
    }

    /** escalation-service reads reports through intake-service's internal API, so intake's pods must admit it. */
    private static void internalApiReachable(Rendering rendering, List<String> problems) {
        var intake = rendering.named(Deployment.class, SystemContract.INTAKE);
        var escalation = rendering.named(Deployment.class, SystemContract.ESCALATION);
        if (intake.isEmpty() || escalation.isEmpty()) {
            return; // WorkloadChecks reports it.
        }
        var intakePods = intake.get().getSpec().getTemplate().getMetadata().getLabels();
        var escalationPods = escalation.get().getSpec().getTemplate().getMetadata().getLabels();
        boolean admitted = rendering.all(NetworkPolicy.class).stream()
                .filter(policy -> policy.getSpec().getPolicyTypes().contains("Ingress"))
                .filter(policy -> Labels.selects(policy.getSpec().getPodSelector(), intakePods))
                .flatMap(policy -> policy.getSpec().getIngress().stream())
                .flatMap(rule -> rule.getFrom().stream())
                .anyMatch(peer -> peer.getNamespaceSelector() == null && Labels.selects(peer.getPodSelector(), escalationPods));
        if (!admitted) {
            problems.add("no NetworkPolicy admits escalation-service's pods to intake-service's, whose internal API"
                    + " (/internal/v1/reports) escalation calls");
        }
    }

    private static void egress(Rendering rendering, Deployment deployment, List<String> problems) {
        String service = deployment.getMetadata().getName();
        String subject = "Deployment " + service;
        var podLabels = deployment.getSpec().getTemplate().getMetadata().getLabels();
        Set<Integer> open = new TreeSet<>();
        for (NetworkPolicy policy : rendering.all(NetworkPolicy.class)) {
            if (!policy.getSpec().getPolicyTypes().contains("Egress") || !Labels.selects(policy.getSpec().getPodSelector(), podLabels)) {
                continue;
            }
            for (var rule : policy.getSpec().getEgress()) {
                if (rule.getPorts().isEmpty()) {
                    problems.add(subject + ": NetworkPolicy " + policy.getMetadata().getName() + " allows egress on every port");
                }
                rule.getPorts().forEach(port -> {
                    if (port.getPort() == null || port.getPort().getIntVal() == null) {
                        problems.add(subject + ": NetworkPolicy " + policy.getMetadata().getName() + " allows egress on a port"
                                + " given by name or not at all (" + port.getPort() + "); name the number");
                    } else {
                        open.add(port.getPort().getIntVal());
                    }
                });
            }
        }
        Set<Integer> needed = new TreeSet<>(SystemContract.EGRESS_EVERY_SERVICE);
        needed.addAll(SystemContract.EGRESS_OWN.getOrDefault(service, Set.of()));
        Set<Integer> allowed = new TreeSet<>(needed);
        if (!deployment.getSpec().getTemplate().getSpec().getContainers().isEmpty()) {
            var environment = ContainerEnvironment.of(deployment.getSpec().getTemplate().getSpec().getContainers().get(0), rendering);
            Optional.ofNullable(environment.get("QUARKUS_MAILER_PORT")).flatMap(ContainerEnvironment.Variable::knownValue)
                    .map(Integer::valueOf).ifPresent(port -> {
                        needed.add(port);
                        allowed.add(port);
                    });
        }
        Set<Integer> missing = new TreeSet<>(needed);
        missing.removeAll(open);
        Set<Integer> extra = new TreeSet<>(open);
        extra.removeAll(allowed);
        if (!missing.isEmpty()) {
            problems.add(subject + " needs egress on ports " + missing + ", which no NetworkPolicy opens (open: " + open + ")");
        }
        if (!extra.isEmpty()) {
            problems.add(subject + " may send to ports " + extra + ", which it has no use for");
        }
    }
}
