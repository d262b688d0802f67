package org.safereport.intake.api.internal;

import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.safereport.envelope.DataKeyRewrap;
import org.safereport.intake.keys.ReportDataKeys;

/**
 * The command ops run after putting a new primary key into the key-encryption keyset
 * (deploy/kubernetes/rewrap-data-keys): re-wraps every data key under it. Guarded like the rest of the
 * internal API ({@link AllowedClientsPolicy}); safe to run again at any time.
 */
@Path("/internal/v1/data-keys/rewrap")
public class KeyRotationResource {

    private final DataKeyRewrap rewrap;
    private final ReportDataKeys reports;

    KeyRotationResource(DataKeyRewrap rewrap, ReportDataKeys reports) {
        this.rewrap = rewrap;
        this.reports = reports;
    }

    @POST
    @Produces(MediaType.APPLICATION_JSON)
    public DataKeyRewrap.Outcome rewrap() {
        return rewrap.rewrapAll(reports);
    }
}
