package org.safereport.bench;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where a profiled service's CPU went, by component: each execution sample of a recording counts for the
 * component of the innermost frame that is not the JDK's own (a {@code HashMap.get} called by Hibernate is
 * Hibernate's), so the shares say which library or layer to look at first. The method-level detail is in the
 * recording itself ({@code jfr view hot-methods}).
 */
final class ProfileSummary {

    /** Package prefixes (as JFR writes them) and the component each is counted in; the first that matches wins. */
    private static final Map<String, String> COMPONENTS = components();

    private ProfileSummary() {
    }

    private static Map<String, String> components() {
        Map<String, String> components = new LinkedHashMap<>();
        components.put("org.hibernate", "Hibernate ORM");
        components.put("org.postgresql", "PostgreSQL JDBC driver");
        components.put("io.agroal", "connection pool");
        components.put("com.arjuna", "transactions (Narayana)");
        components.put("io.quarkus.narayana", "transactions (Narayana)");
        components.put("org.apache.kafka", "Kafka client");
        components.put("io.smallrye.reactive.messaging", "SmallRye Reactive Messaging");
        components.put("com.fasterxml.jackson", "Jackson (JSON)");
        components.put("io.vertx.ext.mail", "mailer (SMTP)");
        components.put("io.quarkus.mailer", "mailer (SMTP)");
        components.put("io.quarkus.qute", "Qute templates");
        components.put("io.vertx", "Vert.x and Netty (HTTP, event loop)");
        components.put("io.netty", "Vert.x and Netty (HTTP, event loop)");
        components.put("org.jboss.resteasy", "Quarkus REST");
        components.put("io.quarkus.resteasy", "Quarkus REST");
        components.put("org.jboss.log", "logging");
        components.put("io.quarkus.bootstrap.logging", "logging");
        components.put("io.opentelemetry", "OpenTelemetry");
        components.put("io.quarkus.opentelemetry", "OpenTelemetry");
        components.put("io.micrometer", "Micrometer");
        components.put("com.google.crypto.tink", "encryption (Tink, JCA)");
        components.put("javax.crypto", "encryption (Tink, JCA)");
        components.put("com.sun.crypto", "encryption (Tink, JCA)");
        components.put("sun.security", "encryption (Tink, JCA)");
        components.put("io.quarkus.arc", "CDI (ArC)");
        components.put("io.smallrye.context", "context propagation");
        components.put("org.safereport", "SafeReport's own code");
        return components;
    }

    /** The share of execution samples per component, largest first, with the number of samples. */
    static Map<String, Double> shares(Path recording) throws IOException {
        Map<String, Integer> counts = new TreeMap<>();
        int samples = 0;
        for (RecordedEvent event : RecordingFile.readAllEvents(recording)) {
            if (!event.getEventType().getName().equals("jdk.ExecutionSample") || event.getStackTrace() == null) {
                continue;
            }
            samples++;
            counts.merge(component(event.getStackTrace().getFrames()), 1, Integer::sum);
        }
        int total = samples;
        Map<String, Double> shares = new LinkedHashMap<>();
        counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .forEach(entry -> shares.put(entry.getKey(), 100.0 * entry.getValue() / total));
        return shares;
    }

    static String component(List<RecordedFrame> innermostFirst) {
        for (RecordedFrame frame : innermostFirst) {
            String type = frame.getMethod().getType().getName();
            for (Map.Entry<String, String> component : COMPONENTS.entrySet()) {
                if (type.startsWith(component.getKey())) {
                    return component.getValue();
                }
            }
        }
        return "the JDK only";
    }

    /** One block per recording: its file name, then each component's share. */
    static String describe(List<Path> recordings) throws IOException {
        StringBuilder out = new StringBuilder("Share of each service's CPU samples, by component (innermost non-JDK frame):\n");
        for (Path recording : recordings) {
            out.append('\n').append(recording.getFileName()).append('\n');
            shares(recording).forEach((component, share) ->
                    out.append(String.format(Locale.ROOT, "  %5.1f %%  %s%n", share, component)));
        }
        return out.toString();
    }

    public static void main(String[] args) throws IOException {
        System.out.print(describe(java.util.Arrays.stream(args).map(Path::of).toList()));
    }
}
