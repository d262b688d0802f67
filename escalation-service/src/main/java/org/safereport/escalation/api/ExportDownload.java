package org.safereport.escalation.api;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import org.safereport.escalation.export.ExportArchive;
import org.safereport.escalation.export.PersonExport;

/** A person's export as the page and the API send it: a ZIP written as it goes out, saved by the browser, not cached. */
final class ExportDownload {

    static final String ZIP = "application/zip";

    private ExportDownload() {
    }

    static Response of(ExportArchive archive, PersonExport.Prepared prepared) {
        StreamingOutput zip = output -> archive.write(prepared, output);
        return Response.ok(zip, ZIP)
                .header("Content-Disposition", "attachment; filename=\"" + ExportArchive.fileName(prepared.data()) + "\"")
                .header("Cache-Control", "no-store")
                .header("X-Content-Type-Options", "nosniff")
                .header("Referrer-Policy", "no-referrer")
                .build();
    }
}
