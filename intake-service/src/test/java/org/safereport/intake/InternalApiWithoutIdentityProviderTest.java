package org.safereport.intake;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.safereport.testing.KafkaTestResource;
import org.safereport.testing.PostgresTestResource;

import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

/**
 * Where no identity provider is configured (OIDC off), the internal API refuses everyone: it fails closed.
 * And it is not part of the public API's document.
 */
@QuarkusTest
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PolicyTestResource.class, scope = TestResourceScope.GLOBAL)
class InternalApiWithoutIdentityProviderTest {

    @Test
    void theInternalApiAnswers401WithOrWithoutAToken() {
        String path = "/internal/v1/reports/" + UUID.randomUUID();
        given().get(path).then().statusCode(401);
        given().auth().oauth2("any-token").get(path).then().statusCode(401);
        given().get(path + "/evidence/" + UUID.randomUUID()).then().statusCode(401);
    }

    @Test
    void theInternalApiIsNotInThePublicOpenApiDocument() {
        given().get("/q/openapi?format=json").then().statusCode(200)
                .body("paths.keySet()", not(hasItem(startsWith("/internal"))))
                .body("paths.keySet()", hasItem("/api/v1/reports"));
    }
}
