package org.safereport.events.notification;

/** How a notification reaches its recipient; each channel of a request is its own delivery. */
public enum Channel {
    EMAIL,
    SMS
}
