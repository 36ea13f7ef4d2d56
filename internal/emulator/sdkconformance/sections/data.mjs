// The device data plane: the Device class with a device token (sendData, getData with the query
// grammar, editData, deleteData, getParameters), an immutable device refusing edits, and the
// same data through Resources.devices with the profile token.
import assert from "node:assert/strict";

import { rejectsNaming } from "../assertions.mjs";

const HTTPS_CONNECTOR = "62333bd36977fc001a2990c8";
const HTTP_NETWORK = "62336c32ab6e0d0012e06c04";

// Fixed record times (a mutable device has no retention window): deterministic ordering.
const T = (minute) => new Date(Date.UTC(2024, 0, 15, 12, minute, 0));

export async function run({ resources, device }) {
  const { devices } = resources;
  const mutable = await devices.create({
    name: "data mutable", type: "mutable", connector: HTTPS_CONNECTOR, network: HTTP_NETWORK,
  });
  const dev = device(mutable.token);

  // sendData: one record (the variable is stored lowercased, {lat,lng} becomes GeoJSON).
  assert.equal(await dev.sendData({
    variable: "Temperature", value: 21.5, unit: "°C", group: "g1", time: T(0),
    location: { lat: -23.55, lng: -46.63 }, metadata: { color: "red" },
  }), "1 Data Added");
  // sendData: many records; those without a group share one generated group.
  assert.equal(await dev.sendData([
    { variable: "temperature", value: 22, unit: "°C", group: "g1", time: T(1) },
    { variable: "temperature", value: 25.25, unit: "°C", group: "g2", time: T(2) },
    { variable: "humidity", value: 60, time: T(1) },
    { variable: "humidity", value: 65, time: T(2) },
    { variable: "status", value: "ok", time: T(3) },
    { variable: "alarm", value: true, time: T(4) },
  ]), "6 Data Added");

  // getData with variables and qty: newest first, values typed as sent.
  const temps = await dev.getData({ variables: ["temperature"], qty: 10 });
  assert.deepEqual(temps.map((d) => d.value), [25.25, 22, 21.5], "newest first, numbers stay numbers");
  assert.ok(temps.every((d) => d.variable === "temperature" && d.device === mutable.device_id));
  assert.ok(temps.every((d) => d.time instanceof Date), "time parsed to a Date");
  assert.equal(temps[2].time.toISOString(), T(0).toISOString());
  assert.equal(temps[2].unit, "°C");
  assert.equal(temps[2].group, "g1");
  assert.deepEqual(temps[2].location, { type: "Point", coordinates: [-46.63, -23.55] }, "location as GeoJSON [lng, lat]");
  assert.deepEqual(temps[2].metadata, { color: "red" });
  assert.match(temps[0].id, /^[0-9a-f]{24}$/);
  const hum = await dev.getData({ variables: "humidity" });
  assert.deepEqual(hum.map((d) => d.value), [65, 60]);
  assert.equal(hum[0].group, hum[1].group, "records sent together without a group share one");
  assert.ok(hum[0].group && hum[0].group !== "g1");
  assert.deepEqual((await dev.getData({ variables: ["temperature"], qty: 1 })).map((d) => d.value), [25.25], "qty");
  assert.deepEqual((await dev.getData({ variables: ["temperature"], qty: 2, ordination: "ascending" })).map((d) => d.value),
    [21.5, 22], "ascending");
  assert.equal((await dev.getData({ qty: 100 })).length, 7, "no variables: every record");
  assert.deepEqual((await dev.getData({ variables: ["status", "alarm"], qty: 10 })).map((d) => d.value), [true, "ok"],
    "strings and booleans stay typed");

  // Queries: last_value per variable, count as the SDK's [{time, value}] wrapping of a number.
  const last = await dev.getData({ variables: ["temperature", "humidity"], query: "last_value" });
  assert.deepEqual(last.map((d) => [d.variable, d.value]).sort(), [["humidity", 65], ["temperature", 25.25]]);
  const count = await dev.getData({ variables: "temperature", query: "count" });
  assert.equal(count.length, 1);
  assert.equal(count[0].value, 3, "count of temperature records");
  assert.ok(count[0].time instanceof Date);
  const max = await dev.getData({ variables: "temperature", query: "max" });
  assert.deepEqual(max.map((d) => d.value), [25.25]);

  const first = await dev.getData({ variables: "temperature", query: "first_value" });
  assert.deepEqual(first.map((d) => d.value), [21.5], "first_value");
  // avg needs start_date (and at most a month); the number comes back wrapped by the SDK.
  const avg = await dev.getData({ variables: "temperature", query: "avg", start_date: T(0), end_date: T(59) });
  assert.equal(avg.length, 1);
  assert.equal(avg[0].value, (21.5 + 22 + 25.25) / 3);
  await rejectsNaming(dev.getData({ variables: "temperature", query: "avg" }), /start_date/);
  // skip pages through the default listing; details adds the deprecated aliases.
  assert.deepEqual((await dev.getData({ variables: "temperature", qty: 1, skip: 1 })).map((d) => d.value), [22], "skip");
  const [detailed] = await dev.getData({ variables: "temperature", qty: 1, details: true });
  assert.equal(detailed.origin, mutable.device_id, "details: origin is the device");
  assert.equal(detailed.serie, detailed.group, "details: serie is the group");

  // Date range: start/end inclusive; groups.
  const ranged = await dev.getData({ variables: "temperature", start_date: T(1), end_date: T(1) });
  assert.deepEqual(ranged.map((d) => d.value), [22], "start_date/end_date bound the time");
  const fromOne = await dev.getData({ start_date: T(1).toISOString(), end_date: T(2).toISOString(), qty: 100 });
  assert.equal(fromOne.length, 4);
  const g1 = await dev.getData({ groups: "g1" });
  assert.deepEqual(g1.map((d) => d.value), [22, 21.5], "groups filter");

  // editData on a mutable device.
  const toEdit = temps[1];
  assert.equal(await dev.editData({ id: toEdit.id, value: 23, unit: "F", metadata: { edited: true } }), "1 item(s) updated");
  const [edited] = await dev.getData({ ids: toEdit.id });
  assert.equal(edited.id, toEdit.id);
  assert.equal(edited.value, 23);
  assert.equal(edited.unit, "F");
  assert.deepEqual(edited.metadata, { edited: true });
  assert.equal(edited.time.toISOString(), T(1).toISOString(), "time untouched");

  // deleteData: by ids, by variables; with no argument the SDK sends query=last_item.
  assert.equal(await dev.deleteData({ ids: [toEdit.id] }), "1 Data Removed");
  assert.deepEqual((await dev.getData({ variables: "temperature" })).map((d) => d.value), [25.25, 21.5]);
  assert.equal(await dev.deleteData({ variables: "humidity", qty: 10 }), "2 Data Removed");
  assert.equal(await dev.deleteData(), "1 Data Removed", "no argument removes the newest record");
  const left = await dev.getData({ qty: 100 });
  assert.deepEqual(left.map((d) => d.variable).sort(), ["status", "temperature", "temperature"], "the alarm (newest) went");

  // Validation: a forbidden variable name, a qty out of range, an unknown query.
  await rejectsNaming(dev.sendData({ variable: "bad variable!", value: 1 }), /variable/);
  await rejectsNaming(dev.getData({ variables: "temperature", qty: 0 }), /qty/);
  await rejectsNaming(dev.getData({ query: "median" }), /query/);
  assert.equal((await dev.getData({ qty: 100 })).length, 3, "refused calls changed nothing");

  // An immutable device accepts data in its retention window and refuses edits and deletes.
  const immutable = await devices.create({
    name: "data immutable", type: "immutable", connector: HTTPS_CONNECTOR, network: HTTP_NETWORK,
    chunk_period: "day", chunk_retention: 1,
  });
  const imm = device(immutable.token);
  assert.equal(await imm.sendData({ variable: "temperature", value: 30 }), "1 Data Added");
  const [immRecord] = await imm.getData({ variables: "temperature" });
  assert.equal(immRecord.value, 30);
  await rejectsNaming(imm.editData({ id: immRecord.id, value: 31 }), /immutable/);
  await rejectsNaming(imm.deleteData({ ids: immRecord.id }), /immutable/);
  assert.equal((await imm.getData({ variables: "temperature" }))[0].value, 30, "the refused edit changed nothing");

  // getParameters with the device token.
  await devices.paramSet(mutable.device_id, [{ key: "interval", value: "60", sent: false }, { key: "mode", value: "eco", sent: true }]);
  const params = await dev.getParameters("all");
  assert.deepEqual(params.map((p) => [p.key, p.value, p.sent]), [["interval", "60", false], ["mode", "eco", true]]);
  assert.deepEqual((await dev.getParameters("onlyUnRead")).map((p) => p.key), ["interval"]);
  assert.deepEqual((await dev.getParameters("onlyRead")).map((p) => p.key), ["mode"]);

  // The same data plane through Resources.devices with the profile token.
  const id = mutable.device_id;
  assert.equal(await devices.amount(id), 3, "amount counts the records");
  assert.equal(await devices.sendDeviceData(id, [
    { variable: "pressure", value: 1013, time: T(10) },
    { variable: "pressure", value: 1009, time: T(11) },
  ]), "2 Data Added");
  const pressure = await devices.getDeviceData(id, { variables: ["pressure"], qty: 5 });
  assert.deepEqual(pressure.map((d) => d.value), [1009, 1013]);
  assert.ok(pressure[0].time instanceof Date);
  const seenByDevice = await dev.getData({ variables: "pressure" });
  assert.deepEqual(seenByDevice.map((d) => d.id), pressure.map((d) => d.id), "one store for both tokens");
  const pcount = await devices.getDeviceData(id, { variables: "pressure", query: "count" });
  assert.equal(pcount[0].value, 2);
  assert.equal(await devices.amount(id), 5);
  assert.equal(await devices.deleteDeviceData(id, { variables: "pressure", qty: 1 }), "1 Data Removed");
  assert.deepEqual((await devices.getDeviceData(id, { variables: "pressure" })).map((d) => d.value), [1013],
    "qty 1 removed the newest");
  assert.equal(await devices.amount(id), 4);
  const [kept] = await devices.getDeviceData(id, { variables: "pressure" });
  assert.equal(await devices.editDeviceData(id, { id: kept.id, value: 1000, unit: "hPa" }), "1 item(s) updated");
  const [keptEdited] = await devices.getDeviceData(id, { ids: kept.id });
  assert.equal(keptEdited.value, 1000);
  assert.equal(keptEdited.unit, "hPa");
  await rejectsNaming(devices.sendDeviceData(id, { value: 1 }), /variable/);

  // emptyDeviceData removes every record, of an immutable device too.
  assert.equal(await devices.emptyDeviceData(immutable.device_id), "Data Successfully Removed");
  assert.equal(await devices.amount(immutable.device_id), 0);
  assert.deepEqual(await imm.getData({ qty: 100 }), []);
  assert.equal(await devices.amount(id), 4, "another device keeps its records");
  assert.equal(await devices.emptyDeviceData(id), "Data Successfully Removed");
  assert.equal(await devices.amount(id), 0);
  await rejectsNaming(devices.getDeviceData("000000000000000000000000", { qty: 1 }), /not found/i);
}
