// Fills a tagoio-emulator with a varied account through the official @tago-io/sdk, as a user
// who built everything by hand would have it. Used by roundtrip_test.go, which then exports the
// account and checks that `terraform plan` shows only imports.
// Usage: TAGOIO_API=http://127.0.0.1:PORT TAGOIO_TOKEN=... node seed.mjs
// Last line of stdout: "SEED <json>" with what was created (the import IDs the export must write).
import { createHash } from "node:crypto";
import { Resources } from "@tago-io/sdk";

const api = process.env.TAGOIO_API;
const token = process.env.TAGOIO_TOKEN;
if (!api || !token) {
  console.error("TAGOIO_API and TAGOIO_TOKEN must be set");
  process.exit(2);
}
// An explicit region object: the SDK then talks to the emulator, never to tago.io.
const resources = new Resources({ token, region: { api, sse: `${api}/events` } });
const { devices, secrets, analysis, actions, dashboards, run, accessManagement } = resources;

const HTTPS_CONNECTOR = "62333bd36977fc001a2990c8";
const HTTP_NETWORK = "62336c32ab6e0d0012e06c04";
const created = {
  devices: [], device_tokens: [], buckets: [], secrets: [], analyses: [], actions: [],
  dashboards: [], widgets: [], run_users: [], access_management: [],
  dictionaries: [], entities: [], service_authorizations: [], networks: [], connectors: [], files: [], team_members: [],
};
const b64 = (text) => Buffer.from(text, "utf8").toString("base64");

// Devices of every storage type, with tags (a repeated key), parameters, a decoder; two share a
// name and one starts with a digit, to exercise the naming.
async function device(body) {
  const { device_id } = await devices.create({ connector: HTTPS_CONNECTOR, network: HTTP_NETWORK, ...body });
  created.devices.push(device_id);
  return device_id;
}
const boiler = await device({
  name: "Boiler Room", type: "mutable", description: "Main boiler",
  tags: [{ key: "site", value: "plant-a" }, { key: "site", value: "plant-b" }, { key: "kind", value: "boiler" }],
});
await devices.paramSet(boiler, [{ key: "interval", value: "60", sent: false }, { key: "unit", value: "C", sent: false }]);
const boiler2 = await device({ name: "Boiler Room", type: "mutable", active: false, visible: false });
const meter = await device({
  name: "Ärzte Meter", type: "immutable", chunk_period: "month", chunk_retention: 6, serie_number: "SN-0042",
  tags: [{ key: "kind", value: "meter" }],
});
const greenhouse = await device({
  name: "1st Floor Greenhouse", type: "hybrid", chunk_period: "day", chunk_retention: 7, mutable_variable_regex: "^set_",
  payload_decoder: b64("// decode\nconst x = payload.find((p) => p.variable === \"raw\");\nif (x) payload.push({ variable: \"t\", value: Number(x.value) / 10 });\n"),
});

// Extra tokens: two with unique names and two sharing a name (imported by their resource ID,
// which does not depend on the name).
await devices.tokenCreate(boiler, { name: "gateway", permission: "write", expire_time: "never" });
await devices.tokenCreate(meter, { name: "reader", permission: "read", serie_number: "SN-0042" });
await devices.tokenCreate(greenhouse, { name: "dup", permission: "full" });
await devices.tokenCreate(greenhouse, { name: "dup", permission: "read" });
const hashID = (value) => createHash("sha256").update(value).digest("hex").slice(0, 16);
for (const id of created.devices) {
  for (const t of await devices.tokenList(id, { fields: ["name", "token"], amount: 100 })) {
    created.device_tokens.push(`${id}/${t.name === "dup" ? hashID(t.token) : t.name}`);
  }
}

// A legacy bucket: @tago-io/sdk 12 no longer creates standalone buckets (TagoIO removed them
// from its SDKs in 2024), so this one call is plain HTTP, as the original SDK sent it.
{
  const res = await fetch(`${api}/bucket`, {
    method: "POST",
    headers: { token, "content-type": "application/json" },
    body: JSON.stringify({ name: "Archive 2019", description: "Old data", visible: false, tags: [{ key: "legacy", value: "yes" }] }),
  });
  const body = await res.json();
  if (!res.ok || !body.status) throw new Error(`POST /bucket: ${res.status} ${JSON.stringify(body)}`);
  created.buckets.push(body.result.bucket ?? body.result.id ?? body.result.bucket_id);
}

// Secrets, referenced by the third-party actions below.
async function secret(key, value, tags = []) {
  const { id } = await secrets.create({ key, value, tags });
  created.secrets.push(id);
  return id;
}
const sendgrid = await secret("SENDGRID_API_KEY", "SG.secret-value", [{ key: "vendor", value: "sendgrid" }]);
const twilioSID = await secret("TWILIO_SID", "AC123");
const twilioToken = await secret("TWILIO_TOKEN", "tw-token");

// Analyses with uploaded scripts, environment variables, a schedule, an external one and one
// without a script.
async function newAnalysis(body, script) {
  const { id } = await analysis.create(body);
  created.analyses.push(id);
  if (script) {
    await analysis.uploadScript(id, { name: script.name, content: b64(script.text), language: body.runtime });
  }
  return id;
}
const report = await newAnalysis(
  {
    name: "Daily Report", runtime: "node-rt2025", interval: "1 day", tags: [{ key: "team", value: "ops" }],
    variables: [{ key: "REPORT_TO", value: "ops@example.com" }, { key: "API_KEY", value: "k-123" }],
  },
  { name: "report.js", text: "// Daily report\nconsole.log(\"report ${not a template}\");\n" },
);
const worker = await newAnalysis(
  { name: "External Worker", runtime: "python-rt2025", run_on: "external", description: "Runs on our server" },
  { name: "worker.py", text: "print('hello')\n" },
);
await newAnalysis({ name: "Draft", runtime: "deno-rt2025", active: false });

// Run users and Run settings.
async function runUser(body) {
  const { user } = await run.userCreate({ password: "Secret-123!", ...body });
  created.run_users.push(user);
  return user;
}
const alice = await runUser({
  name: "Alice Operator", email: "alice@example.com", timezone: "America/Sao_Paulo", company: "ACME",
  tags: [{ key: "role", value: "operator" }], active: true,
});
await runUser({ name: "Bob Viewer", email: "bob@example.com", timezone: "UTC", language: "pt-BR", active: false });

// Actions of several kinds, referencing the devices, analyses, secrets and a run user.
async function action(body) {
  const { action: id } = await actions.create(body);
  created.actions.push(id);
  return id;
}
await action({
  name: "Overheat", type: "condition", lock: true, tags: [{ key: "severity", value: "high" }],
  trigger: [
    { device: boiler, variable: "temperature", is: ">", value: "90", value_type: "number" },
    { device: boiler, variable: "temperature", is: "<", value: "70", value_type: "number", unlock: true },
  ],
  action: { type: "script", script: [report] },
});
await action({
  name: "Morning mail", type: "schedule", trigger: [{ cron: "0 8 * * 1-5", timezone: "America/New_York" }],
  action: { type: "email-sendgrid", to: "ops@example.com", from: "bot@example.com", subject: "Morning", message: "Hi", sendgrid_api_key: sendgrid },
});
await action({
  name: "New device", type: "resource", active: false, trigger: [{ resource: "device", when: "create", tag_key: "kind", tag_value: "meter" }],
  action: { type: "notification_run", run_user: alice, subject: "New device", message: "A meter was added" },
});
await action({
  name: "Publish", type: "interval", trigger: [{ interval: "5 minutes" }],
  action: { type: "mqtt", topic: "plant/boiler", payload: "ping", bucket: boiler },
});
await action({
  name: "Webhook", type: "condition", trigger: [{ device: meter, variable: "power", is: "*", value_type: "*" }],
  action: { type: "post", url: "https://hooks.example.com/tago", headers: { Authorization: "Bearer xyz" } },
});
await action({
  name: "SMS alert", type: "condition_geofence",
  trigger: [{ device: greenhouse, variable: "location", is: "OUT", value: { center: [-46.63, -23.55], radius: 1.5 } }],
  action: { type: "sms-twilio", to: "+15550001", from: "+15550002", message: "Left the area", twilio_sid: twilioSID, twilio_token: twilioToken },
});

// A dashboard with tabs and widgets placed in its arrangement, and a blueprint dashboard.
const { dashboard: plant } = await dashboards.create({
  label: "Plant Overview", tags: [{ key: "site", value: "plant-a" }],
  tabs: [{ key: "1648142133869", value: "Main", hidden: false }, { key: "1648142133870", value: "Details", hidden: false }],
});
created.dashboards.push(plant);
const { dashboard: fleet } = await dashboards.create({
  label: "Fleet", type: "blueprint", visible: false,
  blueprint_devices: [{ id: "aaaaaaaaaaaaaaaaaaaaaaaa", name: "truck", label: "Truck", conditions: [{ key: "kind", value: "truck" }], filter_conditions: [] }],
  blueprint_device_behavior: "always", blueprint_selector_behavior: "open",
});
created.dashboards.push(fleet);

async function widget(dashboard, body) {
  const { widget: id } = await dashboards.widgets.create(dashboard, body);
  created.widgets.push(`${dashboard}/${id}`);
  return id;
}
const temp = await widget(plant, {
  label: "Temperature", type: "display", realtime: true,
  data: [{ origin: boiler, variables: ["temperature", "pressure"], qty: 1 }],
  display: { variables: [{ origin: boiler, variable: "temperature" }], alias: "", "header buttons": [], number_format: null, show_unit: true },
});
const note = await widget(plant, { label: "Read me", type: "note", data: [], display: { text: "Hello ${name} 100%{x}" } });
const table = await widget(plant, {
  label: "Devices", type: "dynamic_table", analysis_run: report,
  resource: [{ type: "device", filter: [{ key: "kind", value: "boiler" }], view: "name", editable: "name" }],
  display: { columns: [] },
});
const truck = await widget(fleet, {
  label: "Truck speed", type: "line_chart", data: [{ origin: "aaaaaaaaaaaaaaaaaaaaaaaa", variables: ["speed"], query: "last_value" }],
  display: {},
});
await dashboards.edit(plant, {
  arrangement: [
    { widget_id: temp, x: 0, y: 0, width: 2.3333333333333335, height: 2, tab: null },
    { widget_id: note, x: 2.3333333333333335, y: 0, width: 2, height: 2, tab: null, minW: 1 },
    { widget_id: table, x: 0, y: 0, width: 4, height: 3, tab: "1648142133870" },
  ],
});
await dashboards.edit(fleet, { arrangement: [{ widget_id: truck, x: 0, y: 0, width: 4, height: 2 }] });

// An access policy giving the operators a device and the dashboards tagged by site.
{
  const { am_id } = await accessManagement.create({
    name: "Operators", tags: [{ key: "team", value: "ops" }],
    targets: [["run_user", "id", alice], ["run_user", "tag_match", "role"]],
    permissions: [
      { effect: "allow", action: ["access"], resource: ["dashboard", "tag_match", "site"] },
      { effect: "allow", action: ["get_data", "access"], resource: ["device", "id", boiler] },
      { effect: "deny", action: ["edit"], resource: ["device", "id", boiler2] },
    ],
    active: true,
  });
  created.access_management.push(am_id);
}

// The Run settings, edited the way the admin does.
await run.edit({
  name: "ACME Portal", sub_title: "Plant monitoring",
  sidebar_buttons: [
    { text: "Home", href: "/", color: "grey", iconUrl: "https://svg.internal.tago.io/home.svg", type: "" },
    { text: "Plant", href: plant, color: "red", type: "dashboard", value: plant, isInNewLine: true },
  ],
  signin_buttons: [{ label: "Help", url: "https://help.example.com", type: "link" }],
  security: { otp: { authenticator: true, sms: false, email: true } },
});

// A dictionary with an inactive language and a text that needs escaping in HCL.
{
  const { dictionary } = await resources.dictionaries.create({ name: "Plant texts", slug: "PLANT", fallback: "en-US" });
  await resources.dictionaries.languageEdit(dictionary, "en-US", { dictionary: { TITLE: "Plant ${name}", UNIT: "°C" }, active: true });
  await resources.dictionaries.languageEdit(dictionary, "pt-BR", { dictionary: { TITLE: "Planta" }, active: false });
  created.dictionaries.push(dictionary);
}

// An entity with fields of several types, an index and records (which are not exported).
{
  const { id } = await resources.entities.create({
    name: "Maintenance log",
    schema: {
      machine: { action: "create", type: "string", required: true },
      hours: { action: "create", type: "float" },
      done: { action: "create", type: "boolean" },
      details: { action: "create", type: "json" },
    },
    index: { machine_idx: { action: "create", fields: ["machine"] } },
    tags: [{ key: "site", value: "plant-a" }],
  });
  await resources.entities.sendEntityData(id, [{ machine: "press 1", hours: 12.5 }]);
  created.entities.push(id);
}

// A service authorization with a verification code; it is imported by its name.
{
  const { name } = await resources.serviceAuthorization.tokenCreate({ name: "Network server", permission: "write", verification_code: "nscode-1" });
  created.service_authorizations.push(name);
}

// A custom network with a serial number and parameters, a connector on it and on TagoIO's HTTP
// network (which stays an ID), and a device using both (which become references).
{
  const { network } = await resources.integration.networks.create({
    name: "Plant LoRaWAN", description: "Our network server", middleware_endpoint: "lns.example.com",
    payload_decoder: b64("// network décodeur\npayload = payload.filter((p) => p.variable);\n"), require_devices_access: true,
    serial_number: { required: true, label: "Device EUI", mask: "xxxxxxxxxxxxxxxx", case: "upper" },
    device_parameters: [{ name: "app_key", label: "App key", type: "text", group: "main" }],
  });
  created.networks.push(network);
  const { connector } = await resources.integration.connectors.create({
    name: "Plant sensor", networks: [network, HTTP_NETWORK], payload_decoder: b64("payload = [];\n"),
    install_text: "Scan the lid", device_annotation: "Battery: 2 years",
    device_parameters: [
      { name: "interval", type: "number", default: 60, group: "main" },
      { name: "unit", type: "dropdown", options: ["C", "F"], default: "C" },
      { name: "led", type: "switch", default: true },
    ],
  });
  created.connectors.push(connector);
  const sensor = await device({ name: "LoRa Sensor", type: "mutable", connector, network, serie_number: "70B3D57ED0000001" });
  for (const t of await devices.tokenList(sensor, { fields: ["name", "token"], amount: 100 })) {
    created.device_tokens.push(`${sensor}/${t.name}`);
  }
}

// Files: a public one at the top, a private one with a unicode path in a nested folder (their
// content is not exported).
{
  await resources.files.uploadBase64([{ filename: "/logo.svg", file: b64("<svg/>"), public: true }]);
  await resources.files.uploadBase64([{ filename: "/reports/2026/relatório ação.csv", file: b64("a,b\n1,2\n") }]);
  created.files.push("/logo.svg", "/reports/2026/relatório ação.csv");
}

// The profile shared with a colleague, whose invitation is still pending.
{
  const profileID = (await resources.profiles.list())[0].id;
  await resources.profiles.addTeamMember(profileID, "ops-lead@example.com");
  for (const m of await resources.profiles.teamList(profileID)) created.team_members.push(m.id);
}

console.log("SEED " + JSON.stringify(created));
