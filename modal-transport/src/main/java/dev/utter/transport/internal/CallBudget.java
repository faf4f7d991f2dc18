package dev.utter.transport.internal;

import java.time.Duration;
import java.util.Objects;

/**
 * How long one call may take in all (every attempt, 303 hand-off and wait between retries):
 * {@code base + perCharacter × characters of text spoken}. Immutable.
 *
 * @param base the budget of a call that speaks nothing ({@code GET /health}, {@code POST /voices})
 * @param perCharacter what each character of text adds
 */
public record CallBudget(Duration base, Duration perCharacter) {
  /** 5 min + 250 ms per character: enough for a cold start of the larger model on a slow GPU. */
  public static final CallBudget DEFAULT = new CallBudget(Duration.ofMinutes(5), Duration.ofMillis(250));

  /**
   * Checks the parts.
   *
   * @param base the budget of a call that speaks nothing; positive
   * @param perCharacter what each character of text adds; zero or positive
   * @throws NullPointerException when either is null
   * @throws IllegalArgumentException when {@code base} is not positive or {@code perCharacter} negative
   */
  public CallBudget {
    Objects.requireNonNull(base, "base == null");
    Objects.requireNonNull(perCharacter, "perCharacter == null");
    if (base.isNegative() || base.isZero()) {
      throw new IllegalArgumentException("base <= 0: " + base);
    }
    if (perCharacter.isNegative()) {
      throw new IllegalArgumentException("perCharacter < 0: " + perCharacter);
    }
  }

  /**
   * The budget of a call that speaks {@code characters} characters.
   *
   * @param characters characters of text spoken; negative counts as 0
   * @return {@code base + perCharacter × characters}
   */
  public Duration forCharacters(int characters) {
    long n = Math.max(characters, 0); // not Duration.multipliedBy, which goes through BigDecimal
    return base.plusSeconds(Math.multiplyExact(perCharacter.getSeconds(), n)).plusNanos(perCharacter.getNano() * n);
  }
}
