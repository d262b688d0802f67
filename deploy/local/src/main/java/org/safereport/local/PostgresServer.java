package org.safereport.local;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * A real PostgreSQL server from the binaries that ship inside a Maven jar: no installation, no Docker.
 * With a data directory the data survives a restart; without one it lives in a temporary folder.
 */
public final class PostgresServer implements AutoCloseable {

    public static final String USER = "postgres";

    private final EmbeddedPostgres.Builder builder;
    private final int port;
    private final boolean keepsData;
    private EmbeddedPostgres postgres;

    private PostgresServer(EmbeddedPostgres.Builder builder, EmbeddedPostgres postgres, boolean keepsData) {
        this.builder = builder;
        this.postgres = postgres;
        this.port = postgres.getPort();
        this.keepsData = keepsData;
    }

    /**
     * @param dataDirectory where the cluster lives, kept between starts; {@code null} for a throw-away one
     * @param port the port to listen on, or 0 for any free port
     * @param logFile where the server's output goes; {@code null} to log it through slf4j
     */
    public static PostgresServer start(Path dataDirectory, int port, Path logFile) throws IOException {
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setPGStartupWait(Duration.ofSeconds(60))
                .setServerConfig("listen_addresses", "127.0.0.1")
                .setServerConfig("max_connections", "200");
        if (dataDirectory != null) {
            builder.setDataDirectory(dataDirectory).setCleanDataDirectory(false);
        }
        if (port > 0) {
            builder.setPort(port);
        }
        if (logFile != null) {
            Files.createDirectories(logFile.getParent());
            ProcessBuilder.Redirect toLog = ProcessBuilder.Redirect.appendTo(logFile.toFile());
            builder.setOutputRedirector(toLog).setErrorRedirector(toLog);
        }
        return new PostgresServer(builder, builder.start(), dataDirectory != null);
    }

    public int port() {
        return port;
    }

    /** Stops the server (a fast shutdown: open connections are cut), keeping its data; {@link #restart()} brings it back. */
    public synchronized void stop() throws IOException {
        if (!keepsData) {
            throw new IllegalStateException("a server without a data directory loses its data when stopped");
        }
        postgres.close();
    }

    /** Starts the stopped server again on the same port with the same data, and waits until it takes connections. */
    public synchronized void restart() throws IOException {
        postgres = builder.setPort(port).start();
    }

    /** The JDBC URL of {@code database}, created first if it does not exist yet. */
    public String jdbcUrl(String database) throws SQLException {
        createDatabaseIfMissing(database);
        return "jdbc:postgresql://127.0.0.1:" + port() + "/" + database;
    }

    private void createDatabaseIfMissing(String database) throws SQLException {
        if (!database.matches("[a-z][a-z0-9_]{0,62}")) {
            throw new IllegalArgumentException("not a plain database name: " + database);
        }
        try (Connection connection = currentServer().getPostgresDatabase().getConnection()) {
            try (PreparedStatement exists = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
                exists.setString(1, database);
                if (exists.executeQuery().next()) {
                    return;
                }
            }
            try (Statement create = connection.createStatement()) {
                create.execute("CREATE DATABASE " + database);
            }
        }
    }

    private synchronized EmbeddedPostgres currentServer() {
        return postgres;
    }

    @Override
    public synchronized void close() throws IOException {
        postgres.close();
    }
}
