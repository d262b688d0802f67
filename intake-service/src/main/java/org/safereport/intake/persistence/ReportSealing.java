package org.safereport.intake.persistence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import org.safereport.envelope.BlindIndex;
import org.safereport.envelope.DataKey;
import org.safereport.envelope.Envelopes;
import org.safereport.envelope.WrappedDataKey;

import java.io.IOException;
import java.util.List;
import java.util.UUID;

/**
 * Encryption at rest of a report: what the reporter wrote ({@link ReportContent}, as JSON) and its evidence
 * files are encrypted with the report's own data key, which is stored beside them wrapped by the
 * key-encryption key (with that key's id, for rotation). In clear stays only what queries and the status
 * page need: reference, category, dates, states and flags, and keyed hashes of the email addresses.
 */
@ApplicationScoped
public class ReportSealing {

    /** A report's content sealed under a new data key, with the hashes it is found by. */
    public record Sealed(DataKey key, byte[] content, byte[] reporterEmailIndex, byte[] subjectEmailIndex) {
    }

    private static final ReportContent PURGED = new ReportContent("", null, null, null, null, List.of(), null, null, null, null, null);

    private final Envelopes envelopes;
    private final BlindIndex index;
    private final ObjectMapper objectMapper;

    ReportSealing(Envelopes envelopes, BlindIndex index, ObjectMapper objectMapper) {
        this.envelopes = envelopes;
        this.index = index;
        this.objectMapper = objectMapper;
    }

    /** Seals {@code content} into {@code report} under a new data key; returns the key, for its evidence. */
    public DataKey seal(Report report, ReportContent content) {
        Sealed sealed = seal(report.id, content);
        report.dataKey = sealed.key().wrapped().bytes();
        report.keyId = sealed.key().wrapped().keyId();
        report.sealedContent = sealed.content();
        report.reporterEmailIndex = sealed.reporterEmailIndex();
        report.subjectEmailIndex = sealed.subjectEmailIndex();
        return sealed.key();
    }

    public Sealed seal(UUID reportId, ReportContent content) {
        DataKey key = envelopes.newDataKey();
        try {
            return new Sealed(key, key.seal(objectMapper.writeValueAsBytes(content), contentContext(reportId)),
                    index.ofEmailAddress(content.reporterEmail()), index.ofEmailAddress(content.subjectEmail()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a report's content can always be written as JSON", e);
        }
    }

    /** What the reporter wrote; for a purged report, nothing. */
    public ReportContent open(Report report) {
        if (report.sealedContent == null) {
            return PURGED;
        }
        byte[] json = dataKeyOf(report.dataKey, report.keyId).open(report.sealedContent, contentContext(report.id));
        try {
            return objectMapper.readValue(json, ReportContent.class);
        } catch (IOException e) {
            throw new IllegalStateException("the content of report " + report.reference + " decrypts but does not read", e);
        }
    }

    /** Seals a message's words under {@code report}'s data key, bound to the message. */
    public byte[] sealMessage(Report report, UUID messageId, String text) {
        return dataKeyOf(report.dataKey, report.keyId).sealText(text, messageContext(messageId));
    }

    /** The words of {@code message}, one of {@code report}'s. */
    public String openMessage(Report report, ReportMessage message) {
        return dataKeyOf(report.dataKey, report.keyId).openText(message.sealedText, messageContext(message.id));
    }

    public DataKey dataKeyOf(byte[] wrapped, String keyId) {
        return envelopes.open(new WrappedDataKey(wrapped, keyId));
    }

    public byte[] emailIndex(String email) {
        return index.ofEmailAddress(email);
    }

    /** What an evidence file's ciphertext is bound to: it decrypts as that file and no other. */
    public static String evidenceContext(UUID evidenceId) {
        return "evidence:" + evidenceId;
    }

    private static String messageContext(UUID messageId) {
        return "message:" + messageId;
    }

    private static String contentContext(UUID reportId) {
        return "report:" + reportId;
    }
}
