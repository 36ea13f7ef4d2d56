// Custom connectors and networks through Resources.integration: create, info (with and without
// fields), list (the catalog and filter[public]), edit, delete, validation, the catalog read-only.
import assert from "node:assert/strict";

import { rejectsNaming } from "../assertions.mjs";

const HTTP_NETWORK = "62336c32ab6e0d0012e06c04";
const HTTPS_CONNECTOR = "62333bd36977fc001a2990c8";

export async function run({ resources }) {
  const { connectors, networks } = resources.integration;
  const decoder = Buffer.from("payload = payload.filter((p) => p.variable);", "utf8").toString("base64");

  const createdNetwork = await networks.create({
    name: "Réseau ✓", description: "own network server", middleware_endpoint: "lns.example.com",
    payload_decoder: decoder, require_devices_access: true,
    serial_number: { required: true, label: "Device EUI", mask: "xxxxxxxxxxxxxxxx", case: "upper" },
    device_parameters: [{ name: "app_key", label: "App key", type: "text", group: "main" }],
  });
  assert.match(createdNetwork.network, /^[0-9a-f]{24}$/, "create returns {network}");
  const networkID = createdNetwork.network;

  assert.deepEqual(await networks.info(networkID), { id: networkID, name: "Réseau ✓" }, "info's default fields are id and name");
  const network = await networks.info(networkID, ["id", "name", "payload_decoder", "serial_number", "device_parameters", "public"]);
  assert.equal(network.payload_decoder, decoder, "the decoder is kept base64-encoded");
  assert.equal(network.serial_number.required, true);
  assert.equal(network.serial_number.label, "Device EUI");
  assert.equal(network.public, false);
  assert.deepEqual(network.device_parameters, [{ name: "app_key", label: "App key", type: "text", group: "main" }]);

  const createdConnector = await connectors.create({
    name: "Sensor", networks: [networkID, HTTP_NETWORK], payload_decoder: decoder, install_text: "Scan the lid",
    device_parameters: [{ name: "interval", type: "number", default: 60 }, { name: "led", type: "switch", default: true }],
  });
  assert.match(createdConnector.connector, /^[0-9a-f]{24}$/, "create returns {connector}");
  const connectorID = createdConnector.connector;
  const connector = await connectors.info(connectorID);
  assert.deepEqual(connector.networks, [networkID, HTTP_NETWORK], "networks keep their order");
  assert.equal(connector.public, false);
  assert.equal(connector.install_text, "Scan the lid");
  assert.deepEqual(connector.device_parameters.map((p) => p.default), [60, true], "defaults keep their JSON type");
  assert.ok(connector.created_at instanceof Date && !isNaN(connector.created_at), "created_at is a date");

  // The catalog is listed too; filter[public] lists only the profile's own.
  const all = await connectors.list({ amount: 100 });
  assert.ok(all.some((c) => c.id === HTTPS_CONNECTOR) && all.some((c) => c.id === connectorID));
  assert.deepEqual(Object.keys(all[0]).sort(), ["id", "name"], "the SDK's default fields");
  const own = await connectors.list({ filter: { public: false }, fields: ["id", "name", "networks"] });
  assert.deepEqual(own.map((c) => c.id), [connectorID]);
  assert.deepEqual((await networks.list({ filter: { public: false } })).map((n) => n.id), [networkID]);

  // Edits send any subset; "" or null clears a text.
  assert.equal(await connectors.edit(connectorID, { name: "Sensor 2", networks: [networkID], install_text: "" }), "Successfully Updated");
  const edited = await connectors.info(connectorID);
  assert.equal(edited.name, "Sensor 2");
  assert.deepEqual(edited.networks, [networkID]);
  assert.equal(edited.install_text, null);
  assert.equal(edited.payload_decoder, decoder, "what the edit left out is kept");
  assert.equal(await networks.edit(networkID, { serial_number: { required: false }, public: true }), "Successfully Updated");
  const editedNetwork = await networks.info(networkID, ["serial_number", "public"]);
  assert.equal(editedNetwork.serial_number.required, false);
  assert.equal(editedNetwork.serial_number.label, "Device EUI", "serial_number keys not sent are kept");
  assert.equal(editedNetwork.public, true);

  // Validation, and TagoIO's catalog is not the profile's to change.
  await rejectsNaming(connectors.create({ description: "no name" }), /name/i);
  await rejectsNaming(connectors.create({ name: "x", networks: ["aaaaaaaaaaaaaaaaaaaaaaaa"] }), /network/i);
  await rejectsNaming(networks.create({ name: "x", payload_decoder: "not base64!" }), /payload_decoder/i);
  await rejectsNaming(connectors.edit(HTTPS_CONNECTOR, { name: "mine" }), /denied/i);
  await rejectsNaming(networks.delete(HTTP_NETWORK), /denied/i);

  assert.equal(await connectors.delete(connectorID), "Successfully Removed");
  assert.equal(await networks.delete(networkID), "Successfully Removed");
  await rejectsNaming(connectors.info(connectorID), /not found/i);
  await rejectsNaming(networks.info(networkID), /not found/i);
}
