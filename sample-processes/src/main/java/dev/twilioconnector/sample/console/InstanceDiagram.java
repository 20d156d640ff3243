package dev.twilioconnector.sample.console;

import java.util.List;

/**
 * A running process instance as the console draws it.
 *
 * @param xml     the BPMN file its process was deployed from, with the diagram interchange bpmn-js draws
 * @param waiting the ids of the activities it waits in now: a task, a catch event, an event-based gateway,
 *                and the sub-processes around them
 */
public record InstanceDiagram(String xml, List<String> waiting) {
}
