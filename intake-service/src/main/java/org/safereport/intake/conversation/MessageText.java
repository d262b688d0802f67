package org.safereport.intake.conversation;

/** What a message in the conversation may be: some words, at most {@link ReportConversation#MAX_LENGTH} of them, storable. */
public final class MessageText {

    private MessageText() {
    }

    /** Why {@code text} cannot be sent, in words to show beside the field; null when it can. */
    public static String problem(String text) {
        if (text == null || text.isBlank()) {
            return "is empty: write your message";
        }
        if (text.indexOf('\u0000') >= 0) {
            return "contains a character that cannot be stored (NUL)";
        }
        if (text.strip().length() > ReportConversation.MAX_LENGTH) {
            return "is too long: at most " + ReportConversation.MAX_LENGTH + " characters";
        }
        return null;
    }
}
