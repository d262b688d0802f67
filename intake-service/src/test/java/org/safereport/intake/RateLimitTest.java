package org.safereport.intake;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.safereport.intake.domain.RateLimiter;
import org.safereport.intake.persistence.RateLimitCounts;
import org.safereport.testing.KafkaTestResource;
import org.safereport.testing.PostgresTestResource;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

@QuarkusTest
@TestProfile(RateLimitTest.ThreeRequests.class)
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PolicyTestResource.class, scope = TestResourceScope.GLOBAL)
class RateLimitTest {

    /** The tests' requests all come from this address; the one proxy trusted here is another. */
    private static final String TEST_CLIENT = "127.0.0.1";

    /**
     * Three requests per client an hour, so that the test reaches the limit quickly (and, windows being fixed,
     * hardly ever straddles two); forwarded addresses are taken from one proxy only, which is not the tests'.
     */
    public static class ThreeRequests implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("intake.rate-limit.max-requests", "3", "intake.rate-limit.window", "PT1H",
                    "quarkus.http.proxy.proxy-address-forwarding", "true",
                    "quarkus.http.proxy.allow-x-forwarded", "true",
                    "quarkus.http.proxy.trusted-proxies", "192.0.2.1");
        }
    }

    @Inject
    DataSource dataSource;

    @Inject
    RateLimitCounts counts;

    @BeforeEach
    void policyIsKnownAndNothingIsCountedYet() throws SQLException {
        TestData.awaitPolicy();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement delete = connection.prepareStatement("DELETE FROM rate_limit_count")) {
            delete.executeUpdate();
        }
    }

    @Test
    void fourthRequestInAWindowIsToldToWaitAsProblemOrAsAPage() {
        for (int i = 0; i < 3; i++) {
            given().contentType(ContentType.JSON).body("{}").post("/api/v1/reports").then().statusCode(400);
        }
        given().contentType(ContentType.JSON).body(TestData.report("GRIEVANCE", "An unfair decision was made about my shifts."))
                .post("/api/v1/reports")
                .then().statusCode(429)
                .contentType("application/problem+json")
                .header("Retry-After", notNullValue())
                .body("status", equalTo(429));
        given().multiPart("category", "GRIEVANCE").post("/report")
                .then().statusCode(429)
                .contentType(containsString("text/html"))
                .header("Retry-After", notNullValue())
                .body(containsString("Please wait a moment"));
        // Reading the form is never limited: a person can always see what to do.
        given().get("/report").then().statusCode(200);
    }

    @Test
    void replicasShareOneCountInTheDatabase() throws SQLException {
        given().contentType(ContentType.JSON).body("{}").post("/api/v1/reports").then().statusCode(400);
        given().contentType(ContentType.JSON).body("{}").post("/api/v1/reports").then().statusCode(400);
        assertThat(countOf(TEST_CLIENT)).isEqualTo(2);

        // Another replica: a limiter of its own, the same database. Its request is the client's third.
        RateLimiter otherReplica = new RateLimiter(3, Duration.ofHours(1), counts);
        assertThat(otherReplica.acquire(TEST_CLIENT, Instant.now())).isEmpty();
        assertThat(countOf(TEST_CLIENT)).isEqualTo(3);

        given().contentType(ContentType.JSON).body("{}").post("/api/v1/reports").then().statusCode(429);
    }

    @Test
    void forwardedForFromAPeerThatIsNotATrustedProxyIsIgnored() throws SQLException {
        for (int i = 0; i < 3; i++) {
            given().header("X-Forwarded-For", "203.0.113." + (10 + i)).contentType(ContentType.JSON).body("{}")
                    .post("/api/v1/reports").then().statusCode(400);
        }
        given().header("X-Forwarded-For", "203.0.113.99").contentType(ContentType.JSON).body("{}")
                .post("/api/v1/reports").then().statusCode(429);
        assertThat(countOf(TEST_CLIENT)).as("counted as the peer it is").isEqualTo(4);
        assertThat(countOf("203.0.113.10")).isZero();
    }

    @Test
    void countsOfEndedWindowsAreDeleted() throws SQLException {
        counts.increment(RateLimiter.clientHash(TEST_CLIENT), Instant.now().minus(Duration.ofHours(3)));
        given().contentType(ContentType.JSON).body("{}").post("/api/v1/reports").then().statusCode(400);
        assertThat(counts.forgetEndedWindows()).isEqualTo(1);
        assertThat(countOf(TEST_CLIENT)).as("the current window is kept").isEqualTo(1);
    }

    /** The client's count over every window in the table (one window here, the table being emptied before each test). */
    private int countOf(String clientAddress) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement(
                     "SELECT COALESCE(SUM(request_count), 0) FROM rate_limit_count WHERE client_hash = ?")) {
            query.setBytes(1, RateLimiter.clientHash(clientAddress));
            try (ResultSet result = query.executeQuery()) {
                result.next();
                return result.getInt(1);
            }
        }
    }
}
