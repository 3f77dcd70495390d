// Evaluates a batch with the GrowthBook JavaScript SDK (resolved through NODE_PATH): reads one JSON
// request on stdin, writes one JSON answer on stdout.
//   { "features": [{ "payload": {features, savedGroups}, "feature": key, "users": [attributes...] }],
//     "conditions": [{ "condition": {...}, "savedGroups": {...}, "users": [attributes...] }],
//     "patterns": [{ "pattern": "...", "flags": "i" }] }
// A pattern answers whether JavaScript's RegExp accepts it.
// Features run with sticky bucketing on (an empty store per evaluation), the mode in which
// GrowthBook honours fallbackAttribute as FailSmart always does.
"use strict";
const { GrowthBook, evalCondition } = require("@growthbook/growthbook");

const noStickyStore = {
  getAssignments: async () => null,
  saveAssignments: async () => {},
  getAllAssignments: async () => ({}),
};

function evaluateFeature(payload, feature, attributes) {
  const gb = new GrowthBook({
    features: payload.features,
    savedGroups: payload.savedGroups,
    attributes,
    stickyBucketService: noStickyStore,
    stickyBucketAssignmentDocs: {},
  });
  const r = gb.evalFeature(feature);
  const e = r.experimentResult;
  return {
    value: r.value === undefined ? null : r.value,
    source: r.source,
    ruleId: r.ruleId || "",
    inExperiment: !!(e && e.inExperiment),
    experimentKey: r.experiment ? r.experiment.key : null,
    variationKey: e && e.inExperiment ? e.key : null,
  };
}

let input = "";
process.stdin.setEncoding("utf8");
process.stdin.on("data", (chunk) => (input += chunk));
process.stdin.on("end", () => {
  const request = JSON.parse(input);
  const features = (request.features || []).map((c) => c.users.map((u) => evaluateFeature(c.payload, c.feature, u)));
  const conditions = (request.conditions || []).map((c) => c.users.map((u) => evalCondition(u, c.condition, c.savedGroups || {})));
  const patterns = (request.patterns || []).map((p) => {
    try {
      new RegExp(p.pattern, p.flags);
      return true;
    } catch (e) {
      return false;
    }
  });
  process.stdout.write(JSON.stringify({ features, conditions, patterns }));
});
