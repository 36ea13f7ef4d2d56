// Analysis services through the Services class with an analysis token: SMS, email, MQTT,
// notification and console. The emulator sends nothing; it records each call in its outbox, which
// must hold exactly what the SDK sent.
import assert from "node:assert/strict";

import { rejectsNaming } from "../assertions.mjs";

const HTTPS_CONNECTOR = "62333bd36977fc001a2990c8";
const HTTP_NETWORK = "62336c32ab6e0d0012e06c04";

export async function run({ resources, region, outbox, sdk, token }) {
  const created = await resources.analysis.create({ name: "service caller", runtime: "node-rt2025" });
  const services = new sdk.Services({ token: created.token, region });
  const device = (await resources.devices.create({
    name: "mqtt target", type: "mutable", connector: HTTPS_CONNECTOR, network: HTTP_NETWORK,
  })).device_id;
  const before = Date.now();

  assert.equal(typeof await services.sms.send({ to: "+5511999999999", message: "Tank low" }), "string");
  assert.equal(typeof await services.email.send({
    to: ["ops@example.com", "boss@example.com"], from: "Plant", subject: "Report", message: "All good",
  }), "string");
  await services.email.send({ to: "ops@example.com", template: { name: "daily", params: { level: 42 } } });
  assert.equal(typeof await services.MQTT.publish({ topic: "plant/valve", message: "open", device, options: { qos: 1 } }),
    "string");
  assert.equal(typeof await services.Notification.send({ title: "Heads up", message: "Valve opened" }), "string");
  const consoleTime = new Date(Date.UTC(2024, 5, 1, 8, 30, 0));
  assert.equal(typeof await services.console.log("analysis says hi", consoleTime), "string");

  // Exactly what the SDK sent, one entry per call, attributed to the analysis.
  const box = await outbox();
  const bodies = (cat) => box[cat].map((e) => e.body);
  assert.deepEqual(bodies("sms"), [{ to: "+5511999999999", message: "Tank low" }]);
  assert.deepEqual(bodies("email"), [
    { to: ["ops@example.com", "boss@example.com"], from: "Plant", subject: "Report", message: "All good" },
    { to: "ops@example.com", template: { name: "daily", params: { level: 42 } } },
  ]);
  // The SDK flattens options into the body and sends device (not the deprecated bucket).
  assert.deepEqual(bodies("mqtt"), [{ topic: "plant/valve", message: "open", device, qos: 1 }]);
  assert.deepEqual(bodies("notification"), [{ title: "Heads up", message: "Valve opened" }]);
  assert.deepEqual(bodies("console"), [{ message: "analysis says hi", timestamp: consoleTime.getTime() }]);
  assert.deepEqual(box.other, []);
  const all = ["sms", "email", "mqtt", "notification", "console"].flatMap((c) => box[c]);
  assert.deepEqual(all.map((e) => e.service), ["sms", "email", "email", "mqtt", "notification", "console"]);
  for (const e of all) {
    assert.equal(e.analysis, created.id, `${e.service}: attributed to the calling analysis`);
    const t = new Date(e.time).getTime();
    assert.ok(t >= before - 1000 && t <= Date.now() + 1000, `${e.service}: recorded now`);
  }

  // The notification also reached the account's notification list.
  const notes = await resources.notifications.list({ fields: ["id", "title", "message", "read"] });
  assert.deepEqual(notes.map((n) => [n.title, n.message, n.read]), [["Heads up", "Valve opened", false]]);

  // Validation: each refusal names the field and records nothing.
  await rejectsNaming(services.sms.send({ message: "no recipient" }), /to/);
  await rejectsNaming(services.email.send({ to: "a@example.com", message: "no subject" }), /subject/);
  await rejectsNaming(services.MQTT.publish({ topic: "t", message: "m", device: "000000000000000000000000" }), /device/i);
  await rejectsNaming(services.Notification.send({ message: "no title" }), /title/);
  // A profile token is not an analysis token: services refuse it.
  await assert.rejects(new sdk.Services({ token, region }).sms.send({ to: "+1", message: "m" }));
  const after = await outbox();
  for (const cat of ["sms", "email", "mqtt", "notification", "console"]) {
    assert.equal(after[cat].length, box[cat].length, `refused ${cat} calls recorded nothing`);
  }
}
