package org.safereport.escalation.domain.routing;

import org.safereport.escalation.domain.directory.Person;

import java.time.Instant;
import java.util.List;

/**
 * A routing decision as people read it (on the case timeline and from the explain endpoint): person
 * ids rather than whole directory entries.
 */
public record Explanation(String policyVersion, String policyHash, String directoryVersion, String routedCategory,
                          List<String> reasons, List<TrackExplanation> tracks) {

    public record TrackExplanation(String name, String category, List<StepExplanation> steps, String reminderEvery,
                                   List<String> reasons) {
    }

    public record StepExplanation(int index, String role, List<String> people, List<String> channels, String within,
                                  Instant dueAt, List<String> reasons) {
    }

    public static Explanation of(RoutingPlan plan, String directoryVersion) {
        return new Explanation(plan.policyVersion(), plan.policyHash(), directoryVersion, plan.category(), plan.reasons(),
                plan.tracks().stream().map(track -> new TrackExplanation(track.name(), track.category(),
                        track.steps().stream().map(step -> new StepExplanation(step.index(), step.role().name(),
                                step.recipients().stream().map(Person::id).toList(),
                                step.channels().stream().map(Enum::name).sorted().toList(), step.deadline().describe(),
                                step.dueAt(), step.reasons())).toList(),
                        track.reminderInterval().describe(), track.reasons())).toList());
    }
}
