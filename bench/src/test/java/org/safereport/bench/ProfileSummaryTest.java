package org.safereport.bench;

import jdk.jfr.Recording;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ProfileSummaryTest {

    @Test
    void cpuSpentInOurCodeIsCountedAsOurs(@TempDir Path folder) throws Exception {
        Path file = folder.resolve("busy.jfr");
        try (Recording recording = new Recording()) {
            recording.enable("jdk.ExecutionSample").withPeriod(Duration.ofMillis(10));
            recording.start();
            long until = System.nanoTime() + Duration.ofMillis(600).toNanos();
            long sink = 0;
            while (System.nanoTime() < until) {
                sink += busyWork(sink);
            }
            recording.stop();
            recording.dump(file);
            assertThat(sink).isNotZero();
        }

        Map<String, Double> shares = ProfileSummary.shares(file);

        assertThat(shares.keySet().iterator().next()).isEqualTo("SafeReport's own code");
        assertThat(shares.values().stream().mapToDouble(Double::doubleValue).sum()).isCloseTo(100.0, within(0.01));
        assertThat(ProfileSummary.describe(List.of(file))).contains("busy.jfr").contains("SafeReport's own code");
    }

    /** Arithmetic in a method of this package, so that the samples' innermost non-JDK frame is ours. */
    private static long busyWork(long seed) {
        long value = seed | 1;
        for (int i = 0; i < 100_000; i++) {
            value = value * 6364136223846793005L + 1442695040888963407L;
        }
        return value;
    }
}
