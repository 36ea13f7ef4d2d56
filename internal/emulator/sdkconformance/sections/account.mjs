// The account and its profile, through Resources.account and Resources.profiles.
import assert from "node:assert/strict";

import { rejectsNaming } from "../assertions.mjs";

const HTTPS_CONNECTOR = "62333bd36977fc001a2990c8";
const HTTP_NETWORK = "62336c32ab6e0d0012e06c04";

export async function run({ resources, accountEmail }) {
  const { account, profiles } = resources;

  const info = await account.info();
  assert.match(info.id, /^[0-9a-f]{24}$/, "account id is a 24-hex id");
  assert.equal(info.email, accountEmail, "the emulator's configured account email");
  assert.equal(info.active, true);
  assert.equal(info.blocked, false);
  assert.equal(typeof info.name, "string");
  assert.ok(info.name.length > 0);
  // The SDK parses created_at, updated_at, last_login and options.last_whats_new into Dates.
  for (const key of ["created_at", "updated_at"]) {
    assert.ok(info[key] instanceof Date && !isNaN(info[key]), `${key} is a date`);
  }
  assert.ok(info.last_login === null || (info.last_login instanceof Date && !isNaN(info.last_login)), "last_login is a date or null");
  assert.ok(info.options.last_whats_new instanceof Date, "options.last_whats_new is a date");
  assert.deepEqual(info.otp, { authenticator: false, sms: false, email: false });

  // edit: a partial account.
  assert.equal(
    await account.edit({
      name: "SDK Conformance Account",
      company: "Conformance Inc.",
      timezone: "America/Sao_Paulo",
      options: { decimal_separator: ",", thousand_separator: ".", date_format: "DD-MM-YYYY", time_format: "12" },
    }),
    "Account Successfully Updated",
  );
  const edited = await account.info();
  assert.equal(edited.id, info.id);
  assert.equal(edited.name, "SDK Conformance Account");
  assert.equal(edited.company, "Conformance Inc.");
  assert.equal(edited.timezone, "America/Sao_Paulo");
  assert.equal(edited.email, accountEmail, "email is not changed by an edit that does not send it");
  assert.equal(edited.options.decimal_separator, ",");
  assert.equal(edited.options.thousand_separator, ".");
  assert.equal(edited.options.date_format, "DD-MM-YYYY");
  assert.equal(edited.options.time_format, "12");
  assert.ok(edited.updated_at >= info.updated_at, "updated_at moves forward");

  // Validation: a bad timezone and equal separators are refused, naming the field; nothing changes.
  await rejectsNaming(account.edit({ timezone: "Mars/Olympus_Mons" }), /timezone/i);
  await rejectsNaming(account.edit({ options: { decimal_separator: ".", thousand_separator: "." } }), /separator/i);
  const unchanged = await account.info();
  assert.equal(unchanged.timezone, "America/Sao_Paulo");
  assert.equal(unchanged.options.decimal_separator, ",");

  // Profiles: the one profile of the account.
  const list = await profiles.list();
  assert.equal(list.length, 1, "one profile");
  const profileID = list[0].id;
  assert.match(profileID, /^[0-9a-f]{24}$/);
  assert.equal(typeof list[0].name, "string");

  for (const ref of [profileID, "current"]) {
    const p = await profiles.info(ref);
    assert.equal(p.info.id, profileID, `info(${ref}) is the profile`);
    assert.equal(p.info.name, list[0].name);
    assert.equal(p.info.account, info.id, "the profile belongs to the account");
    assert.ok(p.info.created_at instanceof Date && !isNaN(p.info.created_at), "info.created_at is a date");
    for (const key of ["input", "output", "sms", "email", "analysis", "data_records", "run_users"]) {
      assert.equal(typeof p.allocation[key], "number", `allocation.${key} is a number`);
    }
    assert.equal(typeof p.addons.custom_dns, "boolean");
    assert.equal(typeof p.account_plan, "string");
  }
  await rejectsNaming(profiles.info("000000000000000000000000"), /profile/i);

  // summary counts what the profile holds: one device, one dashboard, then after delete none.
  const before = await profiles.summary(profileID);
  assert.equal(before.amount.device, 0);
  assert.equal(before.amount.dashboard, 0);
  const dev = await resources.devices.create({
    name: "summary counted", type: "mutable", connector: HTTPS_CONNECTOR, network: HTTP_NETWORK,
  });
  const dash = await resources.dashboards.create({ label: "summary counted", type: "dashboard" });
  await resources.devices.sendDeviceData(dev.device_id, [{ variable: "t", value: 1 }, { variable: "t", value: 2 }]);
  const after = await profiles.summary(profileID);
  assert.equal(after.amount.device, 1);
  assert.equal(after.amount.dashboard, 1);
  assert.equal(after.amount.analysis, 0);
  assert.equal(after.limit_used.data_records, 2, "limit_used.data_records counts the records");
  assert.equal(typeof after.limit.input, "number");
  const onlyAmount = await profiles.summary(profileID, { onlyAmount: true });
  assert.deepEqual(onlyAmount.amount, after.amount, "onlyAmount returns the same amounts");
  await resources.devices.delete(dev.device_id);
  await resources.dashboards.delete(dash.dashboard);
  const emptied = await profiles.summary(profileID);
  assert.equal(emptied.amount.device, 0);
  assert.equal(emptied.amount.dashboard, 0);
}
