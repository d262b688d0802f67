package org.safereport.bench;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * How far each consumer group is behind: the latest offset of each partition of its topic minus the
 * group's committed offset, summed. A lag that keeps growing at a rate means the stack cannot keep up.
 */
final class ConsumerLag implements AutoCloseable {

    /** The consumer groups that carry a report to its email, and the topic each reads (their application.properties). */
    static final Map<String, String> GROUPS = new LinkedHashMap<>(Map.of(
            "escalation-service", "reports.submitted.v1",
            "notification-service", "notifications.requested.v1"));

    private final Admin admin;

    ConsumerLag(String bootstrapServers) {
        Properties properties = new Properties();
        properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(AdminClientConfig.CLIENT_ID_CONFIG, "safereport-bench");
        this.admin = Admin.create(properties);
    }

    /** Lag per group, in records; -1 for a group that could not be read. */
    Map<String, Long> sample() {
        Map<String, Long> lags = new LinkedHashMap<>();
        GROUPS.forEach((group, topic) -> lags.put(group, lag(group, topic)));
        return lags;
    }

    private long lag(String group, String topic) {
        try {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get(5, TimeUnit.SECONDS);
            List<TopicPartition> partitions = admin.describeTopics(List.of(topic)).allTopicNames().get(5, TimeUnit.SECONDS)
                    .get(topic).partitions().stream().map(info -> new TopicPartition(topic, info.partition())).toList();
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            partitions.forEach(partition -> latest.put(partition, OffsetSpec.latest()));
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(latest).all().get(5, TimeUnit.SECONDS);
            long lag = 0;
            for (TopicPartition partition : partitions) {
                OffsetAndMetadata offset = committed.get(partition);
                lag += ends.get(partition).offset() - (offset == null ? 0 : offset.offset());
            }
            return lag;
        } catch (Exception e) {
            return -1;
        }
    }

    @Override
    public void close() {
        admin.close();
    }
}
