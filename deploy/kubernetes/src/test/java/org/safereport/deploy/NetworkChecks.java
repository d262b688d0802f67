package org.safereport.deploy;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;

import java.util.ArrayList;
import java.util.List;

/** Every service pod is isolated in both directions: some NetworkPolicy selects it for Ingress and for Egress. */
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
        }
        return problems;
    }
}
