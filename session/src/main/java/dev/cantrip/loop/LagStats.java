package dev.cantrip.loop;

/**
 * How late the loop started its recent events: the time from an event's arrival (or due time, for
 * timers) to the moment the loop began running it, over the last minute. Percentiles are within
 * about 6% (the upper edge of a logarithmic bin), never above the maximum.
 *
 * @param samples how many events the figures cover
 * @param p50Nanos median lag
 * @param p99Nanos 99th percentile lag
 * @param maxNanos largest lag seen in the window
 */
public record LagStats(int samples, long p50Nanos, long p99Nanos, long maxNanos) {}
