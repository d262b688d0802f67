package org.safereport.intake.api.internal;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.HttpSecurityPolicy;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;
import org.safereport.intake.config.IntakeConfig;

import java.util.Set;

/**
 * The internal API's HTTP permission ({@code quarkus.http.auth.permission.internal-api}): a request needs a
 * valid bearer token (none, or one that fails verification, is 401) issued to one of the allowed clients.
 * A valid token of any other client of the same identity provider, such as a member of staff's from the
 * staff pages, is 403: people reach reports through the escalation service, which applies who may see what.
 */
@ApplicationScoped
public class AllowedClientsPolicy implements HttpSecurityPolicy {

    static final String NAME = "allowed-clients";
    private static final Logger LOG = Logger.getLogger(AllowedClientsPolicy.class);

    private final Set<String> allowedClients;
    private final String clientClaim;

    AllowedClientsPolicy(IntakeConfig config) {
        this.allowedClients = Set.copyOf(config.internalApi().allowedClients());
        this.clientClaim = config.internalApi().clientClaim();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Uni<CheckResult> checkPermission(RoutingContext request, Uni<SecurityIdentity> identity,
                                            AuthorizationRequestContext context) {
        return identity.onItem().transformToUni(caller -> {
            // Denied while anonymous, Quarkus answers 401 with the bearer challenge; denied once known, 403.
            if (caller.isAnonymous() || !(caller.getPrincipal() instanceof JsonWebToken token)) {
                return CheckResult.deny();
            }
            Object client = token.getClaim(clientClaim);
            if (client == null || !allowedClients.contains(client.toString())) {
                LOG.debugf("Internal API refused a token of client %s (claim %s)", client, clientClaim);
                return CheckResult.deny();
            }
            return CheckResult.permit();
        });
    }
}
