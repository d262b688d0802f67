package org.safereport.escalation.access;

import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;
import org.safereport.escalation.config.EscalationConfig;
import org.safereport.escalation.domain.access.PasswordHash;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The staff who may sign in to the case API, as lines {@code <person id>:<password hash>} in the file
 * {@code escalation.staff.accounts-file} names (in Kubernetes, a mounted Secret). Blank lines and lines
 * starting with {@code #} are ignored. What a person may see follows from their roles in the people
 * directory, not from this file. A malformed file stops the service from starting.
 */
@ApplicationScoped
public class StaffAccounts {

    private static final Logger LOG = Logger.getLogger(StaffAccounts.class);

    private final Map<String, String> hashes;

    StaffAccounts(EscalationConfig config) {
        Optional<String> file = config.staff().accountsFile();
        this.hashes = file.map(StaffAccounts::read).orElse(Map.of());
        if (file.isEmpty()) {
            LOG.warn("escalation.staff.accounts-file is not set: nobody can sign in to the case API");
        }
    }

    /** The hash for {@code personId}, or {@code null} when they have no account. */
    String hashFor(String personId) {
        return hashes.get(personId);
    }

    private static Map<String, String> read(String file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(Path.of(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the staff accounts file " + file, e);
        }
        Map<String, String> hashes = new HashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int colon = line.indexOf(':');
            String problem = colon < 1 ? "is not <person id>:<hash>" : PasswordHash.problem(line.substring(colon + 1));
            if (problem != null) {
                throw new IllegalStateException(file + ", line " + (i + 1) + ": the account " + problem);
            }
            hashes.put(line.substring(0, colon), line.substring(colon + 1));
        }
        return Map.copyOf(hashes);
    }
}
