package org.safereport.deploy;

import java.util.ArrayList;
import java.util.List;

/** Every check, on one rendering: the list of what is wrong with it, empty when it may be applied. */
final class Invariants {

    private Invariants() {
    }

    static List<String> problems(Rendering rendering, SourceTree sources) {
        SecretCatalog secrets = SecretCatalog.of(rendering, sources);
        List<String> problems = new ArrayList<>(rendering.parseProblems());
        problems.addAll(WorkloadChecks.problems(rendering, sources));
        problems.addAll(ReferenceChecks.problems(rendering, secrets));
        problems.addAll(KafkaChecks.problems(rendering, sources));
        problems.addAll(DatabaseChecks.problems(rendering, sources));
        problems.addAll(ConfigurationChecks.problems(rendering, sources, secrets));
        problems.addAll(NetworkChecks.problems(rendering));
        problems.addAll(ContractChecks.problems(rendering));
        problems.addAll(IngressChecks.problems(rendering, sources));
        return problems;
    }
}
