package io.berth.it.publish;

import io.berth.core.MqttSettings;

import java.lang.reflect.RecordComponent;
import java.util.Arrays;

/**
 * {@link MqttSettings} variants for tests: the defaults with some components changed by name, e.g.
 * {@code Settings.with("maxInflight", 2)}. Names are the record's component names; a wrong name fails the test.
 */
public final class Settings {

    private Settings() {
    }

    /** The defaults with the given components changed: name, value, name, value, ... */
    public static MqttSettings with(Object... namesAndValues) {
        RecordComponent[] components = MqttSettings.class.getRecordComponents();
        Object[] values = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        MqttSettings defaults = MqttSettings.defaults();
        try {
            for (int i = 0; i < components.length; i++) {
                values[i] = components[i].getAccessor().invoke(defaults);
                types[i] = components[i].getType();
            }
            for (int i = 0; i < namesAndValues.length; i += 2) {
                String name = (String) namesAndValues[i];
                int index = indexOf(components, name);
                values[index] = namesAndValues[i + 1];
            }
            return MqttSettings.class.getDeclaredConstructor(types).newInstance(values);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int indexOf(RecordComponent[] components, String name) {
        for (int i = 0; i < components.length; i++) {
            if (components[i].getName().equals(name)) {
                return i;
            }
        }
        throw new IllegalArgumentException("MqttSettings has no component " + name + "; it has "
                + Arrays.stream(components).map(RecordComponent::getName).toList());
    }
}
