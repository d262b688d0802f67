package org.safereport.deploy;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.safereport.deploy.Manifests.render;

/** What issue 7 asks of each overlay: production redundant and spread, dev one of everything. */
class OverlayShapeTest {

    private static final List<String> SERVICES = List.of("intake-service", "escalation-service", "notification-service");

    @Test
    void productionRunsThreeKafkaNodesThreeDatabaseInstancesAndSpreadsEverything() {
        Rendering production = render("overlays/production");

        assertThat(production.all(KafkaNodePool.class)).singleElement().satisfies(pool -> {
            assertThat(pool.getSpec().getReplicas()).isEqualTo(3);
            assertThat(pool.getSpec().getTemplate().getPod().getAffinity().getPodAntiAffinity()
                    .getRequiredDuringSchedulingIgnoredDuringExecution()).isNotEmpty();
        });
        assertThat(production.all(Kafka.class)).singleElement().satisfies(kafka ->
                assertThat(kafka.getSpec().getKafka().getConfig()).containsEntry("min.insync.replicas", 2));
        assertThat(production.documents("postgresql.cnpg.io/v1", "Cluster")).singleElement().satisfies(cluster -> {
            assertThat(Yamls.at(cluster, "spec.instances")).contains(3);
            assertThat(Yamls.text(cluster, "spec.affinity.podAntiAffinityType")).isEqualTo("required");
        });
        for (String service : SERVICES) {
            Deployment deployment = production.named(Deployment.class, service).orElseThrow();
            assertThat(deployment.getSpec().getTemplate().getSpec().getAffinity().getPodAntiAffinity()
                    .getPreferredDuringSchedulingIgnoredDuringExecution()).as(service + " anti-affinity").isNotEmpty();
        }
    }

    @Test
    void productionAutoscalesIntakeAndLeavesItsReplicaCountToTheAutoscaler() {
        Rendering production = render("overlays/production");

        HorizontalPodAutoscaler autoscaler = production.all(HorizontalPodAutoscaler.class).stream()
                .filter(candidate -> candidate.getSpec().getScaleTargetRef().getName().equals("intake-service"))
                .findFirst().orElseThrow();
        assertThat(autoscaler.getSpec().getScaleTargetRef().getKind()).isEqualTo("Deployment");
        assertThat(autoscaler.getSpec().getMinReplicas()).isGreaterThanOrEqualTo(2);
        assertThat(production.named(Deployment.class, "intake-service").orElseThrow().getSpec().getReplicas())
                .as("a replicas field would reset the autoscaler on every apply").isNull();
        assertThat(production.named(Deployment.class, "escalation-service").orElseThrow().getSpec().getReplicas()).isGreaterThanOrEqualTo(2);
        assertThat(production.named(Deployment.class, "notification-service").orElseThrow().getSpec().getReplicas()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void devRunsOneOfEverythingWithSmallResources() {
        Rendering dev = render("overlays/dev");

        for (String service : SERVICES) {
            Deployment deployment = dev.named(Deployment.class, service).orElseThrow();
            assertThat(deployment.getSpec().getReplicas()).as(service).isEqualTo(1);
            var requests = deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getResources().getRequests();
            assertThat(requests.get("cpu").getNumericalAmount()).as(service + " cpu request")
                    .isLessThan(render("overlays/production").named(Deployment.class, service).orElseThrow()
                            .getSpec().getTemplate().getSpec().getContainers().get(0).getResources().getRequests()
                            .get("cpu").getNumericalAmount());
        }
        assertThat(dev.all(KafkaNodePool.class)).singleElement()
                .satisfies(pool -> assertThat(pool.getSpec().getReplicas()).isEqualTo(1));
        assertThat(dev.all(Kafka.class)).singleElement().satisfies(kafka ->
                assertThat(kafka.getSpec().getKafka().getConfig()).containsEntry("min.insync.replicas", 1));
        assertThat(dev.documents("postgresql.cnpg.io/v1", "Cluster")).singleElement()
                .satisfies(cluster -> assertThat(Yamls.at(cluster, "spec.instances")).contains(1));
        assertThat(dev.all(HorizontalPodAutoscaler.class)).isEmpty();
    }

    @Test
    void theOverlaysNameImagesByRegistryAndReleaseNeverLatest() {
        for (String overlay : List.of("overlays/dev", "overlays/production")) {
            for (Deployment deployment : render(overlay).all(Deployment.class)) {
                String image = deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getImage();
                assertThat(image).as(overlay + " " + deployment.getMetadata().getName())
                        .startsWith("registry.example.org/safereport/").matches(".*:[0-9][^:]*$");
            }
        }
    }
}
