package dev.utter.samples.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.utter.samples.server.config.Limits;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A full disk (a small tmpfs filled up) and a read-only data directory (a read-only bind mount), at
 * start-up and at run time. Needs root and {@code mount}; without them the tests are skipped, saying so.
 */
class DiskFaultTest {
  private static final String FULL = "Insufficient storage: the data directory is full";
  private static final String READ_ONLY = "Storage unavailable: the data directory is read-only";

  @TempDir Path work;
  Path dataDir;
  private final List<Path> mounts = new ArrayList<>();

  @BeforeEach
  void mountPoint() throws IOException {
    dataDir = Files.createDirectory(work.resolve("data"));
  }

  @AfterEach
  void unmount() {
    for (int i = mounts.size() - 1; i >= 0; i--) {
      run("umount", "-l", mounts.get(i).toString());
    }
  }

  @Test
  void startingOnAReadOnlyDataDirSaysSoInOneLineAndExits() throws Exception {
    Path source = Files.createDirectory(work.resolve("source"));
    try (TestServer first = TestServer.start(source)) {
      first.cloneVoice("Before");
    }
    bindReadOnly(source, dataDir);

    ChildServer.Exit exit = ChildServer.startExpectingExit(dataDir, Map.of());
    assertEquals(3, exit.status(), String.join("\n", exit.lines()));
    // The probe file has a name of its own per start: instances sharing the directory never touch each other's.
    assertEquals(1, exit.lines().size(), String.join("\n", exit.lines()));
    assertTrue(exit.lines().get(0).matches("utter: cannot start: Data directory \\Q" + dataDir + "\\E is read-only: \\Q"
        + dataDir + "\\E/\\.write-check\\d+: Read-only file system"), exit.lines().get(0));
  }

  @Test
  void startingOnAFullDataDirSaysSoInOneLineAndExits() throws Exception {
    tmpfs(dataDir, "1m");
    fill(dataDir);

    ChildServer.Exit exit = ChildServer.startExpectingExit(dataDir, Map.of());
    assertEquals(3, exit.status(), String.join("\n", exit.lines()));
    assertEquals(1, exit.lines().size(), String.join("\n", exit.lines()));
    assertTrue(exit.lines().get(0).startsWith("utter: cannot start: Data directory " + dataDir + " is full: "),
        exit.lines().get(0));
  }

  @Test
  void aDiskThatFillsUpAnswers507WhileReadsGoOnAndLeavesNothingPartial() throws Exception {
    tmpfs(dataDir, "8m");
    try (TestServer app = TestServer.start(dataDir)) {
      String voiceId = app.cloneVoice("Ada");
      Path filler = fill(dataDir);

      assertRefused(app.postJson("/api/generate", Map.of("voice_id", voiceId, "text", "No room for this.")), 507, FULL);
      assertRefused(app.clone("Bob", TestAudio.wav(12), "bob.wav", ApiClient.TRANSCRIPT, "English"), 507, FULL);
      assertRefused(app.postJson("/api/tasks", Map.of("voice_id", voiceId, "text", "No room for this.")), 507, FULL);
      TestServer.Reply voices = app.get("/api/voices");
      assertEquals(200, voices.code(), voices.body());
      assertEquals(1, ((List<?>) voices.json().get("voices")).size());
      assertEquals(200, app.get("/api/voices/" + voiceId + "/preview").code());
      assertEquals(List.of(), CrashTest.names(dataDir.resolve("generated")));
      assertEquals(List.of(), CrashTest.names(dataDir.resolve("tmp")));

      Files.delete(filler);
      TestServer.Reply generated = app.postJson("/api/generate", Map.of("voice_id", voiceId, "text", "Room again."));
      assertEquals(200, generated.code(), generated.body());
    }
  }

  @Test
  void aTaskWhoseDiskFillsUpFailsNamingItAndLeavesNoPartialFile() throws Exception {
    tmpfs(dataDir, "8m");
    CountDownLatch gate = new CountDownLatch(1);
    try (TestServer app = TestServer.start(dataDir, Duration.ofMillis(5), null, Limits.DEFAULTS,
        provider -> new InterceptingProvider(InterceptingProvider.holding(request -> request.chunkIndex() >= 1, gate),
            provider))) {
      String voiceId = app.cloneVoice("Ada");
      String task = app.submitTask(voiceId, TaskQueueTest.sentences("A sentence that needs room on the disk", 12));
      Polling.await("the first chunk written", Duration.ofSeconds(20),
          () -> ((Map<?, ?>) app.get("/api/tasks/" + task).json().get("progress")).get("chunks_done").equals(1.0));
      Path filler = fill(dataDir);
      gate.countDown();

      Polling.await("the task to end", Duration.ofSeconds(30), () -> !app.taskStatus(task).equals("processing"));
      Map<String, Object> failed = app.get("/api/tasks/" + task).json();
      assertEquals("failed", failed.get("status"), failed.toString());
      assertEquals("Generation failed: the data directory is full", failed.get("error"));
      assertEquals(List.of(), CrashTest.names(dataDir.resolve("generated")));

      Files.delete(filler);
      String later = app.submitTask(voiceId, "Room again.");
      Polling.await("a later task to complete", Duration.ofSeconds(30), () -> app.taskStatus(later).equals("completed"));
    }
  }

  @Test
  void aDataDirThatTurnsReadOnlyAnswers503WhileVoicesAndAudioAreStillServed() throws Exception {
    Path source = Files.createDirectory(work.resolve("source"));
    bind(source, dataDir);
    try (TestServer app = TestServer.start(dataDir)) {
      String voiceId = app.cloneVoice("Ada");
      String generationId = (String) app.postJson("/api/generate", Map.of("voice_id", voiceId, "text", "Before."))
          .json().get("generation_id");
      remountReadOnly(dataDir);

      TestServer.Reply voices = app.get("/api/voices");
      assertEquals(200, voices.code(), voices.body());
      assertEquals(1, ((List<?>) voices.json().get("voices")).size());
      assertEquals(200, app.get("/api/generations").code());
      assertEquals(200, app.get("/uploads/generated/" + generationId + ".wav").code());
      assertRefused(app.postJson("/api/generate", Map.of("voice_id", voiceId, "text", "Not now.")), 503, READ_ONLY);
      assertRefused(app.clone("Bob", TestAudio.wav(12), "bob.wav", ApiClient.TRANSCRIPT, "English"), 503, READ_ONLY);
      assertRefused(app.postJson("/api/tasks", Map.of("voice_id", voiceId, "text", "Not now.")), 503, READ_ONLY);
      assertRefused(app.delete("/api/generations/" + generationId), 503, READ_ONLY);
    }
  }

  private static void assertRefused(TestServer.Reply reply, int status, String detail) {
    assertEquals(status, reply.code(), reply.body());
    assertEquals(detail, reply.detail(), reply.body());
  }

  /** Writes a file into {@code dir} until the disk has no room left; returns it. */
  private static Path fill(Path dir) throws IOException {
    Path filler = dir.resolve("filler");
    byte[] block = new byte[4096];
    try (OutputStream out = Files.newOutputStream(filler)) {
      while (true) {
        out.write(block);
      }
    } catch (IOException e) {
      if (!e.getMessage().contains("No space left on device")) {
        throw e;
      }
    }
    return filler;
  }

  private void tmpfs(Path dir, String size) {
    mount(dir, "-t", "tmpfs", "-o", "size=" + size, "tmpfs", dir.toString());
  }

  private void bind(Path source, Path target) {
    mount(target, "--bind", source.toString(), target.toString());
  }

  private void bindReadOnly(Path source, Path target) {
    bind(source, target);
    remountReadOnly(target);
  }

  private static void remountReadOnly(Path target) {
    assertEquals(0, run("mount", "-o", "remount,bind,ro", target.toString()), "remount read-only");
  }

  private void mount(Path target, String... args) {
    List<String> command = new ArrayList<>(List.of("mount"));
    command.addAll(List.of(args));
    int status = run(command.toArray(String[]::new));
    Assumptions.assumeTrue(status == 0, "Cannot mount (needs root and the mount command): skipped");
    mounts.add(target);
  }

  private static int run(String... command) {
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      process.getInputStream().transferTo(OutputStream.nullOutputStream());
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        return -1;
      }
      return process.exitValue();
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UncheckedIOException(new IOException(e));
    }
  }
}
