// Profile tokens through Resources.profiles: tokenList, tokenCreate with the account's credentials,
// tokenDelete; a created token works (within its permission) and is refused once deleted.
import assert from "node:assert/strict";

import { rejectsNaming } from "../assertions.mjs";

export async function run({ resources, sdk, region, token, accountEmail, accountPassword }) {
  assert.ok(accountEmail && accountPassword, "the test passes the account's credentials");
  const { profiles } = resources;
  const profileID = (await profiles.list())[0].id;
  const accountID = (await resources.account.info()).id;

  const initial = await profiles.tokenList(profileID);
  assert.equal(initial.length, 1, "only the emulator's own token at first");
  assert.deepEqual(Object.keys(initial[0]).sort(), ["name", "permission", "token"], "default fields");
  assert.equal(initial[0].token, token);
  assert.equal(initial[0].permission, "full");

  // tokenCreate needs the account's email and password.
  const full = await profiles.tokenCreate(profileID, {
    name: "CI pipeline", permission: "full", expire_time: "1 day", email: accountEmail, password: accountPassword,
  });
  assert.equal(typeof full.token, "string");
  assert.ok(full.token.length >= 36, "a token");
  assert.equal(full.permission, "full");
  assert.ok(full.expire_date instanceof Date, "expire_date is a date");
  const hours = (full.expire_date.getTime() - Date.now()) / 3.6e6;
  assert.ok(hours > 23.9 && hours <= 24, `expires in a day, got ${hours} hours`);
  const readOnly = await profiles.tokenCreate(profileID, {
    name: "Dashboard reader", permission: "read", expire_time: "never", email: accountEmail, password: accountPassword,
  });
  assert.equal(readOnly.permission, "read");
  assert.ok(readOnly.expire_date === null || readOnly.expire_date === "never", `never expires, got ${readOnly.expire_date}`);

  // The new tokens work: full reads and writes, read only reads.
  const asFull = new sdk.Resources({ token: full.token, region });
  assert.equal((await asFull.account.info()).id, accountID, "the new token reaches the same account");
  assert.equal(await asFull.account.edit({ company: "Token Co" }), "Account Successfully Updated");
  const asReader = new sdk.Resources({ token: readOnly.token, region });
  assert.equal((await asReader.account.info()).company, "Token Co", "a read token reads");
  await assert.rejects(asReader.account.edit({ company: "Nope" }), "a read token cannot write");
  assert.equal((await resources.account.info()).company, "Token Co");

  // tokenList: newest first, with the fields asked for.
  const listed = await profiles.tokenList(profileID, { fields: ["name", "token", "permission", "expire_time", "created_at"] });
  assert.deepEqual(listed.map((t) => t.name), ["Dashboard reader", "CI pipeline", initial[0].name], "created_at desc");
  const ci = listed.find((t) => t.token === full.token);
  assert.equal(ci.permission, "full");
  assert.ok(ci.expire_time instanceof Date, "expire_time parsed to a Date");
  assert.ok(ci.created_at instanceof Date);
  const filtered = await profiles.tokenList(profileID, { filter: { name: "CI*" } });
  assert.deepEqual(filtered.map((t) => t.token), [full.token]);

  // Validation: wrong credentials, a missing name, a bad permission. Nothing is created.
  await rejectsNaming(profiles.tokenCreate(profileID, { name: "x", permission: "full", email: accountEmail, password: "wrong-password" }),
    /credentials/i);
  await rejectsNaming(profiles.tokenCreate(profileID, { permission: "full", email: accountEmail, password: accountPassword }), /name/);
  await rejectsNaming(profiles.tokenCreate(profileID, { name: "x", permission: "admin", email: accountEmail, password: accountPassword }),
    /permission/);
  assert.equal((await profiles.tokenList(profileID)).length, 3, "refused creates created nothing");

  // tokenDelete: the deleted token is refused from then on; the others keep working.
  assert.equal(await profiles.tokenDelete(profileID, full.token), "Token Successfully Removed");
  await assert.rejects(asFull.account.info(), "a deleted token is refused");
  assert.equal((await asReader.account.info()).id, accountID, "the other token still works");
  assert.deepEqual((await profiles.tokenList(profileID)).map((t) => t.token).sort(), [token, readOnly.token].sort());
  await rejectsNaming(profiles.tokenDelete(profileID, full.token), /not found/i);
}
