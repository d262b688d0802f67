package org.safereport.escalation;

import org.junit.jupiter.api.Test;
import org.safereport.testing.PackageDependencies;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The rooms of the README's package map: workflows own their transactions, persistence and domain stay below them. */
class PackageLayoutTest {

    private static final String ROOT = "org.safereport.escalation";
    private static final PackageDependencies PACKAGES = PackageDependencies.read(Path.of("src/main/java"), ROOT);

    @Test
    void noPackageImportsOneThatImportsItBack() {
        assertThat(PACKAGES.cycles()).isEmpty();
    }

    @Test
    void persistenceHoldsEntitiesAndQueriesThatKnowOnlyTheDomain() {
        assertThat(PACKAGES.importedBy(ROOT + ".persistence")).allMatch(imported -> imported.startsWith(ROOT + ".domain"));
    }

    @Test
    void theDomainImportsNothingOfTheService() {
        assertThat(PACKAGES.importedBy(ROOT + ".domain")).isEmpty();
        assertThat(PACKAGES.importedBy(ROOT + ".domain.routing")).allMatch(imported -> imported.startsWith(ROOT + ".domain"));
    }

    @Test
    void noWorkflowCallsTheMessagingThatCallsIt() {
        for (String workflow : new String[] {"cases", "deadlines", "acknowledgement", "deliveries", "review", "export", "retention", "keys", "conversation", "removal", "reading"}) {
            assertThat(PACKAGES.importedBy(ROOT + "." + workflow)).as(workflow).doesNotContain(ROOT + ".messaging", ROOT + ".api");
        }
    }
}
