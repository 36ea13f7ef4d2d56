// The official @tago-io/sdk's half of sidebyside_test.go: it inserts, reads, counts and removes
// data with a device token and sends the four analysis services with an analysis token, against
// the emulator the Go test started, then prints what it saw as one JSON object. The Go test does
// the same with dataplane and compares.
// Usage: TAGOIO_API=... DEVICE_TOKEN=... ANALYSIS_TOKEN=... MQTT_DEVICE=... VARIABLES=a,b node sidebyside.mjs
import { Device, Services } from "@tago-io/sdk";

const api = process.env.TAGOIO_API;
// An explicit region object: the SDK then talks to the emulator, never to tago.io.
const region = { api, sse: `${api}/events` };
const device = new Device({ token: process.env.DEVICE_TOKEN, region });
const services = new Services({ token: process.env.ANALYSIS_TOKEN, region });
const variables = process.env.VARIABLES.split(",");

const out = {};
out.added = await device.sendData([
  { variable: "js_temperature", value: 21.5, unit: "°C", group: "js-group", time: "2024-05-01T10:00:00.000Z",
    location: { lat: -23.5, lng: -46.6 }, metadata: { color: "blue" } },
  { variable: "js_status", value: "ok", serie: "js-serie", time: "2024-05-01T10:01:00.000Z" },
  { variable: "js_flag", value: true, group: "js-group", time: "2024-05-01T10:02:00.000Z" },
  { variable: "js_scratch", value: 0, time: "2024-05-01T10:03:00.000Z" }, // removed below
]);
out.records = await device.getData({ variables, qty: 100, ordination: "ascending" });
out.count = (await device.getData({ query: "count", variables }))[0].value;
out.last = await device.getData({ query: "last_value", variables: ["go_temperature"] });
out.sms = await services.sms.send({ to: "+5511999999999", message: "side by side" });
out.email = await services.email.send({ to: "ops@example.com", from: "Ops team", subject: "Report", message: "All good" });
out.mqtt = await services.mqtt.publish({ topic: "site/1", message: "reboot", device: process.env.MQTT_DEVICE, options: { qos: 1 } });
out.notification = await services.notification.send({ title: "Side by side", message: "Sent by both clients" });
out.removed = await device.deleteData({ variables: ["js_scratch"] });
console.log(JSON.stringify(out));
