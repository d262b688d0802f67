package org.safereport.intake.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** The latest {@code policy.published} record as received, kept for the next start. */
@Entity
@Table(name = "published_policy")
public class PublishedPolicy extends PanacheEntityBase {

    @Id
    @Column(name = "policy_key")
    public String key;

    @Column(nullable = false)
    public String version;

    @Column(name = "occurred_at", nullable = false)
    public Instant occurredAt;

    @Column(nullable = false)
    public String payload;
}
