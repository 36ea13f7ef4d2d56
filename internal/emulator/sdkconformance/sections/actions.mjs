// Actions through Resources.actions: one action per trigger family, each with a different action
// kind; info returns exactly what was sent; edit replaces the trigger wholesale.
import assert from "node:assert/strict";

import { rejectsNaming } from "../assertions.mjs";

const HTTPS_CONNECTOR = "62333bd36977fc001a2990c8";
const HTTP_NETWORK = "62336c32ab6e0d0012e06c04";

export async function run({ resources }) {
  const { actions } = resources;

  const device = (await resources.devices.create({
    name: "action target", type: "mutable", connector: HTTPS_CONNECTOR, network: HTTP_NETWORK,
  })).device_id;
  const analysis = (await resources.analysis.create({ name: "action script", runtime: "node-rt2025" })).id;
  const runUser = (await resources.run.userCreate({
    name: "Action Recipient", email: "recipient@example.com", password: "Passw0rd!", timezone: "UTC",
  })).user;
  const sendgridKey = (await resources.secrets.create({ key: "SENDGRID_KEY", value: "SG.xxx" })).id;

  // One body per trigger family; the action kinds vary too.
  const bodies = {
    condition: {
      name: "Between 10 and 20",
      description: "fires between 10 and 20, re-arms below 5",
      active: true,
      lock: true,
      tags: [{ key: "family", value: "condition" }],
      type: "condition",
      trigger: [
        { device, variable: "temperature", is: "><", value: "10", second_value: "20", value_type: "number", unlock: false },
        { device, variable: "temperature", is: "<", value: "5", value_type: "number", unlock: true },
      ],
      action: { type: "script", script: [analysis] },
      trigger_when_unlock: false,
    },
    interval: {
      name: "Every five minutes",
      type: "interval",
      trigger: [{ interval: "5 minutes" }],
      action: { type: "email", to: "ops@example.com", subject: "Tick", message: "Five minutes passed" },
    },
    schedule: {
      name: "Weekday mornings",
      type: "schedule",
      trigger: [{ cron: "0 8 * * 1-5", timezone: "America/New_York" }],
      action: { type: "sms", to: "+5511999999999", message: "Good morning" },
    },
    usage_alert: {
      name: "Data records almost full",
      type: "usage_alert",
      trigger: [
        { service_or_resource: "data_records", condition: ">", condition_value: 90 },
        { service_or_resource: "sms", condition: "=", condition_value: 100 },
      ],
      action: { type: "notification", subject: "Usage", message: "Limit near" },
    },
    condition_geofence: {
      name: "Left the yard",
      type: "condition_geofence",
      trigger: [{ device, variable: "location", is: "OUT", value: { center: [-46.63, -23.55], radius: 2.5 }, unlock: false }],
      action: { type: "mqtt", topic: "alerts/yard", payload: "$DEVICE$ left", bucket: device },
    },
    resource: {
      name: "Device created",
      type: "resource",
      trigger: [{ resource: "device", when: "create", tag_key: "type", tag_value: "sensor" }],
      action: { type: "post", url: "https://hooks.example.com/tago", headers: { "X-Source": "tagoio" } },
    },
  };
  const extra = {
    notify_run: {
      name: "Run user notice",
      type: "condition",
      trigger: [{ device, variable: "door", is: "=", value: "open", value_type: "string" }],
      action: { type: "notification_run", subject: "Door", message: "Door is $VALUE$", run_user: runUser },
    },
    sendgrid: {
      name: "Sendgrid mail",
      type: "condition",
      trigger: [{ device, variable: "alarm", is: "*", value_type: "*" }],
      action: { type: "email-sendgrid", to: "a@example.com", from: "b@example.com", subject: "s", message: "m", sendgrid_api_key: sendgridKey },
    },
  };

  const ids = {};
  for (const [family, body] of Object.entries({ ...bodies, ...extra })) {
    const created = await actions.create(body);
    assert.match(created.action, /^[0-9a-f]{24}$/, `${family}: create returns {action}`);
    ids[family] = created.action;
    const info = await actions.info(created.action);
    assert.equal(info.id, created.action);
    assert.equal(info.name, body.name);
    assert.equal(info.type, body.type, `${family}: type`);
    assert.deepEqual(info.trigger, body.trigger, `${family}: trigger comes back as sent`);
    assert.deepEqual(info.action, body.action, `${family}: action comes back as sent`);
    assert.equal(info.active, body.active ?? true, `${family}: active defaults to true`);
    assert.deepEqual(info.tags, body.tags ?? [], `${family}: tags`);
    assert.ok(info.created_at instanceof Date && !isNaN(info.created_at), `${family}: created_at is a date`);
    assert.ok(info.updated_at instanceof Date && !isNaN(info.updated_at), `${family}: updated_at is a date`);
  }
  const cond = await actions.info(ids.condition);
  assert.equal(cond.description, bodies.condition.description);
  assert.equal(cond.lock, true);
  assert.equal(cond.trigger_when_unlock, false);

  // list: default fields id,name ordered by name; filter by type and by tag.
  const listed = await actions.list({ amount: 100 });
  assert.equal(listed.length, 8);
  const names = listed.map((a) => a.name);
  assert.deepEqual(names, [...names].sort((a, b) => a.localeCompare(b)), "ordered by name asc");
  assert.deepEqual(Object.keys(listed[0]).sort(), ["id", "name"]);
  const conditions = await actions.list({ fields: ["id", "name", "type"], filter: { type: "condition" } });
  assert.deepEqual(conditions.map((a) => a.id).sort(), [ids.condition, ids.notify_run, ids.sendgrid].sort());
  conditions.forEach((a) => assert.equal(a.type, "condition"));
  const tagged = await actions.list({ filter: { tags: [{ key: "family", value: "condition" }] } });
  assert.deepEqual(tagged.map((a) => a.id), [ids.condition]);

  // edit replaces the trigger wholesale (not merged by position) and leaves the action alone.
  const newTrigger = [{ device, variable: "humidity", is: ">", value: "80", value_type: "number", unlock: false }];
  assert.equal(await actions.edit(ids.condition, { trigger: newTrigger, name: "Humid" }), "Successfully Updated");
  const edited = await actions.info(ids.condition);
  assert.deepEqual(edited.trigger, newTrigger, "the edit's trigger replaced both old items");
  assert.equal(edited.name, "Humid");
  assert.deepEqual(edited.action, bodies.condition.action, "action untouched by an edit without it");
  assert.deepEqual(edited.tags, bodies.condition.tags, "tags untouched by an edit without them");
  // A schedule's trigger replaced by another schedule.
  const newSchedule = [{ cron: "30 18 * * *", timezone: "Europe/Lisbon" }];
  await actions.edit(ids.schedule, { trigger: newSchedule, active: false });
  const sched = await actions.info(ids.schedule);
  assert.deepEqual(sched.trigger, newSchedule);
  assert.equal(sched.active, false);

  // Validation: each refusal names the field, and changes nothing.
  await rejectsNaming(actions.create({
    name: "between without second", type: "condition",
    trigger: [{ device, variable: "t", is: "><", value: "1", value_type: "number" }],
    action: { type: "sms", to: "+1", message: "m" },
  }), /second_value/);
  await rejectsNaming(actions.create({
    name: "bad cron", type: "schedule", trigger: [{ cron: "61 * * * *", timezone: "UTC" }],
    action: { type: "sms", to: "+1", message: "m" },
  }), /cron/);
  await rejectsNaming(actions.edit(ids.schedule, { trigger: [{ cron: "0 8 * * *", timezone: "Mars/Base" }] }), /timezone/);
  await rejectsNaming(actions.create({
    name: "too fast", type: "interval", trigger: [{ interval: "10 seconds" }],
    action: { type: "sms", to: "+1", message: "m" },
  }), /interval/);
  await rejectsNaming(actions.create({
    name: "no radius", type: "condition_geofence",
    trigger: [{ device, variable: "location", is: "IN", value: { center: [0, 0] } }],
    action: { type: "sms", to: "+1", message: "m" },
  }), /radius/);
  await rejectsNaming(actions.create({
    name: "bad kind", type: "interval", trigger: [{ interval: "1 hour" }], action: { type: "carrier-pigeon" },
  }), /action\.type/);
  assert.deepEqual((await actions.info(ids.schedule)).trigger, newSchedule, "a refused edit changes nothing");
  assert.equal((await actions.list({ amount: 100 })).length, 8, "refused creates created nothing");

  for (const id of Object.values(ids)) {
    assert.equal(await actions.delete(id), "Successfully Removed");
  }
  await rejectsNaming(actions.info(ids.condition), /not found/i);
  assert.deepEqual(await actions.list(), []);
}
