// Secrets through Resources.secrets: the value goes in, only its length ever comes back.
import assert from "node:assert/strict";

import { rejectsNaming } from "../assertions.mjs";

const VALUE = "s3cr3t-value-never-returned";

// assertNoValue fails when a secret object carries its value under any key.
function assertNoValue(obj, what) {
  assert.ok(!("value" in obj), `${what} has no value field`);
  assert.ok(!JSON.stringify(obj).includes(VALUE), `${what} never contains the value`);
}

export async function run({ resources }) {
  const { secrets } = resources;

  const created = await secrets.create({ key: "API_KEY", value: VALUE, tags: [{ key: "team", value: "iot" }] });
  assert.match(created.id, /^[0-9a-f]{24}$/, "create returns {id}");
  const other = await secrets.create({ key: "ANOTHER_KEY", value: "x" });

  const info = await secrets.info(created.id);
  assert.equal(info.id, created.id);
  assert.equal(info.key, "API_KEY");
  assert.equal(info.value_length, VALUE.length, "value_length stands in for the value");
  assert.deepEqual(info.tags, [{ key: "team", value: "iot" }]);
  assert.ok(info.created_at instanceof Date && !isNaN(info.created_at), "created_at is a date");
  assert.ok(info.updated_at instanceof Date && !isNaN(info.updated_at), "updated_at is a date");
  assertNoValue(info, "info");

  // list: default fields id,key ordered by key asc; explicit fields and a key filter.
  const listed = await secrets.list();
  assert.deepEqual(listed.map((s) => s.key), ["ANOTHER_KEY", "API_KEY"], "ordered by key asc");
  assert.deepEqual(Object.keys(listed[0]).sort(), ["id", "key"], "default fields are id and key");
  listed.forEach((s) => assertNoValue(s, "list item"));
  const filtered = await secrets.list({
    fields: ["id", "key", "tags", "value_length"],
    filter: { key: "API_KEY" },
  });
  assert.equal(filtered.length, 1);
  assert.equal(filtered[0].id, created.id);
  assert.equal(filtered[0].value_length, VALUE.length);
  assert.deepEqual(filtered[0].tags, [{ key: "team", value: "iot" }]);
  assertNoValue(filtered[0], "filtered list item");

  // edit: a new value (only its length shows) and tags replaced wholesale.
  assert.equal(await secrets.edit(created.id, { value: "short", tags: [{ key: "env", value: "prod" }] }), "Successfully Updated");
  const edited = await secrets.info(created.id);
  assert.equal(edited.key, "API_KEY", "the key does not change");
  assert.equal(edited.value_length, 5);
  assert.deepEqual(edited.tags, [{ key: "env", value: "prod" }]);
  assertNoValue(edited, "edited info");

  // Validation: a key with forbidden characters, a missing value, an empty value.
  await rejectsNaming(secrets.create({ key: "bad key!", value: "v" }), /key/i);
  await rejectsNaming(secrets.create({ key: "NO_VALUE" }), /value/i);
  await rejectsNaming(secrets.edit(created.id, { value: "" }), /value/i);
  assert.equal((await secrets.info(created.id)).value_length, 5, "a refused edit changes nothing");

  assert.equal(await secrets.delete(created.id), "Successfully Removed");
  await rejectsNaming(secrets.info(created.id), /not found/i);
  assert.deepEqual((await secrets.list()).map((s) => s.id), [other.id], "only the other secret is left");
}
