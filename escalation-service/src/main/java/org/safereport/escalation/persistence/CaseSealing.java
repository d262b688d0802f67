package org.safereport.escalation.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import org.safereport.envelope.DataKey;
import org.safereport.envelope.Envelopes;
import org.safereport.envelope.WrappedDataKey;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Encryption at rest of what staff write about a case (issue 15): its notes, the internal note on closing,
 * the legal hold's reason, what a removal request says and the screenshot that confirms it (issue 14) are encrypted with the case's own data key, stored on the case wrapped by the
 * key-encryption key (with that key's id, for rotation). The outcome stays in clear: the reporter's status
 * page shows it and the tombstone keeps it.
 */
@ApplicationScoped
public class CaseSealing {

    /** Each text a case holds, bound to its case: a ciphertext copied into another case or field does not decrypt. */
    public enum Text {
        NOTE("note"), INTERNAL_NOTE("internal-note"), LEGAL_HOLD_REASON("legal-hold-reason"),
        REMOVAL_PLATFORM("removal-platform"), REMOVAL_LOCATION("removal-location"), REMOVAL_OWNER_NAME("removal-owner-name"),
        REMOVAL_ASKED_EMAIL("removal-asked-email"), REMOVAL_REFUSAL_REASON("removal-refusal-reason"),
        /** Not a text: the screenshot staff attach when they confirm a removal. */
        REMOVAL_EVIDENCE("removal-evidence");

        private final String name;

        Text(String name) {
            this.name = name;
        }

        String context(UUID caseId) {
            return "case:" + caseId + ":" + name;
        }
    }

    /** A case's texts in clear, its data key unwrapped once for all of them. */
    public static final class Opened {

        private final EscalationCase escalationCase;
        private final DataKey key;

        private Opened(EscalationCase escalationCase, DataKey key) {
            this.escalationCase = escalationCase;
            this.key = key;
        }

        public String internalNote() {
            return open(escalationCase.sealedInternalNote, Text.INTERNAL_NOTE);
        }

        public String legalHoldReason() {
            return open(escalationCase.sealedLegalHoldReason, Text.LEGAL_HOLD_REASON);
        }

        public String text(CaseNote note) {
            return open(note.sealedText, Text.NOTE);
        }

        /** One of a removal request's texts, or null when it has none. */
        public String text(byte[] sealed, Text text) {
            return open(sealed, text);
        }

        /** A file sealed with {@link CaseSealing#seal(EscalationCase, Text, byte[])}. */
        public byte[] file(byte[] sealed, Text text) {
            return key.open(sealed, text.context(escalationCase.id));
        }

        private String open(byte[] sealed, Text text) {
            return sealed == null ? null : key.openText(sealed, text.context(escalationCase.id));
        }
    }

    private final Envelopes envelopes;

    CaseSealing(Envelopes envelopes) {
        this.envelopes = envelopes;
    }

    /**
     * {@code text} sealed under the case's data key, made (and stored on the case) if it has none yet; the
     * case must be locked, so that two writers do not each make one. {@code null} for none.
     */
    public byte[] seal(EscalationCase escalationCase, Text text, String plaintext) {
        return plaintext == null ? null : seal(escalationCase, text, plaintext.getBytes(StandardCharsets.UTF_8));
    }

    /** {@code content} (a file) sealed like a text: see {@link #seal(EscalationCase, Text, String)}. */
    public byte[] seal(EscalationCase escalationCase, Text text, byte[] content) {
        DataKey key;
        if (escalationCase.dataKey == null) {
            key = envelopes.newDataKey();
            escalationCase.dataKey = key.wrapped().bytes();
            escalationCase.keyId = key.wrapped().keyId();
        } else {
            key = dataKeyOf(escalationCase);
        }
        return key.seal(content, text.context(escalationCase.id));
    }

    public Opened open(EscalationCase escalationCase) {
        return new Opened(escalationCase, escalationCase.dataKey == null ? null : dataKeyOf(escalationCase));
    }

    /** A new data key, for a case's texts written outside the entities (the migration that sealed them). */
    public DataKey newDataKey() {
        return envelopes.newDataKey();
    }

    /** A text of a case read outside the entities (a migration), with its case's data key as stored on the case. */
    public String open(UUID caseId, WrappedDataKey dataKey, Text text, byte[] sealed) {
        return envelopes.open(dataKey).openText(sealed, text.context(caseId));
    }

    public static byte[] seal(DataKey key, UUID caseId, Text text, String plaintext) {
        return key.sealText(plaintext, text.context(caseId));
    }

    private DataKey dataKeyOf(EscalationCase escalationCase) {
        return envelopes.open(new WrappedDataKey(escalationCase.dataKey, escalationCase.keyId));
    }
}
