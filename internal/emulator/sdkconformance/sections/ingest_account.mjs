// The Network class with a network token (resolveToken, deviceParamSet), Account.login,
// Resources.billing allocation, Resources.plan.getActivePlan and
// Resources.profiles.usageStatisticList.
import assert from "node:assert/strict";

import { rejectsNaming } from "../assertions.mjs";

const HTTPS_CONNECTOR = "62333bd36977fc001a2990c8";
const HTTP_NETWORK = "62336c32ab6e0d0012e06c04";

// helperToken calls one of the emulator's /_emulator/ token helpers.
async function helperToken(api, path, body) {
  const res = await fetch(`${api}${path}`, { method: "POST", body: JSON.stringify(body ?? {}), headers: { "content-type": "application/json" } });
  assert.equal(res.status, 200, path);
  return (await res.json()).token;
}

export async function run({ api, region, sdk, resources, accountEmail, accountPassword, device }) {
  const { devices } = resources;
  const dev = await devices.create({ name: "serial device", type: "mutable", connector: HTTPS_CONNECTOR, network: HTTP_NETWORK });
  const bySerial = await devices.tokenCreate(dev.device_id, { name: "by serial", permission: "full", serie_number: "SN-SDK-1" });

  const network = new sdk.Network({ token: await helperToken(api, "/_emulator/network-token", { network: HTTP_NETWORK }), region });
  assert.equal(await network.resolveToken("SN-SDK-1"), bySerial.token);
  const authorization = await helperToken(api, "/_emulator/authorization");
  assert.equal(await network.resolveToken("SN-SDK-1", authorization), bySerial.token);
  await rejectsNaming(network.resolveToken("SN-NOBODY"), /SN-NOBODY/);

  assert.equal(await network.deviceParamSet(dev.device_id, { key: "downlink_url", value: "https://example.com", sent: false }), "Device Configuration Parameter Updated");
  const params = await devices.paramList(dev.device_id);
  assert.equal(params.length, 1);
  assert.equal(params[0].key, "downlink_url");
  // The token the serial resolved to works as a device token.
  assert.equal((await device(bySerial.token).info()).id, dev.device_id);

  // Account.login answers the account with its profiles.
  const login = await sdk.Account.login({ email: accountEmail, password: accountPassword }, region);
  assert.equal(login.email, accountEmail);
  assert.equal(login.profiles.length, 1);
  await rejectsNaming(sdk.Account.login({ email: accountEmail, password: "wrong" }, region), /credentials/i);

  // Allocation round trip, and the plan.
  const [before] = await resources.billing.getAllocation();
  assert.equal(typeof before.sms, "number");
  assert.equal(await resources.billing.editAllocation([{ profile: before.profile, sms: 7 }]), "Profile resource allocation Successfully Updated");
  const [after] = await resources.billing.getAllocation();
  assert.equal(after.sms, 7);
  assert.equal(after.email, before.email, "services left out keep their allocation");
  const plan = await resources.plan.getActivePlan();
  assert.equal(typeof plan.plan, "string");

  // Usage statistics count the records received today.
  await device(dev.token).sendData([{ variable: "a", value: 1 }, { variable: "b", value: 2 }]);
  const stats = await resources.profiles.usageStatisticList(before.profile, { periodicity: "day", start_date: "1 day", end_date: "1 minute" });
  assert.equal(stats.length, 1);
  assert.equal(stats[0].input, 2);
  assert.ok(stats[0].time instanceof Date, "time is a date");
}
