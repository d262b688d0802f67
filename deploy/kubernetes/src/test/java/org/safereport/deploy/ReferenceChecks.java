package org.safereport.deploy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressTLS;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every Secret and ConfigMap key that something refers to exists: ConfigMaps in the rendering, Secrets
 * in the rendering, created by an operator, or listed in the runbook for ops to create.
 */
final class ReferenceChecks {

    private ReferenceChecks() {
    }

    static List<String> problems(Rendering rendering, SecretCatalog secrets) {
        List<String> problems = new ArrayList<>();
        for (Deployment deployment : rendering.all(Deployment.class)) {
            PodSpec pod = deployment.getSpec().getTemplate().getSpec();
            String subject = "Deployment " + deployment.getMetadata().getName();
            for (Container container : pod.getContainers()) {
                String where = subject + " container " + container.getName();
                for (EnvVar env : container.getEnv()) {
                    if (env.getValueFrom() != null && env.getValueFrom().getSecretKeyRef() != null) {
                        var ref = env.getValueFrom().getSecretKeyRef();
                        secret(where + " " + env.getName(), ref.getName(), ref.getKey(), secrets, problems);
                    }
                    if (env.getValueFrom() != null && env.getValueFrom().getConfigMapKeyRef() != null) {
                        var ref = env.getValueFrom().getConfigMapKeyRef();
                        configMap(where + " " + env.getName(), ref.getName(), ref.getKey(), rendering, problems);
                    }
                }
                for (EnvFromSource source : container.getEnvFrom()) {
                    if (source.getConfigMapRef() != null) {
                        configMap(where + " envFrom", source.getConfigMapRef().getName(), null, rendering, problems);
                    }
                    if (source.getSecretRef() != null) {
                        secret(where + " envFrom", source.getSecretRef().getName(), null, secrets, problems);
                    }
                }
            }
            for (Volume volume : pod.getVolumes()) {
                String where = subject + " volume " + volume.getName();
                if (volume.getSecret() != null) {
                    secret(where, volume.getSecret().getSecretName(), null, secrets, problems);
                    for (KeyToPath item : volume.getSecret().getItems()) {
                        secret(where, volume.getSecret().getSecretName(), item.getKey(), secrets, problems);
                    }
                }
                if (volume.getConfigMap() != null) {
                    configMap(where, volume.getConfigMap().getName(), null, rendering, problems);
                    for (KeyToPath item : volume.getConfigMap().getItems()) {
                        configMap(where, volume.getConfigMap().getName(), item.getKey(), rendering, problems);
                    }
                }
            }
        }
        for (Ingress ingress : rendering.all(Ingress.class)) {
            for (IngressTLS tls : ingress.getSpec().getTls()) {
                secret("Ingress " + ingress.getMetadata().getName() + " tls", tls.getSecretName(), null, secrets, problems);
            }
        }
        for (Map<String, Object> cluster : rendering.documents("postgresql.cnpg.io/v1", "Cluster")) {
            for (Map<String, Object> role : Yamls.list(cluster, "spec.managed.roles")) {
                String secretName = Yamls.text(role, "passwordSecret.name");
                if (secretName != null) {
                    String where = "Cluster " + Yamls.name(cluster) + " role " + role.get("name");
                    secret(where, secretName, "username", secrets, problems);
                    secret(where, secretName, "password", secrets, problems);
                }
            }
        }
        for (Map<String, Object> store : rendering.documents("barmancloud.cnpg.io/v1", "ObjectStore")) {
            Yamls.at(store, "spec.configuration.s3Credentials").ifPresent(credentials -> ((Map<?, ?>) credentials).forEach((field, ref) -> {
                if (ref instanceof Map<?, ?> selector && selector.get("name") != null) {
                    secret("ObjectStore " + Yamls.name(store) + " " + field, (String) selector.get("name"),
                            (String) selector.get("key"), secrets, problems);
                }
            }));
        }
        return problems;
    }

    private static void secret(String where, String name, String key, SecretCatalog secrets, List<String> problems) {
        String problem = secrets.problemWith(name, key);
        if (problem != null) {
            problems.add(where + " refers to " + (key == null ? "" : "key " + key + " of ") + "Secret " + name + ": " + problem);
        }
    }

    private static void configMap(String where, String name, String key, Rendering rendering, List<String> problems) {
        Optional<ConfigMap> configMap = rendering.named(ConfigMap.class, name);
        if (configMap.isEmpty()) {
            problems.add(where + " refers to ConfigMap " + name + ", which is not in the rendering");
        } else if (key != null && !configMap.get().getData().containsKey(key)) {
            problems.add(where + " refers to key " + key + " of ConfigMap " + name + ", which has only " + configMap.get().getData().keySet());
        }
    }
}
