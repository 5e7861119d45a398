package org.tributary.parse;

import com.rometools.rome.feed.WireFeed;
import com.rometools.rome.feed.module.SyModule;
import com.rometools.rome.feed.rss.Channel;
import com.rometools.rome.feed.synd.SyndFeed;
import java.time.DayOfWeek;
import java.time.Duration;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/** Reads {@link PollHints} from RSS channel elements and the syndication module; bad values are ignored. */
final class PollHintReader {

    private PollHintReader() {}

    static PollHints read(SyndFeed feed) {
        Duration ttl = null;
        Set<Integer> hours = new HashSet<>();
        Set<DayOfWeek> days = new HashSet<>();
        WireFeed wire = feed.originalWireFeed();
        if (wire instanceof Channel channel) {
            if (channel.getTtl() > 0) ttl = Duration.ofMinutes(Math.min(channel.getTtl(), 366 * 24 * 60));
            if (channel.getSkipHours() != null) {
                for (Integer h : channel.getSkipHours()) {
                    // RSS 2.0 counts 0–23; some feeds write 24 for midnight.
                    if (h != null && h >= 0 && h <= 24) hours.add(h % 24);
                }
            }
            if (channel.getSkipDays() != null) {
                for (String d : channel.getSkipDays()) day(d, days);
            }
        }
        Duration period = null;
        if (feed.getModule(SyModule.URI) instanceof SyModule sy && sy.getUpdatePeriod() != null) {
            Duration unit = switch (sy.getUpdatePeriod().strip().toLowerCase(Locale.ROOT)) {
                case "hourly" -> Duration.ofHours(1);
                case "daily" -> Duration.ofDays(1);
                case "weekly" -> Duration.ofDays(7);
                case "monthly" -> Duration.ofDays(30);
                case "yearly" -> Duration.ofDays(365);
                default -> null;
            };
            int frequency = sy.getUpdateFrequency() > 0 ? sy.getUpdateFrequency() : 1;
            if (unit != null) period = unit.dividedBy(frequency);
        }
        return new PollHints(ttl, hours, days, period);
    }

    private static void day(String name, Set<DayOfWeek> days) {
        if (name == null) return;
        try {
            days.add(DayOfWeek.valueOf(name.strip().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException notADay) {
            // ignored: a hint, not a contract
        }
    }
}
