package org.safereport.deploy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What each service reads in production matches what its Deployment provides: every setting it needs
 * comes from its configuration or an environment variable of the right name, every variable set is one
 * it reads, and every file its configuration names is in a mounted volume that has that file.
 */
final class ConfigurationChecks {

    /** Settings a Quarkus extension cannot do without in production, unless application.properties sets them. */
    static final Map<String, List<String>> SETTINGS_EACH_EXTENSION_NEEDS = Map.of(
            "quarkus-jdbc-postgresql", List.of("quarkus.datasource.jdbc.url", "quarkus.datasource.username",
                    "quarkus.datasource.password"),
            "quarkus-messaging-kafka", List.of("kafka.bootstrap.servers"),
            "quarkus-mailer", List.of("quarkus.mailer.host", "quarkus.mailer.port", "quarkus.mailer.username",
                    "quarkus.mailer.password", "quarkus.mailer.start-tls", "quarkus.mailer.from"));

    /** Settings whose default is only for development: on Kubernetes the Deployment must set them. */
    static final Map<String, List<String>> SETTINGS_KUBERNETES_MUST_SET = Map.of(
            // The default is the sample policy and directory bundled in the image (fictional people).
            "escalation-service", List.of("escalation.policy.file", "escalation.directory.file"));

    /**
     * Variables provided now for features that are not on this branch yet, which the services here do
     * not read (variable to feature). Remove an entry once the feature is merged: the checks then hold the
     * variable to the service's own configuration.
     */
    static final Map<String, String> VARIABLES_FOR_FEATURES_NOT_YET_SHIPPED = Map.of(
            // intake.public-base-url (required), from the web form's work on branch "intake".
            "INTAKE_PUBLIC_BASE_URL", "the status link in receipt emails");

    /**
     * Files the service reloads while running: mounted from a ConfigMap directory, never with subPath,
     * because the kubelet never updates a subPath mount.
     */
    static final Map<String, List<String>> FILES_RELOADED_AT_RUN_TIME = Map.of(
            "escalation-service", List.of("ESCALATION_POLICY_FILE", "ESCALATION_DIRECTORY_FILE", "ESCALATION_POLICY_TEXT_FILE"));

    /** Read by the container image's start script (run-java.sh), not by the service. */
    static final Set<String> VARIABLES_READ_BY_THE_IMAGE = Set.of("JAVA_MAX_MEM_RATIO", "JAVA_INITIAL_MEM_RATIO",
            "JAVA_OPTS_APPEND", "JAVA_APP_JAR");

    private static final Pattern FILE_PARAMETER = Pattern.compile("[?&](sslrootcert|sslcert|sslkey)=([^&]+)");
    /**
     * Settings whose value starts with "/" but is a request path, not a file: an HTTP permission's paths, the
     * request paths an HTTP filter matches (a regular expression), and OIDC's (a tenant's paths, the sign-out
     * path and the page after it).
     */
    private static final Pattern REQUEST_PATH_SETTING = Pattern.compile("quarkus\\.(http\\..*\\.(paths?|matches)|oidc\\..*path(s)?)");

    private ConfigurationChecks() {
    }

    static List<String> problems(Rendering rendering, SourceTree sources, SecretCatalog secrets) {
        List<String> problems = new ArrayList<>();
        for (ServiceSources service : sources.services()) {
            Optional<Deployment> deployment = rendering.named(Deployment.class, service.name());
            if (deployment.isEmpty()) {
                continue; // WorkloadChecks reports it.
            }
            PodSpec pod = deployment.get().getSpec().getTemplate().getSpec();
            Container container = pod.getContainers().get(0);
            Map<String, ContainerEnvironment.Variable> environment = ContainerEnvironment.of(container, rendering);
            requiredSettings(service, environment, problems);
            variablesAreRead(service, environment, problems);
            for (Map.Entry<String, String> file : filesRead(service, environment).entrySet()) {
                fileIsMounted(service.name(), file.getKey(), file.getValue(), pod, container, rendering, secrets, problems);
            }
            for (String setting : FILES_RELOADED_AT_RUN_TIME.getOrDefault(service.name(), List.of())) {
                Optional.ofNullable(environment.get(setting)).flatMap(ContainerEnvironment.Variable::knownValue).ifPresent(path ->
                        container.getVolumeMounts().stream()
                                .filter(mount -> mount.getSubPath() != null && !mount.getSubPath().isEmpty())
                                .filter(mount -> path.equals(mount.getMountPath()) || path.startsWith(mount.getMountPath() + "/"))
                                .forEach(mount -> problems.add(service.name() + " reloads " + path + " (" + setting + ") while"
                                        + " running, but volume " + mount.getName() + " is mounted with subPath " + mount.getSubPath()
                                        + ", which the kubelet never updates; mount the ConfigMap as a directory")));
            }
        }
        return problems;
    }

    private static void requiredSettings(ServiceSources service, Map<String, ContainerEnvironment.Variable> environment,
                                         List<String> problems) {
        for (Map.Entry<String, List<String>> extension : SETTINGS_EACH_EXTENSION_NEEDS.entrySet()) {
            if (service.usesExtension(extension.getKey())) {
                for (String property : extension.getValue()) {
                    boolean inConfiguration = service.value(property).filter(value -> !value.contains("${")).isPresent();
                    if (!inConfiguration) {
                        provided(service, property, environment, problems);
                    }
                }
            }
        }
        for (String property : SETTINGS_KUBERNETES_MUST_SET.getOrDefault(service.name(), List.of())) {
            provided(service, property, environment, problems);
        }
        // What the service's @ConfigMapping requires (no default, not Optional): Quarkus refuses to start without it.
        for (ConfigMappings.Property property : service.mappedProperties()) {
            if (property.required() && service.value(property.name()).filter(value -> !value.contains("${")).isEmpty()) {
                provided(service, property.name(), environment, problems);
            }
        }
        for (String variable : service.variablesWithoutDefault()) {
            ContainerEnvironment.Variable provided = environment.get(variable);
            if (provided == null || provided.optional()) {
                problems.add(service.name() + "'s production configuration reads ${" + variable + "}, which its container"
                        + (provided == null ? " does not set" : " sets only optionally"));
            }
        }
    }

    private static void provided(ServiceSources service, String property, Map<String, ContainerEnvironment.Variable> environment,
                                 List<String> problems) {
        String variable = ServiceSources.environmentName(property);
        ContainerEnvironment.Variable provided = environment.get(variable);
        if (provided == null) {
            problems.add(service.name() + " needs " + property + " in production, which its container does not set (" + variable + ")");
        } else if (provided.optional()) {
            problems.add(service.name() + " needs " + property + " in production, but " + variable + " is optional");
        }
    }

    private static void variablesAreRead(ServiceSources service, Map<String, ContainerEnvironment.Variable> environment,
                                         List<String> problems) {
        Set<String> extensionSettings = new TreeSet<>();
        SETTINGS_EACH_EXTENSION_NEEDS.forEach((extension, properties) -> {
            if (service.usesExtension(extension)) {
                properties.forEach(property -> extensionSettings.add(ServiceSources.environmentName(property)));
            }
        });
        for (String variable : environment.keySet()) {
            if (!service.reads(variable) && !extensionSettings.contains(variable)
                    && !VARIABLES_FOR_FEATURES_NOT_YET_SHIPPED.containsKey(variable)
                    && !VARIABLES_READ_BY_THE_IMAGE.contains(variable)) {
                problems.add(service.name() + "'s container sets " + variable + ", which the service does not read"
                        + " (misspelt, or a setting it no longer has?)");
            }
        }
    }

    /** Each file the service reads in production, keyed by the setting that names it. */
    private static Map<String, String> filesRead(ServiceSources service, Map<String, ContainerEnvironment.Variable> environment) {
        Map<String, String> values = new LinkedHashMap<>();
        service.productionConfig().forEach((property, value) -> values.put(property, value));
        // The environment overrides the configuration.
        environment.forEach((name, variable) -> variable.knownValue().ifPresent(value -> {
            values.keySet().removeIf(property -> ServiceSources.environmentName(property).equals(name));
            values.put(name, value);
        }));
        Map<String, String> files = new LinkedHashMap<>();
        values.forEach((setting, value) -> {
            if (value.startsWith("/") && !REQUEST_PATH_SETTING.matcher(setting).matches()) {
                files.put(setting, value);
            }
            Matcher parameter = FILE_PARAMETER.matcher(value);
            while (parameter.find()) {
                files.put(setting + " " + parameter.group(1), parameter.group(2));
            }
        });
        return files;
    }

    private static void fileIsMounted(String service, String setting, String path, PodSpec pod, Container container,
                                      Rendering rendering, SecretCatalog secrets, List<String> problems) {
        String reads = service + " reads " + path + " (" + setting + ")";
        Optional<VolumeMount> mount = container.getVolumeMounts().stream()
                .filter(candidate -> path.startsWith(candidate.getMountPath().replaceAll("/$", "") + "/")
                        || (candidate.getSubPath() != null && path.equals(candidate.getMountPath())))
                .max(Comparator.comparing(candidate -> candidate.getMountPath().length()));
        if (mount.isEmpty()) {
            problems.add(reads + " but no volume is mounted there");
            return;
        }
        String file = mount.get().getSubPath() != null ? mount.get().getSubPath()
                : path.substring(mount.get().getMountPath().replaceAll("/$", "").length() + 1);
        Volume volume = pod.getVolumes().stream().filter(candidate -> candidate.getName().equals(mount.get().getName()))
                .findFirst().orElse(null);
        if (volume == null) {
            problems.add(reads + " but the pod has no volume " + mount.get().getName());
            return;
        }
        Set<String> provided = new TreeSet<>();
        String source;
        if (volume.getSecret() != null) {
            source = "Secret " + volume.getSecret().getSecretName();
            provided.addAll(filesOf(volume.getSecret().getItems(),
                    secrets.find(volume.getSecret().getSecretName()).map(SecretCatalog.KnownSecret::keys).orElse(Set.of())));
        } else if (volume.getConfigMap() != null) {
            source = "ConfigMap " + volume.getConfigMap().getName();
            provided.addAll(filesOf(volume.getConfigMap().getItems(),
                    rendering.named(ConfigMap.class, volume.getConfigMap().getName())
                            .map(configMap -> configMap.getData().keySet()).orElse(Set.of())));
        } else {
            problems.add(reads + " but volume " + volume.getName() + " at " + mount.get().getMountPath()
                    + " is not a Secret or ConfigMap that provides it");
            return;
        }
        if (!provided.contains(file)) {
            problems.add(reads + " but volume " + volume.getName() + " (" + source + ") mounted at "
                    + mount.get().getMountPath() + " provides only " + provided);
        }
    }

    private static Set<String> filesOf(List<KeyToPath> items, Set<String> keys) {
        if (items == null || items.isEmpty()) {
            return keys;
        }
        Set<String> paths = new TreeSet<>();
        items.forEach(item -> paths.add(item.getPath()));
        return paths;
    }
}
