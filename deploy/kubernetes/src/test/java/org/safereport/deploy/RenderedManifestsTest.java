package org.safereport.deploy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.safereport.deploy.Manifests.SOURCES;
import static org.safereport.deploy.Manifests.render;

/** Each rendering that ops may apply (and the base they build on) holds every invariant. */
class RenderedManifestsTest {

    /** overlays/production with the optional components (backup, monitoring), as the runbook says to add them. */
    static final String PRODUCTION_WITH_OPTIONS = "src/test/resources/overlays/production-with-options";

    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/dev", "overlays/production", PRODUCTION_WITH_OPTIONS})
    void parsesIntoTheTypedModelsWithoutUnknownFields(String directory) {
        assertThat(render(directory).parseProblems()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/dev", "overlays/production", PRODUCTION_WITH_OPTIONS})
    void everyServiceRunsLockedDownWithProbesResourcesAndAPinnedImage(String directory) {
        assertThat(WorkloadChecks.problems(render(directory), SOURCES)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/dev", "overlays/production", PRODUCTION_WITH_OPTIONS})
    void everySecretAndConfigMapKeyReferencedExistsOrIsCreatedByAnOperatorOrByOps(String directory) {
        Rendering rendering = render(directory);
        assertThat(ReferenceChecks.problems(rendering, SecretCatalog.of(rendering, SOURCES))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/dev", "overlays/production", PRODUCTION_WITH_OPTIONS})
    void everyTopicAServiceUsesHasAKafkaTopicAndAnAclForThatServiceAndNoMore(String directory) {
        assertThat(KafkaChecks.problems(render(directory), SOURCES)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/dev", "overlays/production", PRODUCTION_WITH_OPTIONS})
    void everyDatabaseAServiceUsesExistsOwnedByTheRoleWhosePasswordItHolds(String directory) {
        assertThat(DatabaseChecks.problems(render(directory), SOURCES)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/dev", "overlays/production", PRODUCTION_WITH_OPTIONS})
    void eachServiceGetsTheEnvironmentAndFilesItsProductionConfigurationReads(String directory) {
        Rendering rendering = render(directory);
        assertThat(ConfigurationChecks.problems(rendering, SOURCES, SecretCatalog.of(rendering, SOURCES))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/dev", "overlays/production", PRODUCTION_WITH_OPTIONS})
    void everyServicePodIsIsolatedByNetworkPoliciesBothWays(String directory) {
        assertThat(NetworkChecks.problems(render(directory))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/dev", "overlays/production", PRODUCTION_WITH_OPTIONS})
    void everyTopicAclAndSettingOfTheSystemContractIsThere(String directory) {
        assertThat(ContractChecks.problems(render(directory))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/dev", "overlays/production", PRODUCTION_WITH_OPTIONS})
    void thePublicPagesAndOnlyThoseAreReachableThroughTheIngressOverTls(String directory) {
        assertThat(IngressChecks.problems(render(directory), SOURCES)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/dev", "overlays/production", PRODUCTION_WITH_OPTIONS})
    void holdsEveryInvariantAtOnce(String directory) {
        assertThat(Invariants.problems(render(directory), SOURCES)).isEmpty();
    }
}
