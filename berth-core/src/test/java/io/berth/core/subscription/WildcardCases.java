package io.berth.core.subscription;

import org.junit.jupiter.params.provider.Arguments;

import java.util.stream.Stream;

import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Topic filter / topic name pairs and whether they match (MQTT 5 section 4.7), shared by the subscription
 * trie and the retained store tests. Mostly the spec's own examples.
 */
public final class WildcardCases {

    private WildcardCases() {
    }

    public static Stream<Arguments> cases() {
        return Stream.of(
                // MQTT-4.7.1-2: '#' matches the parent and any number of child levels (spec 4.7.1.2 examples)
                arguments("sport/tennis/player1/#", "sport/tennis/player1", true),
                arguments("sport/tennis/player1/#", "sport/tennis/player1/ranking", true),
                arguments("sport/tennis/player1/#", "sport/tennis/player1/score/wimbledon", true),
                arguments("sport/#", "sport", true),
                arguments("sport/tennis/#", "sport/tennis", true),
                arguments("sport/tennis/#", "sport/tennisX", false),
                arguments("sport/tennis/#", "sport", false),
                arguments("#", "sport/tennis/player1", true),
                arguments("#", "/", true),
                arguments("/#", "/finance", true),
                arguments("/#", "finance", false),
                // MQTT-4.7.1-3: '+' matches exactly one level (spec 4.7.1.3 examples)
                arguments("sport/tennis/+", "sport/tennis/player1", true),
                arguments("sport/tennis/+", "sport/tennis/player2", true),
                arguments("sport/tennis/+", "sport/tennis/player1/ranking", false),
                arguments("sport/+", "sport", false),
                arguments("sport/+", "sport/", true),
                arguments("+", "finance", true),
                arguments("+/+", "/finance", true),
                arguments("/+", "/finance", true),
                arguments("+", "/finance", false),
                arguments("+/tennis/#", "sport/tennis/player1/ranking", true),
                arguments("sport/+/player1", "sport/tennis/player1", true),
                arguments("+/+/+", "a/b", false),
                // empty levels are levels (spec 4.7.1.1)
                arguments("a//b", "a//b", true),
                arguments("a//b", "a/b", false),
                arguments("a/+/b", "a//b", true),
                arguments("a/b/", "a/b/", true),
                arguments("a/b/", "a/b", false),
                arguments("a/b", "a/b/", false),
                arguments("a/+", "a/", true),
                arguments("+/+", "/", true),
                arguments("+", "/", false),
                arguments("a/bc", "a/b", false),
                arguments("a/b", "a/bc", false),
                // MQTT-4.7.3-4: case sensitive, no normalisation
                arguments("ACCOUNTS", "Accounts", false),
                arguments("Accounts payable", "Accounts payable", true),
                arguments("a/b", "a/b ", false),
                arguments("sport/tänzer/+", "sport/tänzer/x", true),
                arguments("数据/+/温度", "数据/1/温度", true),
                arguments("数据/+", "数据", false),
                // MQTT-4.7.2-1: filters starting with a wildcard do not match topics starting with '$'
                arguments("#", "$SYS/broker/uptime", false),
                arguments("+/monitor/Clients", "$SYS/monitor/Clients", false),
                arguments("+", "$SYS", false),
                arguments("$SYS/#", "$SYS/monitor/Clients", true),
                arguments("$SYS/monitor/+", "$SYS/monitor/Clients", true),
                arguments("$SYS/#", "$SYS", true),
                arguments("#", "a/$SYS", true),
                arguments("a/+", "a/$x", true),
                arguments("a/#", "a/$x/y", true));
    }
}
