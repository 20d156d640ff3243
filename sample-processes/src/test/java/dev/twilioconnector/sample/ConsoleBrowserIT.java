package dev.twilioconnector.sample;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console in a real browser (Debian's headless Chromium, installed by {@code .ci/run}), one packaged application
 * for both tests: a person texts "Order Number 4711" from the console and sees the order process's answer, the thread of
 * their phone and the new process instance; a reminder started from the console is drawn on its diagram, waiting for the answer.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleBrowserIT {

    private PackagedSample sample;
    private WebDriver browser;

    @BeforeAll
    void start(@TempDir Path work) throws Exception {
        sample = PackagedSample.start(work.resolve("db"), "browser");
        browser = HeadlessChromium.start(work.resolve("profile"));
    }

    @AfterAll
    void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (sample != null) {
            sample.close();
        }
    }

    @Test
    void textsOrderNumber4711AndSeesTheAnswerTheThreadAndTheNewProcessInstance() {
        browser.get(sample.url("/"));
        assertThat(browser.getTitle()).contains("Twilio connector for Flowable");

        type("inbound-from", "+15551234567");
        type("inbound-body", "Order Number 4711");
        browser.findElement(By.id("inbound-send")).click();

        HeadlessChromium.awaitNotice(browser, "Reply: Order 4711: waiting for payment.", "console-failure.png");
        WebElement finished = browser.findElement(By.id("finished"));
        List<WebElement> orderStatus = finished.findElements(By.cssSelector("article[data-process='orderStatus']"));
        assertThat(orderStatus).isNotEmpty();
        assertThat(orderStatus.get(0).getText()).contains("+15551234567").contains("{\"orderNumber\":\"4711\"}");
        assertThat(browser.findElement(By.id("messages")).getText())
                .contains("Order Number 4711").contains("Order 4711: waiting for payment.");

        WebElement thread = browser.findElement(By.cssSelector("#conversations article[data-phone='+15551234567']"));
        List<String> inOrder = thread.findElements(By.cssSelector("li.message .text")).stream().map(WebElement::getText).toList();
        assertThat(inOrder).as("the text, then the process's REPLY as the webhook's answer, and nothing else")
                .containsExactly("Order Number 4711", "Order 4711: waiting for payment.");
        assertThat(thread.findElement(By.cssSelector("li.message.in")).getText()).contains("Order Number 4711");
        assertThat(thread.findElements(By.cssSelector("li.message.in a.instance-link")))
                .as("the text names the instance it started").singleElement()
                .satisfies(link -> assertThat(link.getText()).startsWith("to orderStatus"));
        assertThat(thread.findElement(By.cssSelector("li.message.out")).getText()).contains("the webhook's reply");

        HeadlessChromium.screenshot(browser, "console.png");
        HeadlessChromium.screenshot(thread, "console-thread.png");
        assertThat(HeadlessChromium.errors(browser)).as("no error in the browser console").isEmpty();
    }

    @Test
    void aWaitingReminderIsDrawnOnItsDiagramWithWhereItWaitsMarked() {
        browser.get(sample.url("/"));
        WebElement reminder = browser.findElement(By.cssSelector("form[action='/console/appointment']"));
        WebElement phone = reminder.findElement(By.name("customerPhone"));
        phone.clear();
        phone.sendKeys("+15551234568");
        browser.findElement(By.id("start-appointment")).click();
        HeadlessChromium.awaitNotice(browser, "Started appointment reminder", "diagram-failure.png");

        WebElement instance = browser.findElement(By.cssSelector("#running article[data-process='appointmentReminder']"));
        WebElement canvas = instance.findElement(By.cssSelector("details.diagram[open] .canvas"));
        new WebDriverWait(browser, Duration.ofSeconds(20)).until(driver -> List.of("drawn", "failed").contains(canvas.getAttribute("data-state")));
        assertThat(canvas.getAttribute("data-state")).as("drawn: %s", canvas.getText()).isEqualTo("drawn");
        assertThat(canvas.findElements(By.cssSelector("svg .djs-element.waiting[data-element-id='firstReply']")))
                .as("the catch event waiting for YES or NO, marked").hasSize(1);
        assertThat(canvas.findElements(By.cssSelector("svg .djs-element.waiting[data-element-id='confirmed']"))).isEmpty();

        HeadlessChromium.screenshot(instance, "console-diagram.png");
        assertThat(HeadlessChromium.errors(browser)).as("no error in the browser console").isEmpty();
    }

    private void type(String field, String text) {
        WebElement input = browser.findElement(By.id(field));
        input.clear();
        input.sendKeys(text);
    }
}
