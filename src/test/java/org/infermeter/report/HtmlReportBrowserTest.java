package org.infermeter.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import org.infermeter.analysis.model.CampaignReport;
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

/**
 * Opens the HTML report of a simulated campaign in Debian's headless Chromium: the charts render, the
 * console stays clean, the readings are on the page; saves a screenshot for the README. Skipped where
 * chromedriver is not installed (.ci/run installs it).
 */
@Tag("slow") // a headless browser: run by Failsafe in verify, not in the fast `./mvnw test`
class HtmlReportBrowserTest {
    @TempDir
    Path dir;

    @Test
    void reportRendersInHeadlessChromium() throws Exception {
        rendersInHeadlessChromium(SimulatedCampaign.report(), 6, "report-screenshot.png");
    }

    /** With time windows each model gets a seventh chart, the peak vs off-peak comparison. */
    @Test
    void reportWithTimeWindowsRendersTheWindowChart() throws Exception {
        rendersInHeadlessChromium(SimulatedCampaign.windowed(), 7, "report-windows-screenshot.png");
    }

    private void rendersInHeadlessChromium(CampaignReport report, int chartsPerModel, String screenshot)
            throws Exception {
        HeadlessChromium.assumeInstalled();
        Path html = dir.resolve("report.html");
        try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(html, StandardCharsets.UTF_8))) {
            new HtmlFormat().write(report, w);
        }

        ChromeDriver driver = HeadlessChromium.start(dir.resolve("profile"), 1400, 1000);
        try {
            driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
            driver.get(html.toUri().toString());

            int models = report.models().size();
            List<WebElement> charts = driver.findElements(By.cssSelector("svg[data-chart]"));
            assertEquals(chartsPerModel * models, charts.size(), chartsPerModel + " charts per model");
            for (WebElement chart : charts) {
                // Rendered means laid out with a real size and drawn marks, not just present in the DOM.
                assertTrue(chart.getSize().getWidth() > 200 && chart.getSize().getHeight() > 60,
                        chart.getAttribute("data-chart") + " has size " + chart.getSize());
                assertTrue(!chart.findElements(By.cssSelector("circle, rect, path, line")).isEmpty(),
                        chart.getAttribute("data-chart") + " draws marks");
            }
            List<WebElement> readings = driver.findElements(By.cssSelector("p.reading"));
            assertEquals(chartsPerModel * models, readings.size());
            for (WebElement r : readings) assertTrue(r.isDisplayed() && r.getText().length() > 20, r.getText());
            String coldReading = readings.get(0).getText();
            assertTrue(coldReading.contains("cold start") && coldReading.contains("the median"), coldReading);
            assertEquals(3 * models, driver.findElements(By.cssSelector("[data-workload]")).size());
            if (!report.windowLabels().isEmpty()) {
                List<WebElement> windowReadings = driver.findElements(By.cssSelector("p.reading[data-reading=ttft-windows]"));
                assertEquals(models, windowReadings.size());
                for (WebElement r : windowReadings) assertTrue(r.getText().contains("at peak vs"), r.getText());
            }

            List<LogEntry> problems = driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                    .filter(e -> e.getLevel().intValue() >= Level.WARNING.intValue()).toList();
            assertTrue(problems.isEmpty(), "console errors: " + problems);

            long height = (Long) driver.executeScript("return document.documentElement.scrollHeight");
            driver.manage().window().setSize(new Dimension(1400, (int) Math.min(4000, height + 40)));
            Path shot = driver.getScreenshotAs(OutputType.FILE).toPath();
            Path target = Path.of("target", screenshot);
            Files.createDirectories(target.getParent());
            Files.copy(shot, target, StandardCopyOption.REPLACE_EXISTING);
            assertTrue(Files.size(target) > 10_000, "a real screenshot");
        } finally {
            driver.quit();
        }
    }
}
