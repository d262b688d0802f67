package org.safereport.escalation;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import org.safereport.local.SampleRealm;
import org.safereport.testing.KeycloakTestResource;

import java.util.HashMap;
import java.util.Map;

/**
 * The real Keycloak of the test support as this service's identity provider: staff sign in to the pages and
 * the API through it, and the service reads reports from intake with the services' client credentials.
 */
public class KeycloakForStaff implements QuarkusTestResourceLifecycleManager {

    private final KeycloakTestResource keycloak = new KeycloakTestResource();

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>(keycloak.start());
        config.put("quarkus.oidc.tenant-enabled", "true");
        config.put("quarkus.oidc.api.tenant-enabled", "true");
        config.put("quarkus.oidc-client.client-enabled", "true");
        config.put("quarkus.oidc-client.client-id", SampleRealm.SERVICES_CLIENT_ID);
        config.put("quarkus.oidc-client.credentials.secret", SampleRealm.SERVICES_CLIENT_SECRET);
        return config;
    }

    @Override
    public void stop() {
        keycloak.stop();
    }
}
