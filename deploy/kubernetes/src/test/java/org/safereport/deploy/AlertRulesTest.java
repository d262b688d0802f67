package org.safereport.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The alert rules ops install (components/monitoring) are valid Prometheus rules, each fires on the series
 * it is meant for and not on a near miss (promtool's unit tests), reads metrics the services really export,
 * and has its entry in the runbook.
 */
class AlertRulesTest {

    private static final Path MONITORING = Manifests.MODULE.resolve("components/monitoring");
    private static final Path UNIT_TESTS = Manifests.MODULE.resolve("src/test/resources/alerts/alert-rules.test.yaml");
    /** A metric name in a PromQL expression: the services' own, not the Kafka client's or Prometheus' built-ins. */
    private static final Pattern SERVICE_METRIC = Pattern.compile("\\b((?:escalation|notification|intake|consumer)_[a-z_]+)\\b");
    private static final List<String> PROMETHEUS_SUFFIXES = List.of("_bucket", "_count", "_sum", "_total", "_seconds");

    @Test
    void theRulesAreValidAndEachAlertFiresOnlyWhenItShould() throws IOException {
        Path promtool = CommandLine.tool("promtool", "The alert rules in deploy/kubernetes/components/monitoring are"
                + " checked and unit-tested with promtool, from your distribution's prometheus package"
                + " (apt-get install prometheus).");
        Path work = Files.createDirectories(Manifests.MODULE.resolve("target/alerts"));
        Path rules = work.resolve("alert-rules.rules.yaml");
        Files.writeString(rules, new Yaml().dump(prometheusRule().get("spec")));
        Files.copy(UNIT_TESTS, work.resolve(UNIT_TESTS.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);

        assertThat(CommandLine.run(promtool, "check", "rules", rules.toString())).contains("SUCCESS: " + alerts().size() + " rules found");
        assertThat(CommandLine.run(promtool, "test", "rules", work.resolve(UNIT_TESTS.getFileName()).toString())).contains("SUCCESS");
    }

    @Test
    void everyAlertHasUnitTestsAndARunbookEntry() throws IOException {
        String unitTests = Files.readString(UNIT_TESTS);
        String runbook = Files.readString(Manifests.MODULE.resolve("../../README.md"));
        for (String alert : alerts()) {
            assertThat(unitTests).as("a promtool test of " + alert).contains("alertname: " + alert);
            assertThat(runbook).as("what ops do when " + alert + " fires").contains("`" + alert + "`");
        }
    }

    @Test
    void theAlertsAndTheDashboardReadMetricsTheServicesExport() throws IOException {
        String declared;
        try (Stream<Path> sources = Stream.of("intake-service", "escalation-service", "notification-service", "messaging-support")
                .map(module -> Manifests.MODULE.resolve("../../" + module + "/src/main/java"))
                .flatMap(AlertRulesTest::javaFiles)) {
            declared = sources.map(AlertRulesTest::read).collect(Collectors.joining("\n"));
        }
        Set<String> used = new TreeSet<>(metrics(Files.readString(MONITORING.resolve("alert-rules.yaml"))));
        JsonNode dashboard = new ObjectMapper().readTree(MONITORING.resolve("safereport-dashboard.json").toFile());
        dashboard.findValues("expr").forEach(expr -> used.addAll(metrics(expr.asText())));

        assertThat(used).isNotEmpty().allSatisfy(metric ->
                assertThat(declared).as(metric + " is registered by a service").contains("\"" + micrometerName(metric) + "\""));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> prometheusRule() throws IOException {
        return (Map<String, Object>) new Yaml().load(Files.readString(MONITORING.resolve("alert-rules.yaml")));
    }

    @SuppressWarnings("unchecked")
    private static List<String> alerts() throws IOException {
        Map<String, Object> spec = (Map<String, Object>) prometheusRule().get("spec");
        return ((List<Map<String, Object>>) spec.get("groups")).stream()
                .flatMap(group -> ((List<Map<String, Object>>) group.get("rules")).stream())
                .map(rule -> (String) rule.get("alert")).toList();
    }

    private static Set<String> metrics(String text) {
        Set<String> names = new TreeSet<>();
        Matcher matcher = SERVICE_METRIC.matcher(text);
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }

    /** escalation_acknowledgement_time_seconds_bucket as the code registers it: escalation.acknowledgement.time. */
    private static String micrometerName(String prometheusName) {
        String name = prometheusName;
        for (boolean stripped = true; stripped; ) {
            stripped = false;
            for (String suffix : PROMETHEUS_SUFFIXES) {
                if (name.endsWith(suffix)) {
                    name = name.substring(0, name.length() - suffix.length());
                    stripped = true;
                }
            }
        }
        return name.replace('_', '.');
    }

    private static Stream<Path> javaFiles(Path root) {
        try {
            return Files.walk(root).filter(path -> path.toString().endsWith(".java")).toList().stream();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
