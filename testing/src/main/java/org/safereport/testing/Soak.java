package org.safereport.testing;

/**
 * Whether this run is a soak ({@code mvn verify -Dsoak}; the root pom passes the property to every test JVM,
 * "false" by default): the long suites then send far more than {@code verify} can afford on every build.
 */
public final class Soak {

    private Soak() {
    }

    public static boolean on() {
        return !"false".equals(System.getProperty("soak", "false"));
    }

    /** {@code usual} in a normal run, {@code soak} in a soak run. */
    public static int scaled(int usual, int soak) {
        return on() ? soak : usual;
    }
}
