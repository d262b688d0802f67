package org.safereport.escalation.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.safereport.escalation.AdjustableClock;
import org.safereport.escalation.CaseFixtures;
import org.safereport.escalation.FormPost;
import org.safereport.escalation.SignedTokens;
import org.safereport.escalation.config.EscalationConfig;
import org.safereport.escalation.domain.CaseState;
import org.safereport.escalation.persistence.CaseStep;
import org.safereport.escalation.persistence.CaseTrack;
import org.safereport.escalation.deadlines.DeadlineEngine;
import org.safereport.testing.KafkaTestResource;
import org.safereport.testing.KafkaTopics;
import org.safereport.testing.PostgresTestResource;
import org.safereport.testing.fuzz.FuzzTally;
import org.safereport.testing.fuzz.HostileInput;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.safereport.escalation.CaseFixtures.requests;
import static org.safereport.escalation.CaseFixtures.state;
import static org.safereport.escalation.CaseFixtures.summary;
import static org.safereport.escalation.fuzz.FuzzInputs.acknowledgedNotifications;
import static org.safereport.escalation.fuzz.FuzzInputs.acknowledgements;
import static org.safereport.escalation.fuzz.FuzzInputs.assertRefused;
import static org.safereport.escalation.fuzz.FuzzInputs.raw;
import static org.safereport.escalation.fuzz.FuzzInputs.segment;

/**
 * The acknowledgement links: {@code /ack/{token}} (GET shows the case, only POST acknowledges) and the
 * text messages' short links {@code /a/{code}} (GET leads to the signed link's page). Tokens forged,
 * tampered, cut, extended, expired, signed with another key, or signed for another case, track, step or
 * person; short codes guessed, bent and expired; hostile text in both. None may acknowledge anything, which
 * is checked in the database (no ACKNOWLEDGED entry on any timeline, no "someone has it" notification), not
 * only by the status. A valid link replayed, one after another and at once, acknowledges exactly once.
 */
@QuarkusTest
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.GLOBAL)
class AcknowledgementFuzzTest {

    private static final int RANDOM_TOKENS = 150;
    private static final int REPLAYS = 10;
    private static final int AT_ONCE = 8;

    @Inject
    AdjustableClock clock;

    @Inject
    DeadlineEngine deadlines;

    @Inject
    EscalationConfig config;

    @Test
    void noLinkButAValidOneAcknowledgesAndThatOnlyOnce() throws Exception {
        long seed = HostileInput.seed();
        FuzzTally tally = new FuzzTally("acknowledgement links", seed);
        HostileInput.Mutator mutator = HostileInput.mutator(seed);
        Random random = mutator.random();
        byte[] key = config.acknowledgement().signingKeyBytes();

        // A: safeguarding, to the DSL by email and text (a short link). B: a media enquiry, to the team leader.
        // C: a grievance with a young person at risk: two tracks, the team leader's and the DSL's.
        String a = CaseFixtures.fileReport(clock.instant(), "RESIDENT_CONTACT", false);
        String b = CaseFixtures.fileReport(clock.instant(), "MEDIA_ENQUIRY", false);
        String c = CaseFixtures.fileReport(clock.instant(), "GRIEVANCE", true);
        JsonNode requestA = requests(a, 1).get(0);
        requests(b, 1);
        requests(c, 2);
        String tokenA = FuzzInputs.linkPath(requestA).substring("/ack/".length());
        String codeA = FuzzInputs.path(requestA.get("data"), "shortAcknowledgementLink").substring("/a/".length());
        CaseTrack trackA = FuzzInputs.tracks(a).get(0);
        CaseTrack trackB = FuzzInputs.tracks(b).get(0);
        List<CaseTrack> tracksC = FuzzInputs.tracks(c);
        CaseStep firstA = FuzzInputs.steps(a, trackA.name).get(0);
        CaseStep laterA = FuzzInputs.steps(a, trackA.name).stream().filter(step -> step.stepIndex == 1).findFirst().orElseThrow();
        CaseStep firstB = FuzzInputs.steps(b, trackB.name).get(0);
        Instant valid = clock.instant().plus(Duration.ofDays(1));

        List<String> tokens = new ArrayList<>();
        HostileInput.strings().stream().filter(text -> text.length() < 1_000).forEach(tokens::add);
        for (int i = 0; i < RANDOM_TOKENS; i++) {
            tokens.add(FuzzInputs.randomToken(random));
        }
        for (int i = 0; i < 30; i++) {
            tokens.add(mutator.mutate(tokenA));
        }
        tokens.addAll(FuzzInputs.alterations(tokenA));
        // Signed with the service's key, but expired, or for a track, step or person the link was not sent for.
        tokens.addAll(List.of(
                FuzzInputs.token(trackA.id, firstA.stepIndex, firstA.personId, clock.instant().minusSeconds(1), key),
                FuzzInputs.token(trackA.id, firstA.stepIndex, firstA.personId, clock.instant(), key),
                FuzzInputs.token(trackA.id, firstB.stepIndex, firstB.personId, valid, key),
                FuzzInputs.token(trackB.id, firstA.stepIndex, firstA.personId, valid, key),
                FuzzInputs.token(trackA.id, laterA.stepIndex, laterA.personId, valid, key),
                FuzzInputs.token(trackA.id, laterA.stepIndex, firstA.personId, valid, key),
                FuzzInputs.token(trackA.id, -1, firstA.personId, valid, key),
                FuzzInputs.token(trackA.id, Integer.MAX_VALUE, firstA.personId, valid, key),
                FuzzInputs.token(UUID.randomUUID(), 0, firstA.personId, valid, key),
                FuzzInputs.token(tracksC.get(0).id, 0, FuzzInputs.steps(c, tracksC.get(1).name).get(0).personId, valid, key),
                FuzzInputs.token(tracksC.get(1).id, 0, FuzzInputs.steps(c, tracksC.get(0).name).get(0).personId, valid, key),
                FuzzInputs.token(trackA.id, 0, "", valid, key),
                FuzzInputs.token(trackA.id, 0, firstA.personId + "|extra", valid, key),
                FuzzInputs.token(trackA.id, 0, "<script>window.__pwned=1</script>", valid, key)));
        for (String payload : List.of("", "|||", trackA.id + "|0|" + firstA.personId, trackA.id + "|0|" + firstA.personId + "|x",
                trackA.id + "|zero|" + firstA.personId + "|" + valid.getEpochSecond(), "not-a-uuid|0|dsl|" + valid.getEpochSecond(),
                trackA.id + "|0|" + firstA.personId + "|" + Long.MAX_VALUE, trackA.id + "|0|" + firstA.personId + "|" + Long.MIN_VALUE,
                trackA.id + "|0|" + firstA.personId + "|99999999999999999999", trackA.id + "|0|" + firstA.personId + "|1e10",
                trackA.id + "|99999999999|" + firstA.personId + "|" + valid.getEpochSecond(), "\u0000|\u0000|\u0000|\u0000")) {
            tokens.add(SignedTokens.signed(payload, key));
        }
        // Well formed and unexpired, but signed with a key other than the service's.
        byte[] otherKey = "another-signing-key-of-at-least-32-characters".getBytes(StandardCharsets.UTF_8);
        tokens.add(FuzzInputs.token(trackA.id, firstA.stepIndex, firstA.personId, valid, otherKey));
        tokens.add(SignedTokens.signed(trackA.id + "|0|" + firstA.personId + "|" + valid.getEpochSecond(), new byte[32]));

        // A mutation may spell the valid token again (the signature's last character carries two unused bits).
        tokens.removeIf(token -> token.equals(tokenA) || FuzzInputs.sameToken(token, tokenA));
        // Each POST carries a good CSRF pair, so that what it tests is the token, not the form's protection.
        FormPost form = FormPost.from(raw(), "/ack/" + tokenA);
        for (String token : tokens) {
            for (String method : List.of("GET", "POST")) {
                Response response = method.equals("GET") ? raw().get("/ack/" + segment(token)) : form.post(raw(), "/ack/" + segment(token));
                tally.check(method + " /ack/" + FuzzInputs.describe(token), response.statusCode(), () -> assertRefused(response, token));
            }
        }

        List<String> codes = new ArrayList<>();
        HostileInput.strings().stream().filter(text -> text.length() < 1_000).forEach(codes::add);
        for (int i = 0; i < RANDOM_TOKENS; i++) {
            codes.add(FuzzInputs.randomShortCode(random));
        }
        for (int i = 0; i < 30; i++) {
            codes.add(mutator.mutate(codeA));
        }
        for (int i = 0; i < codeA.length(); i++) {
            char other = FuzzInputs.SHORT_CODE_ALPHABET.charAt((FuzzInputs.SHORT_CODE_ALPHABET.indexOf(codeA.charAt(i)) + 1 + i)
                    % FuzzInputs.SHORT_CODE_ALPHABET.length());
            codes.add(codeA.substring(0, i) + other + codeA.substring(i + 1));
            codes.add(codeA.substring(0, i));
        }
        codes.addAll(List.of(codeA.toUpperCase(), codeA + "2", " " + codeA, codeA + "%00", codeA + "/", tokenA, "%2e%2e%2fack"));
        codes.removeIf(codeA::equals);
        for (String code : codes) {
            Response response = raw().get("/a/" + segment(code));
            tally.check("GET /a/" + FuzzInputs.describe(code), response.statusCode(), () -> assertRefused(response, code));
        }
        Response shortLink = raw().get("/a/" + codeA);
        tally.check("GET the valid short link", shortLink.statusCode(), () -> {
            assertThat(shortLink.statusCode()).isEqualTo(303);
            assertThat(shortLink.header("Location")).endsWith("/ack/" + tokenA);
        });
        Response postShortLink = raw().post("/a/" + codeA);
        tally.check("POST the valid short link", postShortLink.statusCode(), () -> assertThat(postShortLink.statusCode()).isEqualTo(405));
        for (int i = 0; i < 3; i++) {
            Response look = raw().get("/ack/" + tokenA);
            tally.check("GET the valid link", look.statusCode(), () -> {
                assertThat(look.statusCode()).isEqualTo(200);
                assertThat(look.asString()).contains("I've got this");
            });
        }

        for (String reference : List.of(a, b, c)) {
            tally.verify("case " + reference + " after " + tally.inputs() + " refused or read-only inputs", () -> {
                assertThat(acknowledgements(reference)).as("ACKNOWLEDGED entries").isZero();
                assertThat(acknowledgedNotifications(reference)).as("\"someone has it\" notifications").isZero();
                assertThat(state(reference)).isEqualTo(CaseState.NOTIFIED);
                assertThat(FuzzInputs.tracks(reference)).allSatisfy(track -> assertThat(track.acknowledgedBy).isNull());
            });
        }

        replay(tally);

        // A week later the link and its short code have expired.
        clock.advance(config.acknowledgement().linkValidity().plusMinutes(1));
        for (String expired : List.of("/ack/" + tokenA, "/a/" + codeA)) {
            for (String method : expired.startsWith("/ack/") ? List.of("GET", "POST") : List.of("GET")) {
                Response response = method.equals("GET") ? raw().get(expired) : form.post(raw(), expired);
                tally.check(method + " " + expired + " after it expired", response.statusCode(), () -> assertRefused(response, "expired"));
            }
        }
        tally.verify("case " + a + " after its expired link", () -> assertThat(acknowledgements(a)).isZero());
        tally.finish();
    }

    /**
     * A case escalated to its second step; the deputy's link is opened (GET), then pressed again and again
     * and several times at once: one ACKNOWLEDGED entry, one "someone has it" notification to the DSL, one
     * ACKNOWLEDGED case status; the DSL's own link then says who has it.
     */
    private void replay(FuzzTally tally) throws Exception {
        String reference = CaseFixtures.fileReport(clock.instant(), "SAFEGUARDING_CONCERN", false);
        requests(reference, 1);
        clock.advance(Duration.ofMinutes(61));
        deadlines.fireDue();
        List<JsonNode> sent = requests(reference, 2);
        assertThat(summary(sent)).containsExactly("new-case dsl", "escalation deputy-dsl");
        String deputys = FuzzInputs.linkPath(sent.get(1));

        for (int i = 0; i < 3; i++) {
            Response look = raw().get(deputys);
            tally.check("GET the deputy's link", look.statusCode(), () -> assertThat(look.asString()).contains("I've got this"));
        }
        tally.verify("opening a link", () -> assertThat(acknowledgements(reference)).isZero());
        // The button's form, as the page carried it: pressed again after the page no longer shows it.
        FormPost button = FormPost.from(raw(), deputys);

        for (int i = 0; i < REPLAYS; i++) {
            Response press = button.post(raw(), deputys);
            tally.check("POST the deputy's link, time " + (i + 1), press.statusCode(), () -> {
                assertThat(press.statusCode()).isEqualTo(200);
                assertThat(press.asString()).containsAnyOf("Thank you: this case is yours", "You have this case");
            });
        }
        ExecutorService pool = Executors.newFixedThreadPool(AT_ONCE);
        try {
            List<Future<Response>> atOnce = new ArrayList<>();
            for (int i = 0; i < AT_ONCE; i++) {
                atOnce.add(pool.submit(() -> button.post(raw(), deputys)));
            }
            for (Future<Response> future : atOnce) {
                Response press = future.get();
                tally.check("POST the deputy's link at the same time as others", press.statusCode(),
                        () -> assertThat(press.statusCode()).isEqualTo(200));
            }
        } finally {
            pool.shutdown();
        }
        Response dsl = button.post(raw(), FuzzInputs.linkPath(sent.get(0)));
        tally.check("POST the DSL's link after the deputy's", dsl.statusCode(), () ->
                assertThat(dsl.asString()).contains("Someone already has this case"));

        tally.verify("a link pressed " + (REPLAYS + AT_ONCE) + " times", () -> {
            assertThat(acknowledgements(reference)).as("ACKNOWLEDGED entries: %s", FuzzInputs.timeline(reference)).isEqualTo(1);
            assertThat(acknowledgedNotifications(reference)).as("\"someone has it\" notifications").isEqualTo(1);
            assertThat(state(reference)).isEqualTo(CaseState.ACKNOWLEDGED);
            assertThat(KafkaTopics.recordsAfter(Duration.ofSeconds(3), "cases.status.v1", r -> {
                JsonNode status = CaseFixtures.json(r.value());
                return reference.equals(status.path("reference").asText()) && "ACKNOWLEDGED".equals(status.path("state").asText());
            })).as("ACKNOWLEDGED case status events").hasSize(1);
        });
    }
}
