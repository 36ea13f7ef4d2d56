// Devices, configuration parameters and device tokens, through Resources.devices and Device.
import assert from "node:assert/strict";

const HTTPS_CONNECTOR = "62333bd36977fc001a2990c8";
const HTTP_NETWORK = "62336c32ab6e0d0012e06c04";

export async function run({ resources, device }) {
  const { devices } = resources;

  const created = await devices.create({
    name: "SDK conformance sensor",
    type: "immutable",
    connector: HTTPS_CONNECTOR,
    network: HTTP_NETWORK,
    chunk_period: "month",
    chunk_retention: 6,
    tags: [
      { key: "suite", value: "sdk" },
      { key: "suite", value: "conformance" },
    ],
  });
  assert.match(created.device_id, /^[0-9a-f]{24}$/, "create returns device_id");
  assert.equal(created.bucket_id, created.device_id, "bucket_id is the device id");
  assert.match(created.token, /^[0-9a-f-]{36}$/, "create returns the default device token");
  const id = created.device_id;

  const info = await devices.info(id);
  assert.equal(info.id, id);
  assert.equal(info.name, "SDK conformance sensor");
  assert.equal(info.type, "immutable");
  assert.equal(info.connector, HTTPS_CONNECTOR);
  assert.equal(info.network, HTTP_NETWORK);
  assert.equal(info.chunk_period, "month");
  assert.equal(info.chunk_retention, 6);
  assert.equal(info.active, true);
  assert.deepEqual(info.tags, [
    { key: "suite", value: "sdk" },
    { key: "suite", value: "conformance" },
  ]);
  // The SDK turns known date fields into Date objects: the emulator's dates must parse.
  assert.ok(info.created_at instanceof Date && !isNaN(info.created_at), "created_at is a date");

  // list: the SDK sends qs "indices" arrays (fields[0]=id...) and filter[tags][0][key].
  const listed = await devices.list({
    page: 1,
    amount: 10,
    fields: ["id", "name", "tags"],
    filter: { name: "SDK conformance*", tags: [{ key: "suite", value: "sdk" }] },
    orderBy: ["name", "asc"],
  });
  assert.equal(listed.length, 1, "one device matches the wildcard and tag filter");
  assert.equal(listed[0].id, id);
  assert.equal(listed[0].name, "SDK conformance sensor");
  const none = await devices.list({ filter: { name: "Nothing*" } });
  assert.deepEqual(none, []);

  // edit replaces tags wholesale.
  const edited = await devices.edit(id, { name: "SDK conformance sensor 2", tags: [{ key: "only", value: "one" }] });
  assert.equal(edited, "Successfully Updated");
  const afterEdit = await devices.info(id);
  assert.equal(afterEdit.name, "SDK conformance sensor 2");
  assert.deepEqual(afterEdit.tags, [{ key: "only", value: "one" }]);

  // An invalid edit is rejected with the API's message (the SDK rejects on 4xx).
  await assert.rejects(devices.edit(id, { chunk_period: "day" }), (err) => {
    assert.match(String(err), /chunk_period/i);
    return true;
  });

  // Configuration parameters.
  assert.equal(await devices.paramSet(id, [{ key: "interval", value: "60", sent: false }, { key: "mode", value: "eco", sent: false }]),
    "Params Successfully Updated");
  let params = await devices.paramList(id);
  assert.deepEqual(params.map((p) => [p.key, p.value, p.sent]), [["interval", "60", false], ["mode", "eco", false]]);
  await devices.paramSet(id, { key: "interval", value: "30", sent: false }, params[0].id);
  params = await devices.paramList(id);
  assert.equal(params[0].value, "30", "paramSet with an id edits");
  assert.equal(params.length, 2);

  // The device reads its parameters with its own token and marks one as read.
  const dev = device(created.token);
  const devInfo = await dev.info();
  assert.equal(devInfo.id, id, "GET /info with the device token");
  const unread = await dev.getParameters("onlyUnRead");
  assert.equal(unread.length, 2);
  await dev.setParameterAsRead(params[1].id);
  assert.deepEqual((await dev.getParameters("onlyUnRead")).map((p) => p.key), ["interval"]);
  assert.deepEqual((await devices.paramList(id, true)).map((p) => p.key), ["mode"], "sent_status=true lists sent ones");
  assert.equal(await devices.paramRemove(id, params[0].id), "Successfully Removed");
  assert.equal((await devices.paramList(id)).length, 1);

  // Device tokens.
  const tok = await devices.tokenCreate(id, { name: "gateway", permission: "write", expire_time: "1 day" });
  assert.match(tok.token, /^[0-9a-f-]{36}$/);
  assert.equal(tok.permission, "write");
  const expiry = tok.expire_date instanceof Date ? tok.expire_date : new Date(tok.expire_date);
  const hours = (expiry.getTime() - Date.now()) / 3.6e6;
  assert.ok(hours > 23 && hours < 25, `expire_date is a day away, got ${tok.expire_date}`);
  const tokens = await devices.tokenList(id, { fields: ["name", "token", "permission", "expire_time"] });
  assert.deepEqual(tokens.map((t) => t.name).sort(), ["Default", "gateway"]);
  const gateway = tokens.find((t) => t.name === "gateway");
  assert.equal(gateway.token, tok.token);
  assert.equal(gateway.permission, "write");
  // A write-only token cannot read: the SDK rejects with the API's 403.
  await assert.rejects(device(tok.token).info());
  assert.equal(await devices.tokenDelete(tok.token), "Token Successfully Removed");
  await assert.rejects(device(tok.token).info(), "a deleted token is refused");

  // Connectors and networks the device was created with.
  const connector = await resources.integration.connectors.info(HTTPS_CONNECTOR);
  assert.equal(connector.name, "Custom HTTPS");
  assert.ok(connector.networks.includes(HTTP_NETWORK));

  assert.equal(await devices.delete(id), "Successfully Removed");
  await assert.rejects(devices.info(id), (err) => {
    assert.match(String(err), /not found/i);
    return true;
  });
  await assert.rejects(dev.info(), "the default token dies with its device");
}
