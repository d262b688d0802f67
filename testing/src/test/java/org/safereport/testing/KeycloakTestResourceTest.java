package org.safereport.testing;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.safereport.local.SampleRealm;

import static org.assertj.core.api.Assertions.assertThat;

/** The real Keycloak that the test support starts: the realm's two clients work, and the sample people sign in. */
class KeycloakTestResourceTest {

    @Test
    void theResourcePointsQuarkusAtTheRealm() {
        assertThat(new KeycloakTestResource().start())
                .containsEntry("quarkus.oidc.auth-server-url", KeycloakTestResource.server().issuerUrl());
    }

    @Test
    void servicesGetATokenWithTheirClientCredentials() {
        JsonNode token = KeycloakTokens.claims(KeycloakTokens.servicesAccessToken());

        assertThat(token.path("iss").asText()).isEqualTo(KeycloakTestResource.server().issuerUrl());
        assertThat(token.path("azp").asText()).isEqualTo(SampleRealm.SERVICES_CLIENT_ID);
    }

    @Test
    void theDslSignsInOnKeycloaksOwnPageWithThePasswordLocal() {
        JsonNode tokens = KeycloakTokens.staffSignIn("dsl");

        JsonNode idToken = KeycloakTokens.claims(tokens.path("id_token").asText());
        assertThat(idToken.path("preferred_username").asText()).isEqualTo("dsl");
        assertThat(idToken.path("email").asText()).isEqualTo("dsl@example.org");
        assertThat(idToken.path("email_verified").asBoolean()).isTrue();
        assertThat(idToken.path("name").asText()).isEqualTo("Riley Carrow");
        assertThat(KeycloakTokens.claims(tokens.path("access_token").asText()).path("azp").asText())
                .isEqualTo(SampleRealm.STAFF_CLIENT_ID);
    }
}
