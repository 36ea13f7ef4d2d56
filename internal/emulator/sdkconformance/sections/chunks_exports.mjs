// Resources.devices chunk and export calls (getChunk, deleteChunk, dataBackup with and without
// a chunk, dataRestore), Resources.tags.getTagKeys and Resources.dashboards.widgets.getData.
import assert from "node:assert/strict";

import { rejectsNaming } from "../assertions.mjs";

const HTTPS_CONNECTOR = "62333bd36977fc001a2990c8";
const HTTP_NETWORK = "62336c32ab6e0d0012e06c04";

export async function run({ resources, device }) {
  const { devices } = resources;
  const imm = await devices.create({
    name: "chunks", type: "immutable", connector: HTTPS_CONNECTOR, network: HTTP_NETWORK,
    chunk_period: "week", chunk_retention: 2, tags: [{ key: "site", value: "north" }],
  });
  assert.equal(await device(imm.token).sendData([{ variable: "t", value: 1 }, { variable: "t", value: 2 }]), "2 Data Added");

  // getChunk: the current week and the two the retention keeps, newest first.
  const chunks = await devices.getChunk(imm.device_id);
  assert.equal(chunks.length, 3);
  assert.deepEqual(Object.keys(chunks[0]).sort(), ["amount", "from", "id", "to"]);
  assert.equal(chunks[0].amount, 2);
  assert.equal(chunks[1].amount, 0);
  assert.match(chunks[0].id, /^\d+_\d+$/);
  assert.match(chunks[0].from, /^\d{4}-\d\d-\d\dT00:00:00\.000\+00:00$/);
  assert.equal(new Date(chunks[0].from).getUTCDay(), 1, "week chunks start on Monday");

  // dataBackup with a chunk id goes to /chunk/backup and fills $DEVICE$, $FROM$, $TO$.
  const chunkFile = await devices.dataBackup({ deviceID: imm.device_id, file_address: "/device/$DEVICE$/$FROM$_$TO$", headers: true }, chunks[0].id);
  assert.equal(chunkFile.chunk_id, chunks[0].id);
  assert.match(chunkFile.file_address, new RegExp(`^device/${imm.device_id}/\\d{4}-\\d\\d-\\d\\d_\\d{4}-\\d\\d-\\d\\d\\.csv$`));
  assert.equal(await devices.deleteChunk(imm.device_id, chunks[0].id), `Chunk ${chunks[0].id} deleted`);
  assert.equal((await devices.getChunk(imm.device_id))[0].amount, 0, "the chunk's records are gone");
  await rejectsNaming(devices.deleteChunk(imm.device_id, "not-a-chunk"), /chunk/i);

  // dataBackup without a chunk and dataRestore: the records move to another device.
  const src = await devices.create({ name: "src", type: "mutable", connector: HTTPS_CONNECTOR, network: HTTP_NETWORK });
  await device(src.token).sendData({ variable: "temperature", value: 21.5, unit: "C" });
  const file = await devices.dataBackup({ deviceID: src.device_id, file_address: "/backups/$DEVICE$/$TIMESTAMP$", headers: true });
  assert.deepEqual(Object.keys(file), ["file_address"]);
  assert.match(file.file_address, new RegExp(`^backups/${src.device_id}/\\d+\\.csv$`));
  const dst = await devices.create({ name: "dst", type: "mutable", connector: HTTPS_CONNECTOR, network: HTTP_NETWORK });
  assert.equal(await devices.dataRestore({ deviceID: dst.device_id, file_address: `/${file.file_address}` }), "Data import added to the queue successfully!");
  const restored = await devices.getDeviceData(dst.device_id, { variables: ["temperature"] });
  assert.equal(restored.length, 1);
  assert.equal(restored[0].value, 21.5);
  assert.equal(restored[0].unit, "C");
  await rejectsNaming(devices.dataRestore({ deviceID: dst.device_id, file_address: "/missing.csv" }), /not found/i);

  // Tag keys per object type.
  assert.deepEqual(await resources.tags.getTagKeys("device"), ["site"]);
  assert.deepEqual(await resources.tags.getTagKeys("dashboard"), []);

  // Widget data: the widget's last_value query resolved on its device.
  const dash = (await resources.dashboards.create({ label: "widget data" })).dashboard;
  const widget = (await resources.dashboards.widgets.create(dash, {
    label: "Display #1", type: "display", display: {},
    data: [{ origin: src.device_id, query: "last_value", variables: ["temperature"] }],
  })).widget;
  const data = await resources.dashboards.widgets.getData(dash, widget);
  assert.equal(data.widget.id, widget);
  assert.equal(data.widget.dashboard, dash);
  assert.equal(data.content.length, 1);
  assert.deepEqual(data.content[0].data, { origin: src.device_id, query: "last_value", variables: ["temperature"] });
  assert.equal(data.content[0].result.length, 1);
  assert.equal(data.content[0].result[0].value, 21.5);
  assert.equal(data.content[0].result[0].origin, src.device_id);
}
