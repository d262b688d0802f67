package org.safereport.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * The Keycloak realm of the local stack and the tests, made from a people directory at every start so that
 * the two cannot drift apart: every person is a user whose username is their directory id, with their
 * email (verified), their name and the password {@value #PASSWORD}. No roles: who may see what stays in
 * the directory. The realm's settings and its two clients are in {@code safereport-realm.json} beside
 * this class.
 */
public final class SampleRealm {

    public static final String NAME = "safereport";
    /** The escalation service's staff pages: authorization code flow, no direct password grant. */
    public static final String STAFF_CLIENT_ID = "safereport-staff";
    /** Service-to-service calls: client credentials. */
    public static final String SERVICES_CLIENT_ID = "safereport-services";
    // Fixed and public, like the rest of the realm: fictional people, and a Keycloak that listens on loopback only.
    public static final String STAFF_CLIENT_SECRET = "local-staff-secret";
    public static final String SERVICES_CLIENT_SECRET = "local-services-secret";
    public static final String PASSWORD = "local";

    private static final Map<String, String> CLIENT_SECRETS = Map.of(
            STAFF_CLIENT_ID, STAFF_CLIENT_SECRET, SERVICES_CLIENT_ID, SERVICES_CLIENT_SECRET);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private SampleRealm() {
    }

    /** The escalation service's bundled sample directory in a checkout. */
    public static Path sampleDirectory(Path repositoryRoot) {
        return repositoryRoot.resolve("escalation-service/src/main/resources/policy/directory.yaml");
    }

    /** The realm, as Keycloak imports it, with a user for every person in {@code directoryFile}. */
    public static String json(Path directoryFile) throws IOException {
        ObjectNode realm = template();
        for (JsonNode client : realm.path("clients")) {
            String clientId = client.path("clientId").asText();
            ((ObjectNode) client).put("secret", Objects.requireNonNull(CLIENT_SECRETS.get(clientId), "no secret for " + clientId));
        }
        ArrayNode users = realm.putArray("users");
        for (JsonNode person : YAML.readTree(directoryFile.toFile()).path("people")) {
            users.add(user(person));
        }
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(realm);
    }

    private static ObjectNode template() throws IOException {
        try (InputStream in = SampleRealm.class.getResourceAsStream("safereport-realm.json")) {
            return (ObjectNode) JSON.readTree(Objects.requireNonNull(in, "safereport-realm.json"));
        }
    }

    private static ObjectNode user(JsonNode person) {
        String name = person.path("name").asText().strip();
        int lastSpace = name.lastIndexOf(' ');
        ObjectNode user = JSON.createObjectNode()
                .put("username", person.path("id").asText())
                .put("email", person.path("email").asText())
                .put("emailVerified", true)
                .put("firstName", lastSpace < 0 ? name : name.substring(0, lastSpace))
                .put("lastName", lastSpace < 0 ? "" : name.substring(lastSpace + 1))
                .put("enabled", true);
        user.putArray("credentials").addObject()
                .put("type", "password")
                .put("value", PASSWORD)
                .put("temporary", false);
        return user;
    }
}
