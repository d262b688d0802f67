package org.safereport.local;

import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The Java the three services run on: the one running the stack (the build's 17), unless
 * {@value #JAVA_HOME_VARIABLE} names another. A Java of {@value #AOT_CACHE_VERSION} or newer starts them from an
 * ahead-of-time cache ({@link AotCache}) in half the time, but is not taken by itself yet: from the cache, the
 * notification service's first email after a start waited out its send timeout in three of six benchmark runs.
 * That was a bug of the Vert.x mail client, now worked around in EmailSender; the runs from the cache are to be
 * repeated before it becomes the default (bench/README.md). The stack says in one line where such a Java is
 * ({@link JavaHomes}).
 */
record ServiceJava(Path home, int version) {

    static final String JAVA_HOME_VARIABLE = "SAFEREPORT_SERVICE_JAVA_HOME";
    /** One-step training (JEP 514) and method profiles in the cache (JEP 515) came with 25. */
    static final int AOT_CACHE_VERSION = 25;

    /** The Java that the local stack and the benchmark start the services with. */
    static ServiceJava fromEnvironment() {
        return find(System.getenv(JAVA_HOME_VARIABLE), new ServiceJava(Path.of(System.getProperty("java.home")), Runtime.version().feature()));
    }

    /**
     * @param configuredHome {@value #JAVA_HOME_VARIABLE}, or {@code null}
     * @param running the Java running the stack
     */
    static ServiceJava find(String configuredHome, ServiceJava running) {
        if (configuredHome == null || configuredHome.isBlank()) {
            return running;
        }
        Path home = Path.of(configuredHome);
        OptionalInt version = JavaHomes.version(home);
        if (version.isEmpty()) {
            throw new IllegalStateException(JAVA_HOME_VARIABLE + "=" + configuredHome
                    + " is not the home of a Java (no bin/java with a release file)");
        }
        return new ServiceJava(home, version.getAsInt());
    }

    boolean hasAotCache() {
        return version >= AOT_CACHE_VERSION;
    }

    String executable() {
        return home.resolve("bin/java").toString();
    }

    /** The one line the stack prints when the services start without a cache: where a Java with one is, if any. */
    String withoutCacheNotice(Path jvmFolder) {
        Optional<Path> newer = JavaHomes.newest(jvmFolder, AOT_CACHE_VERSION);
        return "The services run on Java " + version + " without an ahead-of-time cache, about 5 s to start each: "
                + newer.map(home -> JAVA_HOME_VARIABLE + "=" + home + " starts them from one in 2-3 s (bench/README.md)")
                .orElse("a Java " + AOT_CACHE_VERSION + " or newer, named by " + JAVA_HOME_VARIABLE
                        + ", would start them from one in 2-3 s (bench/README.md)");
    }
}
