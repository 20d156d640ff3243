package dev.twilioconnector.sample.console;

import java.util.Date;
import java.util.List;
import java.util.Map;

/**
 * One process instance as the console shows it.
 *
 * @param id           the instance id
 * @param processKey   its process definition key
 * @param startTime    when it started
 * @param endTime      when it ended, or {@code null} while running
 * @param activities   where it waits now (empty once ended)
 * @param variables    its variables, as text, in name order
 */
public record ProcessView(String id, String processKey, Date startTime, Date endTime, List<String> activities,
                          Map<String, String> variables) {
}
