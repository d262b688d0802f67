package org.safereport.intake.api;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.safereport.intake.persistence.PolicyStore;

/** Not ready until a routing policy is known: without it the form has no categories to offer. */
@Readiness
@ApplicationScoped
public class PolicyReadiness implements HealthCheck {

    private final PolicyStore policies;

    PolicyReadiness(PolicyStore policies) {
        this.policies = policies;
    }

    @Override
    public HealthCheckResponse call() {
        return policies.current()
                .map(policy -> HealthCheckResponse.named("routing-policy").up()
                        .withData("version", policy.version())
                        .withData("categories", policy.categories().size())
                        .build())
                .orElseGet(() -> HealthCheckResponse.named("routing-policy").down()
                        .withData("waitingFor", "policy.public.v1")
                        .build());
    }
}
