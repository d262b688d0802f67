package org.safereport.bench;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StatsTest {

    @Test
    void percentilesOfOneToHundredAreTheirOwnRank() {
        long[] values = LongStream.rangeClosed(1, 100).map(ms -> ms * 1000).toArray();

        Stats stats = Stats.of(values);

        assertThat(stats.count()).isEqualTo(100);
        assertThat(stats.p50()).isEqualTo(50.0);
        assertThat(stats.p95()).isEqualTo(95.0);
        assertThat(stats.p99()).isEqualTo(99.0);
        assertThat(stats.max()).isEqualTo(100.0);
        assertThat(stats.mean()).isEqualTo(50.5);
    }

    @Test
    void nearestRankPicksAMeasuredValueNeverAnInterpolatedOne() {
        long[] sorted = {10, 20, 30, 40};

        assertThat(Stats.percentile(sorted, 50)).isEqualTo(20);
        assertThat(Stats.percentile(sorted, 51)).isEqualTo(30);
        assertThat(Stats.percentile(sorted, 99)).isEqualTo(40);
        assertThat(Stats.percentile(sorted, 0)).isEqualTo(10);
    }

    @Test
    void orderOfTheSamplesDoesNotMatter() {
        assertThat(Stats.of(List.of(5000L, 1000L, 3000L))).isEqualTo(Stats.of(List.of(1000L, 3000L, 5000L)));
        assertThat(Stats.of(List.of(5000L, 1000L, 3000L)).p50()).isEqualTo(3.0);
    }

    @Test
    void aSingleOutlierShowsInMaxAndP99OfASmallSample() {
        long[] values = LongStream.concat(LongStream.generate(() -> 1000).limit(99), LongStream.of(250_000)).toArray();

        Stats stats = Stats.of(values);

        assertThat(stats.p99()).isEqualTo(1.0);
        assertThat(stats.max()).isEqualTo(250.0);
    }

    @Test
    void noSamplesGiveEmptyStats() {
        assertThat(Stats.of(new long[0]).count()).isZero();
        assertThatThrownBy(() -> Stats.percentile(new long[0], 50)).isInstanceOf(IllegalArgumentException.class);
    }
}
