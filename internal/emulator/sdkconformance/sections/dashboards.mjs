// Dashboards and their widgets through Resources.dashboards: CRUD, the arrangement (replaced on
// edit, never touched by widget create or delete), widgets replaced field by field on edit.
import assert from "node:assert/strict";

import { rejectsNaming } from "../assertions.mjs";

const HTTPS_CONNECTOR = "62333bd36977fc001a2990c8";
const HTTP_NETWORK = "62336c32ab6e0d0012e06c04";

export async function run({ resources }) {
  const { dashboards } = resources;
  const { widgets } = dashboards;

  const device = (await resources.devices.create({
    name: "dashboard source", type: "mutable", connector: HTTPS_CONNECTOR, network: HTTP_NETWORK,
  })).device_id;

  const created = await dashboards.create({
    label: "Plant floor",
    tags: [{ key: "site", value: "north" }],
    visible: true,
  });
  assert.match(created.dashboard, /^[0-9a-f]{24}$/, "create returns {dashboard}");
  const id = created.dashboard;
  const second = (await dashboards.create({ label: "Another floor", visible: false })).dashboard;

  const info = await dashboards.info(id);
  assert.equal(info.id, id);
  assert.equal(info.label, "Plant floor");
  assert.equal(info.type, "dashboard", "type defaults to dashboard");
  assert.equal(info.visible, true);
  assert.deepEqual(info.tags, [{ key: "site", value: "north" }]);
  assert.deepEqual(info.arrangement, [], "a new dashboard has an empty arrangement");
  assert.ok(info.created_at instanceof Date && !isNaN(info.created_at), "created_at is a date");
  assert.equal(info.last_access, null);

  // list: the SDK's default asks fields [id, name]; on a dashboard the name is its label.
  const listed = await dashboards.list();
  assert.deepEqual(listed, [
    { id: second, label: "Another floor" },
    { id, label: "Plant floor" },
  ], "default list: id and label, ordered by label");
  const filtered = await dashboards.list({ fields: ["id", "label", "visible", "tags"], filter: { visible: false } });
  assert.deepEqual(filtered, [{ id: second, label: "Another floor", visible: false, tags: [] }]);
  const byTag = await dashboards.list({ fields: ["id"], filter: { tags: [{ key: "site", value: "north" }] } });
  assert.deepEqual(byTag, [{ id }]);
  const desc = await dashboards.list({ fields: ["id", "label"], orderBy: ["label", "desc"] });
  assert.deepEqual(desc.map((d) => d.id), [id, second], "orderBy label desc");

  // Widgets: created, not placed in the arrangement.
  const cardBody = {
    label: "Temperature",
    type: "card",
    data: [{ origin: device, variables: ["temperature"], qty: 1, query: "last_value" }],
    display: { show_unit: true, variables: [{ origin: device, variable: "temperature" }] },
    realtime: null,
  };
  const card = await widgets.create(id, cardBody);
  assert.match(card.widget, /^[0-9a-f]{24}$/, "widget create returns {widget}");
  const chart = await widgets.create(id, {
    label: "History", type: "line_chart",
    data: [{ origin: device, variables: ["temperature", "humidity"], qty: 100 }],
    display: { x_axis: "time" },
  });
  assert.deepEqual((await dashboards.info(id)).arrangement, [], "widget create does not touch the arrangement");

  const cardInfo = await widgets.info(id, card.widget);
  assert.equal(cardInfo.id, card.widget);
  assert.equal(cardInfo.label, "Temperature");
  assert.equal(cardInfo.type, "card");
  assert.deepEqual(cardInfo.data, cardBody.data);
  assert.deepEqual(cardInfo.display, cardBody.display);
  assert.equal(cardInfo.realtime, null);

  // Widget edit replaces display wholesale (no deep merge) and keeps what it does not send.
  assert.equal(await widgets.edit(id, card.widget, { label: "Temp (°C)", display: { show_unit: false } }), "Successfully Updated");
  const cardEdited = await widgets.info(id, card.widget);
  assert.equal(cardEdited.label, "Temp (°C)");
  assert.deepEqual(cardEdited.display, { show_unit: false }, "display replaced, not merged");
  assert.deepEqual(cardEdited.data, cardBody.data, "data untouched");
  await rejectsNaming(widgets.edit(id, card.widget, { type: "dial" }), /type/);
  await rejectsNaming(widgets.create(id, { label: "no type", display: {} }), /type/);
  await rejectsNaming(widgets.create(id, { label: "bad query", type: "card", display: {}, data: [{ origin: device, query: "median" }] }), /query/);

  // The arrangement is the client's to write, and an edit replaces it (no merge by widget).
  const arrangement = [
    { widget_id: card.widget, x: 0, y: 0, width: 2.3333333333333335, height: 2, tab: null },
    { widget_id: chart.widget, x: 2, y: 0, width: 4, height: 3, tab: null },
  ];
  assert.equal(await dashboards.edit(id, { arrangement }), "Successfully Updated");
  assert.deepEqual((await dashboards.info(id)).arrangement, arrangement, "arrangement as sent, fractions kept");
  const onlyChart = [{ widget_id: chart.widget, x: 0, y: 0, width: 6, height: 4, tab: null }];
  await dashboards.edit(id, { arrangement: onlyChart });
  assert.deepEqual((await dashboards.info(id)).arrangement, onlyChart, "the second edit replaced the arrangement");
  await dashboards.edit(id, { label: "Plant floor 2", tags: [] });
  const relabelled = await dashboards.info(id);
  assert.equal(relabelled.label, "Plant floor 2");
  assert.deepEqual(relabelled.tags, []);
  assert.deepEqual(relabelled.arrangement, onlyChart, "an edit without arrangement keeps it");
  await rejectsNaming(dashboards.edit(id, { arrangement: [{ widget_id: chart.widget, x: 0, y: 0 }] }), /width/);
  await rejectsNaming(dashboards.create({ label: "" }), /label/);
  assert.deepEqual((await dashboards.info(id)).arrangement, onlyChart, "a refused edit changes nothing");

  // Related devices and analyses come from the widgets: data[].origin and analysis_run.
  const analysis = (await resources.analysis.create({ name: "button script", runtime: "node-rt2025" })).id;
  await widgets.edit(id, chart.widget, { analysis_run: analysis });
  assert.deepEqual(await dashboards.listDevicesRelated(id), [{ id: device, name: "dashboard source", bucket: device }]);
  assert.deepEqual(await dashboards.listAnalysisRelated(id), [{ id: analysis, name: "button script" }]);
  // An edit without analysis_run detaches it (widget top-level fields are replaced).
  await widgets.edit(id, chart.widget, { label: "History 2" });
  assert.equal((await widgets.info(id, chart.widget)).analysis_run ?? null, null);
  assert.deepEqual(await dashboards.listAnalysisRelated(id), []);

  // A widget token is new on every call; a public token never expires unless asked.
  const wt1 = await widgets.tokenGenerate(id, card.widget);
  const wt2 = await widgets.tokenGenerate(id, card.widget);
  assert.equal(typeof wt1.widget_token, "string");
  assert.notEqual(wt1.widget_token, wt2.widget_token, "tokenGenerate issues a new token");
  const pub = await dashboards.getPublicKey(id);
  assert.equal(typeof pub.token, "string");
  assert.equal(pub.expire_time, "never", "the SDK's default expire_time is never");
  const pubDay = await dashboards.getPublicKey(id, "1 day");
  assert.ok(pubDay.expire_time instanceof Date, "a relative expire_time comes back as a date");
  const hours = (pubDay.expire_time.getTime() - Date.now()) / 3.6e6;
  assert.ok(hours > 23.9 && hours <= 24, `public token expires in a day, got ${hours}`);

  // duplicate copies the dashboard with its widgets; the copy's arrangement points at the copies.
  const dup = await dashboards.duplicate(id, { new_label: "Plant floor copy" });
  assert.match(dup.dashboard_id, /^[0-9a-f]{24}$/);
  assert.equal(typeof dup.message, "string");
  const copy = await dashboards.info(dup.dashboard_id);
  assert.equal(copy.label, "Plant floor copy");
  assert.equal(copy.arrangement.length, 1);
  assert.notEqual(copy.arrangement[0].widget_id, chart.widget, "the copy's arrangement names the copied widget");
  const copiedChart = await widgets.info(dup.dashboard_id, copy.arrangement[0].widget_id);
  assert.equal(copiedChart.label, "History 2");
  assert.deepEqual(copiedChart.data, (await widgets.info(id, chart.widget)).data);
  await dashboards.delete(dup.dashboard_id);

  // Widget delete leaves the arrangement alone too.
  assert.equal(await widgets.delete(id, chart.widget), "Successfully Removed");
  await rejectsNaming(widgets.info(id, chart.widget), /not found/i);
  assert.deepEqual((await dashboards.info(id)).arrangement, onlyChart, "widget delete does not touch the arrangement");
  await rejectsNaming(widgets.info(second, card.widget), /not found/i);

  assert.equal(await dashboards.delete(id), "Successfully Removed");
  await rejectsNaming(dashboards.info(id), /not found/i);
  await rejectsNaming(widgets.info(id, card.widget), /not found/i);
  assert.deepEqual((await dashboards.list()).map((d) => d.id), [second]);
}
