package org.safereport.intake.api;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.safereport.intake.config.IntakeConfig;
import org.safereport.intake.domain.RateLimiter;
import org.safereport.intake.persistence.RateLimitCounts;
import org.safereport.problem.ProblemMapper;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * Limits how many reports and status look-ups one client makes, against floods and against guessing
 * receipt codes. The API answers 429 problem+json, the pages a friendly page; both say when to retry.
 * Clients are told apart by address: the peer's, or behind a proxy listed in
 * {@code quarkus.http.proxy.trusted-proxies} the one it forwards, never one an untrusted peer claims.
 * The counts are in the database, so that every replica counts the same requests.
 */
@ApplicationScoped
public class RateLimitFilter {

    private static final Logger LOG = Logger.getLogger(RateLimitFilter.class);

    private final RateLimiter limiter;
    private final Template tooMany;
    private final Clock clock;

    /** @param tooMany the pages' "too many" page, by its template: the pages' package builds on this one, not the reverse */
    RateLimitFilter(IntakeConfig config, RateLimitCounts counts, @Location("tooMany.html") Template tooMany, Clock clock) {
        this.limiter = new RateLimiter(config.rateLimit().maxRequests(), config.rateLimit().window(), counts);
        this.tooMany = tooMany;
        this.clock = clock;
    }

    /** Counting is a database statement: it runs on a worker thread, never on the event loop this filter is called on. */
    @ServerRequestFilter(preMatching = true)
    public Uni<Response> limit(ContainerRequestContext request, HttpServerRequest http) {
        String path = request.getUriInfo().getPath();
        boolean api = path.startsWith("/api/v1/reports");
        boolean limited = api || ("POST".equals(request.getMethod()) && (path.equals("/report") || path.startsWith("/status")));
        if (!limited) {
            return Uni.createFrom().nullItem();
        }
        String client = http.remoteAddress() == null ? "unknown" : http.remoteAddress().hostAddress();
        return Uni.createFrom().item(() -> wait(client)
                        .map(wait -> api ? Problems.tooManyRequests(wait) : page(wait))
                        .orElse(null))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    private Optional<Duration> wait(String client) {
        try {
            return limiter.acquire(client, clock.instant());
        } catch (RuntimeException e) {
            if (!ProblemMapper.isDatabaseUnavailable(e)) {
                throw e;
            }
            // The limit guards against floods; it must not be what refuses a report while the database recovers:
            // the request goes on and meets the outage where it is answered as such (a 503, the form kept).
            LOG.warn("Rate limit not applied to a request: the database is unavailable");
            return Optional.empty();
        }
    }

    private Response page(Duration wait) {
        long minutes = Math.max(1, (wait.toSeconds() + 59) / 60);
        return Response.status(429)
                .type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .header("Retry-After", wait.toSeconds())
                .entity(tooMany.data("minutes", minutes).render())
                .build();
    }
}
