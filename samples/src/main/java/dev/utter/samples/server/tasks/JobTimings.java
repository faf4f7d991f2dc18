package dev.utter.samples.server.tasks;

import dev.utter.ConfigurationException;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * How the instances share the line of generation jobs. An instance running a job holds a lease on it
 * for {@code lease} and renews it every {@code renewEvery}, reading at the same time whether a user
 * cancelled the job on another instance; a job whose lease ran out (its instance died) is taken over by
 * another instance. Idle workers look for work every {@code pollEvery}, and subscribers of a task (the
 * page's live view) see changes made by any instance within {@code pollEvery}. The lease comes from
 * {@code UTTER_JOB_LEASE_SECONDS} (30); instances compare lease times by their clocks, which must
 * agree (NTP) to well within it. Immutable.
 */
public record JobTimings(Duration lease, Duration renewEvery, Duration pollEvery) {
  public static final int DEFAULT_LEASE_SECONDS = 30;
  /** The most between two renewals, so that a cancel from another instance takes effect quickly. */
  private static final Duration MAX_RENEW_EVERY = Duration.ofMillis(500);
  private static final Duration POLL_EVERY = Duration.ofMillis(250);
  public static final JobTimings DEFAULTS = forLease(Duration.ofSeconds(DEFAULT_LEASE_SECONDS));

  public JobTimings {
    Objects.requireNonNull(lease, "lease == null");
    Objects.requireNonNull(renewEvery, "renewEvery == null");
    Objects.requireNonNull(pollEvery, "pollEvery == null");
    if (renewEvery.isZero() || renewEvery.isNegative() || pollEvery.isZero() || pollEvery.isNegative()
        || lease.compareTo(renewEvery.multipliedBy(2)) < 0) {
      throw new ConfigurationException("A job lease of " + lease + " must be at least twice its renewal every "
          + renewEvery + ", both positive, and polling every " + pollEvery + " positive");
    }
  }

  /** A lease of {@code lease}, renewed every third of it but at least every half second. */
  public static JobTimings forLease(Duration lease) {
    Duration third = lease.dividedBy(3);
    return new JobTimings(lease, third.compareTo(MAX_RENEW_EVERY) < 0 ? third : MAX_RENEW_EVERY, POLL_EVERY);
  }

  /**
   * The timings from {@code env}: {@code UTTER_JOB_LEASE_SECONDS}, at least 1.
   *
   * @throws ConfigurationException for a value that is not a whole number of at least 1.
   */
  public static JobTimings parse(Map<String, String> env) {
    String value = env.get("UTTER_JOB_LEASE_SECONDS");
    if (value == null || value.isBlank()) {
      return DEFAULTS;
    }
    try {
      int seconds = Integer.parseInt(value.strip());
      if (seconds >= 1) {
        return forLease(Duration.ofSeconds(seconds));
      }
    } catch (NumberFormatException e) {
      // Reported below.
    }
    throw new ConfigurationException("UTTER_JOB_LEASE_SECONDS must be a whole number of at least 1, got '" + value + "'");
  }
}
