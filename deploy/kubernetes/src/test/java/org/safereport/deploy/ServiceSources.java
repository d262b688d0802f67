package org.safereport.deploy;

import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What one service reads in production, from its source tree: its configuration as the {@code prod}
 * profile sees it (the shared messaging-support defaults, then application.properties, {@code %prod.}
 * overriding), its Kafka channels, the Quarkus extensions it uses and the configuration names its code
 * reads.
 */
final class ServiceSources {

    /**
     * The shared outbox channel (OutboxRelay.CHANNEL in messaging-support): its topic is set on each
     * message, so the topics published through it are the TOPIC constants of the event records the
     * service uses (from event-contracts) and does not consume.
     */
    static final String PER_MESSAGE_TOPIC_CHANNEL = "outbox";

    private static final Pattern CHANNEL_KEY = Pattern.compile("mp\\.messaging\\.(incoming|outgoing)\\.([^.]+)\\.(.+)");
    private static final Pattern EXPRESSION = Pattern.compile("\\$\\{([^}:]+)(:[^}]*)?}");
    private static final Pattern TOPIC_CONSTANT = Pattern.compile("static final String TOPIC\\s*=\\s*\"([^\"]+)\"");
    /** An event record of the shared contracts module, imported by a service's source. */
    private static final Pattern EVENT_IMPORT = Pattern.compile("import (org\\.safereport\\.events(?:\\.\\w+)*\\.\\w+);");
    private static final Pattern CONFIG_PROPERTY = Pattern.compile("@ConfigProperty\\(\\s*name\\s*=\\s*\"([^\"]+)\"");
    private static final Pattern RESOURCE_PATH = Pattern.compile("@Path\\(\\s*\"([^\"]+)\"\\s*\\)(?=[^;{]*\\bclass\\b)");
    private static final Pattern CONFIG_MAPPING = Pattern.compile("@ConfigMapping\\(\\s*prefix\\s*=\\s*\"([^\"]+)\"");

    private final String name;
    private final Map<String, String> productionConfig;
    private final Set<String> propertyNamesInFiles;
    private final Set<String> extensions;
    private final Set<String> topicConstants;
    private final Set<String> propertiesReadByCode;
    private final Set<String> configMappingPrefixes;
    private final List<ConfigMappings.Property> mappedProperties;
    private final Set<String> staticResources;
    private Set<String> resourcePaths = Set.of();

    private ServiceSources(String name, Map<String, String> productionConfig, Set<String> propertyNamesInFiles,
                           Set<String> extensions, Set<String> topicConstants, Set<String> propertiesReadByCode,
                           Set<String> configMappingPrefixes, List<ConfigMappings.Property> mappedProperties,
                           Set<String> staticResources) {
        this.name = name;
        this.productionConfig = productionConfig;
        this.propertyNamesInFiles = propertyNamesInFiles;
        this.extensions = extensions;
        this.topicConstants = topicConstants;
        this.propertiesReadByCode = propertiesReadByCode;
        this.configMappingPrefixes = configMappingPrefixes;
        this.mappedProperties = mappedProperties;
        this.staticResources = staticResources;
    }

    /** Reads the service module {@code module}, with {@code sharedModules} it depends on (messaging-support, envelope-encryption). */
    static ServiceSources read(Path module, List<Path> sharedModules) {
        Set<String> extensions = dependencies(module.resolve("pom.xml"));
        List<Path> modules = Stream.concat(
                sharedModules.stream().filter(shared -> extensions.contains(shared.getFileName().toString())),
                Stream.of(module)).toList();
        Map<String, String> config = new LinkedHashMap<>();
        Set<String> names = new TreeSet<>();
        for (Path source : modules) {
            for (Path file : List.of(source.resolve("src/main/resources/META-INF/microprofile-config.properties"),
                    source.resolve("src/main/resources/application.properties"))) {
                if (Files.exists(file)) {
                    mergeProduction(load(file), config, names);
                }
            }
        }
        Set<String> topics = new TreeSet<>();
        Set<String> readByCode = new TreeSet<>();
        Set<String> prefixes = new TreeSet<>();
        List<ConfigMappings.Property> mapped = new java.util.ArrayList<>();
        for (Path source : modules) {
            for (String java : javaSources(source)) {
                collect(TOPIC_CONSTANT, java, topics);
                collect(CONFIG_PROPERTY, java, readByCode);
                List<ConfigMappings.Property> properties = ConfigMappings.properties(java);
                if (properties.isEmpty()) {
                    // A mapping this reader cannot follow: accept any variable under its prefix.
                    collect(CONFIG_MAPPING, java, prefixes);
                }
                mapped.addAll(properties);
            }
        }
        Set<String> paths = new TreeSet<>();
        Set<String> events = new TreeSet<>();
        for (String java : javaSources(module)) {
            collect(RESOURCE_PATH, java, paths);
            collect(EVENT_IMPORT, java, events);
        }
        Path contracts = module.resolveSibling("event-contracts").resolve("src/main/java");
        for (String event : events) {
            Path record = contracts.resolve(event.replace('.', '/') + ".java");
            if (Files.exists(record)) {
                collect(TOPIC_CONSTANT, read(record), topics);
            }
        }
        ServiceSources service = new ServiceSources(module.getFileName().toString(), config, names, extensions, topics,
                readByCode, prefixes, List.copyOf(mapped), staticResources(module));
        service.resourcePaths = Set.copyOf(paths);
        return service;
    }

    String name() {
        return name;
    }

    /** The value the prod profile sees, before environment variables (which override any of these). */
    Optional<String> value(String property) {
        return Optional.ofNullable(productionConfig.get(property));
    }

    Map<String, String> productionConfig() {
        return productionConfig;
    }

    boolean usesExtension(String artifactId) {
        return extensions.contains(artifactId);
    }

    /** The properties of the service's @ConfigMapping interfaces. */
    List<ConfigMappings.Property> mappedProperties() {
        return mappedProperties;
    }

    /**
     * The top-level names under src/main/resources/META-INF/resources, which Quarkus serves as static
     * files at the root ("/css/...", "/favicon.ico").
     */
    Set<String> staticResources() {
        return staticResources;
    }

    /** The @Path of each JAX-RS resource class of the service itself ("/ack/{token}", "/api/v1/policy"). */
    Set<String> resourcePaths() {
        return resourcePaths;
    }

    /** Values Quarkus itself provides to expressions (${quarkus.uuid}: a new UUID at each start). */
    static final Set<String> PROVIDED_BY_QUARKUS = Set.of("quarkus.uuid");

    /**
     * Environment variables that prod-profile values refer to as ${NAME} with no default. An expression
     * naming a property (${quarkus.uuid}, ${intake.x}) that the configuration or Quarkus provides is not one.
     */
    Set<String> variablesWithoutDefault() {
        Set<String> variables = new TreeSet<>();
        for (String value : productionConfig.values()) {
            Matcher matcher = EXPRESSION.matcher(value);
            while (matcher.find()) {
                String name = matcher.group(1);
                if (matcher.group(2) == null && !PROVIDED_BY_QUARKUS.contains(name) && !productionConfig.containsKey(name)) {
                    // ${quarkus.oidc.client-id} is met by QUARKUS_OIDC_CLIENT_ID, as Quarkus reads it.
                    variables.add(environmentName(name));
                }
            }
        }
        return variables;
    }

    /**
     * Whether the service reads the environment variable {@code variable}: it is the environment form of
     * a property its files or its code name, of a ${...} expression, or lies under a @ConfigMapping prefix.
     */
    boolean reads(String variable) {
        return Stream.of(propertyNamesInFiles, propertiesReadByCode,
                        mappedProperties.stream().map(ConfigMappings.Property::name).toList()).flatMap(java.util.Collection::stream)
                .anyMatch(property -> environmentName(property).equals(variable))
                || variablesWithoutDefault().contains(variable)
                || productionConfig.values().stream().anyMatch(value -> value.contains("${" + variable))
                || configMappingPrefixes.stream().anyMatch(prefix -> variable.startsWith(environmentName(prefix) + "_"));
    }

    /** A Kafka topic the service uses, and how. */
    record TopicUse(String topic, Access access, String declaredBy) {
    }

    enum Access { READ, WRITE }

    Set<TopicUse> topicUses() {
        Set<TopicUse> uses = new LinkedHashSet<>();
        Set<String> consumed = new TreeSet<>();
        for (String channel : channels("incoming")) {
            String topic = channelAttribute("incoming", channel, "topic").orElse(channel);
            consumed.add(topic);
            uses.add(new TopicUse(topic, Access.READ, "mp.messaging.incoming." + channel + ".topic"));
            if (channelAttribute("incoming", channel, "failure-strategy").filter("dead-letter-queue"::equals).isPresent()) {
                String deadLetters = channelAttribute("incoming", channel, "dead-letter-queue.topic")
                        .orElse("dead-letter-topic-" + topic);
                uses.add(new TopicUse(deadLetters, Access.WRITE, "mp.messaging.incoming." + channel + ".dead-letter-queue.topic"));
            }
        }
        for (String channel : channels("outgoing")) {
            if (channel.equals(PER_MESSAGE_TOPIC_CHANNEL)) {
                // A TOPIC constant that is not a topic the service consumes names an event it publishes.
                topicConstants.stream().filter(topic -> !consumed.contains(topic))
                        .forEach(topic -> uses.add(new TopicUse(topic, Access.WRITE, "an event's TOPIC constant, sent through channel " + channel)));
            } else {
                String topic = channelAttribute("outgoing", channel, "topic").orElse(channel);
                uses.add(new TopicUse(topic, Access.WRITE, "mp.messaging.outgoing." + channel + ".topic"));
            }
        }
        return uses;
    }

    /** The consumer groups of the incoming channels (Quarkus defaults group.id to the application name). */
    Set<String> consumerGroups() {
        Set<String> groups = new TreeSet<>();
        for (String channel : channels("incoming")) {
            groups.add(channelAttribute("incoming", channel, "group.id")
                    .or(() -> value("kafka.group.id"))
                    .or(() -> value("quarkus.application.name"))
                    .orElse(name));
        }
        return groups;
    }

    Optional<Duration> shutdownTimeout() {
        return value("quarkus.shutdown.timeout").map(ServiceSources::duration);
    }

    /** Quarkus' environment variable form of a property: ESCALATION_POLICY_FILE for escalation.policy.file. */
    static String environmentName(String property) {
        return property.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }

    /** Quarkus durations: "15s", "2m", "500ms" or ISO-8601 ("PT15S"). */
    static Duration duration(String value) {
        String text = value.trim();
        if (text.matches("\\d+")) {
            return Duration.ofSeconds(Long.parseLong(text));
        }
        if (text.matches("\\d+ms")) {
            return Duration.ofMillis(Long.parseLong(text.substring(0, text.length() - 2)));
        }
        if (text.matches("\\d+[smhd]")) {
            return Duration.parse((text.endsWith("d") ? "P" : "PT") + text.toUpperCase(Locale.ROOT));
        }
        return Duration.parse(text);
    }

    private Set<String> channels(String direction) {
        Set<String> channels = new TreeSet<>();
        for (String key : productionConfig.keySet()) {
            Matcher matcher = CHANNEL_KEY.matcher(key);
            if (matcher.matches() && matcher.group(1).equals(direction)) {
                channels.add(matcher.group(2));
            }
        }
        return channels;
    }

    private Optional<String> channelAttribute(String direction, String channel, String attribute) {
        return value("mp.messaging." + direction + "." + channel + "." + attribute);
    }

    private static void mergeProduction(Properties file, Map<String, String> config, Set<String> names) {
        Map<String, String> overrides = new LinkedHashMap<>();
        for (String key : file.stringPropertyNames()) {
            if (key.startsWith("%")) {
                int dot = key.indexOf('.');
                names.add(key.substring(dot + 1));
                if (key.startsWith("%prod.")) {
                    overrides.put(key.substring("%prod.".length()), file.getProperty(key));
                }
            } else {
                names.add(key);
                config.put(key, file.getProperty(key));
            }
        }
        config.putAll(overrides);
    }

    private static Properties load(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }

    private static Set<String> staticResources(Path module) {
        Path resources = module.resolve("src/main/resources/META-INF/resources");
        if (!Files.isDirectory(resources)) {
            return Set.of();
        }
        try (Stream<Path> entries = Files.list(resources)) {
            return entries.map(entry -> entry.getFileName().toString()).collect(java.util.stream.Collectors.toCollection(TreeSet::new));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> javaSources(Path module) {
        Path sources = module.resolve("src/main/java");
        if (!Files.isDirectory(sources)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(sources)) {
            return files.filter(file -> file.toString().endsWith(".java")).map(ServiceSources::read).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void collect(Pattern pattern, String text, Set<String> into) {
        Matcher matcher = pattern.matcher(text);
        while (matcher.find()) {
            into.add(matcher.group(1));
        }
    }

    /** The artifactIds of the module's dependencies outside the test scope. */
    private static Set<String> dependencies(Path pom) {
        try {
            var document = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(pom.toFile());
            NodeList dependencies = document.getElementsByTagName("dependency");
            Set<String> artifactIds = new TreeSet<>();
            for (int i = 0; i < dependencies.getLength(); i++) {
                Element dependency = (Element) dependencies.item(i);
                if (dependency.getParentNode().getParentNode().getNodeName().equals("project")
                        && !"test".equals(childText(dependency, "scope"))) {
                    artifactIds.add(childText(dependency, "artifactId"));
                }
            }
            return artifactIds;
        } catch (Exception e) {
            throw new IllegalStateException("cannot read " + pom, e);
        }
    }

    private static String childText(Element element, String child) {
        NodeList nodes = element.getElementsByTagName(child);
        return nodes.getLength() == 0 ? null : nodes.item(0).getTextContent().trim();
    }
}
