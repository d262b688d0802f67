package org.safereport.intake.api;

import org.jboss.resteasy.reactive.multipart.FileUpload;
import org.safereport.intake.domain.EvidenceFile;
import org.safereport.intake.submission.ReportIntake.Refusal;
import org.safereport.intake.submission.UploadedEvidence;
import org.safereport.problem.Problem.FieldError;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

/** Turns uploaded files into evidence, or says why it cannot; the same for the API and the form. */
public final class EvidenceUploads {

    public static final int MAX_FILES = 5;
    public static final long MAX_BYTES = 10L * 1024 * 1024;
    static final String FIELD = "evidence";

    private EvidenceUploads() {
    }

    /** Too large, when any file is; a file of another kind; otherwise (empty files, too many) invalid. */
    public static UploadedEvidence read(List<FileUpload> uploads) {
        List<FileUpload> chosen = uploads == null ? List.of()
                // A form whose file field was left empty still sends a nameless, empty part.
                : uploads.stream().filter(upload -> upload.size() > 0 || !blank(upload.fileName())).toList();
        if (chosen.size() > MAX_FILES) {
            return failed(Refusal.INVALID, "attach at most " + MAX_FILES + " files");
        }
        List<EvidenceFile> files = new ArrayList<>();
        List<FieldError> errors = new ArrayList<>();
        Refusal refusal = null;
        for (FileUpload upload : chosen) {
            String name = blank(upload.fileName()) ? "A file" : "“" + upload.fileName() + "”";
            if (upload.size() == 0) {
                errors.add(new FieldError(FIELD, name + " is empty"));
                refusal = refusal == null ? Refusal.INVALID : refusal;
            } else if (upload.size() > MAX_BYTES) {
                errors.add(new FieldError(FIELD, name + " is larger than 10 MB"));
                refusal = Refusal.TOO_LARGE;
            } else {
                try {
                    files.add(EvidenceFile.of(read(upload)));
                } catch (EvidenceFile.Rejected rejected) {
                    errors.add(new FieldError(FIELD, name + " " + rejected.getMessage()));
                    refusal = refusal == Refusal.TOO_LARGE || !rejected.wrongType() ? Refusal.TOO_LARGE : Refusal.UNSUPPORTED_FILE;
                }
            }
        }
        return errors.isEmpty() ? UploadedEvidence.accepted(files) : new UploadedEvidence(files, errors, refusal);
    }

    private static byte[] read(FileUpload upload) {
        try (InputStream input = Files.newInputStream(upload.uploadedFile())) {
            return input.readNBytes((int) MAX_BYTES + 1);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read an uploaded file", e);
        }
    }

    private static UploadedEvidence failed(Refusal refusal, String message) {
        return new UploadedEvidence(List.of(), List.of(new FieldError(FIELD, message)), refusal);
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
