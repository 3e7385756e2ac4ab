package io.berth.store;

/** Told when the store becomes full (with why) and when it is not any more (detail null). */
@FunctionalInterface
public interface StoreFullListener {
    void changed(boolean full, String detail);
}
