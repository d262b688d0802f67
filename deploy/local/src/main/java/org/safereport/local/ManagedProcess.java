package org.safereport.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A child process of the stack with its output in a log file; stopped gently, or killed on purpose. */
public class ManagedProcess implements AutoCloseable {

    private static final Duration GRACEFUL_STOP = Duration.ofSeconds(30);

    private final String name;
    private final List<String> command;
    private final Map<String, String> environment;
    private final Path logFile;
    private Process process;

    public ManagedProcess(String name, List<String> command, Map<String, String> environment, Path logFile) {
        this.name = name;
        this.command = List.copyOf(command);
        this.environment = Map.copyOf(environment);
        this.logFile = logFile;
    }

    public static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    public String name() {
        return name;
    }

    public Path logFile() {
        return logFile;
    }

    public synchronized void start() throws IOException {
        if (isAlive()) {
            throw new IllegalStateException(name + " is already running");
        }
        Files.createDirectories(logFile.getParent());
        ProcessBuilder builder = new ProcessBuilder(commandForNextStart())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
        builder.environment().putAll(environment);
        process = builder.start();
    }

    /** The command that {@link #start()} runs: the same each time, unless a subclass decides at each start. */
    protected List<String> commandForNextStart() {
        return command;
    }

    /** How long {@link #stop()} waits after SIGTERM before it kills. */
    protected Duration gracefulStop() {
        return GRACEFUL_STOP;
    }

    /**
     * Called once the process has ended after {@link #stop()} or {@link #kill()}; {@code gracefully} when it
     * ended by itself after SIGTERM, not by SIGKILL.
     */
    protected void ended(boolean gracefully) {
    }

    public synchronized boolean isAlive() {
        return process != null && process.isAlive();
    }

    public synchronized long pid() {
        return process.pid();
    }

    /** SIGTERM without waiting, so that several processes stop side by side; {@link #stop()} then waits. */
    public synchronized void signalStop() {
        if (process != null) {
            process.destroy();
        }
    }

    /** SIGTERM, and SIGKILL only if the process has not ended after a grace period. */
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        process.destroy();
        boolean gracefully = false;
        try {
            gracefully = process.waitFor(gracefulStop().toSeconds(), TimeUnit.SECONDS);
            if (!gracefully) {
                killWithChildren().waitFor();
            }
        } catch (InterruptedException e) {
            killWithChildren();
            Thread.currentThread().interrupt();
        }
        ended(gracefully);
    }

    /** SIGKILL at once, as a crash would: for fault-injection tests. */
    public synchronized void kill() throws InterruptedException {
        if (process != null) {
            killWithChildren().waitFor();
            ended(false);
        }
    }

    /**
     * A launcher script (Keycloak's kc.sh) passes SIGTERM on to the JVM it started, but SIGKILL cannot be
     * passed on: its children are killed too, or they would outlive it.
     */
    private Process killWithChildren() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        return process.destroyForcibly();
    }

    /** Waits for a process that ends by itself (a one-off command) and gives its exit status. */
    public int awaitExit(Duration timeout) throws InterruptedException {
        Process running;
        synchronized (this) {
            running = process;
        }
        if (!running.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            stop();
            throw new IllegalStateException("timed out after " + timeout.toSeconds() + " s waiting for " + name + " to finish; see " + logFile);
        }
        return running.exitValue();
    }

    /** Fails with the tail of the log when the process has died. */
    protected void checkAlive() {
        if (!isAlive()) {
            throw new IllegalStateException(name + " exited; see " + logFile + ":\n" + Logs.tail(logFile, 40));
        }
    }

    @Override
    public void close() {
        stop();
    }
}
