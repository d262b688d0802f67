package org.safereport.deploy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The environment variables a container gets, each with where its value comes from. */
final class ContainerEnvironment {

    /**
     * One variable: a literal value, a key of a ConfigMap (whose value is known when the ConfigMap is in
     * the rendering) or a key of a Secret (whose value is never known here).
     */
    record Variable(String name, String value, String configMap, String secret, String key, boolean optional) {

        Optional<String> knownValue() {
            return Optional.ofNullable(value);
        }

        boolean fromSecret() {
            return secret != null;
        }

        String origin() {
            if (secret != null) {
                return "Secret " + secret + " key " + key;
            }
            return configMap != null ? "ConfigMap " + configMap + " key " + key : "a literal value";
        }
    }

    private ContainerEnvironment() {
    }

    /** Later sources win, as in Kubernetes: env over envFrom. */
    static Map<String, Variable> of(Container container, Rendering rendering) {
        Map<String, Variable> variables = new LinkedHashMap<>();
        for (EnvFromSource source : container.getEnvFrom()) {
            if (source.getConfigMapRef() != null) {
                String name = source.getConfigMapRef().getName();
                rendering.named(ConfigMap.class, name).ifPresent(configMap -> configMap.getData().forEach((key, value) ->
                        variables.put(prefixed(source, key), new Variable(prefixed(source, key), value, name, null, key, false))));
            }
        }
        for (EnvVar env : container.getEnv()) {
            variables.put(env.getName(), variable(env, rendering));
        }
        return variables;
    }

    private static String prefixed(EnvFromSource source, String key) {
        return source.getPrefix() == null ? key : source.getPrefix() + key;
    }

    private static Variable variable(EnvVar env, Rendering rendering) {
        if (env.getValueFrom() == null) {
            return new Variable(env.getName(), env.getValue() == null ? "" : env.getValue(), null, null, null, false);
        }
        var secretRef = env.getValueFrom().getSecretKeyRef();
        if (secretRef != null) {
            return new Variable(env.getName(), null, null, secretRef.getName(), secretRef.getKey(),
                    Boolean.TRUE.equals(secretRef.getOptional()));
        }
        var configMapRef = env.getValueFrom().getConfigMapKeyRef();
        if (configMapRef != null) {
            String value = rendering.named(ConfigMap.class, configMapRef.getName())
                    .map(configMap -> configMap.getData().get(configMapRef.getKey())).orElse(null);
            return new Variable(env.getName(), value, configMapRef.getName(), null, configMapRef.getKey(),
                    Boolean.TRUE.equals(configMapRef.getOptional()));
        }
        // fieldRef or resourceFieldRef: known only at run time.
        return new Variable(env.getName(), null, null, null, null, false);
    }
}
