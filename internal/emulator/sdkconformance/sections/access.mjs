// Access Management policies through Resources.accessManagement: create/list/info/edit/delete.
// Lists never carry permissions or targets; info returns allow rules before deny rules.
import assert from "node:assert/strict";

import { rejectsNaming } from "../assertions.mjs";

export async function run({ resources }) {
  const am = resources.accessManagement;
  const analysis = (await resources.analysis.create({ name: "policy target", runtime: "node-rt2025" })).id;

  // Written deny first: info must answer allow before deny, each group in written order.
  const body = {
    name: "Sensors for operators",
    active: true,
    tags: [{ key: "team", value: "ops" }],
    targets: [
      ["run_user", "tag.key", "role", "tag.value", "operator"],
      ["analysis", "id", analysis],
    ],
    permissions: [
      { effect: "deny", action: ["delete_data"], resource: ["device", "tag.key", "type", "tag.value", "sensor"] },
      { effect: "allow", action: ["access", "get_data"], resource: ["device", "tag.key", "type", "tag.value", "sensor"] },
      { effect: "deny", action: ["edit"], resource: ["dashboard"] },
      { effect: "allow", action: ["access"], resource: ["dashboard", "id", "6299f0b1c72f2f00181d8b3c"] },
    ],
  };
  const created = await am.create(body);
  assert.match(created.am_id, /^[0-9a-f]{24}$/, "create returns {am_id}");
  const id = created.am_id;
  const other = (await am.create({ name: "Analysts", targets: [["analysis"]], permissions: [] })).am_id;

  const info = await am.info(id);
  assert.equal(info.id, id);
  assert.equal(info.name, body.name);
  assert.equal(info.active, true);
  assert.deepEqual(info.tags, body.tags);
  assert.deepEqual(info.targets, body.targets, "targets as sent");
  assert.deepEqual(info.permissions, [body.permissions[1], body.permissions[3], body.permissions[0], body.permissions[2]],
    "permissions: allow before deny, each group in written order");
  assert.ok(info.created_at instanceof Date && !isNaN(info.created_at), "created_at is a date");
  const otherInfo = await am.info(other);
  assert.equal(otherInfo.active, true, "active defaults to true");
  assert.deepEqual(otherInfo.permissions, []);

  // list: default fields id,name,tags ordered by name; never permissions or targets.
  const listed = await am.list();
  assert.deepEqual(listed, [
    { id: other, name: "Analysts", tags: [] },
    { id, name: "Sensors for operators", tags: body.tags },
  ]);
  const asked = await am.list({ fields: ["id", "name", "active", "permissions", "targets"] });
  for (const p of asked) {
    assert.ok(!("permissions" in p), "a list never carries permissions, even when asked");
    assert.ok(!("targets" in p), "a list never carries targets, even when asked");
    assert.equal(p.active, true);
  }
  const byTag = await am.list({ filter: { tags: [{ key: "team", value: "ops" }] } });
  assert.deepEqual(byTag.map((p) => p.id), [id]);

  // edit: permissions and targets are replaced wholesale; the rest is kept.
  const newPerms = [{ effect: "allow", action: ["access"], resource: ["analysis"] }];
  assert.equal(await am.edit(id, { permissions: newPerms, active: false }), "Access Management Successfully Updated");
  let edited = await am.info(id);
  assert.deepEqual(edited.permissions, newPerms, "permissions replaced, not merged");
  assert.deepEqual(edited.targets, body.targets, "targets untouched");
  assert.equal(edited.active, false);
  await am.edit(id, { targets: [["run_user"]], name: "Everyone" });
  edited = await am.info(id);
  assert.deepEqual(edited.targets, [["run_user"]], "targets replaced");
  assert.equal(edited.name, "Everyone");
  assert.deepEqual(edited.permissions, newPerms);

  // Validation: the API checks target kinds, resource names, actions and effects.
  await rejectsNaming(am.create({ name: "bad target", targets: [["device"]], permissions: [] }), /targets/);
  await rejectsNaming(am.create({
    name: "bad resource", targets: [["run_user"]], permissions: [{ effect: "allow", action: ["access"], resource: ["spaceship"] }],
  }), /resource/);
  await rejectsNaming(am.edit(id, { permissions: [{ effect: "allow", action: ["fly"], resource: ["device"] }] }), /action/);
  await rejectsNaming(am.edit(id, { permissions: [{ effect: "denied", action: ["access"], resource: ["device"] }] }), /effect/);
  assert.deepEqual((await am.info(id)).permissions, newPerms, "a refused edit changes nothing");
  assert.equal((await am.list()).length, 2, "refused creates created nothing");

  assert.equal(await am.delete(id), "Successfully Removed");
  await rejectsNaming(am.info(id), /not found/i);
  assert.deepEqual((await am.list()).map((p) => p.id), [other]);
}
