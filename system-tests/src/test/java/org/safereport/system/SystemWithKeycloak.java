package org.safereport.system;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.safereport.local.LocalStack;
import org.safereport.testing.HeadlessChromium;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The whole system with Keycloak, given to a {@code @BeforeAll} method's {@link LocalStack} parameter: started
 * once for all the test classes that sign staff in, since most of a minute of each start is Keycloak's, and
 * stopped when the test run ends. The classes share its databases and mailbox, so each looks only at what its
 * own reports made. A {@link HeadlessChromium} parameter is a phone-sized browser of the class's own (no one
 * else's sign-in in it), closed after the class.
 */
final class SystemWithKeycloak implements ParameterResolver {

    private record Started(LocalStack stack, Path data) implements ExtensionContext.Store.CloseableResource {

        @Override
        public void close() throws IOException {
            stack.close();
            try (Stream<Path> files = Files.walk(data)) {
                files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
            }
        }
    }

    private record Browser(HeadlessChromium chromium) implements ExtensionContext.Store.CloseableResource {

        @Override
        public void close() throws IOException {
            chromium.close();
        }
    }

    /**
     * The {@code @Order} of the classes that use this system: after every other class (junit-platform.properties
     * orders classes so), because it stays up until the run ends and would load the CPU while other classes
     * start systems of their own.
     */
    static final int RUNS_LAST = Integer.MAX_VALUE;

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SystemWithKeycloak.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == LocalStack.class || type == HeadlessChromium.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        if (parameter.getParameter().getType() == HeadlessChromium.class) {
            return context.getStore(NAMESPACE).getOrComputeIfAbsent(Browser.class, key -> startBrowser(), Browser.class).chromium();
        }
        return context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(Started.class, key -> start(), Started.class).stack();
    }

    private static Browser startBrowser() {
        try {
            return new Browser(HeadlessChromium.start(HeadlessChromium.PHONE));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Started start() {
        try {
            Path data = Files.createTempDirectory("safereport-system-");
            return new Started(LocalStack.start(LocalStack.Settings.onFreePorts(RunningSystem.repositoryRoot(), data, Map.of())
                    .withKeycloak(true)), data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (SQLException e) {
            throw new IllegalStateException("the system's databases did not start", e);
        }
    }
}
