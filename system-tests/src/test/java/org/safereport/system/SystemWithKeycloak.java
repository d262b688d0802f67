package org.safereport.system;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.safereport.local.LocalStack;

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
 * own reports made.
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

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == LocalStack.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getRoot().getStore(ExtensionContext.Namespace.create(SystemWithKeycloak.class))
                .getOrComputeIfAbsent(Started.class, key -> start(), Started.class).stack();
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
