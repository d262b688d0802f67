package org.safereport.local;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A standalone Kafka broker in KRaft mode (combined broker and controller, one node) as its own process,
 * listening on 127.0.0.1. Its storage is formatted on the first start and reused after.
 */
public final class KafkaBroker extends ManagedProcess {

    private final int port;

    private KafkaBroker(List<String> command, Path logFile, int port) {
        super("kafka", command, Map.of(), logFile);
        this.port = port;
    }

    /**
     * @param classpath the folder with the broker's jars (module deploy/local/kafka-broker, target/lib)
     * @param dataDirectory the broker's configuration and logs, kept between starts
     */
    public static KafkaBroker create(Path classpath, Path dataDirectory, int port, int controllerPort) throws IOException {
        if (!Files.isDirectory(classpath)) {
            throw new IllegalStateException("Kafka broker classpath " + classpath
                    + " is missing: build it first with 'mvn -DskipTests package'");
        }
        Path logDirectory = dataDirectory.resolve("data");
        Files.createDirectories(logDirectory);
        Path config = dataDirectory.resolve("server.properties");
        Files.writeString(config, serverProperties(logDirectory, port, controllerPort), StandardCharsets.UTF_8);
        Path log4j = dataDirectory.resolve("log4j2.xml");
        try (InputStream in = KafkaBroker.class.getResourceAsStream("kafka-log4j2.xml")) {
            Files.copy(Objects.requireNonNull(in, "kafka-log4j2.xml"), log4j, StandardCopyOption.REPLACE_EXISTING);
        }
        Path logFile = dataDirectory.resolve("kafka.log");
        if (!Files.exists(logDirectory.resolve("meta.properties"))) {
            format(classpath, config, log4j, logFile);
        }
        List<String> command = javaCommand(classpath, log4j, "-Xms128m", "-Xmx512m");
        command.add("kafka.Kafka");
        command.add(config.toString());
        return new KafkaBroker(command, logFile, port);
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public void startAndAwait(Duration timeout) throws IOException {
        start();
        Ports.await("Kafka on port " + port, timeout, () -> {
            checkAlive();
            return Ports.isListening(port);
        });
    }

    private static void format(Path classpath, Path config, Path log4j, Path logFile) throws IOException {
        List<String> command = javaCommand(classpath, log4j, "-Xmx256m");
        // "--cluster-id=<id>" in one argument: an id that starts with "-" (one in 64) would otherwise be read as an option.
        command.addAll(List.of("kafka.tools.StorageTool", "format", "--ignore-formatted",
                "--cluster-id=" + newClusterId(), "--config", config.toString()));
        ManagedProcess format = new ManagedProcess("kafka-storage-format", command, Map.of(), logFile);
        format.start();
        Ports.await("Kafka storage format", Duration.ofMinutes(2), () -> !format.isAlive());
    }

    private static List<String> javaCommand(Path classpath, Path log4j, String... jvmOptions) {
        List<String> command = new ArrayList<>();
        command.add(javaExecutable());
        command.addAll(List.of(jvmOptions));
        command.add("-Dlog4j2.configurationFile=" + log4j.toUri());
        command.add("-cp");
        command.add(classpath.toAbsolutePath() + "/*");
        return command;
    }

    /** Kafka cluster ids are 16 random bytes in URL-safe base64 without padding. */
    private static String newClusterId() {
        byte[] bytes = new byte[16];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String serverProperties(Path logDirectory, int port, int controllerPort) {
        return String.join("\n",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
                "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "log.dirs=" + logDirectory.toAbsolutePath(),
                "num.partitions=3",
                "auto.create.topics.enable=true",
                "offsets.topic.replication.factor=1",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                "") ;
    }
}
