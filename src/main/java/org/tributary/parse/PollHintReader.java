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
import org.jdom2.Element;

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
        return new PollHints(ttl, hours, days, updatePeriod(feed, wire));
    }

    /** Rome parses the syndication module for RSS 1.0 and Atom only; in RSS 2.0 it stays foreign markup. */
    private static Duration updatePeriod(SyndFeed feed, WireFeed wire) {
        String period = null;
        String frequency = null;
        if (feed.getModule(SyModule.URI) instanceof SyModule sy && sy.getUpdatePeriod() != null) {
            period = sy.getUpdatePeriod();
            frequency = Integer.toString(sy.getUpdateFrequency());
        } else if (wire != null && wire.getForeignMarkup() != null) {
            for (Element e : wire.getForeignMarkup()) {
                if (!SyModule.URI.equals(e.getNamespaceURI())) continue;
                if (e.getName().equals("updatePeriod")) period = e.getTextTrim();
                if (e.getName().equals("updateFrequency")) frequency = e.getTextTrim();
            }
        }
        if (period == null) return null;
        Duration unit = switch (period.strip().toLowerCase(Locale.ROOT)) {
            case "hourly" -> Duration.ofHours(1);
            case "daily" -> Duration.ofDays(1);
            case "weekly" -> Duration.ofDays(7);
            case "monthly" -> Duration.ofDays(30);
            case "yearly" -> Duration.ofDays(365);
            default -> null;
        };
        if (unit == null) return null;
        int times = 1;
        try {
            if (frequency != null) times = Math.max(1, Math.min(Integer.parseInt(frequency.strip()), 10_000));
        } catch (NumberFormatException ignored) {
            // "1" it is: a hint, not a contract
        }
        return unit.dividedBy(times);
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
