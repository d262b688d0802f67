package org.safereport.deploy;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;

import static org.assertj.core.api.Assertions.assertThat;

/** The @ConfigMapping reader on the services' real mappings: names, groups, inherited members, required-ness. */
class ConfigMappingsTest {

    @Test
    void readsEscalationsMappingWithItsRequiredSettings() throws IOException {
        String java = Files.readString(Manifests.REPOSITORY.resolve(
                "escalation-service/src/main/java/org/safereport/escalation/config/EscalationConfig.java"));

        assertThat(ConfigMappings.properties(java)).contains(
                new ConfigMappings.Property("escalation.public-base-url", true),
                new ConfigMappings.Property("escalation.acknowledgement.signing-key", true),
                new ConfigMappings.Property("escalation.acknowledgement.link-validity", false),
                new ConfigMappings.Property("escalation.deadline-check-interval", false),
                new ConfigMappings.Property("escalation.policy.file", false),
                new ConfigMappings.Property("escalation.directory.file", false))
                .extracting(ConfigMappings.Property::name)
                .doesNotContain("escalation.acknowledgement.signing-key-bytes");
    }

    @Test
    void readsNotificationsMappingIncludingWhatItsGroupsInherit() throws IOException {
        String java = Files.readString(Manifests.REPOSITORY.resolve(
                "notification-service/src/main/java/org/safereport/notification/config/NotificationConfig.java"));

        assertThat(ConfigMappings.properties(java)).contains(
                new ConfigMappings.Property("notification.public-base-url", false),
                new ConfigMappings.Property("notification.email.reply-to", false),
                new ConfigMappings.Property("notification.email.first-backoff", false),
                new ConfigMappings.Property("notification.sms.base-url", false),
                new ConfigMappings.Property("notification.sms.account-sid", false),
                new ConfigMappings.Property("notification.sms.auth-token", false),
                new ConfigMappings.Property("notification.sms.from", false),
                new ConfigMappings.Property("notification.sms.max-attempts", false));
    }

    @Test
    void aVariableUnderTheMappingsPrefixThatNamesNoPropertyIsNotRead() {
        ServiceSources escalation = Manifests.SOURCES.service("escalation-service").orElseThrow();

        assertThat(escalation.reads("ESCALATION_ACKNOWLEDGEMENT_SIGNING_KEY")).isTrue();
        assertThat(escalation.reads("ESCALATION_PUBLIC_BASE_URL")).isTrue();
        assertThat(escalation.reads("ESCALATION_ACK_SIGNING_KEY")).isFalse();
    }

    @Test
    void findsTheServicesResourcePaths() {
        assertThat(Manifests.SOURCES.service("escalation-service").orElseThrow().resourcePaths())
                .contains("/ack/{token}", "/api/v1/policy");
        assertThat(Manifests.SOURCES.service("intake-service").orElseThrow().resourcePaths())
                .contains("/api/v1/reports");
    }
}
