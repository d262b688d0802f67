package org.safereport.escalation.health;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;
import org.safereport.escalation.config.ActivePolicy;
import org.safereport.escalation.config.PolicyFiles;

/**
 * Which routing policy and directory are in force, and whether the files on disk were refused. A refused
 * reload does not make the service unready: it goes on routing with the last good version, which is
 * what the policy needs, while ops see the problem here, in the log and on the reload gauge.
 */
@Readiness
@ApplicationScoped
public class PolicyReadiness implements HealthCheck {

    private final ActivePolicy activePolicy;

    PolicyReadiness(ActivePolicy activePolicy) {
        this.activePolicy = activePolicy;
    }

    @Override
    public HealthCheckResponse call() {
        PolicyFiles.Loaded loaded = activePolicy.current();
        HealthCheckResponseBuilder response = HealthCheckResponse.named("routing-policy").up()
                .withData("policyVersion", loaded.policy().version())
                .withData("policyHash", loaded.policy().contentHash())
                .withData("directoryVersion", loaded.directory().version());
        activePolicy.lastFailure().ifPresent(failure -> response
                .withData("reloadRefusedAt", failure.at().toString())
                .withData("reloadRefusedBecause", failure.problems()));
        return response.build();
    }
}
