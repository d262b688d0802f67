package org.safereport.intake.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.safereport.intake.domain.MessageSender;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A message between staff and the reporter, kept with the report; its words are in {@link #sealedText},
 * encrypted under the report's data key ({@link ReportSealing#sealMessage}).
 */
@Entity
@Table(name = "report_message")
public class ReportMessage extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "report_id", nullable = false)
    public UUID reportId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public MessageSender sender;

    /** The member of staff who wrote it, for the case page; null for the reporter's. */
    @Column(name = "staff_person_id")
    public String staffPersonId;

    /** Their role as the reporter reads it, e.g. "the Designated Safeguarding Lead"; null for the reporter's. */
    @Column(name = "staff_role_title")
    public String staffRoleTitle;

    @Column(name = "sent_at", nullable = false)
    public Instant sentAt;

    @Column(name = "sealed_text", nullable = false)
    public byte[] sealedText;

    /** A report's conversation, oldest first. */
    public static List<ReportMessage> thread(UUID reportId) {
        return list("reportId = ?1 order by sentAt, id", reportId);
    }
}
