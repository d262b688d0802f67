package org.safereport.intake.api;

import org.jboss.resteasy.reactive.multipart.FileUpload;
import org.safereport.intake.domain.EvidenceFile;
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

    /**
     * @param status 413 when a file is too large, 415 when one is not a PNG, JPEG or PDF, 400 for too many
     *               files; 0 when there is no error
     */
    public record Outcome(List<EvidenceFile> files, List<FieldError> errors, int status) {
    }

    private EvidenceUploads() {
    }

    public static Outcome read(List<FileUpload> uploads) {
        List<FileUpload> chosen = uploads == null ? List.of()
                // A form whose file field was left empty still sends a nameless, empty part.
                : uploads.stream().filter(upload -> upload.size() > 0 || !blank(upload.fileName())).toList();
        if (chosen.size() > MAX_FILES) {
            return failed(400, "attach at most " + MAX_FILES + " files");
        }
        List<EvidenceFile> files = new ArrayList<>();
        List<FieldError> errors = new ArrayList<>();
        int status = 0;
        for (FileUpload upload : chosen) {
            String name = blank(upload.fileName()) ? "A file" : "“" + upload.fileName() + "”";
            if (upload.size() == 0) {
                errors.add(new FieldError(FIELD, name + " is empty"));
                status = Math.max(status, 400);
            } else if (upload.size() > MAX_BYTES) {
                errors.add(new FieldError(FIELD, name + " is larger than 10 MB"));
                status = 413;
            } else {
                try {
                    files.add(EvidenceFile.of(read(upload)));
                } catch (EvidenceFile.Rejected rejected) {
                    errors.add(new FieldError(FIELD, name + " " + rejected.getMessage()));
                    status = status == 413 ? 413 : rejected.wrongType() ? 415 : 413;
                }
            }
        }
        return new Outcome(files, errors, errors.isEmpty() ? 0 : status);
    }

    private static byte[] read(FileUpload upload) {
        try (InputStream input = Files.newInputStream(upload.uploadedFile())) {
            return input.readNBytes((int) MAX_BYTES + 1);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read an uploaded file", e);
        }
    }

    private static Outcome failed(int status, String message) {
        return new Outcome(List.of(), List.of(new FieldError(FIELD, message)), status);
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
