package org.safereport.intake.domain;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DecodersTest {

    @Test
    void aDecodeWaitsForTheTurnAndIsBusyWhenItDoesNotComeInTime() throws Exception {
        Decoders decoders = new Decoders(1, Duration.ofMillis(200));
        CountDownLatch decoding = new CountDownLatch(1);
        CountDownLatch finish = new CountDownLatch(1);
        ExecutorService other = Executors.newSingleThreadExecutor();
        try {
            Future<String> first = other.submit(() -> decoders.inTurn(() -> {
                decoding.countDown();
                finish.await();
                return "first";
            }));
            decoding.await();
            assertThatThrownBy(() -> decoders.inTurn(() -> "second")).isInstanceOf(Decoders.Busy.class);
            finish.countDown();
            assertThat(first.get()).isEqualTo("first");
            assertThat(decoders.inTurn(() -> "third")).as("the turn is given back").isEqualTo("third");
        } finally {
            other.shutdownNow();
        }
    }

    @Test
    void aFailedDecodeGivesItsTurnBack() throws Exception {
        Decoders decoders = new Decoders(1, Duration.ofMillis(200));
        assertThatThrownBy(() -> decoders.inTurn(() -> {
            throw new java.io.IOException("truncated");
        })).hasMessage("truncated");
        assertThat(decoders.inTurn(() -> "next")).isEqualTo("next");
    }
}
