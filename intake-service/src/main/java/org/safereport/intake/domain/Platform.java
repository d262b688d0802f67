package org.safereport.intake.domain;

/** Where it happened, as the form offers it. */
public enum Platform {
    FACEBOOK("Facebook"),
    INSTAGRAM("Instagram"),
    X("X (Twitter)"),
    TIKTOK("TikTok"),
    SNAPCHAT("Snapchat"),
    WHATSAPP("WhatsApp"),
    YOUTUBE("YouTube"),
    LINKEDIN("LinkedIn"),
    OTHER("Somewhere else");

    private final String label;

    Platform(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
