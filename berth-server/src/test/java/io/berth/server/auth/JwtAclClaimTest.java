package io.berth.server.auth;

import io.berth.core.acl.AclAction;
import io.berth.core.acl.AclRules;
import io.berth.core.acl.Authorization;
import io.berth.core.acl.DenyAction;
import io.berth.core.auth.ClientIdentity;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JwtAclClaimTest {

    private static ClientIdentity client(AclRules own) {
        return new ClientIdentity("c1", "u1", InetAddress.getLoopbackAddress(), "tcp:default", false, null, own);
    }

    @Test
    void listOfRules_firstMatchDecides_noMatchFallsToTheFileRules() {
        AclRules own = JwtAclClaim.parse("acl", List.of(
                Map.of("permission", "allow", "action", "publish", "topic", "t/${clientid}", "qos", List.of(0, 1)),
                Map.of("permission", "deny", "action", "all", "topic", "t/#"),
                Map.of("permission", "deny", "action", "publish", "topic", "r", "retain", true),
                Map.of("permission", "allow", "action", "subscribe", "topic", "eq e/#")));
        Authorization denyAll = new Authorization(new AclRules(List.of(), "acl.conf"), false, DenyAction.IGNORE, 0);
        ClientIdentity c = client(own);
        assertThat(denyAll.check(c, AclAction.PUBLISH, "t/c1", 1, false).allowed()).isTrue();
        assertThat(denyAll.check(c, AclAction.PUBLISH, "t/c1", 2, false).allowed()).isFalse();
        assertThat(denyAll.check(c, AclAction.PUBLISH, "t/c2", 0, false).allowed()).isFalse();
        assertThat(denyAll.check(c, AclAction.SUBSCRIBE, "e/#", 0, false).allowed()).isTrue();
        assertThat(denyAll.check(c, AclAction.SUBSCRIBE, "e/x", 0, false).allowed()).as("eq: literal only").isFalse();
        Authorization allowAll = new Authorization(new AclRules(List.of(), "acl.conf"), true, DenyAction.IGNORE, 0);
        assertThat(allowAll.check(c, AclAction.PUBLISH, "r", 0, false).allowed()).as("no claim rule: file").isTrue();
        assertThat(allowAll.check(c, AclAction.PUBLISH, "r", 0, true).allowed()).isFalse();
        assertThat(Authorization.disabled().check(c, AclAction.PUBLISH, "t/c2", 0, false).allowed())
                .as("claim rules apply with the ACL file disabled").isFalse();
    }

    @Test
    void oldFormat_allowsTheListedTopics_andDeniesTheRest() {
        AclRules own = JwtAclClaim.parse("acl", Map.of("pub", List.of("p/#"), "sub", List.of("s/+"),
                "all", List.of("a")));
        Authorization allowAll = new Authorization(new AclRules(List.of(), "acl.conf"), true, DenyAction.IGNORE, 0);
        ClientIdentity c = client(own);
        assertThat(allowAll.check(c, AclAction.PUBLISH, "p/x", 0, false).allowed()).isTrue();
        assertThat(allowAll.check(c, AclAction.SUBSCRIBE, "p/x", 0, false).allowed()).isFalse();
        assertThat(allowAll.check(c, AclAction.SUBSCRIBE, "s/x", 0, false).allowed()).isTrue();
        assertThat(allowAll.check(c, AclAction.PUBLISH, "a", 0, false).allowed()).isTrue();
        assertThat(allowAll.check(c, AclAction.PUBLISH, "other", 0, false).allowed()).isFalse();
    }

    @Test
    void malformedClaims_areRefusedWithTheField() {
        assertThatThrownBy(() -> JwtAclClaim.parse("acl", "allow all")).hasMessageContaining("list of rules");
        assertThatThrownBy(() -> JwtAclClaim.parse("acl", List.of(Map.of("permission", "allow", "action", "all"))))
                .hasMessageContaining("acl[0].topic");
        assertThatThrownBy(() -> JwtAclClaim.parse("acl", List.of(Map.of("permission", "allow", "action", "write",
                "topic", "t")))).hasMessageContaining("acl[0].action");
        assertThatThrownBy(() -> JwtAclClaim.parse("acl", List.of(Map.of("permission", "allow", "action", "all",
                "topic", "t", "qos", List.of(3))))).hasMessageContaining("qos");
        assertThatThrownBy(() -> JwtAclClaim.parse("acl", Map.of("publish", List.of("t"))))
                .hasMessageContaining("pub, sub or all");
    }
}
