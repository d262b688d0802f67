package org.safereport.problem;

import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import static org.assertj.core.api.Assertions.assertThat;

class ProblemMapperTest {

    private final ProblemMapper mapper = new ProblemMapper();

    @Test
    void aDatabaseOutOfReachIsServiceUnavailableWithRetryAfter() {
        for (Exception outage : new Exception[]{
                new IllegalStateException("commit failed", new SQLException("Connection refused", "08001")),
                new RuntimeException(new SQLException("terminating connection due to administrator command", "57P01")),
                new RuntimeException(new SQLException("Sorry, acquisition timeout!")),
                new RuntimeException(new SQLTransientConnectionException("pool exhausted")),
                commitFailedBecause(new SQLException("terminating connection due to administrator command", "57P01"))}) {
            Response response = mapper.unexpected(outage);
            assertThat(response.getStatus()).as(outage.toString()).isEqualTo(503);
            assertThat(response.getHeaderString("Retry-After")).isEqualTo("30");
            assertThat(response.getMediaType()).hasToString(Problem.MEDIA_TYPE);
        }
    }

    /** As a transaction manager reports a failed commit: the reason is suppressed, not the cause. */
    private static Exception commitFailedBecause(Exception reason) {
        Exception commitFailed = new IllegalStateException("Could not commit transaction.");
        commitFailed.addSuppressed(new Exception("Error trying to commit local transaction", reason));
        return new RuntimeException("Error invoking subclass method", commitFailed);
    }

    @Test
    void otherFailuresStayInternalErrors() {
        for (Exception bug : new Exception[]{
                new NullPointerException("bug"),
                new RuntimeException(new SQLException("duplicate key value violates unique constraint", "23505")),
                new RuntimeException(new SQLException("syntax error", "42601"))}) {
            assertThat(mapper.unexpected(bug).getStatus()).as(bug.toString()).isEqualTo(500);
        }
    }
}
