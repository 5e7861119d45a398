package org.tributary.config;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * The config in force, swapped whole on a successful reload, plus the last refused reload (if any since), so that
 * /status can show why a new feeds.yml did not take. Readers call {@link #get()} each time they need it and never
 * cache it: one request or one refresh sees one consistent config.
 */
public final class LiveConfig implements Supplier<Config> {

    /** The config in force and when it was loaded. */
    public record Loaded(Config config, Instant at) {
        public Loaded {
            Objects.requireNonNull(config, "config");
            Objects.requireNonNull(at, "at");
        }
    }

    /** A reload that was refused: the errors, and when. The previous config stayed in force. */
    public record Refusal(List<ConfigError> errors, Instant at) {
        public Refusal {
            errors = List.copyOf(errors);
            Objects.requireNonNull(at, "at");
        }
    }

    private record State(Loaded loaded, Refusal refusal) {}

    private final AtomicReference<State> state;

    public LiveConfig(Config initial, Instant at) {
        this.state = new AtomicReference<>(new State(new Loaded(initial, at), null));
    }

    @Override
    public Config get() {
        return state.get().loaded().config();
    }

    public Loaded loaded() {
        return state.get().loaded();
    }

    /** The last refused reload, if no good config has been loaded since. */
    public Optional<Refusal> refusal() {
        return Optional.ofNullable(state.get().refusal());
    }

    /** Puts a new config in force and forgets any earlier refusal. Returns the one it replaced. */
    public Config replace(Config next, Instant at) {
        return state.getAndSet(new State(new Loaded(next, at), null)).loaded().config();
    }

    /** Records a refused reload; the config in force does not change. */
    public void refuse(List<ConfigError> errors, Instant at) {
        state.updateAndGet(s -> new State(s.loaded(), new Refusal(errors, at)));
    }
}
