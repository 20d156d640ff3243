package dev.twilioconnector.flowable;

import dev.twilioconnector.emulator.TwilioEmulator;
import org.flowable.engine.ProcessEngine;
import org.flowable.engine.impl.cfg.StandaloneInMemProcessEngineConfiguration;
import tools.jackson.databind.json.JsonMapper;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Run by {@link SmallHeapSendSmsTest} in a JVM of its own with a 256 MB heap: an engine with the plugin at its
 * default render timeout, SEND_SMS tasks whose bodies would need gigabytes, then an ordinary one. Prints one
 * line per case, {@value #MARKER} followed by JSON, for the test to check.
 */
public final class SmallHeapSendSms {

    static final String MARKER = "SMALL-HEAP-CASE ";

    /** Case name → smsBody. */
    static final Map<String, String> CASES = new LinkedHashMap<>();

    static {
        // 200,000,000 × 10 characters: 2 GB of text if it were written out (4 GB as a Java String).
        CASES.put("writesTwoGigabytes", "<#list 1..200000000 as i>xxxxxxxxxx</#list>");
        // One string of 2,147,483,648 characters, doubled 31 times before anything is written.
        CASES.put("doublesToTwoGigabytes", "<#assign s = 'x'><#list 1..31 as i><#assign s = s + s></#list>${s}");
        // The same 2 GB, captured into a variable, where FreeMarker would buffer it without the length bound: refused.
        CASES.put("capturesTwoGigabytes", "<#assign captured><#list 1..200000000 as i>xxxxxxxxxx</#list></#assign>${captured}");
        CASES.put("ordinaryAfterwards", "Hello ${customer.name}");
    }

    private SmallHeapSendSms() {
    }

    public static void main(String[] args) {
        TwilioEmulator twilio = TwilioEmulator.start();
        StandaloneInMemProcessEngineConfiguration configuration = new StandaloneInMemProcessEngineConfiguration();
        configuration.setJdbcUrl("jdbc:h2:mem:twilio-small-heap;DB_CLOSE_DELAY=-1");
        configuration.setAsyncExecutorActivate(false);
        configuration.setConfigurators(List.of(new TwilioConnectorConfigurator(EngineSettings.of(twilio))));
        ProcessEngine engine = configuration.buildProcessEngine();
        try {
            engine.getRepositoryService().createDeployment()
                    .addClasspathResource("dev/twilioconnector/flowable/sendSmsFromVariables.bpmn20.xml").deploy();
            JsonMapper json = JsonMapper.builder().build();
            for (Map.Entry<String, String> entry : CASES.entrySet()) {
                Map<String, Object> variables = new HashMap<>();
                variables.put("smsFrom", "+15005550006");
                variables.put("smsTo", "+15551230001");
                variables.put("smsBody", entry.getValue());
                variables.put("customer", Map.of("name", "Ada"));
                long started = System.nanoTime();
                String pid = engine.getRuntimeService().startProcessInstanceByKey("sendSmsFromVariables", variables).getId();
                long millis = (System.nanoTime() - started) / 1_000_000;
                Map<String, Object> outputs = ProcessOutputs.ofEnded(engine.getHistoryService(), pid);
                Map<String, Object> line = new LinkedHashMap<>();
                line.put("case", entry.getKey());
                line.put("millis", millis);
                line.put("maxHeap", Runtime.getRuntime().maxMemory());
                line.put("interrupted", Thread.currentThread().isInterrupted());
                line.put("twilioError", outputs.get("twilioError"));
                line.put("twilioResult", outputs.get("twilioResult"));
                line.put("sent", twilio.counts().accepted());
                System.out.println(MARKER + json.writeValueAsString(line));
            }
        } finally {
            engine.close();
            twilio.close();
        }
        System.exit(0);
    }
}
