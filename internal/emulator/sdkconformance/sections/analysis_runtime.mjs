// The SDK's external analysis runtime: `new Analysis(fn, {token})` checks the analysis with
// GET /info, listens on the SSE channel analysis_trigger, and runs fn when
// Resources.analysis.run(id, scope) triggers it. The section asserts the context (analysis id,
// token, environment) and the scope fn receives, and that context.log reaches the console
// service. Every wait is bounded; the runner exits the process (and the stream) at the end.
import assert from "node:assert/strict";

import { rejectsNaming, sleep } from "../assertions.mjs";

const WAIT_MS = 5000;

// within rejects when promise has not settled after ms.
function within(promise, ms, what) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

// deferred is a promise with its resolve function outside.
function deferred() {
  let resolve;
  const promise = new Promise((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

export async function run({ resources, region, outbox, sdk }) {
  const variables = [
    { key: "SITE", value: "north" },
    { key: "LIMIT", value: "30" },
  ];
  const created = await resources.analysis.create({
    name: "External runtime", run_on: "external", runtime: "node-rt2025", variables,
  });
  const other = await resources.analysis.create({ name: "Someone else", run_on: "external", runtime: "node-rt2025" });

  // The SDK's only signal that its stream is open is its "is ready" line on console.info; a
  // failed GET /info is its console.error. Both are watched for the duration of the section.
  const ready = deferred();
  const failed = deferred();
  const { info: origInfo, error: origError } = console;
  console.info = (...args) => {
    if (String(args[0]).includes("is ready")) ready.resolve();
  };
  console.error = (...args) => failed.resolve(args.map(String).join(" "));
  const previous = { context: process.env.T_ANALYSIS_CONTEXT, autoRun: process.env.T_ANALYSIS_AUTO_RUN };
  delete process.env.T_ANALYSIS_CONTEXT; // unset: the external (local) runtime, not "running at TagoIO"
  process.env.T_ANALYSIS_AUTO_RUN = "1"; // context.log goes to the console service only, not stdout

  try {
    const runs = [];
    let next = deferred();
    const analysisFn = async (context, scope) => {
      runs.push({ context, scope });
      context.log("received", scope.length, "records");
      next.resolve();
    };
    new sdk.Analysis(analysisFn, { token: created.token, region });

    await within(Promise.race([
      ready.promise,
      failed.promise.then((msg) => Promise.reject(new Error(`the runtime failed to start: ${msg}`))),
    ]), WAIT_MS, "the SDK runtime to connect");

    // Trigger it with a scope, as a dashboard or another analysis would.
    const scope = [
      { variable: "temperature", value: 31.5, unit: "°C", device: other.id },
      { variable: "status", value: "hot" },
    ];
    const answer = await resources.analysis.run(created.id, scope);
    assert.equal(answer.analysis_token, created.token, "run answers the analysis token");
    await within(next.promise, WAIT_MS, "the trigger to reach the analysis");

    assert.equal(runs.length, 1);
    const [{ context, scope: seen }] = runs;
    assert.deepEqual(seen, scope, "the analysis receives the scope as sent");
    assert.equal(context.analysis_id, created.id);
    assert.equal(context.token, created.token, "context.token is the analysis token");
    assert.deepEqual(context.environment, variables, "context.environment is the analysis's variables");
    assert.equal(typeof context.log, "function");

    // context.log went to the console service with the analysis token.
    let consoleEntries = [];
    for (let i = 0; i < 50 && consoleEntries.length === 0; i += 1) {
      consoleEntries = (await outbox()).console;
      if (consoleEntries.length === 0) await sleep(50);
    }
    assert.equal(consoleEntries.length, 1, "one console message");
    assert.equal(consoleEntries[0].body.message, "received 2 records");
    assert.equal(consoleEntries[0].analysis, created.id);

    // The environment follows the analysis: edit its variables, run again with no scope.
    const edited = [{ key: "SITE", value: "south" }];
    await resources.analysis.edit(created.id, { variables: edited });
    next = deferred();
    await resources.analysis.run(created.id);
    await within(next.promise, WAIT_MS, "the second trigger");
    assert.equal(runs.length, 2);
    assert.deepEqual(runs[1].scope, [], "no scope: an empty array");
    assert.deepEqual(runs[1].context.environment, edited, "the edited variables");

    // Another analysis's run never reaches this runtime; run marks last_run.
    await resources.analysis.run(other.id, [{ variable: "x", value: 1 }]);
    await sleep(300);
    assert.equal(runs.length, 2, "a run of another analysis is not delivered here");
    const info = await resources.analysis.info(created.id);
    assert.ok(info.last_run instanceof Date && Date.now() - info.last_run.getTime() < 60_000, "last_run is set");

    await rejectsNaming(resources.analysis.run("000000000000000000000000", []), /not found/i);
    await resources.analysis.edit(created.id, { active: false });
    await rejectsNaming(resources.analysis.run(created.id, []), /active/i);
    await sleep(100);
    assert.equal(runs.length, 2, "an inactive analysis is not triggered");
  } finally {
    console.info = origInfo;
    console.error = origError;
    if (previous.context === undefined) delete process.env.T_ANALYSIS_CONTEXT;
    else process.env.T_ANALYSIS_CONTEXT = previous.context;
    if (previous.autoRun === undefined) delete process.env.T_ANALYSIS_AUTO_RUN;
    else process.env.T_ANALYSIS_AUTO_RUN = previous.autoRun;
  }
}
