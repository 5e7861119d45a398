package org.tributary.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** One full trace per distinct cause per minute, then a count; on a ticker the test moves. */
class RepeatedFailuresTest {

    private final Logger logger = (Logger) LoggerFactory.getLogger("repeated-failures-test");
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final AtomicLong nanos = new AtomicLong(1_000);
    private final RepeatedFailures failures = new RepeatedFailures(logger, nanos::get);

    @BeforeEach
    void attach() {
        appender.start();
        logger.addAppender(appender);
        logger.setLevel(Level.INFO);
    }

    @AfterEach
    void detach() {
        logger.detachAppender(appender);
    }

    private static RuntimeException boom(String message) {
        return new IllegalStateException(message, new ArithmeticException("/ by zero"));
    }

    private List<ILoggingEvent> errors() {
        return appender.list.stream().filter(e -> e.getLevel() == Level.ERROR).toList();
    }

    @Test
    void aRepeatedCauseIsTracedOnceAMinuteAndTheNextTraceCountsTheOnesLeftOut() {
        for (int i = 0; i < 50; i++) failures.error(boom("source s" + i), "refresh of {} failed unexpectedly", "s" + i);
        assertThat(errors()).hasSize(1);
        assertThat(errors().get(0).getThrowableProxy()).as("the first one has its full trace").isNotNull();
        assertThat(errors().get(0).getFormattedMessage()).isEqualTo("refresh of s0 failed unexpectedly");

        nanos.addAndGet(RepeatedFailures.EVERY.toNanos() - 1);
        failures.error(boom("again"), "refresh of {} failed unexpectedly", "x");
        assertThat(errors()).as("still within the minute").hasSize(1);

        nanos.addAndGet(1);
        failures.error(boom("later"), "refresh of {} failed unexpectedly", "y");
        assertThat(errors()).hasSize(2);
        assertThat(errors().get(1).getFormattedMessage())
                .isEqualTo("refresh of y failed unexpectedly (50 more like it in the last minute, their traces left out)");
        assertThat(errors().get(1).getThrowableProxy()).isNotNull();
    }

    @Test
    void distinctCausesAreEachTraced() {
        failures.error(boom("a"), "one");
        failures.error(new IllegalArgumentException("a"), "two");
        failures.error(new IllegalStateException("no cause"), "three");
        assertThat(errors()).extracting(ILoggingEvent::getFormattedMessage).containsExactly("one", "two", "three");
    }

    @Test
    void theSameClassThrownFromAnotherPlaceIsAnotherCause() {
        RuntimeException here = new IllegalStateException("x");
        RuntimeException there = elsewhere();
        assertThat(RepeatedFailures.cause(here)).isNotEqualTo(RepeatedFailures.cause(there));
        assertThat(RepeatedFailures.cause(here)).isEqualTo(RepeatedFailures.cause(here));
    }

    private static RuntimeException elsewhere() {
        return new IllegalStateException("x");
    }

    @Test
    void forgottenCausesAreBoundedInNumber() {
        for (int i = 0; i <= RepeatedFailures.CAUSES + 10; i++) {
            RuntimeException e = new IllegalStateException("x");
            e.setStackTrace(new StackTraceElement[] {new StackTraceElement("C", "m" + i, "C.java", i)});
            failures.error(e, "failure {}", i);
        }
        assertThat(errors()).hasSize(RepeatedFailures.CAUSES + 11);
    }
}
