package org.safereport.intake;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.safereport.testing.KafkaTestResource;
import org.safereport.testing.PostgresTestResource;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Images small as files and huge once decoded (a 143 KB PNG of 7000 × 7000 pixels is 147 MB of pixels)
 * are refused from their header, before any decoding, while ordinary images sent at the same time are kept.
 */
@QuarkusTest
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PolicyTestResource.class, scope = TestResourceScope.GLOBAL)
class LargeImageTest {

    @BeforeEach
    void policyIsKnown() {
        TestData.awaitPolicy();
    }

    private static Response send(String fileName, byte[] image) {
        return TestData.apiMultipart()
                .multiPart("report", TestData.report("INAPPROPRIATE_MATERIAL", "Offensive comments under our post."), "application/json")
                .multiPart("evidence", fileName, image, "image/png")
                .post("/api/v1/reports");
    }

    @Test
    void imagesOfTooManyPixelsSentAtOnceAreRefusedInWordsWhileOrdinaryOnesAreKeptAndTheServiceKeepsServing() throws Exception {
        byte[] huge = TestData.largePng(7000, 7000);
        assertThat(huge.length).as("small as a file").isLessThan(200_000);
        byte[] photo = TestData.largePng(2000, 1500);

        ExecutorService senders = Executors.newFixedThreadPool(4);
        try {
            List<Future<Response>> hugeAnswers = List.of(senders.submit(() -> send("huge-1.png", huge)),
                    senders.submit(() -> send("huge-2.png", huge)));
            List<Future<Response>> photoAnswers = List.of(senders.submit(() -> send("photo-1.png", photo)),
                    senders.submit(() -> send("photo-2.png", photo)));
            for (Future<Response> answer : hugeAnswers) {
                Response refused = answer.get();
                assertThat(refused.statusCode()).as(refused.asString()).isEqualTo(413);
                assertThat(refused.contentType()).startsWith("application/problem+json");
                assertThat(refused.jsonPath().getString("errors[0].field")).isEqualTo("evidence");
                assertThat(refused.jsonPath().getString("errors[0].message"))
                        .endsWith("is too large an image: 7,000 × 7,000 pixels, and at most 16,000,000 pixels are taken");
            }
            for (Future<Response> answer : photoAnswers) {
                assertThat(answer.get().statusCode()).as(answer.get().asString()).isEqualTo(201);
            }
        } finally {
            senders.shutdownNow();
        }
        assertThat(send("after.png", TestData.png(null)).statusCode()).as("still serving").isEqualTo(201);
    }
}
