package dev.twilioconnector.sample.console;

/**
 * A process instance a message went to or came from, as the console names it.
 *
 * @param id         the instance id
 * @param processKey its process definition key
 * @param running    whether it has not ended
 */
public record InstanceLink(String id, String processKey, boolean running) {

    /** The start of its id: enough to tell instances apart on one page. */
    public String shortId() {
        return id.length() > 8 ? id.substring(0, 8) : id;
    }
}
