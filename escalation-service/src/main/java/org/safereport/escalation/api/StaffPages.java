package org.safereport.escalation.api;

import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;
import org.safereport.escalation.acknowledgement.Acknowledgements;
import org.safereport.escalation.audit.AuditTrail;
import org.safereport.escalation.cases.CaseClosing;
import org.safereport.escalation.cases.CaseNotes;
import org.safereport.escalation.client.IntakeReports;
import org.safereport.escalation.client.ReportContent;
import org.safereport.escalation.conversation.ReporterConversation;
import org.safereport.escalation.domain.CaseState;
import org.safereport.escalation.domain.RemovalScreenshot;
import org.safereport.escalation.domain.access.CaseAccess;
import org.safereport.escalation.domain.directory.EmailAddress;
import org.safereport.escalation.domain.directory.Person;
import org.safereport.escalation.persistence.AuditEntry;
import org.safereport.escalation.persistence.CaseQueries;
import org.safereport.escalation.removal.RemovalRequests;
import org.safereport.escalation.retention.LegalHolds;
import org.safereport.problem.Problem;
import org.safereport.problem.ProblemMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * The staff workspace: "My cases", and a case's page with the report as the reporter wrote it, its evidence,
 * its plan and timeline, and what staff do with it (acknowledge, note, close, reopen; the Chief Executive also
 * places and lifts legal holds). Every page needs a signed-in member of the people directory and shows only
 * what the policy lets them see: a case they may not see is "not found", like one that does not exist. Every
 * read of the report or its evidence, and every action, goes on the case's audit trail.
 */
@Path("/cases")
@Produces(MediaType.TEXT_HTML)
public class StaffPages {

    private static final Logger LOG = Logger.getLogger(StaffPages.class);
    private static final int PAGE_SIZE = 20;
    private static final int NOTE_MAX = 10_000;
    private static final int OUTCOME_MAX = 2_000;
    private static final int HOLD_REASON_MAX = 2_000;
    /** As long as intake keeps (its ReportConversation.MAX_LENGTH). */
    private static final int MESSAGE_MAX = 5_000;
    private static final int PLATFORM_MAX = 200;
    private static final int LOCATION_MAX = 2_000;
    private static final int NAME_MAX = 200;
    /** The longest a removal request may be given: past that, it is not a request to remove a post now. */
    private static final Duration REMOVAL_WITHIN_MAX = Duration.ofDays(90);
    /** The choice, in the removal form's lists of people, of someone outside the directory. */
    private static final String OUTSIDE = "outside";
    /** The confirm form's file field: a screenshot as evidence that the post is gone. */
    private static final String EVIDENCE = "evidence";

    private final CaseQueries queries;
    private final CaseDetails details;
    private final CaseViewsForPeople views;
    private final Acknowledgements acknowledgements;
    private final CaseNotes notes;
    private final CaseClosing closing;
    private final LegalHolds legalHolds;
    private final AuditTrail audit;
    private final IntakeReports intake;
    private final SecurityIdentity identity;
    private final Clock clock;
    private final Template myCases;
    private final Template staffCase;
    private final StaffMessages messages;
    private final ReporterConversation conversation;
    private final RemovalRequests removals;
    private final RemovalRequestViews removalViews;

    @Context
    HttpServerRequest request;

    StaffPages(CaseQueries queries, CaseDetails details, CaseViewsForPeople views, Acknowledgements acknowledgements,
               CaseNotes notes, CaseClosing closing, LegalHolds legalHolds, AuditTrail audit, IntakeReports intake,
               SecurityIdentity identity, Clock clock, Template myCases, Template staffCase, StaffMessages messages,
               ReporterConversation conversation, RemovalRequests removals, RemovalRequestViews removalViews) {
        this.queries = queries;
        this.details = details;
        this.views = views;
        this.acknowledgements = acknowledgements;
        this.notes = notes;
        this.closing = closing;
        this.legalHolds = legalHolds;
        this.audit = audit;
        this.intake = intake;
        this.identity = identity;
        this.clock = clock;
        this.myCases = myCases;
        this.staffCase = staffCase;
        this.messages = messages;
        this.conversation = conversation;
        this.removals = removals;
        this.removalViews = removalViews;
    }

    @GET
    @Authenticated
    public Response list(@QueryParam("state") String state, @QueryParam("category") String category,
                         @QueryParam("overdue") String overdue, @QueryParam("page") @DefaultValue("1") String page) {
        Optional<Person> viewer = viewer();
        if (viewer.isEmpty()) {
            return notInDirectory();
        }
        Map<String, String> errors = new LinkedHashMap<>();
        Optional<CaseState> stateFilter = parse(state, "state", errors, value -> CaseState.valueOf(value));
        Optional<Boolean> overdueFilter = parse(overdue, "overdue", errors, value -> switch (value) {
            case "yes" -> true;
            case "no" -> false;
            default -> throw new IllegalArgumentException(value);
        });
        int pageNumber = parse(page, "page", errors, Integer::parseInt).filter(number -> number >= 1).orElse(1);
        Optional<String> categoryFilter = Optional.ofNullable(category).filter(value -> !value.isBlank());
        CaseQueries.Page found = queries.visibleTo(viewer.get(), new CaseQueries.Filter(stateFilter, categoryFilter, overdueFilter),
                clock.instant(), pageNumber - 1, PAGE_SIZE);
        TemplateInstance listPage = myCases
                .data("me", viewer.get())
                .data("waiting", views.rows(queries.waitingFor(viewer.get(), 50), viewer.get()))
                .data("cases", views.rows(found.cases(), viewer.get()))
                .data("total", found.total())
                .data("page", pageNumber)
                .data("pages", Math.max(1, (found.total() + PAGE_SIZE - 1) / PAGE_SIZE))
                .data("filter", new Filter(state, category, overdue))
                .data("states", Arrays.stream(CaseState.values()).map(value -> new Choice(value.name(), CaseStates.label(value))).toList())
                .data("categories", views.categoryChoices())
                .data("errors", errors);
        return HtmlPages.page(errors.isEmpty() ? 200 : 400, listPage.render());
    }

    /** The filters as given, to show them again in the form and in the paging links. */
    public record Filter(String state, String category, String overdue) {

        /** The filters given, as "&name=value" parts to follow a page number. */
        public String query() {
            return parameter("state", state) + parameter("category", category) + parameter("overdue", overdue);
        }

        private static String parameter(String name, String value) {
            return value == null || value.isBlank() ? "" : "&" + name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8);
        }
    }

    /** An option of a filter: its value and its words. */
    public record Choice(String value, String label) {
    }

    @GET
    @Path("{reference}")
    @Authenticated
    public Response show(@PathParam("reference") String reference, @QueryParam("done") String done) {
        return casePage(reference, done, Map.of(), Map.of());
    }

    @POST
    @Path("{reference}/acknowledge")
    @Authenticated
    public Response acknowledge(@PathParam("reference") String reference) {
        return act(reference, found -> {
            acknowledgements.acknowledgeAs(found.record().escalationCase().id, actor());
            return done(reference, "acknowledged");
        });
    }

    @POST
    @Path("{reference}/notes")
    @Authenticated
    public Response addNote(@PathParam("reference") String reference, @FormParam("note") String note) {
        return act(reference, found -> {
            String problem = textProblem(note, NOTE_MAX, true);
            if (problem != null) {
                return casePage(reference, null, Map.of("note", "Your note " + problem), Map.of("note", note == null ? "" : note));
            }
            if (!notes.add(found.record().escalationCase().id, actor(), note.strip())) {
                return purged(reference, "note");
            }
            return done(reference, "noted");
        });
    }

    /** A message to the reporter, which intake keeps for their status page. */
    @POST
    @Path("{reference}/messages")
    @Authenticated
    public Response messageReporter(@PathParam("reference") String reference, @FormParam("message") String message) {
        return act(reference, found -> {
            String problem = textProblem(message, MESSAGE_MAX, true);
            if (problem != null) {
                return casePage(reference, null, Map.of("message", "Your message " + problem), Map.of("message", message == null ? "" : message));
            }
            try {
                if (conversation.send(found.record(), viewer().orElseThrow(), actor(), message.strip()).isEmpty()) {
                    return casePage(reference, null, Map.of("message", "The report has been purged: there is nobody left to write to"), Map.of());
                }
            } catch (IntakeReports.Unavailable e) {
                LOG.warnf("Case %s: a message could not be given to the intake service: %s", reference, e.getMessage());
                return messages.intakeUnavailable("Your message could not be sent just now");
            }
            return done(reference, "messaged");
        });
    }

    @POST
    @Path("{reference}/close")
    @Authenticated
    public Response close(@PathParam("reference") String reference, @FormParam("outcome") String outcome,
                          @FormParam("internalNote") String internalNote) {
        return act(reference, found -> {
            Map<String, String> errors = new LinkedHashMap<>();
            String outcomeProblem = textProblem(outcome, OUTCOME_MAX, true);
            if (outcomeProblem != null) {
                errors.put("outcome", "The outcome for the reporter " + outcomeProblem);
            }
            String noteProblem = textProblem(internalNote, NOTE_MAX, false);
            if (noteProblem != null) {
                errors.put("internalNote", "The internal note " + noteProblem);
            }
            if (!errors.isEmpty()) {
                return casePage(reference, null, errors, Map.of("outcome", outcome == null ? "" : outcome,
                        "internalNote", internalNote == null ? "" : internalNote));
            }
            String note = internalNote == null || internalNote.isBlank() ? null : internalNote.strip();
            closing.close(found.record().escalationCase().id, actor(), outcome.strip(), note);
            return done(reference, "closed");
        });
    }

    @POST
    @Path("{reference}/legal-hold")
    @Authenticated
    public Response placeLegalHold(@PathParam("reference") String reference, @FormParam("reason") String reason) {
        return actAsLegalHolder(reference, found -> {
            String problem = textProblem(reason, HOLD_REASON_MAX, true);
            if (problem != null) {
                return casePage(reference, null, Map.of("reason", "The reason for the hold " + problem),
                        Map.of("reason", reason == null ? "" : reason));
            }
            if (legalHolds.place(found.record().escalationCase().id, actor(), reason.strip()) == LegalHolds.Outcome.ALREADY_PURGED) {
                return casePage(reference, null, Map.of("reason", "The case has been purged: there is nothing left to hold"), Map.of());
            }
            return done(reference, "held");
        });
    }

    @POST
    @Path("{reference}/legal-hold/lift")
    @Authenticated
    public Response liftLegalHold(@PathParam("reference") String reference) {
        return actAsLegalHolder(reference, found -> {
            legalHolds.lift(found.record().escalationCase().id, actor());
            return done(reference, "hold-lifted");
        });
    }

    @POST
    @Path("{reference}/reopen")
    @Authenticated
    public Response reopen(@PathParam("reference") String reference) {
        return act(reference, found -> {
            closing.reopen(found.record().escalationCase().id, actor());
            return done(reference, "reopened");
        });
    }

    /** A removal request (issue 14): where the post is, whose it is, who is asked to remove it, and by when. */
    @POST
    @Path("{reference}/removal-requests")
    @Authenticated
    public Response requestRemoval(@PathParam("reference") String reference, @FormParam("platform") String platform,
                                   @FormParam("location") String location, @FormParam("owner") String owner,
                                   @FormParam("ownerName") String ownerName, @FormParam("asked") String asked,
                                   @FormParam("askedEmail") String askedEmail, @FormParam("dueAt") String dueAt) {
        return act(reference, found -> {
            Person viewer = viewer().orElseThrow();
            Map<String, String> errors = new LinkedHashMap<>();
            problem(errors, "platform", "The platform", textProblem(platform, PLATFORM_MAX, true));
            problem(errors, "location", "Where the post is", textProblem(location, LOCATION_MAX, true));
            boolean ownerOutside = OUTSIDE.equals(owner);
            if (owner != null && !owner.isBlank() && !ownerOutside && !removalViews.inDirectory(owner)) {
                errors.put("owner", "\u201c" + owner + "\u201d is not one of the choices");
            }
            problem(errors, "ownerName", "The owner's name", ownerOutside ? textProblem(ownerName, NAME_MAX, false) : null);
            boolean askedOutside = OUTSIDE.equals(asked);
            if (asked == null || asked.isBlank()) {
                errors.put("asked", "Choose who is asked to remove the post");
            } else if (!askedOutside && !removalViews.inDirectory(asked)) {
                errors.put("asked", "\u201c" + asked + "\u201d is not one of the choices");
            }
            if (askedOutside) {
                EmailAddress.problem(askedEmail).ifPresent(problem -> errors.put("askedEmail", "The email address " + problem));
            }
            Optional<Instant> due = removalViews.due(dueAt, viewer);
            Instant now = clock.instant();
            if (due.isEmpty()) {
                errors.put("dueAt", "The deadline is not a date and time: give one like 2026-11-28 14:30");
            } else if (!due.get().isAfter(now)) {
                errors.put("dueAt", "The deadline has passed: give one in the future");
            } else if (due.get().isAfter(now.plus(REMOVAL_WITHIN_MAX))) {
                errors.put("dueAt", "The deadline is more than " + REMOVAL_WITHIN_MAX.toDays() + " days away: give a nearer one");
            }
            if (!errors.isEmpty()) {
                String[] fields = {"platform", platform, "location", location, "owner", owner, "ownerName", ownerName,
                        "asked", asked, "askedEmail", askedEmail, "dueAt", dueAt};
                Map<String, String> entered = new LinkedHashMap<>();
                for (int i = 0; i < fields.length; i += 2) {
                    entered.put(fields[i], fields[i + 1] == null ? "" : fields[i + 1]);
                }
                return casePage(reference, null, errors, entered);
            }
            RemovalRequests.Draft draft = new RemovalRequests.Draft(platform.strip(), location.strip(),
                    ownerOutside || owner == null || owner.isBlank() ? null : owner,
                    ownerOutside && ownerName != null && !ownerName.isBlank() ? ownerName.strip() : null,
                    askedOutside ? null : asked, askedOutside ? askedEmail.strip() : null, due.get());
            if (removals.record(found.record().escalationCase().id, actor(), draft).isEmpty()) {
                return purged(reference, "platform");
            }
            return done(reference, "removal-requested");
        });
    }

    /** A member of staff checked that a post its owner says is removed is gone, from a client that attaches nothing. */
    @POST
    @Path("{reference}/removal-requests/{number}/confirm")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Authenticated
    public Response confirmRemoved(@PathParam("reference") String reference, @PathParam("number") String number) {
        return confirmRemoved(reference, number, Optional.empty());
    }

    /**
     * The same from the case page's form, which may attach a screenshot as evidence. A file that is not one is
     * shown beside the field, or answered as a problem to a client that asks for JSON.
     */
    @POST
    @Path("{reference}/removal-requests/{number}/confirm")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Produces({MediaType.TEXT_HTML, Problem.MEDIA_TYPE})
    @Authenticated
    public Response confirmRemovedWithEvidence(@PathParam("reference") String reference, @PathParam("number") String number,
                                               @RestForm(EVIDENCE) FileUpload evidence) {
        // A form whose file field was left empty still sends a nameless, empty part.
        boolean chosen = evidence != null && (evidence.size() > 0 || (evidence.fileName() != null && !evidence.fileName().isBlank()));
        return confirmRemoved(reference, number, chosen ? Optional.of(evidence) : Optional.empty());
    }

    private Response confirmRemoved(String reference, String number, Optional<FileUpload> evidence) {
        return act(reference, found -> {
            Optional<Integer> parsed = parse(number, "number", new LinkedHashMap<>(), Integer::parseInt);
            Optional<RemovalScreenshot> screenshot = Optional.empty();
            if (evidence.isPresent()) {
                try {
                    screenshot = Optional.of(RemovalScreenshot.of(evidence.get().size(), firstBytes(evidence.get())));
                } catch (RemovalScreenshot.Rejected rejected) {
                    String field = EVIDENCE + "-" + parsed.orElse(0);
                    String words = "The screenshot " + rejected.getMessage();
                    if (wantsProblem()) {
                        return ProblemMapper.fields(rejected.status(), "The screenshot cannot be used",
                                List.of(new Problem.FieldError(EVIDENCE, words)));
                    }
                    return casePage(reference, null, Map.of(field, words), Map.of(), rejected.status());
                }
            }
            if (parsed.isEmpty() || !removals.confirmRemoved(found.record().escalationCase().id, parsed.get(), actor(), screenshot)) {
                return messages.show(409, "Nothing to confirm", "This removal request is not waiting for anyone to check it:"
                        + " it may have been confirmed already. The case's page shows where it stands.");
            }
            return done(reference, "removal-confirmed");
        });
    }

    /** The screenshot that confirms a removal, as a download in the type its first bytes showed. */
    @GET
    @Path("{reference}/removal-requests/{number}/evidence")
    @Authenticated
    public Response removalEvidence(@PathParam("reference") String reference, @PathParam("number") String number) {
        Optional<Person> viewer = viewer();
        Optional<CaseQueries.CaseHistory> found = viewer.flatMap(person -> visibleCase(reference, person));
        Optional<Integer> parsed = parse(number, "number", new LinkedHashMap<>(), Integer::parseInt);
        Optional<RemovalScreenshot> screenshot = found.isEmpty() || parsed.isEmpty() ? Optional.empty()
                : removals.screenshot(found.get().record().escalationCase().id, parsed.get(), actor());
        if (screenshot.isEmpty()) {
            return notFound(reference);
        }
        byte[] content = screenshot.get().content();
        return download(content, screenshot.get().type().mediaType(),
                "attachment; filename=\"" + screenshot.get().fileName(reference, parsed.get()) + "\"")
                .header("Content-Length", content.length).build();
    }

    private static void problem(Map<String, String> errors, String field, String label, String problem) {
        if (problem != null) {
            errors.put(field, label + " " + problem);
        }
    }

    /** An evidence file as a download, never shown inline: the browser saves it and runs nothing in it. */
    @GET
    @Path("{reference}/evidence/{evidenceId}")
    @Authenticated
    public Response evidence(@PathParam("reference") String reference, @PathParam("evidenceId") String evidenceId) {
        return file(reference, evidenceId, AuditEntry.Action.DOWNLOADED_EVIDENCE);
    }

    /** A thumbnail intake re-encoded from an image: a PNG of its own making, whatever was uploaded. */
    @GET
    @Path("{reference}/evidence/{evidenceId}/thumbnail")
    @Authenticated
    public Response thumbnail(@PathParam("reference") String reference, @PathParam("evidenceId") String evidenceId) {
        return file(reference, evidenceId, AuditEntry.Action.VIEWED_EVIDENCE);
    }

    private Response file(String reference, String evidenceId, AuditEntry.Action action) {
        Optional<Person> viewer = viewer();
        Optional<CaseQueries.CaseHistory> found = viewer.flatMap(person -> visibleCase(reference, person));
        Optional<UUID> id = uuid(evidenceId);
        if (found.isEmpty() || id.isEmpty()) {
            return notFound(reference);
        }
        UUID caseId = found.get().record().escalationCase().id;
        UUID reportId = found.get().record().escalationCase().reportId;
        audit.record(actor(), action, caseId, id.get().toString());
        Optional<IntakeReports.Download> download;
        try {
            download = action == AuditEntry.Action.VIEWED_EVIDENCE ? intake.thumbnail(reportId, id.get()) : intake.evidence(reportId, id.get());
        } catch (IntakeReports.Unavailable e) {
            LOG.warnf("Case %s: evidence could not be read from the intake service: %s", reference, e.getMessage());
            return messages.intakeUnavailable("The evidence cannot be read just now");
        }
        if (download.isEmpty()) {
            return notFound(reference);
        }
        IntakeReports.Download file = download.get();
        boolean thumbnail = action == AuditEntry.Action.VIEWED_EVIDENCE;
        if (thumbnail && !"image/png".equals(file.mediaType())) {
            closeQuietly(file.body());
            return notFound(reference);
        }
        StreamingOutput body = output -> {
            try (InputStream in = file.body()) {
                in.transferTo(output);
            }
        };
        Response.ResponseBuilder response = download(body, thumbnail ? "image/png" : file.mediaType(),
                thumbnail ? "inline" : attachment(file.contentDisposition()));
        if (file.length() >= 0) {
            response.header("Content-Length", file.length());
        }
        return response.build();
    }

    /** A file staff asked for: of the type named, nothing in it run, not kept by the browser or a proxy. */
    private static Response.ResponseBuilder download(Object body, String mediaType, String disposition) {
        return Response.ok(body, mediaType)
                .header("Content-Disposition", disposition)
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", "sandbox; default-src 'none'")
                .header("Cache-Control", "no-store")
                .header("Referrer-Policy", "no-referrer");
    }

    /** Intake names the file; whatever it says, the browser is told to save it. */
    private static String attachment(String fromIntake) {
        return fromIntake != null && fromIntake.startsWith("attachment") ? fromIntake : "attachment";
    }

    private Response casePage(String reference, String done, Map<String, String> errors, Map<String, String> entered) {
        return casePage(reference, done, errors, entered, errors.isEmpty() ? 200 : 400);
    }

    private Response casePage(String reference, String done, Map<String, String> errors, Map<String, String> entered, int status) {
        Optional<Person> viewer = viewer();
        if (viewer.isEmpty()) {
            return notInDirectory();
        }
        Optional<CaseQueries.CaseHistory> found = visibleCase(reference, viewer.get());
        if (found.isEmpty()) {
            return notFound(reference);
        }
        CaseQueries.CaseHistory history = found.get();
        UUID caseId = history.record().escalationCase().id;
        // The view is on the trail before the report is read, so that no read goes unrecorded.
        audit.record(actor(), AuditEntry.Action.VIEWED_REPORT, caseId, null);
        ReportContent report = null;
        boolean reportUnavailable = false;
        boolean purged = history.record().escalationCase().purgedAt != null;
        try {
            report = purged ? null : intake.report(history.record().escalationCase().reportId).orElse(null);
            reportUnavailable = !purged && report == null;
        } catch (IntakeReports.Unavailable e) {
            LOG.warnf("Case %s: the report could not be read from the intake service: %s", reference, e.getMessage());
            reportUnavailable = true;
        }
        TemplateInstance page = staffCase
                .data("view", views.casePage(history, viewer.get(), report))
                .data("report", report)
                .data("reportUnavailable", reportUnavailable)
                .data("canAcknowledge", acknowledgements.canAcknowledge(caseId, viewer.get().id()))
                .data("notes", views.notes(notes.of(caseId), viewer.get()))
                .data("thread", report == null ? List.of() : views.messages(report.messages(), viewer.get()))
                .data("audit", CaseAccess.seesAudit(viewer.get()) ? views.audit(audit.of(caseId), viewer.get()) : null)
                .data("placesLegalHolds", !purged && CaseAccess.placesLegalHolds(viewer.get()))
                .data("removals", removalViews.requests(removals.of(caseId), viewer.get()))
                .data("removalForm", purged ? null : removalViews.form(viewer.get(), clock.instant(),
                        removals.defaultDeadline(history.record().escalationCase().category)))
                .data("done", done)
                .data("errors", errors)
                .data("entered", entered);
        return HtmlPages.page(status, page.render());
    }

    private Response act(String reference, Function<CaseQueries.CaseHistory, Response> action) {
        Optional<Person> viewer = viewer();
        if (viewer.isEmpty()) {
            return notInDirectory();
        }
        return visibleCase(reference, viewer.get()).map(action).orElseGet(() -> notFound(reference));
    }

    /** An action only the Chief Executive may take: others who may see the case are refused, 403. */
    private Response actAsLegalHolder(String reference, Function<CaseQueries.CaseHistory, Response> action) {
        return act(reference, found -> CaseAccess.placesLegalHolds(viewer().orElseThrow()) ? action.apply(found)
                : messages.show(403, "Only the Chief Executive places and lifts legal holds",
                        "Ask the Chief Executive if this case must be kept past its retention period."));
    }

    private Optional<CaseQueries.CaseHistory> visibleCase(String reference, Person viewer) {
        return queries.historyByReference(reference).filter(found -> CaseAccess.canSee(viewer, found.record().accessFacts()));
    }

    private static Response done(String reference, String what) {
        // After a change, a GET of the page: reloading it does not post the form again.
        return Response.seeOther(URI.create("/cases/" + URLEncoder.encode(reference, StandardCharsets.UTF_8)
                + "?done=" + what)).build();
    }

    private Response notFound(String reference) {
        return messages.show(404, "No case " + reference + " that you may see",
                "Check the reference in the message you received. Cases about you, and cases the policy does not give you, are not shown.");
    }

    private Response notInDirectory() {
        return messages.notInDirectory();
    }

    private Optional<Person> viewer() {
        return details.staffMember(identity);
    }

    private AuditTrail.Actor actor() {
        return ClientAddress.actor(identity, request);
    }

    /** Why a text field cannot be kept, or null when it can. */
    /** The case page again, saying beside {@code field} that the case was purged while the form was open. */
    private Response purged(String reference, String field) {
        return casePage(reference, null, Map.of(field, "The case has been purged: nothing more is written about it"), Map.of());
    }

    private static String textProblem(String text, int max, boolean required) {
        if (text == null || text.isBlank()) {
            return required ? "is empty: write a few words" : null;
        }
        if (text.indexOf('\u0000') >= 0) {
            return "contains a character that cannot be stored (NUL)";
        }
        if (text.strip().length() > max) {
            return "is too long: at most " + max + " characters";
        }
        return null;
    }

    private static <T> Optional<T> parse(String value, String field, Map<String, String> errors, Function<String, T> parser) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(parser.apply(value));
        } catch (RuntimeException e) {
            errors.put(field, "\u201c" + value + "\u201d is not one of the choices");
            return Optional.empty();
        }
    }

    /** A client that asks for JSON, not a page, gets a problem: the case page's form asks for HTML. */
    private boolean wantsProblem() {
        String accept = request.getHeader("Accept");
        return accept != null && accept.contains("json") && !accept.contains("text/html");
    }

    /** The upload's first {@link RemovalScreenshot#MAX_BYTES} + 1 bytes: enough to tell that it is too large. */
    private static byte[] firstBytes(FileUpload upload) {
        try (InputStream input = Files.newInputStream(upload.uploadedFile())) {
            return input.readNBytes(RemovalScreenshot.MAX_BYTES + 1);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read an uploaded file", e);
        }
    }

    private static Optional<UUID> uuid(String value) {
        try {
            return Optional.of(UUID.fromString(value));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException e) {
            // Nothing more to read from it either way.
        }
    }
}
