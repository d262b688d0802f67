package org.safereport.intake.api.web;

/** The confirmation page: the reference, the receipt code (shown this once) and what happens next. */
public record Confirmation(String reference, String receiptCode, String category, String guidance, String handledBy,
                           String respondWithin, String expectedResponseBy, boolean youngPersonAtRisk,
                           boolean receiptEmailed) {
}
