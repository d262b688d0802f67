package org.safereport.deploy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The routing policy, directory and policy text that base/ deploys are the samples escalation-service bundles and
 * tests, so that a change of their format there cannot leave an old copy here that the service refuses.
 */
class PolicySamplesTest {

    @ParameterizedTest
    @ValueSource(strings = {"routing-policy.yaml", "directory.yaml", "social-media-policy.md"})
    void baseDeploysTheServicesOwnSample(String file) throws IOException {
        String deployed = Files.readString(Manifests.MODULE.resolve("base/escalation-service/policy").resolve(file));
        String bundled = Files.readString(Manifests.REPOSITORY.resolve("escalation-service/src/main/resources/policy").resolve(file));

        assertThat(deployed).as("deploy/kubernetes/base/escalation-service/policy/" + file
                + " must be a copy of escalation-service/src/main/resources/policy/" + file).isEqualTo(bundled);
    }
}
