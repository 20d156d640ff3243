package dev.twilioconnector.sample;

import org.flowable.bpmn.converter.BpmnXMLConverter;
import org.flowable.bpmn.model.BoundaryEvent;
import org.flowable.bpmn.model.BpmnModel;
import org.flowable.bpmn.model.FlowNode;
import org.flowable.bpmn.model.GraphicInfo;
import org.flowable.bpmn.model.Process;
import org.flowable.bpmn.model.SequenceFlow;
import org.flowable.bpmn.model.SubProcess;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every sample process can be drawn: the console shows running instances on their BPMN diagram, which bpmn-js
 * draws only from the file's diagram interchange (BPMNDiagram). A node without a shape would be missing from the
 * picture, and a waiting instance might then show no marker at all.
 */
class SampleDiagramsTest {

    static Stream<Resource> sampleProcesses() throws IOException {
        Resource[] files = new PathMatchingResourcePatternResolver().getResources("classpath:processes/*.bpmn20.xml");
        assertThat(files).as("the sample processes").hasSizeGreaterThanOrEqualTo(4);
        return Stream.of(files);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sampleProcesses")
    void everyNodeHasAShapeAndEveryFlowAPath(Resource file) {
        BpmnModel model = read(file);
        for (Process process : model.getProcesses()) {
            for (FlowNode node : process.findFlowElementsOfType(FlowNode.class, true)) {
                assertThat(model.getGraphicInfo(node.getId())).as("the shape of %s in %s", node.getId(), file.getFilename()).isNotNull();
            }
            for (SequenceFlow flow : process.findFlowElementsOfType(SequenceFlow.class, true)) {
                assertThat(model.getFlowLocationGraphicInfo(flow.getId())).as("the path of %s in %s", flow.getId(), file.getFilename())
                        .hasSizeGreaterThanOrEqualTo(2);
            }
        }
    }

    /** Hand-placed shapes: what a sub-process holds is drawn inside it, and a boundary event on its host's edge. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("sampleProcesses")
    void subProcessesHoldTheirNodesAndBoundaryEventsSitOnTheirHost(Resource file) {
        BpmnModel model = read(file);
        for (Process process : model.getProcesses()) {
            for (SubProcess subProcess : process.findFlowElementsOfType(SubProcess.class, true)) {
                GraphicInfo outline = model.getGraphicInfo(subProcess.getId());
                for (FlowNode inner : subProcess.findAllSubFlowElementInFlowMapOfType(FlowNode.class)) {
                    GraphicInfo shape = model.getGraphicInfo(inner.getId());
                    assertThat(shape.getX() >= outline.getX() && shape.getX() + shape.getWidth() <= outline.getX() + outline.getWidth()
                            && shape.getY() >= outline.getY() && shape.getY() + shape.getHeight() <= outline.getY() + outline.getHeight())
                            .as("%s drawn inside %s", inner.getId(), subProcess.getId()).isTrue();
                }
            }
            for (BoundaryEvent boundary : process.findFlowElementsOfType(BoundaryEvent.class, true)) {
                GraphicInfo host = model.getGraphicInfo(boundary.getAttachedToRefId());
                GraphicInfo shape = model.getGraphicInfo(boundary.getId());
                double centreX = shape.getX() + shape.getWidth() / 2;
                double centreY = shape.getY() + shape.getHeight() / 2;
                boolean onVerticalEdge = List.of(host.getX(), host.getX() + host.getWidth()).contains(centreX)
                        && centreY >= host.getY() && centreY <= host.getY() + host.getHeight();
                boolean onHorizontalEdge = List.of(host.getY(), host.getY() + host.getHeight()).contains(centreY)
                        && centreX >= host.getX() && centreX <= host.getX() + host.getWidth();
                assertThat(onVerticalEdge || onHorizontalEdge).as("%s on the edge of %s", boundary.getId(), boundary.getAttachedToRefId()).isTrue();
            }
        }
    }

    /** As Flowable reads it at deployment, checked against the BPMN schema (DI included). */
    private static BpmnModel read(Resource file) {
        return new BpmnXMLConverter().convertToBpmnModel(() -> {
            try {
                return file.getInputStream();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, true, true);
    }
}
