package org.safereport.deploy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import io.strimzi.api.kafka.model.user.KafkaUser;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One rendering of the manifests (base or an overlay), parsed: core objects into fabric8's Kubernetes
 * model, Strimzi's resources into Strimzi's API model, CloudNativePG's resources kept as YAML and checked
 * against the CRD schema excerpt. Parsing is strict: a field that the model does not know (a typo, or a
 * field in the wrong place) is a problem, as it is for {@code kubectl apply}'s strict field validation.
 */
final class Rendering {

    /** The typed model for each apiVersion and kind the manifests may contain. */
    private static final Map<String, Class<? extends HasMetadata>> MODELS = Map.ofEntries(
            Map.entry("v1/ConfigMap", ConfigMap.class),
            Map.entry("v1/Secret", Secret.class),
            Map.entry("v1/Service", Service.class),
            Map.entry("v1/ServiceAccount", ServiceAccount.class),
            Map.entry("apps/v1/Deployment", Deployment.class),
            Map.entry("policy/v1/PodDisruptionBudget", PodDisruptionBudget.class),
            Map.entry("networking.k8s.io/v1/NetworkPolicy", NetworkPolicy.class),
            Map.entry("networking.k8s.io/v1/Ingress", Ingress.class),
            Map.entry("autoscaling/v2/HorizontalPodAutoscaler", HorizontalPodAutoscaler.class),
            Map.entry("kafka.strimzi.io/v1beta2/Kafka", Kafka.class),
            Map.entry("kafka.strimzi.io/v1beta2/KafkaNodePool", KafkaNodePool.class),
            Map.entry("kafka.strimzi.io/v1beta2/KafkaTopic", KafkaTopic.class),
            Map.entry("kafka.strimzi.io/v1beta2/KafkaUser", KafkaUser.class));

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final String name;
    private final List<HasMetadata> typed = new ArrayList<>();
    private final List<Map<String, Object>> schemaChecked = new ArrayList<>();
    private final List<String> parseProblems = new ArrayList<>();

    private Rendering(String name) {
        this.name = name;
    }

    @SuppressWarnings("unchecked")
    static Rendering parse(String name, String yaml, CrdSchema schemas) {
        Rendering rendering = new Rendering(name);
        for (Object document : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(yaml)) {
            if (document != null) {
                rendering.add((Map<String, Object>) document, schemas);
            }
        }
        return rendering;
    }

    private void add(Map<String, Object> document, CrdSchema schemas) {
        String apiVersion = String.valueOf(document.get("apiVersion"));
        String kind = String.valueOf(document.get("kind"));
        String objectName = String.valueOf(((Map<?, ?>) document.getOrDefault("metadata", Map.of())).get("name"));
        String subject = kind + " " + objectName;
        Class<? extends HasMetadata> model = MODELS.get(apiVersion + "/" + kind);
        if (model != null) {
            HasMetadata resource = MAPPER.convertValue(document, model);
            typed.add(resource);
            unknownFields(resource, "", parseProblems, subject);
        } else if (schemas.covers(apiVersion, kind)) {
            schemaChecked.add(document);
            schemas.problems(document).forEach(problem -> parseProblems.add(subject + ": " + problem));
        } else {
            parseProblems.add(subject + ": " + apiVersion + " " + kind + " has neither a Java model in Rendering"
                    + " nor a schema in crd-schemas; add one so that it is checked");
        }
    }

    String name() {
        return name;
    }

    /** Fields the models did not know, and resources nothing could check. */
    List<String> parseProblems() {
        return parseProblems;
    }

    <T extends HasMetadata> List<T> all(Class<T> type) {
        return typed.stream().filter(type::isInstance).map(type::cast).toList();
    }

    <T extends HasMetadata> Optional<T> named(Class<T> type, String objectName) {
        return all(type).stream().filter(resource -> resource.getMetadata().getName().equals(objectName)).findFirst();
    }

    /** The resources of a kind without a Java model, as parsed YAML (see {@link Yamls}). */
    List<Map<String, Object>> documents(String apiVersion, String kind) {
        return schemaChecked.stream()
                .filter(document -> apiVersion.equals(document.get("apiVersion")) && kind.equals(document.get("kind")))
                .toList();
    }

    /**
     * The fabric8 and Strimzi models keep a field they do not know in "additionalProperties" instead of
     * failing; this walks the model and reports each such field with its path.
     */
    private static void unknownFields(Object model, String path, List<String> problems, String subject) {
        if (model instanceof Collection<?> items) {
            int index = 0;
            for (Object item : items) {
                unknownFields(item, path + "[" + index++ + "]", problems, subject);
            }
            return;
        }
        if (model instanceof Map<?, ?> map) {
            map.forEach((key, value) -> unknownFields(value, path + "." + key, problems, subject));
            return;
        }
        if (model == null || !isModelClass(model.getClass())) {
            return;
        }
        for (Method getter : model.getClass().getMethods()) {
            if (getter.getParameterCount() != 0 || Modifier.isStatic(getter.getModifiers())
                    || !getter.getName().startsWith("get") || getter.getName().equals("getClass")) {
                continue;
            }
            Object value;
            try {
                value = getter.invoke(model);
            } catch (ReflectiveOperationException | RuntimeException e) {
                continue;
            }
            String property = Character.toLowerCase(getter.getName().charAt(3)) + getter.getName().substring(4);
            if (property.equals("additionalProperties") && value instanceof Map<?, ?> unknown) {
                unknown.keySet().forEach(field -> problems.add(subject + ": unknown field " + (path + "." + field).substring(1)));
            } else {
                unknownFields(value, path + "." + property, problems, subject);
            }
        }
    }

    private static boolean isModelClass(Class<?> type) {
        String name = type.getName();
        return name.startsWith("io.fabric8.kubernetes.api.model.") || name.startsWith("io.strimzi.api.");
    }
}
