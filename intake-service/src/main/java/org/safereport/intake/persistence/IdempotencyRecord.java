package org.safereport.intake.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** The first answer to a request with an Idempotency-Key (see {@link org.safereport.intake.domain.IdempotencyKey}). */
@Entity
@Table(name = "idempotency_key")
public class IdempotencyRecord extends PanacheEntityBase {

    @Id
    @Column(name = "key_hash")
    public byte[] keyHash;

    @Column(name = "request_hash", nullable = false)
    public byte[] requestHash;

    @Column(name = "report_id", nullable = false)
    public UUID reportId;

    @Column(name = "sealed_receipt_code", nullable = false)
    public byte[] sealedReceiptCode;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
