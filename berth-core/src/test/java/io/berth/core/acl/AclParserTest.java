package io.berth.core.acl;

import io.berth.core.auth.ClientIdentity;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AclParserTest {

    private static InetAddress ip(String s) throws Exception {
        return InetAddress.getByName(s);
    }

    private static Authorization authz(String rules) {
        return new Authorization(new AclRules(AclParser.parse(rules, "acl.conf"), "acl.conf"), false,
                DenyAction.IGNORE, 32);
    }

    private static ClientIdentity client(String user, String clientId, String address) throws Exception {
        return new ClientIdentity(clientId, user, ip(address), "tcp:default", false);
    }

    @Test
    void shippedAcl_deniesSysAndBareHash_allowsTheRest_andNoMatchDeniesSysPublish() throws Exception {
        String shipped = Files.readString(Path.of("..", "conf", "acl.conf"));
        Authorization a = authz(shipped);
        ClientIdentity c = client("u", "c", "203.0.113.7");
        assertThat(a.check(c, AclAction.SUBSCRIBE, "#", 0, false).allowed()).isFalse();
        assertThat(a.check(c, AclAction.SUBSCRIBE, "$SYS/#", 0, false).allowed()).isFalse();
        assertThat(a.check(c, AclAction.SUBSCRIBE, "$SYS/broker/uptime", 0, false).allowed()).isFalse();
        assertThat(a.check(c, AclAction.SUBSCRIBE, "a/#", 1, false).allowed()).isTrue();
        assertThat(a.check(c, AclAction.SUBSCRIBE, "+/b", 1, false).allowed()).isTrue();
        assertThat(a.check(c, AclAction.PUBLISH, "a/b", 1, true).allowed()).isTrue();
        AclDecision sys = a.check(c, AclAction.PUBLISH, "$SYS/fake", 0, false);
        assertThat(sys.allowed()).isFalse();
        assertThat(sys.rule()).isNull();
        assertThat(sys.reason()).contains("no_match = deny");
    }

    @Test
    void placeholders_limitClientsToTheirOwnTopics() throws Exception {
        Authorization a = authz("""
                {allow, all, all, ["users/${username}/#", "clients/${clientid}/+"]}.
                """);
        ClientIdentity alice = client("alice", "c-1", "10.0.0.1");
        assertThat(a.check(alice, AclAction.PUBLISH, "users/alice/x/y", 0, false).allowed()).isTrue();
        assertThat(a.check(alice, AclAction.PUBLISH, "users/bob/x", 0, false).allowed()).isFalse();
        assertThat(a.check(alice, AclAction.SUBSCRIBE, "clients/c-1/+", 0, false).allowed()).isTrue();
        assertThat(a.check(alice, AclAction.SUBSCRIBE, "clients/+/+", 0, false).allowed()).isFalse();
        assertThat(a.check(alice, AclAction.SUBSCRIBE, "clients/c-1/#", 0, false).allowed()).isFalse();
        ClientIdentity anonymous = client(null, "c-2", "10.0.0.1");
        assertThat(a.check(anonymous, AclAction.PUBLISH, "users//x", 0, false).allowed()).isFalse();
        ClientIdentity sneaky = client("#", "c-3", "10.0.0.1");
        assertThat(a.check(sneaky, AclAction.PUBLISH, "users/bob/x", 0, false).allowed()).isFalse();
    }

    @Test
    void who_username_clientid_regex_cidr_and_or() throws Exception {
        Authorization a = authz("""
                {deny, {'and', [{username, "eve"}, {ipaddr, "10.0.0.0/8"}]}, all, ["#"]}.
                {allow, {'or', [{username, {re, "^dash"}}, {clientid, "ops"}]}, subscribe, ["$SYS/#"]}.
                {allow, {ipaddrs, ["192.168.1.0/24", "fd00::/8"]}, publish, ["lan/#"]}.
                {allow, {username, "eve"}, publish, ["eve/#"]}.
                """);
        assertThat(a.check(client("eve", "x", "10.1.2.3"), AclAction.PUBLISH, "eve/1", 0, false).allowed()).isFalse();
        assertThat(a.check(client("eve", "x", "172.16.0.1"), AclAction.PUBLISH, "eve/1", 0, false).allowed()).isTrue();
        assertThat(a.check(client("dashboard", "x", "1.2.3.4"), AclAction.SUBSCRIBE, "$SYS/#", 0, false).allowed())
                .isTrue();
        assertThat(a.check(client(null, "ops", "1.2.3.4"), AclAction.SUBSCRIBE, "$SYS/a", 0, false).allowed()).isTrue();
        assertThat(a.check(client("u", "x", "192.168.1.77"), AclAction.PUBLISH, "lan/a", 0, false).allowed()).isTrue();
        assertThat(a.check(client("u", "x", "192.168.2.77"), AclAction.PUBLISH, "lan/a", 0, false).allowed())
                .isFalse();
        assertThat(a.check(client("u", "x", "fd12::1"), AclAction.PUBLISH, "lan/a", 0, false).allowed()).isTrue();
        assertThat(a.check(client("u", "x", "::ffff:192.168.1.5"), AclAction.PUBLISH, "lan/a", 0, false).allowed())
                .isTrue();
    }

    @Test
    void qosAndRetainConditions_andEqLiterals() throws Exception {
        Authorization a = authz("""
                {deny, all, {publish, [{retain, true}]}, ["#"]}.
                {allow, all, {publish, [{qos, [0, 1]}]}, ["t/#"]}.
                {allow, all, subscribe, [{eq, "t/+"}]}.
                """);
        ClientIdentity c = client("u", "c", "10.0.0.1");
        assertThat(a.check(c, AclAction.PUBLISH, "t/a", 1, false).allowed()).isTrue();
        assertThat(a.check(c, AclAction.PUBLISH, "t/a", 2, false).allowed()).isFalse();
        assertThat(a.check(c, AclAction.PUBLISH, "t/a", 0, true).allowed()).isFalse();
        assertThat(a.check(c, AclAction.SUBSCRIBE, "t/+", 0, false).allowed()).isTrue();
        assertThat(a.check(c, AclAction.SUBSCRIBE, "t/x", 0, false).allowed()).isFalse();
    }

    @Test
    void superuser_bypassesRules() throws Exception {
        Authorization a = authz("{deny, all}.");
        ClientIdentity root = new ClientIdentity("c", "root", ip("10.0.0.1"), "tcp:default", true);
        assertThat(a.check(root, AclAction.SUBSCRIBE, "#", 0, false).reason()).isEqualTo("superuser");
        assertThat(a.check(client("u", "c", "10.0.0.1"), AclAction.SUBSCRIBE, "a", 0, false).allowed()).isFalse();
    }

    @Test
    void syntaxErrors_nameFileAndLine() {
        assertThatThrownBy(() -> AclParser.parse("{allow, all}.\n\n{allow, all, publish, [\"a\"]}\n", "f.conf"))
                .isInstanceOf(AclSyntaxException.class)
                .hasMessageStartingWith("f.conf:3: the rule starting here is not finished")
                .hasMessageContaining("expected '.'");
        String missingDot = "{allow, all}.\n{allow, all, publish, [\"a\"]}\n{allow, all}.";
        assertThatThrownBy(() -> AclParser.parse(missingDot, "f.conf"))
                .hasMessageStartingWith("f.conf:3: expected '.' after the rule");
        assertThatThrownBy(() -> AclParser.parse("%% c\n{permit, all}.", "f.conf"))
                .hasMessageStartingWith("f.conf:2: expected allow or deny");
        assertThatThrownBy(() -> AclParser.parse("{allow, all, publish, [\"a/#/b\"]}.", "f.conf"))
                .hasMessageContaining("f.conf:1: invalid topic filter");
        assertThatThrownBy(() -> AclParser.parse("{allow, {ipaddr, \"10.0.0.0/40\"}, all, [\"a\"]}.", "f.conf"))
                .hasMessageContaining("bad prefix length");
        assertThatThrownBy(() -> AclParser.parse("{allow, {ipaddr, \"example.com\"}, all, [\"a\"]}.", "f.conf"))
                .hasMessageContaining("not an IP address");
        assertThatThrownBy(() -> AclParser.parse("{allow, all, {subscribe, [{retain, true}]}, [\"a\"]}.", "f.conf"))
                .hasMessageContaining("publish only");
        assertThatThrownBy(() -> AclParser.parse("{allow, all, publish, [\"a\n", "f.conf"))
                .hasMessageContaining("f.conf:1: unterminated string");
    }

    @Test
    void cache_isDroppedWhenTheRulesChange() throws Exception {
        Authorization a = authz("{deny, all}.");
        AclCache cache = new AclCache(a, client("u", "c", "10.0.0.1"));
        assertThat(cache.allowed(AclAction.PUBLISH, "t", 0, false)).isFalse();
        a.replaceRules(new AclRules(AclParser.parse("{allow, all}.", "acl.conf"), "acl.conf"));
        assertThat(cache.allowed(AclAction.PUBLISH, "t", 0, false)).isTrue();
    }
}
