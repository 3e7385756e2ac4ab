package io.berth.cli.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.PrintWriter;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Prints the findings for people, or as one JSON document for scripts. */
final class AuditReport {

    private final String source;
    private final List<Finding> findings;

    /** @param source the config file audited, or "embedded defaults" */
    AuditReport(String source, List<Finding> findings) {
        this.source = source;
        this.findings = findings;
    }

    void printText(PrintWriter out) {
        out.println("berth audit of " + source);
        for (Finding f : findings) {
            out.println();
            out.println(String.format("%-6s %s  %s", f.severity().label().toUpperCase(java.util.Locale.ROOT),
                    f.subject(), f.check()));
            out.println("       " + f.problem());
            out.println("       fix: " + f.fix());
        }
        out.println();
        Map<Severity, Integer> counts = counts();
        out.println(findings.size() + " findings: " + counts.get(Severity.HIGH) + " high, "
                + counts.get(Severity.MEDIUM) + " medium, " + counts.get(Severity.LOW) + " low, "
                + counts.get(Severity.INFO) + " info");
        out.flush();
    }

    void printJson(PrintWriter out) {
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = json.createObjectNode();
        root.put("config", source);
        ObjectNode summary = root.putObject("summary");
        counts().forEach((severity, n) -> summary.put(severity.label(), n));
        root.put("exit_code", Audit.exitCode(findings));
        ArrayNode list = root.putArray("findings");
        for (Finding f : findings) {
            list.addObject().put("severity", f.severity().label()).put("check", f.check())
                    .put("subject", f.subject()).put("problem", f.problem()).put("fix", f.fix());
        }
        try {
            out.println(json.writeValueAsString(root));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e); // a tree of strings and numbers always serialises
        }
        out.flush();
    }

    private Map<Severity, Integer> counts() {
        Map<Severity, Integer> counts = new EnumMap<>(Severity.class);
        for (Severity s : Severity.values()) {
            counts.put(s, 0);
        }
        findings.forEach(f -> counts.merge(f.severity(), 1, Integer::sum));
        return counts;
    }
}
