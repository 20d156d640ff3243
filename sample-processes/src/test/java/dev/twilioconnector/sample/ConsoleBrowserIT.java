package dev.twilioconnector.sample;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console in a real browser (Debian's headless Chromium, installed by {@code .ci/run}): a person
 * texts "Order Number 4711" from the console and sees the echo and the new process instance.
 */
class ConsoleBrowserIT {

    private static final Path CHROMIUM = Path.of(System.getProperty("chromium.binary", "/usr/bin/chromium"));
    private static final Path CHROMEDRIVER = Path.of(System.getProperty("chromedriver.binary", "/usr/bin/chromedriver"));

    @TempDir
    Path work;

    @Test
    void textsOrderNumber4711AndSeesTheEchoAndTheNewProcessInstance() throws Exception {
        assertThat(CHROMIUM).as("Chromium (apt-get install chromium chromium-driver; .ci/run does)").exists();
        assertThat(CHROMEDRIVER).as("ChromeDriver (apt-get install chromium-driver; .ci/run does)").exists();
        try (PackagedSample sample = PackagedSample.start(work.resolve("db"), "browser")) {
            WebDriver browser = chromium(work.resolve("profile"));
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

                try {
                    new WebDriverWait(browser, Duration.ofSeconds(20))
                            .until(ExpectedConditions.textToBePresentInElementLocated(By.id("notice"), "Your reference number is 4711"));
                } catch (org.openqa.selenium.TimeoutException e) {
                    Files.copy(((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath(),
                            Path.of("target", "console-failure.png"), StandardCopyOption.REPLACE_EXISTING);
                    throw new AssertionError("no echo on " + browser.getCurrentUrl() + ":\n" + browser.findElement(By.tagName("body")).getText(), e);
                }
                WebElement finished = browser.findElement(By.id("finished"));
                List<WebElement> orderStatus = finished.findElements(By.cssSelector("article[data-process='orderStatus']"));
                assertThat(orderStatus).isNotEmpty();
                assertThat(orderStatus.get(0).getText()).contains("+15551234567").contains("{\"orderNumber\":\"4711\"}");
                assertThat(browser.findElement(By.id("messages")).getText())
                        .contains("Order Number 4711").contains("Order 4711: waiting for payment.");

                Path screenshot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
                Files.copy(screenshot, Path.of("target", "console.png"), StandardCopyOption.REPLACE_EXISTING);

                List<LogEntry> problems = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                        .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue()).toList();
                assertThat(problems).as("no error in the browser console").isEmpty();
            } finally {
                browser.quit();
            }
        }
    }

    private static WebDriver chromium(Path profile) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--window-size=1300,1800", "--user-data-dir=" + profile.toAbsolutePath());
        options.setCapability("goog:loggingPrefs", Map.of("browser", "ALL"));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }
}
