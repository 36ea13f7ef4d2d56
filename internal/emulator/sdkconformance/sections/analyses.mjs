// Analyses through Resources.analysis: create/info/edit/delete, the token rotation on a run_on
// change, script upload and download (a gzip behind the returned URL), tokenGenerate.
import assert from "node:assert/strict";

import { rejectsNaming } from "../assertions.mjs";
import { gunzipSync } from "node:zlib";

const SOURCE_V1 = `// conformance v1\nexport default async function main(context, scope) {\n  context.log("v1", scope);\n}\n`;
const SOURCE_V2 = `# conformance v2 — ünïcode\nprint("hello")\n`;

// downloaded fetches the URL downloadScript returned (no token: a signed link) and gunzips it.
async function downloaded(link) {
  const res = await fetch(link.url);
  assert.equal(res.status, 200, `GET ${link.url}`);
  const gz = Buffer.from(await res.arrayBuffer());
  assert.equal(gz.length, link.size, "size is the size of what the URL serves");
  return gunzipSync(gz).toString("utf8");
}

export async function run({ resources, api }) {
  const { analysis } = resources;

  const body = {
    name: "Fleet report",
    description: "weekly fleet report",
    run_on: "tago",
    runtime: "node-rt2025",
    interval: "1 hour",
    file_name: "report.js",
    variables: [
      { key: "REPORT_EMAIL", value: "ops@example.com" },
      { key: "THRESHOLD", value: "30" },
    ],
    tags: [{ key: "kind", value: "report" }],
  };
  const created = await analysis.create(body);
  assert.match(created.id, /^[0-9a-f]{24}$/, "create returns id");
  assert.equal(typeof created.token, "string");
  assert.ok(created.token.length >= 36, "create returns the analysis token");
  const id = created.id;

  const info = await analysis.info(id);
  assert.equal(info.id, id);
  for (const key of ["name", "description", "run_on", "runtime", "interval", "file_name"]) {
    assert.equal(info[key], body[key], `info.${key} is what was sent`);
  }
  assert.deepEqual(info.variables, body.variables);
  assert.deepEqual(info.tags, body.tags);
  assert.equal(info.active, true, "active defaults to true");
  assert.equal(info.token, created.token, "info carries the token create returned");
  assert.ok(info.created_at instanceof Date && !isNaN(info.created_at), "created_at is a date");

  // list: default fields, filter by run_on and by tag.
  const other = await analysis.create({ name: "Another", runtime: "python-rt2025" });
  const listed = await analysis.list();
  assert.deepEqual(listed.map((a) => a.name), ["Another", "Fleet report"], "ordered by name asc");
  assert.deepEqual(Object.keys(listed[0]).sort(), ["id", "name"]);
  const byTag = await analysis.list({ fields: ["id", "name", "runtime"], filter: { tags: [{ key: "kind", value: "report" }] } });
  assert.deepEqual(byTag, [{ id, name: "Fleet report", runtime: "node-rt2025" }]);

  // edit: name and variables (replaced wholesale); the token is kept while run_on stays.
  assert.equal(await analysis.edit(id, { name: "Fleet report 2", variables: [{ key: "ONLY", value: "one" }] }), "Successfully Updated");
  let edited = await analysis.info(id);
  assert.equal(edited.name, "Fleet report 2");
  assert.deepEqual(edited.variables, [{ key: "ONLY", value: "one" }]);
  assert.equal(edited.token, created.token, "an edit that keeps run_on keeps the token");
  assert.deepEqual(edited.tags, body.tags, "tags untouched");

  // tokenGenerate is for external analyses only.
  await rejectsNaming(analysis.tokenGenerate(id), /external|run_on/);

  // run_on change rotates the token (API changelog v8.12.13); tokenGenerate answers it.
  await analysis.edit(id, { run_on: "external" });
  edited = await analysis.info(id);
  assert.equal(edited.run_on, "external");
  assert.notEqual(edited.token, created.token, "changing run_on rotates the token");
  const generated = await analysis.tokenGenerate(id);
  assert.equal(generated.analysis_token, edited.token, "tokenGenerate returns the analysis token");
  // The new token works for the analysis's own GET /info, the old one no longer does.
  const infoRes = await fetch(`${api}/info`, { headers: { token: generated.analysis_token } });
  const infoBody = await infoRes.json();
  assert.equal(infoRes.status, 200);
  assert.equal(infoBody.result.name, "Fleet report 2", "GET /info with the new analysis token");
  assert.equal(infoBody.result.run_on, "external");
  const oldRes = await fetch(`${api}/info`, { headers: { token: created.token } });
  assert.ok(oldRes.status === 401 || oldRes.status === 403, `the old token is refused (got ${oldRes.status})`);

  // Upload then download: the URL serves a gzip of exactly the uploaded source, per version.
  await rejectsNaming(analysis.downloadScript(id), /file|script/i);
  const up1 = await analysis.uploadScript(id, {
    name: "report.js", content: Buffer.from(SOURCE_V1).toString("base64"), language: "node-rt2025",
  });
  assert.equal(typeof up1, "string");
  const link1 = await analysis.downloadScript(id);
  assert.ok(link1.expire_at instanceof Date && link1.expire_at > new Date(), "expire_at is a future date");
  assert.equal(await downloaded(link1), SOURCE_V1, "v1 round-trips");
  await analysis.uploadScript(id, {
    name: "report.py", content: Buffer.from(SOURCE_V2).toString("base64"), language: "python-rt2025",
  });
  assert.equal(await downloaded(await analysis.downloadScript(id)), SOURCE_V2, "the latest version is v2");
  assert.equal(await downloaded(await analysis.downloadScript(id, { version: 1 })), SOURCE_V1, "version 1 is still there");
  const versioned = await analysis.info(id);
  assert.equal(Number(versioned.version), 2);
  assert.deepEqual(Object.keys(versioned.versions).sort(), ["1", "2"]);
  assert.equal(versioned.versions["1"].file_name, "report.js");
  assert.equal(versioned.versions["2"].file_name, "report.py");
  assert.equal(versioned.file_name, "report.py", "file_name follows the last upload");

  // Validation: bad runtime, bad interval, a script that is not base64, too many variables.
  await rejectsNaming(analysis.create({ name: "bad", runtime: "cobol" }), /runtime/);
  await rejectsNaming(analysis.edit(id, { interval: "10 seconds" }), /interval/);
  await rejectsNaming(analysis.uploadScript(id, { name: "x.js", content: "%%% not base64 %%%", language: "node-rt2025" }), /file|base64/);
  const tooMany = Array.from({ length: 21 }, (_, i) => ({ key: `K${i}`, value: "v" }));
  await rejectsNaming(analysis.edit(id, { variables: tooMany }), /variables/);
  assert.deepEqual((await analysis.info(id)).variables, [{ key: "ONLY", value: "one" }], "refused edits change nothing");

  assert.equal(await analysis.delete(id), "Successfully Removed");
  await rejectsNaming(analysis.info(id), /not found/i);
  const gone = await fetch(link1.url);
  assert.equal(gone.status, 404, "a deleted analysis's script is gone");
  const afterDelete = await fetch(`${api}/info`, { headers: { token: generated.analysis_token } });
  assert.ok(afterDelete.status === 401 || afterDelete.status === 403, "the deleted analysis's token is refused");
  assert.deepEqual((await analysis.list()).map((a) => a.id), [other.id]);
}
