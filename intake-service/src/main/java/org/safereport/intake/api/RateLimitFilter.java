package org.safereport.intake.api;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.scheduler.Scheduled;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.safereport.intake.config.IntakeConfig;
import org.safereport.intake.domain.RateLimiter;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * Limits how many reports and status look-ups one client makes, against floods and against guessing
 * receipt codes. The API answers 429 problem+json, the pages a friendly page; both say when to retry.
 * Clients are told apart by address: behind a proxy, configure {@code quarkus.http.proxy.*} so that this
 * is the client's address, not the proxy's.
 */
@ApplicationScoped
public class RateLimitFilter {

    private final RateLimiter limiter;
    private final Template tooMany;
    private final Clock clock;

    /** @param tooMany the pages' "too many" page, by its template: the pages' package builds on this one, not the reverse */
    RateLimitFilter(IntakeConfig config, @Location("tooMany.html") Template tooMany, Clock clock) {
        this.limiter = new RateLimiter(config.rateLimit().maxRequests(), config.rateLimit().window());
        this.tooMany = tooMany;
        this.clock = clock;
    }

    @ServerRequestFilter(preMatching = true)
    public Optional<Response> limit(ContainerRequestContext request, HttpServerRequest http) {
        String path = request.getUriInfo().getPath();
        boolean api = path.startsWith("/api/v1/reports");
        boolean limited = api || ("POST".equals(request.getMethod()) && (path.equals("/report") || path.equals("/status")));
        if (!limited) {
            return Optional.empty();
        }
        String client = http.remoteAddress() == null ? "unknown" : http.remoteAddress().hostAddress();
        return limiter.acquire(client, clock.instant()).map(wait -> api ? Problems.tooManyRequests(wait) : page(wait));
    }

    private Response page(Duration wait) {
        long minutes = Math.max(1, (wait.toSeconds() + 59) / 60);
        return Response.status(429)
                .type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .header("Retry-After", wait.toSeconds())
                .entity(tooMany.data("minutes", minutes).render())
                .build();
    }

    @Scheduled(every = "5m")
    void forgetEnded() {
        limiter.forgetEnded(clock.instant());
    }
}
