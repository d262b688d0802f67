package org.safereport.intake;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import org.safereport.testing.KeycloakTestResource;

import java.util.Map;

/**
 * The test Keycloak (the shared one, started once per JVM) as intake's identity provider: the internal API
 * verifies its tokens. Without this resource, OIDC is off in tests and the internal API answers 401.
 */
public class KeycloakForInternalApi implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        return Map.of("quarkus.oidc.tenant-enabled", "true",
                "quarkus.oidc.auth-server-url", KeycloakTestResource.server().issuerUrl());
    }

    @Override
    public void stop() {
        // KeycloakTestResource stops the server with the JVM.
    }
}
