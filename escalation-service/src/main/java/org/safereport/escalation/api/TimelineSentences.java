package org.safereport.escalation.api;

import org.safereport.escalation.domain.CaseState;
import org.safereport.escalation.domain.directory.Directory;
import org.safereport.escalation.domain.directory.Person;
import org.safereport.escalation.domain.policy.Role;
import org.safereport.escalation.persistence.TimelineEntry;

import java.util.Comparator;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A case's timeline in words for the staff page. The entries are written for the record (role codes, directory
 * ids, steps counted from 0); this reads them out with role names, people's names and steps counted from 1,
 * as the plan's table counts them.
 */
final class TimelineSentences {

    private static final Map<String, String> WHAT = Map.ofEntries(
            Map.entry("ROUTED", "Routed"), Map.entry("NOTIFIED", "Told"), Map.entry("NOT_NOTIFIED", "Not told"),
            Map.entry("DELIVERY", "Delivery"), Map.entry("ACKNOWLEDGED", "Acknowledged"), Map.entry("ESCALATED", "Escalated"),
            Map.entry("REMINDED", "Reminded"), Map.entry("REROUTED", "Replaced"), Map.entry("UNREACHABLE", "Nobody reachable"),
            Map.entry("LAST_RESORT", "Last resort"), Map.entry("SET_ASIDE", "Set aside"), Map.entry("STATE", "State"),
            Map.entry("NOTE", "Note"), Map.entry("CLOSED", "Closed"), Map.entry("REOPENED", "Reopened"),
            Map.entry("LEGAL_HOLD", "Legal hold"), Map.entry("LEGAL_HOLD_LIFTED", "Legal hold lifted"), Map.entry("PURGED", "Purged"),
            Map.entry("MESSAGE_SENT", "Message to the reporter"), Map.entry("REPLY_RECEIVED", "Reporter replied"),
            Map.entry("REMOVAL_REQUESTED", "Removal requested"), Map.entry("REMOVAL_REMINDED", "Removal reminder"),
            Map.entry("REMOVAL_ANSWERED", "Removal answered"), Map.entry("REMOVAL_CONFIRMED", "Removal confirmed"),
            Map.entry("REMOVAL_OVERDUE", "Removal overdue"), Map.entry("REFERRAL", "Disciplinary referral"));
    private static final Pattern STEP_TO_STEP = Pattern.compile("\\b(category|safeguarding) step (\\d+) -> (\\d+)");
    private static final Pattern STEP = Pattern.compile("\\b(category|safeguarding) step (\\d+)");
    private static final Pattern CHAIN = Pattern.compile("^(category|safeguarding): ");
    private static final Pattern STATE_CHANGE = Pattern.compile("^([A-Z]+) -> ([A-Z]+)$");
    /** A delivery outcome: "category step 0: new-case to dsl by EMAIL sent". */
    private static final Pattern DELIVERY = Pattern.compile(": ([a-z-]+) to (\\S+) by (EMAIL|SMS) ");

    private final Directory directory;

    TimelineSentences(Directory directory) {
        this.directory = directory;
    }

    String what(TimelineEntry entry) {
        return WHAT.getOrDefault(entry.kind, entry.kind);
    }

    String sentence(TimelineEntry entry) {
        if ("ROUTED".equals(entry.kind)) {
            return "The routing policy chose who to tell, and by when: the plan above shows them.";
        }
        Matcher state = STATE_CHANGE.matcher(entry.detail);
        if ("STATE".equals(entry.kind) && state.matches()) {
            return "The case went from \u201c" + CaseStates.label(CaseState.valueOf(state.group(1))) + "\u201d to \u201c"
                    + CaseStates.label(CaseState.valueOf(state.group(2))) + "\u201d.";
        }
        String detail = "DELIVERY".equals(entry.kind) ? DELIVERY.matcher(entry.detail).replaceFirst(match -> ": the "
                + match.group(1).replace('-', ' ') + " message to " + match.group(2) + " by " + match.group(3) + " was ")
                .replace(" was failed for good", " failed for good") : entry.detail;
        String text = STEP_TO_STEP.matcher(detail).replaceAll(match -> chain(match.group(1)) + ": from step "
                + (Integer.parseInt(match.group(2)) + 1) + " to step " + (Integer.parseInt(match.group(3)) + 1));
        text = STEP.matcher(text).replaceAll(match -> chain(match.group(1)) + ", step " + (Integer.parseInt(match.group(2)) + 1));
        text = CHAIN.matcher(text).replaceAll(match -> chain(match.group(1)) + ": ");
        for (Role role : Role.values()) {
            text = text.replaceAll("\\b" + role.name() + "\\b", role.label());
        }
        text = text.replace("EMAIL,SMS", "email and text").replace("by EMAIL", "by email").replace("by SMS", "by text");
        for (Person person : directory.people().stream().sorted(Comparator.comparingInt((Person p) -> p.id().length()).reversed()).toList()) {
            text = text.replaceAll("(?<![\\w-])" + Pattern.quote(person.id()) + "(?![\\w-])", Matcher.quoteReplacement(person.name()));
        }
        return Character.toUpperCase(text.charAt(0)) + text.substring(1) + (text.endsWith(".") ? "" : ".");
    }

    private static String chain(String track) {
        return "category".equals(track) ? "Chain for the category" : "Safeguarding chain";
    }
}
