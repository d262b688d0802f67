package org.safereport.escalation.access;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.safereport.escalation.config.ActivePolicy;
import org.safereport.escalation.domain.access.PasswordHash;
import org.safereport.escalation.domain.directory.Person;

import java.util.Optional;

/**
 * Signs staff in with HTTP Basic: the login name is their id in the people directory, the password is
 * checked against their hash in the accounts file, and their roles are the directory's. Someone who has
 * left the directory can no longer sign in, whatever the accounts file says.
 */
@ApplicationScoped
public class StaffIdentityProvider implements IdentityProvider<UsernamePasswordAuthenticationRequest> {

    /** Every signed-in member of staff has it; what each may see is decided per case. */
    public static final String STAFF = "staff";

    private final StaffAccounts accounts;
    private final ActivePolicy activePolicy;

    StaffIdentityProvider(StaffAccounts accounts, ActivePolicy activePolicy) {
        this.accounts = accounts;
        this.activePolicy = activePolicy;
    }

    @Override
    public Class<UsernamePasswordAuthenticationRequest> getRequestType() {
        return UsernamePasswordAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(UsernamePasswordAuthenticationRequest request, AuthenticationRequestContext context) {
        return context.runBlocking(() -> {
            String personId = request.getUsername();
            boolean passwordMatches = PasswordHash.matches(request.getPassword().getPassword(), accounts.hashFor(personId));
            Optional<Person> person = activePolicy.directory().byId(personId);
            if (!passwordMatches || person.isEmpty()) {
                throw new AuthenticationFailedException();
            }
            QuarkusSecurityIdentity.Builder identity = QuarkusSecurityIdentity.builder()
                    .setPrincipal(new QuarkusPrincipal(personId))
                    .addRole(STAFF);
            person.get().roles().forEach(role -> identity.addRole(role.name()));
            return identity.build();
        });
    }
}
