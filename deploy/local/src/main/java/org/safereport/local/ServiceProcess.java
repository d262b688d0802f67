package org.safereport.local;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One of the three Quarkus services, run from its built jar as its own process, on the {@link ServiceJava}
 * and, where that Java has one, from the build's {@link AotCache}: each start decides again, so that the
 * start after a training run uses the cache it wrote and a service rebuilt meanwhile trains a new one.
 */
public final class ServiceProcess extends ManagedProcess {

    /**
     * C1 only: at this volume C2 kept recompiling for minutes and cost a fifth of each service's CPU (the
     * benchmark's figures, bench/README.md); the JDK 25 cache holds profiles for C2, not compiled code, and
     * with C2 on a service started from it was no sooner ready. Serial GC: no concurrent GC threads or G1
     * remembered sets to pay for on a small machine. Smaller thread stacks for the many worker and Kafka threads.
     */
    static final List<String> JVM_OPTIONS = List.of("-Xms64m", "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xss512k");
    /** A training run writes its cache as it exits, in a second JVM: 15 to 20 s on a quiet machine. */
    private static final Duration TRAINING_STOP = Duration.ofMinutes(2);

    private final int port;
    private final ServiceJava java;
    private final Path jar;
    private AotCache.Training training;
    private String runtime;

    private ServiceProcess(String name, ServiceJava java, Path jar, Map<String, String> environment, Path logFile, int port) {
        super(name, List.of(), environment, logFile); // the command is decided at each start
        this.java = java;
        this.jar = jar;
        this.port = port;
    }

    /**
     * @param module the service's Maven module folder, e.g. {@code intake-service}
     * @param environment the service's configuration, as Quarkus reads it from environment variables
     */
    static ServiceProcess create(Path module, ServiceJava java, int port, Map<String, String> environment, Path logFile) {
        Path jar = module.resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build it first with 'mvn -DskipTests package'");
        }
        Map<String, String> env = new HashMap<>(environment);
        env.put("QUARKUS_HTTP_PORT", Integer.toString(port));
        return new ServiceProcess(module.getFileName().toString(), java, jar, env, logFile, port);
    }

    @Override
    protected List<String> commandForNextStart() {
        List<String> command = new ArrayList<>();
        command.add(java.executable());
        command.addAll(JVM_OPTIONS);
        runtime = "Java " + java.version() + " without an ahead-of-time cache";
        if (java.hasAotCache()) {
            AotCache cache = AotCache.of(jar.getParent(), java, JVM_OPTIONS);
            if (cache.exists()) {
                command.add("-XX:AOTCache=" + cache.file());
                runtime = "Java " + java.version() + " with its ahead-of-time cache";
            } else {
                training = cache.startTraining();
                command.add("-XX:AOTCacheOutput=" + training.output());
                runtime = "Java " + java.version() + ", training its ahead-of-time cache";
            }
        }
        command.addAll(List.of("-jar", jar.toString()));
        return command;
    }

    @Override
    protected Duration gracefulStop() {
        return training != null ? TRAINING_STOP : super.gracefulStop();
    }

    @Override
    protected void ended(boolean gracefully) {
        if (training != null) {
            if (gracefully) {
                training.keep();
            } else {
                training.discard();
            }
            training = null;
        }
    }

    /** The Java and cache of the last start, e.g. "Java 25 with its ahead-of-time cache". */
    public synchronized String runtime() {
        return runtime;
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
