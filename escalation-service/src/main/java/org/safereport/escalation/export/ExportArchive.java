package org.safereport.escalation.export;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateExtension;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;
import org.safereport.escalation.client.IntakeReports;
import org.safereport.escalation.config.ActivePolicy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * An export as one ZIP: {@code person.json}, {@code person.html} (the same, to read: one page, no scripts, its
 * style inline) and {@code evidence/} with the files of the reports the person made. Written as it is sent:
 * each evidence file is read from intake while it goes into the ZIP, and never held whole.
 */
@ApplicationScoped
public class ExportArchive {

    private static final Logger LOG = Logger.getLogger(ExportArchive.class);
    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("EEE d MMM yyyy, HH:mm:ss zzz", Locale.UK);
    /** Intake names evidence from the reference ({@code SM-7KQ4-2M9X-evidence-1.png}); anything else gets the file's id. */
    private static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9.-]{0,99}");

    private final ObjectMapper json;
    private final Template personExport;
    private final IntakeReports intake;
    private final ActivePolicy activePolicy;

    ExportArchive(ObjectMapper json, Template personExport, IntakeReports intake, ActivePolicy activePolicy) {
        this.json = json;
        this.personExport = personExport;
        this.intake = intake;
        this.activePolicy = activePolicy;
    }

    /** The ZIP's file name, from the export's id: the address is not in it. */
    public static String fileName(PersonData data) {
        return "safereport-person-export-" + data.export().id() + ".zip";
    }

    public void write(PersonExport.Prepared prepared, OutputStream out) throws IOException {
        PersonData data = prepared.data();
        try (ZipOutputStream zip = new ZipOutputStream(out, StandardCharsets.UTF_8)) {
            add(zip, "person.json", json.writerWithDefaultPrettyPrinter().writeValueAsBytes(data));
            add(zip, "person.html", personExport.data("data", data).data("zone", activePolicy.policy().calendar().zone())
                    .render().getBytes(StandardCharsets.UTF_8));
            for (PersonExport.EvidenceToAdd evidence : prepared.evidence()) {
                addEvidence(zip, evidence);
            }
        }
    }

    /** A file intake cannot give now is named in a note beside where it would be, so that the gap is seen. */
    private void addEvidence(ZipOutputStream zip, PersonExport.EvidenceToAdd evidence) throws IOException {
        String name = "evidence/" + (SAFE_NAME.matcher(evidence.file().fileName()).matches()
                ? evidence.file().fileName() : evidence.file().id().toString());
        Optional<IntakeReports.Download> download;
        try {
            download = intake.evidence(evidence.reportId(), evidence.file().id());
        } catch (IntakeReports.Unavailable e) {
            LOG.warnf("Person export: evidence %s could not be read from intake: %s", evidence.file().id(), e.getMessage());
            download = Optional.empty();
        }
        if (download.isEmpty()) {
            add(zip, name + ".missing.txt", ("The intake service did not give this evidence file when the export was made."
                    + " Make the export again to include it.\n").getBytes(StandardCharsets.UTF_8));
            return;
        }
        zip.putNextEntry(new ZipEntry(name));
        try (InputStream body = download.get().body()) {
            body.transferTo(zip);
        }
        zip.closeEntry();
    }

    private static void add(ZipOutputStream zip, String name, byte[] content) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(content);
        zip.closeEntry();
    }

    /** A time on the readable page, in the policy's time zone, to the second (the audit's precision matters). */
    @TemplateExtension
    static String shownIn(Instant instant, ZoneId zone) {
        return SHOWN.format(instant.atZone(zone));
    }
}
