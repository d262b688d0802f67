package org.safereport.notification.domain;

import java.util.Arrays;
import java.util.Optional;

/** How a notification reaches its recipient; each channel of a request is its own delivery. */
public enum Channel {
    EMAIL,
    SMS;

    /** The channel named {@code name} exactly as events spell it, if this service knows it. */
    public static Optional<Channel> named(String name) {
        return Arrays.stream(values()).filter(channel -> channel.name().equals(name)).findFirst();
    }
}
