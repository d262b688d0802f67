package org.safereport.escalation.api;

import io.quarkus.qute.Template;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.safereport.escalation.domain.directory.Person;
import org.safereport.escalation.domain.policy.Role;
import org.safereport.escalation.domain.trustees.AfterTheFirstResponse;
import org.safereport.escalation.domain.trustees.PolicyConfirmations;
import org.safereport.escalation.domain.trustees.ReportingPeriod;
import org.safereport.escalation.domain.trustees.TimeTaken;
import org.safereport.escalation.domain.trustees.TrusteesFigures;
import org.safereport.escalation.domain.trustees.TrusteesFigures.CategoryFigures;
import org.safereport.escalation.trustees.TrusteesReports;
import org.safereport.problem.InvalidFieldException;

import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The trustees' report, for the Chair of Trustees and the Chief Executive: a quarter's or any range's figures as
 * charts drawn on the server, each with the table of its figures beside it, and the same figures as CSV. Counts
 * only. Anyone else signed in gets 403.
 */
@Path("/cases/trustees-report")
public class TrusteesReportPages {

    static final String CSV = "text/csv";
    /** How many quarters back the page offers to choose from; any other range can be typed as dates. */
    private static final int QUARTERS_OFFERED = 8;

    private final CaseDetails details;
    private final TrusteesReports reports;
    private final StaffMessages messages;
    private final SecurityIdentity identity;
    private final Template trusteesReport;

    TrusteesReportPages(CaseDetails details, TrusteesReports reports, StaffMessages messages, SecurityIdentity identity,
                        Template trusteesReport) {
        this.details = details;
        this.reports = reports;
        this.messages = messages;
        this.identity = identity;
        this.trusteesReport = trusteesReport;
    }

    /** A category's figures in words, for a row of the page's tables. */
    record Row(String label, String deadline, int reports, int acknowledged, int acknowledgedWithinDeadline,
               int percentWithinDeadline, String median, String ninetiethPercentile, int wentOverdue, int reachedEndOfChain) {

        static Row of(CategoryFigures line) {
            return new Row(line.label(), line.deadline() == null ? "" : line.deadline(), line.reports(), line.acknowledged(),
                    line.acknowledgedWithinDeadline(), line.percentWithinDeadline(), described(line.medianTimeToAcknowledge()),
                    described(line.ninetiethPercentileTimeToAcknowledge()), line.wentOverdue(), line.reachedEndOfChain());
        }

        private static String described(Optional<Duration> duration) {
            return duration.map(TimeTaken::describe).orElse("none acknowledged");
        }
    }

    /** The period asked for, or what is wrong with each field that asked. */
    private record Asked(Optional<ReportingPeriod> period, Map<String, String> errors) {
    }

    @GET
    @Authenticated
    @Produces(MediaType.TEXT_HTML)
    public Response page(@QueryParam("quarter") String quarter, @QueryParam("from") String from, @QueryParam("to") String to) {
        Optional<Person> me = trustee();
        if (me.isEmpty()) {
            return refused();
        }
        Asked asked = asked(quarter, from, to);
        ReportingPeriod period = shown(asked);
        TrusteesFigures figures = reports.figures(period);
        AfterTheFirstResponse after = reports.afterTheFirstResponse(period);
        List<Count> removals = removalOutcomes(after);
        List<CategoryFigures> categories = figures.categories();
        int mostReports = categories.stream().mapToInt(CategoryFigures::reports).max().orElse(0);
        return HtmlPages.page(asked.errors().isEmpty() ? 200 : 400, trusteesReport.data("me", me.get())
                .data("errors", asked.errors())
                .data("period", period.describe())
                .data("total", Row.of(figures.total()))
                .data("rows", categories.stream().map(Row::of).toList())
                .data("quarters", quartersOffered(period))
                .data("chosenQuarter", asked.errors().isEmpty() && isBlank(from) && isBlank(to) ? period.quarterName().orElse("") : "")
                .data("enteredFrom", isBlank(from) ? "" : from)
                .data("enteredTo", isBlank(to) ? "" : to)
                .data("csvLink", "/cases/trustees-report/figures.csv?" + query(period))
                .data("reportsChart", BarChart.of(categories.stream()
                        .map(line -> new BarChart.Value(line.label(), line.reports(), String.valueOf(line.reports()))).toList(), mostReports))
                .data("withinDeadlineChart", BarChart.of(categories.stream().filter(line -> line.reports() > 0)
                        .map(line -> new BarChart.Value(line.label(), line.percentWithinDeadline(), line.percentWithinDeadline() + "%"))
                        .toList(), 100))
                .data("after", after)
                .data("confirmations", reports.policyConfirmations())
                .data("removals", removals)
                .data("removalsChart", BarChart.of(removals.stream()
                        .map(count -> new BarChart.Value(count.label(), count.value(), String.valueOf(count.value()))).toList(),
                        removals.stream().mapToInt(Count::value).max().orElse(0)))
                .render());
    }

    @GET
    @Path("figures.csv")
    @Authenticated
    @Produces(CSV)
    public Response csv(@QueryParam("quarter") String quarter, @QueryParam("from") String from, @QueryParam("to") String to) {
        if (trustee().isEmpty()) {
            return refused();
        }
        Asked asked = asked(quarter, from, to);
        asked.errors().entrySet().stream().findFirst().ifPresent(error -> {
            throw new InvalidFieldException(error.getKey(), error.getValue());
        });
        ReportingPeriod period = shown(asked);
        TrusteesFigures figures = reports.figures(period);
        StringBuilder csv = new StringBuilder("period_from,period_to,figure,category,category_label,value\r\n");
        List<CategoryFigures> lines = new ArrayList<>(figures.categories());
        lines.add(figures.total());
        for (CategoryFigures line : lines) {
            Map<String, String> values = new LinkedHashMap<>();
            values.put("first_deadline", line.deadline() == null ? "" : line.deadline());
            values.put("reports", String.valueOf(line.reports()));
            values.put("acknowledged", String.valueOf(line.acknowledged()));
            values.put("acknowledged_within_deadline", String.valueOf(line.acknowledgedWithinDeadline()));
            values.put("median_minutes_to_acknowledge", minutes(line.medianTimeToAcknowledge()));
            values.put("p90_minutes_to_acknowledge", minutes(line.ninetiethPercentileTimeToAcknowledge()));
            values.put("went_overdue", String.valueOf(line.wentOverdue()));
            values.put("reached_end_of_chain", String.valueOf(line.reachedEndOfChain()));
            values.forEach((figure, value) -> csvLine(csv, period, figure, line.code(), line.label(), value));
        }
        AfterTheFirstResponse after = reports.afterTheFirstResponse(period);
        removalOutcomes(after).forEach(count -> csvLine(csv, period, count.figure(), "", "", String.valueOf(count.value())));
        csvLine(csv, period, "removal_requests", "", "", String.valueOf(after.removalsRequested()));
        csvLine(csv, period, "referrals_after_refusal", "", "", String.valueOf(after.referralsAfterRefusal()));
        csvLine(csv, period, "referrals_after_missed_deadline", "", "", String.valueOf(after.referralsAfterMissedDeadline()));
        PolicyConfirmations confirmations = reports.policyConfirmations();
        csvLine(csv, period, "policy_version_in_force", "", "", confirmations.policyVersion());
        csvLine(csv, period, "members", "", "", String.valueOf(confirmations.members()));
        csvLine(csv, period, "members_confirmed_policy_in_force", "", "", String.valueOf(confirmations.confirmed()));
        return Response.ok(csv.toString(), CSV + "; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"safereport-trustees-" + period.from() + "-to-"
                        + period.to() + ".csv\"")
                .header("Cache-Control", "no-store")
                .build();
    }

    /** A figure and how the page and the CSV name it. */
    record Count(String label, String figure, int value) {
    }

    /** The removal requests by where they stand, in the order of a request's life. */
    private static List<Count> removalOutcomes(AfterTheFirstResponse after) {
        return List.of(new Count("Waiting for an answer", "removal_requests_awaiting_answer", after.awaitingAnswer()),
                new Count("Said to be removed, waiting for staff to check", "removal_requests_awaiting_check", after.removedAwaitingCheck()),
                new Count("Removed, and checked by staff", "removal_requests_confirmed_removed", after.confirmedRemoved()),
                new Count("Refused", "removal_requests_refused", after.refused()),
                new Count("Not removed by the deadline", "removal_requests_not_removed_by_deadline", after.notRemovedByDeadline()));
    }

    private static void csvLine(StringBuilder csv, ReportingPeriod period, String figure, String category, String label, String value) {
        csv.append(String.join(",", period.from().toString(), period.to().toString(), figure, cell(category), cell(label), cell(value)))
                .append("\r\n");
    }
    /** The period asked for, or else the current quarter. */
    private ReportingPeriod shown(Asked asked) {
        return asked.period().orElseGet(() -> ReportingPeriod.quarterOf(reports.today()));
    }

    /** A quarter, or a range of dates: dates when either is given, else the quarter, else nothing chosen. */
    private static Asked asked(String quarter, String from, String to) {
        Map<String, String> errors = new LinkedHashMap<>();
        if (!isBlank(from) || !isBlank(to)) {
            Optional<LocalDate> start = date(from, "from", "start", errors);
            Optional<LocalDate> end = date(to, "to", "end", errors);
            if (start.isPresent() && end.isPresent()) {
                try {
                    return new Asked(Optional.of(new ReportingPeriod(start.get(), end.get())), errors);
                } catch (IllegalArgumentException e) {
                    errors.put("to", "Give an end date on or after the start date, at most ten years later: " + e.getMessage());
                }
            }
            return new Asked(Optional.empty(), errors);
        }
        if (isBlank(quarter)) {
            return new Asked(Optional.empty(), errors);
        }
        Optional<ReportingPeriod> period = ReportingPeriod.quarter(quarter);
        if (period.isEmpty()) {
            errors.put("quarter", "Choose a quarter, written as year and quarter, for example 2026-Q3");
        }
        return new Asked(period, errors);
    }

    private static Optional<LocalDate> date(String value, String field, String which, Map<String, String> errors) {
        if (isBlank(value)) {
            errors.put(field, "Give the " + which + " date as well, or choose a quarter instead");
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.parse(value.strip()));
        } catch (DateTimeParseException e) {
            errors.put(field, "Give the " + which + " date as a date, for example 2026-07-01");
            return Optional.empty();
        }
    }

    /** The latest quarters, and the one shown when it is older. */
    private List<Map<String, String>> quartersOffered(ReportingPeriod shown) {
        List<ReportingPeriod> quarters = new ArrayList<>();
        ReportingPeriod quarter = ReportingPeriod.quarterOf(reports.today());
        for (int i = 0; i < QUARTERS_OFFERED; i++, quarter = quarter.previousQuarter()) {
            quarters.add(quarter);
        }
        if (shown.quarterName().isPresent() && !quarters.contains(shown)) {
            quarters.add(shown);
        }
        return quarters.stream().map(offered -> Map.of("value", offered.quarterName().orElseThrow(), "label", offered.describe())).toList();
    }

    private static String query(ReportingPeriod period) {
        return period.quarterName().map(name -> "quarter=" + name).orElseGet(() -> "from=" + period.from() + "&to=" + period.to());
    }

    /** A CSV cell (RFC 4180), and never a formula when opened in a spreadsheet. */
    private static String cell(String value) {
        String safe = value.matches("^[=+\\-@\\t\\r].*") ? "'" + value : value;
        return safe.matches(".*[\",\\r\\n].*") ? "\"" + safe.replace("\"", "\"\"") + "\"" : safe;
    }

    private static String minutes(Optional<Duration> duration) {
        return duration.map(value -> String.valueOf(value.toMinutes())).orElse("");
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    /** The Chair of Trustees and the Chief Executive: those the policy makes answerable for how it works. */
    private Optional<Person> trustee() {
        return details.staffMember(identity).filter(person -> person.holds(Role.CHAIR_OF_TRUSTEES) || person.holds(Role.CHIEF_EXECUTIVE));
    }

    private Response refused() {
        return details.staffMember(identity).isEmpty() ? messages.notInDirectory()
                : messages.show(403, "Only the Chair of Trustees and the Chief Executive see the trustees' report",
                "The trustees' report shows how the policy is working across all cases, for those who answer for it.");
    }

}
