package org.safereport.notification.support;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

/**
 * A real HTTP peer for the SMS provider: WireMock in the test JVM on a free port, speaking the
 * Twilio-compatible Messages API. By default it accepts every message (201 with a sid); tests add
 * stubs of higher priority for particular numbers and read what it received.
 */
public class SmsProviderTestResource implements QuarkusTestResourceLifecycleManager {

    public static final String ACCOUNT_SID = "AC0000000000000000000000000000test";
    public static final String AUTH_TOKEN = "test-token";
    public static final String FROM = "+447700900000";
    public static final String MESSAGES_PATH = "/2010-04-01/Accounts/" + ACCOUNT_SID + "/Messages.json";

    private static WireMockServer server;

    public static synchronized WireMockServer wireMock() {
        if (server == null) {
            throw new IllegalStateException("SmsProviderTestResource has not been started for this test");
        }
        return server;
    }

    @Override
    public synchronized Map<String, String> start() {
        server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        server.start();
        acceptEverything(server);
        return Map.of("notification.sms.base-url", "http://127.0.0.1:" + server.port(),
                "notification.sms.account-sid", ACCOUNT_SID,
                "notification.sms.auth-token", AUTH_TOKEN,
                "notification.sms.from", FROM);
    }

    /** The default answer, at the lowest priority: message queued. */
    public static void acceptEverything(WireMockServer server) {
        server.stubFor(post(urlEqualTo(MESSAGES_PATH)).atPriority(10).willReturn(queued()));
    }

    /** The provider's answer to a text it takes: 201, with a new message sid. */
    public static ResponseDefinitionBuilder queued() {
        return aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                .withBody("{\"sid\": \"SM{{randomValue length=32 type='HEXADECIMAL'}}\", \"status\": \"queued\"}")
                .withTransformers("response-template");
    }

    @Override
    public synchronized void stop() {
        if (server != null) {
            server.stop();
            server = null;
        }
    }
}
