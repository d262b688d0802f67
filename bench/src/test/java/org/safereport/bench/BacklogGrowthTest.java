package org.safereport.bench;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

class BacklogGrowthTest {

    @Test
    void aStackThatKeepsUpDoesNotFallFurtherBehind() {
        List<Long> steady = LongStream.range(0, 100).map(i -> i % 2 == 0 ? 40_000 : 90_000).boxed().toList();

        assertThat(Benchmark.backlogGrowthMicros(steady)).isZero();
    }

    @Test
    void aGrowingQueueShowsAsTheLastFifthArrivingLaterThanTheFirst() {
        // 50 ms more with each report: the queue grows by one report's service time each time.
        List<Long> falling = LongStream.range(0, 100).map(i -> 40_000 + i * 50_000).boxed().toList();

        assertThat(Benchmark.backlogGrowthMicros(falling)).isEqualTo(4_000_000);
    }

    @Test
    void tooFewEmailsToSplitInFifthsCountAsNoGrowth() {
        assertThat(Benchmark.backlogGrowthMicros(List.of(10L, 5_000_000L))).isZero();
    }
}
