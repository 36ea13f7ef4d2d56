// Drives the official @tago-io/sdk against a running tagoio-emulator and asserts what comes back.
// Usage: TAGOIO_API=http://127.0.0.1:PORT TAGOIO_TOKEN=p-... [TAGOIO_ACCOUNT_EMAIL=...
//   TAGOIO_ACCOUNT_PASSWORD=...] node conformance.mjs <section>...
// Each section is a file in ./sections exporting `run(ctx)`; it throws (node:assert) on the first
// mismatch. Output: one "ok <section>" or "FAIL <section>: <reason>" line per section; exit 1 on
// any failure. The process then exits, which also closes what a section left open (the Analysis
// runtime keeps an SSE stream and a keep-alive timer). conformance_test.go runs every section as
// a Go subtest.
import * as sdk from "@tago-io/sdk";

const { Resources, Device } = sdk;

const api = process.env.TAGOIO_API;
const token = process.env.TAGOIO_TOKEN;
if (!api || !token) {
  console.error("TAGOIO_API and TAGOIO_TOKEN must be set");
  process.exit(2);
}
// An explicit region object: the SDK then talks to the emulator, never to tago.io.
const region = { api, sse: `${api}/events` };

const ctx = {
  api,
  token,
  region,
  // The account's credentials, for the calls that ask for them (profile token create).
  accountEmail: process.env.TAGOIO_ACCOUNT_EMAIL,
  accountPassword: process.env.TAGOIO_ACCOUNT_PASSWORD,
  sdk, // the whole @tago-io/sdk module (Services, Analysis, Utils...)
  resources: new Resources({ token, region }),
  device: (deviceToken) => new Device({ token: deviceToken, region }),
  // outbox reads the emulator's own record of sent SMS, e-mail, MQTT and notifications.
  outbox: async () => (await fetch(`${api}/_emulator/outbox`)).json(),
};

let failed = false;
for (const name of process.argv.slice(2)) {
  try {
    const section = await import(`./sections/${name}.mjs`);
    await section.run(ctx);
    console.log(`ok ${name}`);
  } catch (err) {
    failed = true;
    const reason = err?.stack || (typeof err === "object" ? JSON.stringify(err) : String(err));
    console.log(`FAIL ${name}: ${reason}`);
  }
}
process.exit(failed ? 1 : 0);
