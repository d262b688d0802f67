package org.safereport.intake.submission;

import org.safereport.intake.domain.EvidenceFile;
import org.safereport.problem.Problem.FieldError;

import java.util.List;

/**
 * The files sent with a report, as evidence: those that can be kept, and what is wrong with the others.
 *
 * @param refusal why the files are refused as a whole when {@code errors} is not empty
 */
public record UploadedEvidence(List<EvidenceFile> files, List<FieldError> errors, ReportIntake.Refusal refusal) {

    public static UploadedEvidence accepted(List<EvidenceFile> files) {
        return new UploadedEvidence(files, List.of(), null);
    }
}
