package org.safereport.escalation.domain.trustees;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The trustees' report for one period: counts and times per category and in total, from the facts of the cases
 * reported in it. Counts only: nothing in it names or describes anyone.
 */
public record TrusteesFigures(ReportingPeriod period, List<CategoryFigures> categories, CategoryFigures total) {

    /** How a category is headed in the report, and the first deadline the policy in force gives it. */
    public record CategoryHeading(String code, String label, String deadline) {
    }

    /**
     * @param deadline the first recipient's deadline in words, as the policy in force states it; {@code null} for
     *                 the total and for a category the policy no longer has
     */
    public record CategoryFigures(String code, String label, String deadline, int reports, int acknowledged,
                                  int acknowledgedWithinDeadline, Optional<Duration> medianTimeToAcknowledge,
                                  Optional<Duration> ninetiethPercentileTimeToAcknowledge, int wentOverdue,
                                  int reachedEndOfChain) {

        /** The share acknowledged within the first deadline, as a whole percentage of the reports; 0 of none. */
        public int percentWithinDeadline() {
            return reports == 0 ? 0 : Math.round(100f * acknowledgedWithinDeadline / reports);
        }
    }

    /**
     * The figures for {@code cases}, a line per category in the policy's order (every category, with nothing
     * reported in some), then a line for each category the cases have that the policy no longer does.
     */
    public static TrusteesFigures of(ReportingPeriod period, List<CategoryHeading> headings, List<CaseFacts> cases) {
        Map<String, CategoryHeading> byCode = new LinkedHashMap<>();
        headings.forEach(heading -> byCode.put(heading.code(), heading));
        cases.forEach(facts -> byCode.putIfAbsent(facts.category(), new CategoryHeading(facts.category(), facts.category(), null)));
        List<CategoryFigures> lines = new ArrayList<>();
        byCode.values().forEach(heading -> lines.add(figures(heading, cases.stream().filter(facts -> facts.category().equals(heading.code())).toList())));
        return new TrusteesFigures(period, List.copyOf(lines), figures(new CategoryHeading("ALL", "All reports", null), cases));
    }

    private static CategoryFigures figures(CategoryHeading heading, List<CaseFacts> cases) {
        List<Duration> times = cases.stream().flatMap(facts -> facts.timeToAcknowledge().stream()).toList();
        return new CategoryFigures(heading.code(), heading.label(), heading.deadline(), cases.size(), times.size(),
                count(cases, CaseFacts::acknowledgedWithinDeadline), TimeTaken.median(times), TimeTaken.ninetiethPercentile(times),
                count(cases, CaseFacts::wentOverdue), count(cases, CaseFacts::reachedEndOfChain));
    }

    private static int count(List<CaseFacts> cases, Predicate<CaseFacts> which) {
        return (int) cases.stream().filter(which).count();
    }
}
