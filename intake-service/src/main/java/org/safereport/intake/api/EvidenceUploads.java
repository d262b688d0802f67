package org.safereport.intake.api;

import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.multipart.FileUpload;
import org.safereport.intake.config.IntakeConfig;
import org.safereport.intake.domain.Decoders;
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
@ApplicationScoped
public class EvidenceUploads {

    private static final Logger LOG = Logger.getLogger(EvidenceUploads.class);

    public static final int MAX_FILES = 5;
    public static final long MAX_BYTES = 10L * 1024 * 1024;
    static final String FIELD = "evidence";
    /** When several files are wrong, the answer's status is the most telling reason's: later ones win. */
    private static final List<Refusal> LEAST_TO_MOST_TELLING =
            List.of(Refusal.INVALID, Refusal.UNSUPPORTED_FILE, Refusal.UNSAFE_FILE, Refusal.TOO_LARGE);

    private final Decoders decoders;
    private final long maxPixels;

    EvidenceUploads(Decoders decoders, IntakeConfig config) {
        this.decoders = decoders;
        this.maxPixels = config.evidence().maxPixels();
    }

    /** Too large, when any file is; a file that could run something; a file of another kind; otherwise (empty files, too many) invalid. */
    public UploadedEvidence read(List<FileUpload> uploads) {
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
                refusal = moreTelling(refusal, Refusal.INVALID);
            } else if (upload.size() > MAX_BYTES) {
                errors.add(new FieldError(FIELD, name + " is larger than 10 MB"));
                refusal = moreTelling(refusal, Refusal.TOO_LARGE);
            } else {
                try {
                    files.add(EvidenceFile.of(read(upload), maxPixels, decoders));
                } catch (EvidenceFile.Rejected rejected) {
                    errors.add(new FieldError(FIELD, name + " " + rejected.getMessage()));
                    refusal = moreTelling(refusal, refusalFor(rejected.why()));
                    if (rejected.why() != EvidenceFile.Rejected.Why.NOT_READABLE) {
                        // What ops should see (a huge image, a PDF with script), never the file's name: it may name a person.
                        LOG.warnf("Evidence refused: a file %s", rejected.getMessage());
                    }
                } catch (Decoders.Busy busy) {
                    LOG.warn("Evidence not decoded: no decoding turn came free in time; the submission was answered 503");
                    return failed(Refusal.BUSY, "could not be read just now: too many files are being read at once; please send them again in a minute");
                }
            }
        }
        return errors.isEmpty() ? UploadedEvidence.accepted(files) : new UploadedEvidence(files, errors, refusal);
    }

    private static Refusal refusalFor(EvidenceFile.Rejected.Why why) {
        return switch (why) {
            case NOT_READABLE -> Refusal.UNSUPPORTED_FILE;
            case TOO_MANY_PIXELS -> Refusal.TOO_LARGE;
            case ACTIVE_CONTENT -> Refusal.UNSAFE_FILE;
        };
    }

    private static Refusal moreTelling(Refusal current, Refusal next) {
        return current == null || LEAST_TO_MOST_TELLING.indexOf(next) > LEAST_TO_MOST_TELLING.indexOf(current) ? next : current;
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
