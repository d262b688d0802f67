package org.safereport.intake.persistence;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.safereport.intake.config.IntakeConfig;
import org.safereport.intake.domain.RateLimiter;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;

/**
 * The rate limit's counts in PostgreSQL, so that every replica counts the same requests: one statement
 * adds a request and reads the count, and the row lock it takes makes concurrent requests count one after
 * the other.
 */
@ApplicationScoped
public class RateLimitCounts implements RateLimiter.Counts {

    private final DataSource dataSource;
    private final IntakeConfig config;
    private final Clock clock;

    RateLimitCounts(DataSource dataSource, IntakeConfig config, Clock clock) {
        this.dataSource = dataSource;
        this.config = config;
        this.clock = clock;
    }

    @Override
    public int increment(byte[] clientHash, Instant windowStart) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement upsert = connection.prepareStatement("""
                     INSERT INTO rate_limit_count (client_hash, window_start, request_count) VALUES (?, ?, 1)
                     ON CONFLICT (client_hash, window_start) DO UPDATE SET request_count = rate_limit_count.request_count + 1
                     RETURNING request_count""")) {
            upsert.setBytes(1, clientHash);
            upsert.setTimestamp(2, Timestamp.from(windowStart));
            try (ResultSet count = upsert.executeQuery()) {
                count.next();
                return count.getInt(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not count a request for the rate limit", e);
        }
    }

    @Scheduled(every = "5m", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void everyFewMinutes() {
        forgetEndedWindows();
    }

    /** Deletes the counts of windows that have ended, on whichever replica runs it first: @return how many */
    public int forgetEndedWindows() {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement delete = connection.prepareStatement("DELETE FROM rate_limit_count WHERE window_start < ?")) {
            delete.setTimestamp(1, Timestamp.from(clock.instant().minus(config.rateLimit().window())));
            return delete.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("could not delete ended rate limit windows", e);
        }
    }
}
