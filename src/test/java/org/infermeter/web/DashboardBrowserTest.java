package org.infermeter.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.logging.Level;

import org.infermeter.store.SampleStore;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.infermeter.HeadlessChromium;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Opens {@code serve}'s page in Debian's headless Chromium over loopback: the cells of a seeded store
 * render, a click draws the cell's charts, and a sample written to the store while the page is open
 * appears on it through the server-sent event, with no reload. Saves target/dashboard.png (the README's
 * docs/dashboard.png). Skipped where chromedriver is not installed (.ci/run installs it).
 */
@Tag("slow") // a headless browser: run by Failsafe in verify, not in the fast `./mvnw test`
class DashboardBrowserTest {
    @TempDir
    Path dir;

    @Test
    void thePageRendersTheCellsAndShowsASampleWrittenWhileItIsOpen() throws Exception {
        HeadlessChromium.assumeInstalled();
        Path file = dir.resolve("fleet.db");
        long campaign = DashboardStores.seed(file, Instant.now());

        try (SampleStore reader = SampleStore.openReadOnly(file);
             DashboardServer server = DashboardServer.start(reader, "127.0.0.1", 0, Duration.ofMillis(200),
                     Clock.systemUTC())) {
            ChromeDriver driver = HeadlessChromium.start(dir.resolve("profile"), 1400, 1100);
            try {
                WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(60));
                driver.get("http://127.0.0.1:" + server.port() + "/");
                wait.until(d -> d.findElements(By.cssSelector("tr[data-cell]")).size() == 6);
                wait.until(d -> "live".equals(d.findElement(By.id("status")).getAttribute("data-state")));
                assertEquals(2, driver.findElements(By.cssSelector("table[data-model]")).size());
                assertEquals(3, driver.findElements(By.cssSelector("nav button[data-window]")).size());

                By kimiA = By.cssSelector("table[data-model='kimi-k2.6'] tr[data-provider='provider-a']");
                WebElement row = driver.findElement(kimiA);
                int before = Integer.parseInt(row.findElement(By.cssSelector("td[data-figure=requests]")).getText());
                assertTrue(before > 50, "24 hours of requests: " + before);
                assertTrue(row.findElement(By.cssSelector("td[data-figure=median]")).getText().endsWith(" ms"));
                assertTrue(row.findElements(By.cssSelector("td[data-figure=grade] .grade")).size() == 1);

                // A click opens the cell's time series and distribution, drawn by uPlot.
                row.click();
                wait.until(d -> d.findElements(By.cssSelector("#chart-series canvas")).size() == 1
                        && d.findElements(By.cssSelector("#chart-histogram canvas")).size() == 1);
                String title = driver.findElement(By.id("detail-title")).getText();
                assertTrue(title.startsWith("kimi-k2.6 on provider-a"), title);
                WebElement canvas = driver.findElement(By.cssSelector("#chart-series canvas"));
                assertTrue(canvas.getSize().getWidth() > 300 && canvas.getSize().getHeight() > 100, "" + canvas.getSize());

                // A probe stores a sample while the page is open: the server's poll finds it, the event updates the page.
                try (SampleStore writer = SampleStore.open(file)) {
                    writer.append(campaign, DashboardStores.completed(DashboardStores.KIMI_A, 1_000_000,
                            Instant.now().minusSeconds(1), 321, 8));
                }
                String expected = String.valueOf(before + 1);
                wait.until(d -> expected.equals(d.findElement(kimiA).findElement(By.cssSelector("td[data-figure=requests]")).getText()));
                wait.until(d -> d.findElement(By.id("detail-figures")).getText().startsWith(expected + " requests"));

                List<LogEntry> problems = driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                        .filter(e -> e.getLevel().intValue() >= Level.WARNING.intValue()).toList();
                assertTrue(problems.isEmpty(), "console errors: " + problems);

                long height = (Long) driver.executeScript("return document.documentElement.scrollHeight");
                driver.manage().window().setSize(new Dimension(1400, (int) Math.min(3000, height + 40)));
                Path shot = driver.getScreenshotAs(OutputType.FILE).toPath();
                Path target = Path.of("target", "dashboard.png");
                Files.createDirectories(target.getParent());
                Files.copy(shot, target, StandardCopyOption.REPLACE_EXISTING);
                assertTrue(Files.size(target) > 10_000, "a real screenshot");
            } finally {
                driver.quit();
            }
        }
    }
}
