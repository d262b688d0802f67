package org.safereport.bench;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class CpuPerRequestTest {

    @Test
    void eachProcessesCpuIsSharedOverThePhasesRequestsAndSummed() {
        Map<String, Long> cpu = new LinkedHashMap<>();
        cpu.put("intake-service", 1_500L);
        cpu.put("postgresql (all processes)", 750L);
        Results.Run run = run(List.of(phase("SafeReport", 500, cpu), phase("Alertmanager", 250, Map.of("alertmanager", 500L))));

        List<List<String>> rows = Results.cpuPerRequest(run);

        assertThat(rows).containsExactly(
                List.of("system", "phase", "rate/s", "intake-service", "postgresql (all processes)", "alertmanager", "sum"),
                List.of("SafeReport", "fixed", "50", "3.00", "1.50", "-", "4.50"),
                List.of("Alertmanager", "fixed", "50", "-", "-", "2.00", "2.00"));
    }

    @Test
    void aPhaseThatSentNothingHasNoRow() {
        Results.Run run = run(List.of(phase("SafeReport", 0, Map.of("intake-service", 10L))));

        assertThat(Results.cpuPerRequest(run)).hasSize(1);
    }

    private static PhaseResult phase(String system, int sent, Map<String, Long> cpu) {
        Stats none = Stats.of(List.of());
        return new PhaseResult(system, "fixed", 50, 50, sent, sent, 0, none, none, sent, 50, cpu, Map.of(), Map.of(), true, List.of());
    }

    private static Results.Run run(List<PhaseResult> phases) {
        return new Results.Run("20261127-190000", Map.of(), Map.of(), phases, List.of(), null, null);
    }
}
