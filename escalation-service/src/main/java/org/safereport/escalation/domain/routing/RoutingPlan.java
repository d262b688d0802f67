package org.safereport.escalation.domain.routing;

import org.safereport.escalation.domain.directory.Person;
import org.safereport.escalation.domain.policy.Channel;
import org.safereport.time.Deadline;
import org.safereport.escalation.domain.policy.Role;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * The decision for one report: one or two tracks (the category's own chain and, when a young person may
 * be at risk, the safeguarding chain of rule 1), each an ordered list of steps with who is told, on
 * which channels and by when they must acknowledge, and the reasons (which rule fired, who was passed
 * over and why).
 *
 * @param category the category whose rule was applied (the fallback's, for an unknown code)
 * @param reasons the decisions that concern the whole plan
 */
public record RoutingPlan(String policyVersion, String policyHash, String category, List<Track> tracks,
                          List<String> reasons) {

    public RoutingPlan {
        tracks = List.copyOf(tracks);
        reasons = List.copyOf(reasons);
    }

    /** The track of the report's own category. */
    public static final String CATEGORY_TRACK = "category";
    /** The track added by the safeguarding overlay (rule 1). */
    public static final String SAFEGUARDING_TRACK = "safeguarding";

    /**
     * One escalation chain: acknowledging a step stops this track only.
     *
     * @param category the category whose chain this is
     * @param reminderInterval how often the last recipient is reminded once the last deadline has passed (rule 5)
     * @param reasons steps passed over, and why
     */
    public record Track(String name, String category, List<Step> steps, Deadline reminderInterval, List<String> reasons) {

        public Track {
            steps = List.copyOf(steps);
            reasons = List.copyOf(reasons);
        }

        public Step firstStep() {
            return steps.get(0);
        }
    }

    /**
     * @param dueAt when this step's deadline passes, if nobody has acknowledged by then
     * @param reasons why these people, and who was passed over
     */
    public record Step(int index, Role role, List<Person> recipients, Set<Channel> channels, Deadline deadline,
                       Instant dueAt, List<String> reasons) {

        public Step {
            recipients = List.copyOf(recipients);
            channels = Set.copyOf(channels);
            reasons = List.copyOf(reasons);
        }
    }

    public Track track(String name) {
        return tracks.stream().filter(track -> track.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no track " + name));
    }
}
