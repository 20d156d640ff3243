package dev.twilioconnector.sample;

import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;

import static org.assertj.core.api.Assertions.assertThat;

/** The browser of the browser tests: Debian's headless Chromium through ChromeDriver, both installed by {@code .ci/run}. */
final class HeadlessChromium {

    private static final Path CHROMIUM = Path.of(System.getProperty("chromium.binary", "/usr/bin/chromium"));
    private static final Path CHROMEDRIVER = Path.of(System.getProperty("chromedriver.binary", "/usr/bin/chromedriver"));

    private HeadlessChromium() {
    }

    /** A fresh browser with its profile in {@code profile}; the caller quits it. */
    static WebDriver start(Path profile) {
        assertThat(CHROMIUM).as("Chromium (apt-get install chromium chromium-driver; .ci/run does)").exists();
        assertThat(CHROMEDRIVER).as("ChromeDriver (apt-get install chromium-driver; .ci/run does)").exists();
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

    /** Saves what the browser shows as {@code target/<name>}. */
    static void screenshot(WebDriver browser, String name) {
        save((TakesScreenshot) browser, name);
    }

    /** Saves one element of the page, e.g. a diagram, as {@code target/<name>}. */
    static void screenshot(WebElement element, String name) {
        save(element, name);
    }

    private static void save(TakesScreenshot shown, String name) {
        try {
            Files.copy(shown.getScreenshotAs(OutputType.FILE).toPath(), Path.of("target", name), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Waits up to 20 s for the console's one-time notice to show {@code text}; else saves a screenshot as
     * {@code target/<failureScreenshot>} and fails with what the page says.
     */
    static void awaitNotice(WebDriver browser, String text, String failureScreenshot) {
        try {
            new WebDriverWait(browser, Duration.ofSeconds(20)).until(ExpectedConditions.textToBePresentInElementLocated(By.id("notice"), text));
        } catch (TimeoutException e) {
            screenshot(browser, failureScreenshot);
            throw new AssertionError("no notice '" + text + "' on " + browser.getCurrentUrl() + ":\n"
                    + browser.findElement(By.tagName("body")).getText(), e);
        }
    }

    /** The errors in the browser's console since the last call, e.g. a resource the Content-Security-Policy blocked. */
    static List<LogEntry> errors(WebDriver browser) {
        return browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue()).toList();
    }
}
