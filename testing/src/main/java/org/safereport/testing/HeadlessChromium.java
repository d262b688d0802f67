package org.safereport.testing;

import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Headless Chromium from the Debian packages, driven by Selenium, with a profile of its own that is
 * deleted afterwards. It reaches this machine only: every other host name resolves to nothing. Pages are
 * used as a keyboard user uses them, checked with axe-core, and photographed for the README.
 */
public final class HeadlessChromium implements AutoCloseable {

    public static final Dimension PHONE = new Dimension(390, 844);
    public static final Dimension DESKTOP = new Dimension(1280, 900);

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    private final ChromeDriver driver;
    private final Path profile;
    private final Dimension size;

    private HeadlessChromium(ChromeDriver driver, Path profile, Dimension size) {
        this.driver = driver;
        this.profile = profile;
        this.size = size;
    }

    /** Starts a browser with a window of {@code size}; fails, with how to install them, without Chromium and its driver. */
    public static HeadlessChromium start(Dimension size) throws IOException {
        assertTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "Browser tests need Chromium and its driver: apt-get install chromium chromium-driver");
        Path profile = Files.createTempDirectory("safereport-chromium-");
        ChromeOptions options = new ChromeOptions()
                .setBinary(CHROMIUM.toFile())
                .addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                        "--disable-background-networking", "--disable-component-update", "--disable-sync",
                        "--no-first-run", "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
                        "--user-data-dir=" + profile, "--window-size=" + size.width + "," + size.height);
        // An explicit driver path, so that Selenium Manager never runs (it would try to download one).
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).build();
        return new HeadlessChromium(new ChromeDriver(service, options), profile, size);
    }

    public ChromeDriver driver() {
        return driver;
    }

    /** The browser's own folder, e.g. for files to upload. */
    public Path profile() {
        return profile;
    }

    /** Presses Tab until the element is focused, as a keyboard user moves through the page. */
    public void tabTo(String id) {
        for (int presses = 0; presses < 80; presses++) {
            if (id.equals(driver.switchTo().activeElement().getAttribute("id"))) {
                return;
            }
            keys(Keys.TAB);
        }
        throw new AssertionError("Tab never reached #" + id);
    }

    public void keys(CharSequence... keys) {
        new Actions(driver).sendKeys(keys).perform();
    }

    /** Waits for the next page, since a key press does not wait for the navigation it starts. */
    public boolean shown(By element, String text) {
        return new WebDriverWait(driver, Duration.ofSeconds(20)).until(ExpectedConditions.textToBePresentInElementLocated(element, text));
    }

    /** Signs in on the identity provider's own page (Keycloak's, which the browser must be showing) with the keyboard. */
    public void signInOnKeycloak(String username, String password) {
        if (!shown(By.id("kc-page-title"), "Sign in")) {
            throw new AssertionError("Keycloak's sign-in page is not shown");
        }
        tabTo("username");
        keys(username);
        tabTo("password");
        keys(password, Keys.ENTER);
    }

    /** axe-core finds no serious or critical issue on the page the browser shows. */
    public void assertAccessible(String page) {
        List<String> serious = new AxeBuilder().withTags(List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"))
                .analyze(driver).getViolations().stream()
                .filter(rule -> "serious".equals(rule.getImpact()) || "critical".equals(rule.getImpact()))
                .map(HeadlessChromium::describe)
                .toList();
        assertTrue(serious.isEmpty(), () -> "serious or critical accessibility violations on the " + page + " page: " + serious);
    }

    private static String describe(Rule rule) {
        return rule.getId() + " (" + rule.getImpact() + "): " + rule.getHelp() + " at "
                + rule.getNodes().stream().map(node -> String.valueOf(node.getTarget())).toList();
    }

    /** The whole page at phone and desktop widths, into {@code screenshots.dir} when it is set. */
    public void screenshots(String name) throws IOException {
        String dir = System.getProperty("screenshots.dir");
        if (dir == null) {
            return;
        }
        Files.createDirectories(Path.of(dir));
        for (Dimension width : List.of(PHONE, DESKTOP)) {
            driver.manage().window().setSize(width);
            long height = (Long) driver.executeScript("return document.documentElement.scrollHeight");
            driver.manage().window().setSize(new Dimension(width.width, (int) Math.max(width.height, height)));
            driver.executeScript("window.scrollTo(0, 0)");
            Files.write(Path.of(dir, name + "-" + (width == PHONE ? "phone" : "desktop") + ".png"), driver.getScreenshotAs(OutputType.BYTES));
        }
        driver.manage().window().setSize(size);
    }

    @Override
    public void close() throws IOException {
        driver.quit();
        try (var files = Files.walk(profile)) {
            files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        }
    }
}
