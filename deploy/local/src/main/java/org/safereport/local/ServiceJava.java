package org.safereport.local;

import java.nio.file.Path;
import java.util.OptionalInt;

/**
 * The Java the three services run on. The build and the services' bytecode stay on 17, but a Java of
 * {@value #AOT_CACHE_VERSION} or newer starts them from an ahead-of-time cache ({@link AotCache}) in a
 * fraction of the time, so the newest such Java home in the system JVM folder is taken ({@link JavaHomes}),
 * unless {@value #JAVA_HOME_VARIABLE} names a Java home; without one they run on the Java running the stack,
 * without a cache.
 */
record ServiceJava(Path home, int version) {

    static final String JAVA_HOME_VARIABLE = "SAFEREPORT_SERVICE_JAVA_HOME";
    /** One-step training (JEP 514) and method profiles in the cache (JEP 515) came with 25. */
    static final int AOT_CACHE_VERSION = 25;

    /** The Java that the local stack and the benchmark start the services with. */
    static ServiceJava fromEnvironment() {
        return find(System.getenv(JAVA_HOME_VARIABLE), JavaHomes.SYSTEM_JVM_FOLDER,
                new ServiceJava(Path.of(System.getProperty("java.home")), Runtime.version().feature()));
    }

    /**
     * @param configuredHome {@value #JAVA_HOME_VARIABLE}, or {@code null}
     * @param running the Java running the stack, taken when the folder has no Java of {@value #AOT_CACHE_VERSION}
     */
    static ServiceJava find(String configuredHome, Path jvmFolder, ServiceJava running) {
        if (configuredHome != null && !configuredHome.isBlank()) {
            Path home = Path.of(configuredHome);
            OptionalInt version = JavaHomes.version(home);
            if (version.isEmpty()) {
                throw new IllegalStateException(JAVA_HOME_VARIABLE + "=" + configuredHome
                        + " is not the home of a Java (no bin/java with a release file)");
            }
            return new ServiceJava(home, version.getAsInt());
        }
        return JavaHomes.newest(jvmFolder, AOT_CACHE_VERSION)
                .map(home -> new ServiceJava(home, JavaHomes.version(home).getAsInt()))
                .orElse(running);
    }

    boolean hasAotCache() {
        return version >= AOT_CACHE_VERSION;
    }

    String executable() {
        return home.resolve("bin/java").toString();
    }

    /** The one line the stack prints when the services start slowly for want of a newer Java. */
    String withoutCacheNotice() {
        return "The services run on Java " + version + " (" + home + ") without an ahead-of-time cache, each taking seconds "
                + "longer to start: install a Java " + AOT_CACHE_VERSION + " or newer in " + JavaHomes.SYSTEM_JVM_FOLDER
                + " (e.g. a Temurin JDK) or set " + JAVA_HOME_VARIABLE + " to its home";
    }
}
