// Service authorizations through Resources.serviceAuthorization: create (the token comes back
// once), list, edit the verification code, delete.
import assert from "node:assert/strict";

import { rejectsNaming } from "../assertions.mjs";

export async function run({ resources }) {
  const { serviceAuthorization } = resources;

  const created = await serviceAuthorization.tokenCreate({ name: "Billing", permission: "full", verification_code: "code-1" });
  assert.equal(created.name, "Billing");
  assert.equal(typeof created.token, "string");
  assert.equal(created.additional_parameters, "code-1", "the verification code comes back as additional_parameters");

  const listed = await serviceAuthorization.tokenList();
  assert.deepEqual(listed, [{ name: "Billing", token: created.token, permission: "full" }], "the SDK's default fields");
  const full = await serviceAuthorization.tokenList({ fields: ["token", "verification_code", "created_at", "expire_time"] });
  assert.equal(full[0].verification_code, "code-1");
  assert.ok(full[0].created_at instanceof Date, "created_at is a date");

  assert.equal(await serviceAuthorization.tokenEdit(created.token, "code-2"), "Authorization Code Successfully Updated");
  assert.equal((await serviceAuthorization.tokenList({ fields: ["verification_code"] }))[0].verification_code, "code-2");

  await rejectsNaming(serviceAuthorization.tokenCreate({ name: "x", permission: "admin" }), /permission/);
  assert.equal(await serviceAuthorization.tokenDelete(created.token), "Token Successfully Removed");
  await rejectsNaming(serviceAuthorization.tokenDelete(created.token), /not found/i);
  assert.deepEqual(await serviceAuthorization.tokenList(), []);
}
