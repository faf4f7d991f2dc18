package dev.utter.samples.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.utter.samples.server.config.Limits;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoAlertPresentException;
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
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The pages in real headless Chromium (Debian's {@code /usr/bin/chromium} and {@code chromedriver})
 * against the real server. Fails when Chromium is missing, unless {@code UTTER_SKIP_BROWSER_TESTS=true}.
 * Screenshots of each page go to {@code target/screenshots/}.
 */
class BrowserTest {
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  private static final Path SCREENSHOTS = Path.of("target", "screenshots");
  private static final String XSS_NAME = "<img src=x onerror=alert(1)>";
  private static final String API_KEY = "browser-key";
  private static final String CSP_RECORDER = "document.addEventListener('securitypolicyviolation', e => {"
      + " const seen = JSON.parse(sessionStorage.getItem('cspViolations') || '[]');"
      + " seen.push(e.violatedDirective + ' ' + e.blockedURI + ' ' + e.sourceFile + ':' + e.lineNumber);"
      + " sessionStorage.setItem('cspViolations', JSON.stringify(seen)); }, true);";

  @TempDir static Path profileDir;
  @TempDir static Path downloadDir;
  static WebDriver driver;
  static WebDriverWait wait;

  @TempDir Path dataDir;
  @TempDir Path filesDir;
  TestServer app;

  @BeforeAll
  static void startBrowser() throws IOException {
    if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
      Assumptions.assumeFalse("true".equalsIgnoreCase(System.getenv("UTTER_SKIP_BROWSER_TESTS")),
          "UTTER_SKIP_BROWSER_TESTS=true and Chromium is missing");
      fail("Browser tests need " + CHROMIUM + " and " + CHROMEDRIVER
          + " (apt-get install chromium chromium-driver), or UTTER_SKIP_BROWSER_TESTS=true");
    }
    System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--user-data-dir=" + profileDir, "--window-size=1280,900", "--autoplay-policy=no-user-gesture-required",
        "--mute-audio");
    options.setExperimentalOption("prefs", Map.of(
        "download.default_directory", downloadDir.toString(),
        "download.prompt_for_download", false));
    options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(CHROMEDRIVER.toFile())
        .usingAnyFreePort()
        .build();
    ChromeDriver chrome = new ChromeDriver(service, options);
    // Every content-security-policy violation of a page, kept in the tab's session storage across pages.
    chrome.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", CSP_RECORDER));
    driver = chrome;
    wait = new WebDriverWait(driver, Duration.ofSeconds(20));
    Files.createDirectories(SCREENSHOTS);
  }

  @AfterAll
  static void stopBrowser() {
    if (driver != null) {
      driver.quit();
    }
  }

  @BeforeEach
  void start() {
    app = TestServer.start(dataDir, Duration.ofMillis(60), null);
  }

  @AfterEach
  void stop() {
    try {
      assertNoPolicyViolations();
    } finally {
      app.close();
    }
  }

  /** The pages ran under the server's content security policy without breaking it. */
  private static void assertNoPolicyViolations() {
    Object recorded = ((JavascriptExecutor) driver).executeScript("return sessionStorage.getItem('cspViolations');");
    assertEquals(null, recorded, "content security policy violations");
    List<String> refused = driver.manage().logs().get(LogType.BROWSER).getAll().stream()
        .map(LogEntry::getMessage)
        .filter(m -> m.contains("Content Security Policy") || m.contains("Refused to"))
        .toList();
    assertEquals(List.of(), refused);
  }

  @Test
  void cloneByUploadingAFile() {
    Path wav = TestAudio.writeWav(filesDir, "my-voice.wav", 12);
    driver.get(app.base + "/");
    wait.until(d -> new Select(d.findElement(By.id("language"))).getOptions().size() > 1);
    driver.findElement(By.id("name")).sendKeys("Browser voice");
    WebElement file = driver.findElement(By.id("audio"));
    ((JavascriptExecutor) driver).executeScript("arguments[0].style.display = 'block';", file);
    file.sendKeys(wav.toString());
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("file-name"), "my-voice.wav"));
    ((JavascriptExecutor) driver).executeScript("arguments[0].style.display = '';", file);
    assertFalse(driver.findElement(By.id("use-voice")).isDisplayed());
    driver.findElement(By.id("transcript")).sendKeys(TestServer.TRANSCRIPT);
    new Select(driver.findElement(By.id("language"))).selectByVisibleText("English");
    screenshot("clone");
    driver.findElement(By.id("clone-button")).click();

    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("message"), "is ready"));
    assertTrue(driver.findElement(By.id("use-voice")).isDisplayed());
    screenshot("clone-done");
    List<?> voices = (List<?>) app.get("/api/voices").json().get("voices");
    assertEquals(1, voices.size());
    assertEquals("Browser voice", ((Map<?, ?>) voices.get(0)).get("name"));
    assertEquals("English", ((Map<?, ?>) voices.get(0)).get("language"));
  }

  @Test
  void cloneShowsTheServersDetail() {
    Path wav = TestAudio.writeWav(filesDir, "noise.wav", 12);
    byte[] notAudio = new byte[4096];
    try {
      Files.write(wav, notAudio);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    driver.get(app.base + "/");
    wait.until(d -> new Select(d.findElement(By.id("language"))).getOptions().size() > 1);
    driver.findElement(By.id("name")).sendKeys("Noise");
    WebElement file = driver.findElement(By.id("audio"));
    ((JavascriptExecutor) driver).executeScript("arguments[0].style.display = 'block';", file);
    file.sendKeys(wav.toString());
    driver.findElement(By.id("transcript")).sendKeys(TestServer.TRANSCRIPT);
    driver.findElement(By.id("clone-button")).click();
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("message"), "Invalid file type"));
    assertEquals(List.of(), app.get("/api/voices").json().get("voices"));
  }

  @Test
  void generateShowsProgressToCompletionThenPlaysAndDownloads() throws IOException {
    String voiceId = app.cloneVoice("Narrator");
    driver.get(app.base + "/generate.html?voice=" + voiceId);
    wait.until(d -> !new Select(d.findElement(By.id("voice"))).getOptions().isEmpty()
        && new Select(d.findElement(By.id("language"))).getOptions().size() > 1);
    String text = "The first sentence is short. Then comes a second one. A third sentence follows here. "
        + "And the last one ends it.";
    driver.findElement(By.id("text")).sendKeys(text);
    assertEquals(text.length() + "/5000", driver.findElement(By.id("counter")).getText());
    driver.findElement(By.id("generate-button")).click();

    wait.until(ExpectedConditions.textMatches(By.id("progress-chunks"), java.util.regex.Pattern.compile("chunk \\d+/\\d+")));
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("result")));
    assertEquals("100%", driver.findElement(By.id("progress-percent")).getText());
    assertEquals("100", driver.findElement(By.id("progress-bar")).getAttribute("aria-valuenow"));
    String chunks = driver.findElement(By.id("progress-chunks")).getText();
    assertTrue(chunks.matches("chunk (\\d+)/\\1"), chunks);
    assertFalse(driver.findElement(By.id("cancel-button")).isDisplayed());

    wait.until(d -> Boolean.TRUE.equals(((JavascriptExecutor) d).executeScript(
        "return !!window.utterPlayer && window.utterPlayer.getDuration() > 0;")));
    screenshot("generate");
    driver.findElement(By.id("play-button")).click();
    wait.until(d -> Boolean.TRUE.equals(((JavascriptExecutor) d).executeScript(
        "return window.utterPlayer.getCurrentTime() > 0;")));

    String href = driver.findElement(By.id("download-link")).getAttribute("href");
    String generationId = href.substring(href.lastIndexOf('/') + 1, href.length() - 4);
    driver.findElement(By.id("download-link")).click();
    Path downloaded = downloadDir.resolve(generationId + ".wav");
    Polling.await("the download", Duration.ofSeconds(20), () -> Files.exists(downloaded));
    Polling.await("the whole download", Duration.ofSeconds(20), () -> sameSize(downloaded,
        dataDir.resolve("generated/" + generationId + ".wav")));
  }

  @Test
  void cancelStopsAGeneration() {
    app.close();
    CountDownLatch never = new CountDownLatch(1);
    app = TestServer.start(dataDir, Duration.ofMillis(60), null, Limits.DEFAULTS,
        provider -> new InterceptingProvider(InterceptingProvider.holding(request -> request.chunkIndex() >= 1, never),
            provider));
    String voiceId = app.cloneVoice("Narrator");
    driver.get(app.base + "/generate.html?voice=" + voiceId);
    wait.until(d -> !new Select(d.findElement(By.id("voice"))).getOptions().isEmpty());
    driver.findElement(By.id("text")).sendKeys("Sentence number one is here. ".repeat(20));
    driver.findElement(By.id("generate-button")).click();
    wait.until(ExpectedConditions.textMatches(By.id("progress-chunks"), java.util.regex.Pattern.compile("chunk [1-9]\\d*/\\d+")));
    driver.findElement(By.id("cancel-button")).click();
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("message"), "Generation cancelled."));
    assertFalse(driver.findElement(By.id("result")).isDisplayed());
  }

  @Test
  void generateShowsThePlaceInLineWhileTheTaskWaits() {
    app.close();
    CountDownLatch never = new CountDownLatch(1);
    app = TestServer.start(dataDir, Duration.ofMillis(60), null,
        new Limits(1, 10, 4, Limits.DEFAULTS.voiceCacheBytes(), Limits.RETRY_AFTER),
        provider -> new InterceptingProvider(InterceptingProvider.holding(request -> request.text().contains("Held"), never), provider));
    String voiceId = app.cloneVoice("Narrator");
    String busy = app.submitTask(voiceId, "Held until cancelled.");
    Polling.await("the first task to run", Duration.ofSeconds(20), () -> app.taskStatus(busy).equals("processing"));
    driver.get(app.base + "/generate.html?voice=" + voiceId);
    wait.until(d -> !new Select(d.findElement(By.id("voice"))).getOptions().isEmpty());
    driver.findElement(By.id("text")).sendKeys("A short text that waits its turn.");
    driver.findElement(By.id("generate-button")).click();

    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("progress-chunks"), "Waiting in line: 1 (next)"));
    screenshot("generate-waiting");
    app.postJson("/api/tasks/" + busy + "/cancel", "{}");
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("result")));
  }

  @Test
  void voicesPagePreviewsAndDeletesWithConfirmation() {
    String voiceId = app.cloneVoice("Deletable");
    driver.get(app.base + "/voices.html");
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".voice-name"), "Deletable"));
    screenshot("voices");
    WebElement item = driver.findElement(By.cssSelector(".item.voice"));
    item.findElement(By.xpath(".//button[text()='Preview']")).click();
    wait.until(ExpectedConditions.textToBePresentInElement(item.findElement(By.xpath(".//button[1]")), "Stop"));
    item.findElement(By.cssSelector("button.delete")).click();
    wait.until(ExpectedConditions.alertIsPresent()).accept();
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("message"), "Deleted"));
    wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#voices .empty")));
    assertEquals(List.of(), app.get("/api/voices").json().get("voices"));
    assertFalse(Files.exists(dataDir.resolve("references/" + voiceId + ".wav")));
  }

  @Test
  void historyPlaysDownloadsAndDeletes() {
    String voiceId = app.cloneVoice("Historian");
    Map<String, Object> generated = app.postJson("/api/generate",
        Map.of("voice_id", voiceId, "text", "Something worth keeping for a while.")).json();
    String generationId = (String) generated.get("generation_id");
    driver.get(app.base + "/history.html");
    wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".item.generation")));
    screenshot("history");
    WebElement item = driver.findElement(By.cssSelector(".item.generation"));
    assertTrue(item.getText().contains("Something worth keeping for a while."));
    WebElement download = item.findElement(By.cssSelector("a.download"));
    assertTrue(download.getAttribute("href").endsWith("/uploads/generated/" + generationId + ".wav"));
    item.findElement(By.cssSelector("button.play")).click();
    wait.until(ExpectedConditions.textToBePresentInElement(item.findElement(By.cssSelector("button.play")), "Pause"));
    download.click();
    Path downloaded = downloadDir.resolve(generationId + ".wav");
    Polling.await("the download", Duration.ofSeconds(20), () -> sameSize(downloaded,
        dataDir.resolve("generated/" + generationId + ".wav")));

    item.findElement(By.cssSelector("button.delete")).click();
    wait.until(ExpectedConditions.alertIsPresent()).accept();
    wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#generations .empty")));
    assertFalse(Files.exists(dataDir.resolve("generated/" + generationId + ".wav")));
  }

  @Test
  void withAnApiKeyThePagesPlayThroughSignedUrls() {
    app.close();
    app = TestServer.start(dataDir, Duration.ofMillis(20), API_KEY);
    String voiceId = app.cloneVoice("Keyed");
    String generationId = (String) app.postJson("/api/generate",
        Map.of("voice_id", voiceId, "text", "Only with the key.")).json().get("generation_id");
    assertEquals(401, app.get("/uploads/generated/" + generationId + ".wav").code());
    driver.get(app.base + "/css/app.css");
    ((JavascriptExecutor) driver).executeScript("localStorage.setItem('utterApiKey', arguments[0]);", API_KEY);

    driver.get(app.base + "/voices.html");
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".voice-name"), "Keyed"));
    WebElement voice = driver.findElement(By.cssSelector(".item.voice"));
    voice.findElement(By.xpath(".//button[text()='Preview']")).click();
    wait.until(ExpectedConditions.textToBePresentInElement(voice.findElement(By.xpath(".//button[1]")), "Stop"));
    assertEquals("", driver.findElement(By.id("message")).getText());

    driver.get(app.base + "/history.html");
    wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".item.generation")));
    WebElement item = driver.findElement(By.cssSelector(".item.generation"));
    item.findElement(By.cssSelector("button.play")).click();
    wait.until(ExpectedConditions.textToBePresentInElement(item.findElement(By.cssSelector("button.play")), "Pause"));
    assertEquals("", driver.findElement(By.id("message")).getText());
    item.findElement(By.cssSelector("a.download")).click();
    Path downloaded = downloadDir.resolve(generationId + ".wav");
    Polling.await("the signed download", Duration.ofSeconds(20), () -> sameSize(downloaded,
        dataDir.resolve("generated/" + generationId + ".wav")));

    driver.get(app.base + "/generate.html?voice=" + voiceId);
    wait.until(d -> !new Select(d.findElement(By.id("voice"))).getOptions().isEmpty());
    driver.findElement(By.id("text")).sendKeys("Spoken with the key, drawn as a waveform.");
    driver.findElement(By.id("generate-button")).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("result")));
    wait.until(d -> Boolean.TRUE.equals(((JavascriptExecutor) d).executeScript(
        "return !!window.utterPlayer && window.utterPlayer.getDuration() > 0;")));
    screenshot("generate-with-key");
  }

  @Test
  void markupInAVoiceNameShowsAsText() {
    String voiceId = app.cloneVoice(XSS_NAME);
    app.postJson("/api/generate", Map.of("voice_id", voiceId, "text", "Harmless text."));
    for (String page : List.of("/voices.html", "/history.html", "/generate.html")) {
      driver.get(app.base + page);
      wait.until(d -> d.getPageSource().contains("&lt;img src=x onerror=alert(1)&gt;"));
      assertNoAlert();
      assertEquals(0, driver.findElements(By.cssSelector("main img")).size(), page);
    }
    driver.get(app.base + "/voices.html");
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".voice-name"), XSS_NAME));
    assertTrue(driver.findElement(By.cssSelector(".voice-name")).isDisplayed());
    assertNoAlert();
  }

  private static void assertNoAlert() {
    try {
      driver.switchTo().alert();
      fail("An alert was shown");
    } catch (NoAlertPresentException expected) {
      // The markup was never run.
    }
  }

  private static boolean sameSize(Path a, Path b) {
    try {
      return Files.exists(a) && Files.size(a) == Files.size(b);
    } catch (IOException e) {
      return false;
    }
  }

  private static void screenshot(String name) {
    File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
    try {
      Files.copy(shot.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
