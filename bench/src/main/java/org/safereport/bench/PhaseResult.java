package org.safereport.bench;

import java.util.List;
import java.util.Map;

/**
 * One system at one rate.
 *
 * @param system "SafeReport" or "Alertmanager"
 * @param phase "fixed" for the fixed rates, "ramp" for the steps towards saturation
 * @param achievedRate requests sent per second, as it turned out
 * @param request from the intended send time to the answer (intake's 201, Alertmanager's 200)
 * @param endToEnd from the intended send time to the SMTP server's receipt of the matching email
 * @param delivered how many accepted requests' emails arrived before the drain wait ended
 * @param emailsPerSecond delivered emails over the time from the first send to the last email
 * @param cpuMillis CPU time each process used in this phase (sending and draining)
 * @param maxLag the highest consumer lag seen per group while sending
 * @param lagAtEnd the lag per group when the last request had been sent
 * @param keptUp no errors, every email arrived, and no group was left further behind than its commit interval plus a second of load, and the latency did not grow over the phase
 */
record PhaseResult(String system, String phase, double rate, double achievedRate, int sent, int accepted, int errors,
                   Stats request, Stats endToEnd, int delivered, double emailsPerSecond,
                   Map<String, Long> cpuMillis, Map<String, Long> maxLag, Map<String, Long> lagAtEnd,
                   boolean keptUp, List<String> errorExamples) {
}
