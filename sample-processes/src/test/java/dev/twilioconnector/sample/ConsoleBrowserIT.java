package dev.twilioconnector.sample;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console in a real browser (Debian's headless Chromium, installed by {@code .ci/run}): a person
 * texts "Order Number 4711" from the console and sees the echo and the new process instance.
 */
class ConsoleBrowserIT {

    @TempDir
    Path work;

    @Test
    void textsOrderNumber4711AndSeesTheEchoAndTheNewProcessInstance() throws Exception {
        try (PackagedSample sample = PackagedSample.start(work.resolve("db"), "browser")) {
            WebDriver browser = HeadlessChromium.start(work.resolve("profile"));
            try {
                browser.get(sample.url("/"));
                assertThat(browser.getTitle()).contains("Twilio connector for Flowable");

                WebElement from = browser.findElement(By.id("inbound-from"));
                from.clear();
                from.sendKeys("+15551234567");
                WebElement body = browser.findElement(By.id("inbound-body"));
                body.clear();
                body.sendKeys("Order Number 4711");
                browser.findElement(By.id("inbound-send")).click();

                HeadlessChromium.awaitNotice(browser, "Your reference number is 4711", "console-failure.png");
                WebElement finished = browser.findElement(By.id("finished"));
                List<WebElement> orderStatus = finished.findElements(By.cssSelector("article[data-process='orderStatus']"));
                assertThat(orderStatus).isNotEmpty();
                assertThat(orderStatus.get(0).getText()).contains("+15551234567").contains("{\"orderNumber\":\"4711\"}");
                assertThat(browser.findElement(By.id("messages")).getText())
                        .contains("Order Number 4711").contains("Order 4711: waiting for payment.");

                HeadlessChromium.screenshot(browser, "console.png");
                assertThat(HeadlessChromium.errors(browser)).as("no error in the browser console").isEmpty();
            } finally {
                browser.quit();
            }
        }
    }
}
