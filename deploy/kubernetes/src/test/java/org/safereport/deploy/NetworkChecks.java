package org.safereport.deploy;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.strimzi.api.kafka.model.kafka.Kafka;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The namespace denies by default: a NetworkPolicy selects every pod, for Ingress and Egress, and allows
 * nothing, so a pod no other policy names talks to nobody. Every service pod is isolated in both directions
 * (some NetworkPolicy selects it for Ingress and for Egress), and reaches only the ports of the contract:
 * DNS, Kafka, PostgreSQL, and for notification its SMTP relay's port and HTTPS; each of those it needs is
 * open. intake admits escalation's pods, which call its internal API. The PostgreSQL and Kafka pods admit
 * every service on their client port, and nobody from outside the namespace but their operator.
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
        defaultDeny(rendering, problems);
        for (Map<String, Object> cluster : rendering.documents("postgresql.cnpg.io/v1", "Cluster")) {
            operandPods(rendering, SystemContract.Operand.POSTGRESQL, Yamls.name(cluster), problems);
        }
        for (Kafka kafka : rendering.all(Kafka.class)) {
            operandPods(rendering, SystemContract.Operand.KAFKA, kafka.getMetadata().getName(), problems);
        }
        return problems;
    }

    private static void defaultDeny(Rendering rendering, List<String> problems) {
        for (String direction : List.of("Ingress", "Egress")) {
            boolean denied = rendering.all(NetworkPolicy.class).stream().map(NetworkPolicy::getSpec)
                    .anyMatch(spec -> spec.getPolicyTypes().contains(direction) && selectsEveryPod(spec.getPodSelector())
                            && spec.getIngress().isEmpty() && spec.getEgress().isEmpty());
            if (!denied) {
                problems.add("no default-deny NetworkPolicy for " + direction + " (every pod selected, nothing allowed): a pod"
                        + " no other policy selects, a new one or an operator's, is open for " + direction);
            }
        }
    }

    private static boolean selectsEveryPod(LabelSelector selector) {
        return selector != null && (selector.getMatchLabels() == null || selector.getMatchLabels().isEmpty())
                && (selector.getMatchExpressions() == null || selector.getMatchExpressions().isEmpty());
    }

    /** An operator's pods: every service may connect on the client port, and nobody from outside but the operator. */
    private static void operandPods(Rendering rendering, SystemContract.Operand operand, String name, List<String> problems) {
        String subject = operand.kind() + " " + name;
        Map<String, String> pods = operand.podLabels(name);
        List<NetworkPolicy> admitting = rendering.all(NetworkPolicy.class).stream()
                .filter(policy -> policy.getSpec().getPolicyTypes().contains("Ingress"))
                .filter(policy -> Labels.selects(policy.getSpec().getPodSelector(), pods))
                .toList();
        for (NetworkPolicy policy : admitting) {
            for (var rule : policy.getSpec().getIngress()) {
                String where = subject + ": NetworkPolicy " + policy.getMetadata().getName();
                if (rule.getFrom().isEmpty()) {
                    problems.add(where + " admits connections from anywhere");
                }
                for (var peer : rule.getFrom()) {
                    if (peer.getIpBlock() != null) {
                        problems.add(where + " admits connections from addresses " + peer.getIpBlock().getCidr());
                    } else if (peer.getNamespaceSelector() != null && !namedNamespace(peer.getNamespaceSelector(), operand.operatorNamespace())) {
                        problems.add(where + " admits connections from namespaces other than its operator's ("
                                + operand.operatorNamespace() + "): " + peer.getNamespaceSelector());
                    }
                }
            }
        }
        for (Deployment deployment : rendering.all(Deployment.class)) {
            var servicePods = deployment.getSpec().getTemplate().getMetadata().getLabels();
            boolean admitted = admitting.stream().flatMap(policy -> policy.getSpec().getIngress().stream())
                    .filter(rule -> rule.getPorts().isEmpty() || rule.getPorts().stream().anyMatch(port -> port.getPort() != null
                            && Integer.valueOf(operand.clientPort()).equals(port.getPort().getIntVal())))
                    .flatMap(rule -> rule.getFrom().stream())
                    .anyMatch(peer -> peer.getNamespaceSelector() == null && Labels.selects(peer.getPodSelector(), servicePods));
            if (!admitted) {
                problems.add(subject + " does not admit Deployment " + deployment.getMetadata().getName() + "'s pods on port "
                        + operand.clientPort() + ": under the default deny, no NetworkPolicy lets them connect");
            }
        }
    }

    private static boolean namedNamespace(LabelSelector selector, String namespace) {
        return Map.of("kubernetes.io/metadata.name", namespace).equals(selector.getMatchLabels())
                && (selector.getMatchExpressions() == null || selector.getMatchExpressions().isEmpty());
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
