package org.safereport.escalation.access;

import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.safereport.escalation.config.ActivePolicy;
import org.safereport.escalation.config.EscalationConfig;
import org.safereport.escalation.domain.directory.Person;

import java.util.Optional;

/**
 * Turns whoever the identity provider signed in into a person of the people directory, matched by the email
 * in the configured claim. Their roles are the directory's, never the provider's, so that the routing policy
 * stays the one source of truth: someone the provider knows but the directory does not (or no longer) gets
 * no staff role and sees nothing. A token that says its email is unverified matches nobody.
 */
@ApplicationScoped
public class StaffSignIn implements SecurityIdentityAugmentor {

    /** Every member of staff found in the directory has it; what each may see is decided per case. */
    public static final String STAFF = "staff";

    private final ActivePolicy activePolicy;
    private final String emailClaim;

    StaffSignIn(ActivePolicy activePolicy, EscalationConfig config) {
        this.activePolicy = activePolicy;
        this.emailClaim = config.staff().emailClaim();
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken token)) {
            return Uni.createFrom().item(identity);
        }
        Optional<Person> person = personFor(token);
        if (person.isEmpty()) {
            // Signed in, but nobody here: keep the provider's principal for the "not in the directory" page only.
            return Uni.createFrom().item(QuarkusSecurityIdentity.builder(identity).build());
        }
        QuarkusSecurityIdentity.Builder staff = QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(person.get().id()))
                .addCredentials(identity.getCredentials())
                .addAttributes(identity.getAttributes())
                .addRole(STAFF);
        person.get().roles().forEach(role -> staff.addRole(role.name()));
        return Uni.createFrom().item(staff.build());
    }

    private Optional<Person> personFor(JsonWebToken token) {
        Object verified = token.getClaim("email_verified");
        if (Boolean.FALSE.equals(verified) || "false".equals(String.valueOf(verified))) {
            return Optional.empty();
        }
        Object email = token.getClaim(emailClaim);
        return email == null ? Optional.empty() : activePolicy.directory().byEmail(email.toString());
    }
}
