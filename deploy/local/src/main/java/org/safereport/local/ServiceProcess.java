package org.safereport.local;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** One of the three Quarkus services, run from its built jar as its own process. */
public final class ServiceProcess extends ManagedProcess {

    private final int port;

    private ServiceProcess(String name, List<String> command, Map<String, String> environment, Path logFile, int port) {
        super(name, command, environment, logFile);
        this.port = port;
    }

    /**
     * @param module the service's Maven module folder, e.g. {@code intake-service}
     * @param environment the service's configuration, as Quarkus reads it from environment variables
     */
    public static ServiceProcess create(Path module, int port, Map<String, String> environment, Path logFile) {
        Path jar = module.resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build it first with 'mvn -DskipTests package'");
        }
        // C1 only: at this volume C2 kept recompiling for minutes and cost a fifth of each service's CPU
        // (the benchmark's figures, bench/README.md). Serial GC: no concurrent GC threads or G1 remembered
        // sets to pay for on a small machine. Smaller thread stacks for the many worker and Kafka threads.
        List<String> command = List.of(javaExecutable(), "-Xms64m", "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xss512k",
                "-jar", jar.toString());
        Map<String, String> env = new java.util.HashMap<>(environment);
        env.put("QUARKUS_HTTP_PORT", Integer.toString(port));
        return new ServiceProcess(module.getFileName().toString(), command, env, logFile, port);
    }

    public int port() {
        return port;
    }

    public String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    public void awaitReady(Duration timeout) {
        Ports.await(name() + " to be ready at " + url("/q/health/ready"), timeout, () -> {
            checkAlive();
            return isReady();
        });
    }

    public boolean isReady() {
        return Ports.answersOk(url("/q/health/ready"), Duration.ofSeconds(2));
    }
}
