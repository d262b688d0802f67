package org.safereport.intake.domain;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Turns at decoding evidence. Decoding an image or parsing a PDF is the one thing in intake whose heap
 * grows with the file, and the service runs in 256 MB: uploads and thumbnails share one instance, so that
 * together they never decode more than a few files at once.
 */
public final class Decoders {

    /** No turn came free within the wait: the service is busy, and the client may try again shortly. */
    public static class Busy extends Exception {
        Busy() {
            super("no decoding turn came free in time");
        }
    }

    /** Work that decodes a file, done in a turn. */
    @FunctionalInterface
    public interface Decoding<T, E extends Exception> {
        T run() throws E;
    }

    private final Semaphore turns;
    private final Duration wait;

    /**
     * @param turns how many files may be decoded at once
     * @param wait  how long a decode waits for its turn before {@link Busy}
     */
    public Decoders(int turns, Duration wait) {
        this.turns = new Semaphore(turns, true);
        this.wait = wait;
    }

    public <T, E extends Exception> T inTurn(Decoding<T, E> decoding) throws E, Busy {
        try {
            if (!turns.tryAcquire(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new Busy();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Busy();
        }
        try {
            return decoding.run();
        } finally {
            turns.release();
        }
    }
}
