package org.safereport.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SampleRealmTest {

    private static final Path SAMPLE_DIRECTORY = SampleRealm.sampleDirectory(Path.of("../.."));
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void everyPersonInTheSampleDirectoryIsAUserWithTheirIdEmailNameAndPasswordLocal() throws Exception {
        JsonNode realm = JSON.readTree(SampleRealm.json(SAMPLE_DIRECTORY));
        List<String> people = new ArrayList<>();
        new ObjectMapper(new YAMLFactory()).readTree(SAMPLE_DIRECTORY.toFile()).path("people")
                .forEach(person -> people.add(person.path("id").asText() + " " + person.path("email").asText()));
        List<String> users = new ArrayList<>();
        realm.path("users").forEach(user -> users.add(user.path("username").asText() + " " + user.path("email").asText()));

        assertThat(users).containsExactlyElementsOf(people);
        JsonNode dsl = realm.path("users").get(people.indexOf("dsl dsl@example.org"));
        assertThat(dsl.path("firstName").asText()).isEqualTo("Riley");
        assertThat(dsl.path("lastName").asText()).isEqualTo("Carrow");
        assertThat(dsl.path("emailVerified").asBoolean()).isTrue();
        assertThat(dsl.path("credentials").get(0).path("value").asText()).isEqualTo("local");
        assertThat(dsl.path("credentials").get(0).path("temporary").asBoolean()).isFalse();
        assertThat(dsl.has("realmRoles")).as("roles stay in the directory").isFalse();
    }

    @Test
    void staffSignInIsTheCodeFlowOnlyAndServicesUseClientCredentialsOnly() throws Exception {
        JsonNode realm = JSON.readTree(SampleRealm.json(SAMPLE_DIRECTORY));
        JsonNode staff = client(realm, SampleRealm.STAFF_CLIENT_ID);
        JsonNode services = client(realm, SampleRealm.SERVICES_CLIENT_ID);

        assertThat(realm.path("ssoSessionIdleTimeout").asInt()).isEqualTo(30 * 60);
        assertThat(staff.path("standardFlowEnabled").asBoolean()).isTrue();
        assertThat(staff.path("directAccessGrantsEnabled").asBoolean()).isFalse();
        assertThat(staff.path("serviceAccountsEnabled").asBoolean()).isFalse();
        assertThat(staff.path("secret").asText()).isEqualTo(SampleRealm.STAFF_CLIENT_SECRET);
        assertThat(services.path("serviceAccountsEnabled").asBoolean()).isTrue();
        assertThat(services.path("standardFlowEnabled").asBoolean()).isFalse();
        assertThat(services.path("directAccessGrantsEnabled").asBoolean()).isFalse();
        assertThat(services.path("secret").asText()).isEqualTo(SampleRealm.SERVICES_CLIENT_SECRET);
    }

    private static JsonNode client(JsonNode realm, String clientId) {
        for (JsonNode client : realm.path("clients")) {
            if (client.path("clientId").asText().equals(clientId)) {
                return client;
            }
        }
        throw new AssertionError("no client " + clientId);
    }
}
