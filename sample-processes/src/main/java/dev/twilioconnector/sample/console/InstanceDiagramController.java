package dev.twilioconnector.sample.console;

import org.flowable.common.engine.api.FlowableObjectNotFoundException;
import org.flowable.engine.RepositoryService;
import org.flowable.engine.RuntimeService;
import org.flowable.engine.repository.ProcessDefinition;
import org.flowable.engine.runtime.ProcessInstance;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * What the console's script ({@code console-diagrams.js}) draws for a running instance: its process's BPMN and
 * where it waits. Under {@code /console/}, so behind the console's login in live mode.
 */
@RestController
public class InstanceDiagramController {

    private final RuntimeService runtime;
    private final RepositoryService repository;

    public InstanceDiagramController(RuntimeService runtime, RepositoryService repository) {
        this.runtime = runtime;
        this.repository = repository;
    }

    /** 404 for an instance that has ended (or never was): only running instances wait anywhere. */
    @GetMapping("/console/instances/{id}/diagram.json")
    public ResponseEntity<InstanceDiagram> diagram(@PathVariable String id) {
        ProcessInstance instance = runtime.createProcessInstanceQuery().processInstanceId(id).singleResult();
        if (instance == null) {
            return ResponseEntity.notFound().build();
        }
        try {
            return ResponseEntity.ok(new InstanceDiagram(deployedXml(instance.getProcessDefinitionId()), runtime.getActiveActivityIds(id)));
        } catch (FlowableObjectNotFoundException endedMeanwhile) {
            return ResponseEntity.notFound().build();
        }
    }

    private String deployedXml(String processDefinitionId) {
        ProcessDefinition definition = repository.getProcessDefinition(processDefinitionId);
        try (InputStream xml = repository.getResourceAsStream(definition.getDeploymentId(), definition.getResourceName())) {
            return new String(xml.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
