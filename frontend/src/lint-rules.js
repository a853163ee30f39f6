// The bpmnlint rule set the modeler checks in the browser, bundled at build time (no rule is
// fetched at run time). Chosen for what Procesbank does with a diagram: count the time of
// every task a case passes, from start to end, with the probabilities on gateway branches.
//
// error: the figures would be wrong
//   start-event-required, end-event-required  a case must have a start and an end to be walked
//   no-disconnected                            a task no flow reaches is never counted
//   no-duplicate-sequence-flows                a doubled flow doubles the visits after it
// warn: the figures hold, but the diagram misleads a reader or hides a branch
//   label-required                             an unnamed task is "Activity_0x1" in every table
//   no-implicit-split                          a split without a gateway has no probabilities
//   no-gateway-join-fork, fake-join            a join that is not one reads as a wait
//   superfluous-gateway                        a gateway with one way in and out
//   no-implicit-start, no-implicit-end         a path that starts or stops in mid-air
//   no-overlapping-elements                    shapes on top of each other hide each other
// Left out: rules on BPMN's execution semantics that a drawing for measurement does not need
// (conditional-flows, event-based-gateway, link-event, single-blank-start-event, ...), and
// no-inclusive-gateway / no-complex-gateway (we compute inclusive gateways' branches).
import StaticResolver from "bpmnlint/lib/resolver/static-resolver";
import startEventRequired from "bpmnlint/rules/start-event-required";
import endEventRequired from "bpmnlint/rules/end-event-required";
import noDisconnected from "bpmnlint/rules/no-disconnected";
import noDuplicateSequenceFlows from "bpmnlint/rules/no-duplicate-sequence-flows";
import labelRequired from "bpmnlint/rules/label-required";
import noImplicitSplit from "bpmnlint/rules/no-implicit-split";
import noGatewayJoinFork from "bpmnlint/rules/no-gateway-join-fork";
import fakeJoin from "bpmnlint/rules/fake-join";
import superfluousGateway from "bpmnlint/rules/superfluous-gateway";
import noImplicitStart from "bpmnlint/rules/no-implicit-start";
import noImplicitEnd from "bpmnlint/rules/no-implicit-end";
import noOverlappingElements from "bpmnlint/rules/no-overlapping-elements";

const rules = {
  "start-event-required": ["error", startEventRequired],
  "end-event-required": ["error", endEventRequired],
  "no-disconnected": ["error", noDisconnected],
  "no-duplicate-sequence-flows": ["error", noDuplicateSequenceFlows],
  "label-required": ["warn", labelRequired],
  "no-implicit-split": ["warn", noImplicitSplit],
  "no-gateway-join-fork": ["warn", noGatewayJoinFork],
  "fake-join": ["warn", fakeJoin],
  "superfluous-gateway": ["warn", superfluousGateway],
  "no-implicit-start": ["warn", noImplicitStart],
  "no-implicit-end": ["warn", noImplicitEnd],
  "no-overlapping-elements": ["warn", noOverlappingElements],
};

const cache = {};
const config = { rules: {} };
for (const [name, [level, rule]] of Object.entries(rules)) {
  cache[`rule:bpmnlint/${name}`] = rule;
  config.rules[name] = level;
}

export default { config, resolver: new StaticResolver(cache) };
