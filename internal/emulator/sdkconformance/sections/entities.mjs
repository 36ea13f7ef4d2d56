// Entities through Resources.entities: create with a schema and an index, info, list, field
// rename/update/delete, records in and out (filtered through an index), delete.
import assert from "node:assert/strict";

import { rejectsNaming } from "../assertions.mjs";

export async function run({ resources }) {
  const { entities } = resources;

  const created = await entities.create({
    name: "Orders",
    schema: {
      client: { action: "create", type: "string", required: true },
      amount: { action: "create", type: "float", required: false },
    },
    index: { client_idx: { action: "create", fields: ["client"] } },
    tags: [{ key: "team", value: "sales" }],
  });
  assert.match(created.id, /^[0-9a-f]{24}$/, "create returns {id}");
  const id = created.id;

  const info = await entities.info(id);
  assert.equal(info.name, "Orders");
  assert.deepEqual(info.schema.client, { type: "string", required: true });
  assert.deepEqual(info.schema.id, { type: "uuid", required: true }, "id is built in");
  assert.deepEqual(info.index.client_idx, { fields: ["client"] });
  assert.ok(info.created_at instanceof Date && !isNaN(info.created_at), "created_at is a date");

  const listed = await entities.list();
  assert.deepEqual(Object.keys(listed[0]).sort(), ["id", "name", "profile", "tags"], "the SDK's default fields");

  assert.equal(await entities.sendEntityData(id, [{ client: "acme", amount: 10.5 }, { client: "globex", amount: 3 }]), "2 Data Added");
  await rejectsNaming(entities.sendEntityData(id, { amount: 1 }), /client/);
  const acme = await entities.getEntityData(id, { filter: { client: "acme" }, index: "client_idx" });
  assert.equal(acme.length, 1);
  assert.equal(acme[0].amount, 10.5);
  assert.ok(acme[0].created_at instanceof Date, "records' dates are parsed");
  assert.equal(await entities.editEntityData(id, { id: acme[0].id, amount: 11 }), "1 item(s) updated");
  assert.equal(await entities.amount(id), 2);

  // Field by field: rename keeps the values, update changes required, delete removes.
  assert.deepEqual(await entities.renameField(id, "amount", "total"), { message: "Entity Successfully Updated" });
  await entities.updateField(id, "client", { required: false });
  await entities.editSchemaIndex(id, { schema: { note: { action: "create", type: "text" } } });
  const after = await entities.info(id);
  assert.equal(after.schema.amount, undefined);
  assert.deepEqual(after.schema.total, { type: "float", required: false });
  assert.equal(after.schema.client.required, false);
  const records = await entities.getEntityData(id, { orderBy: "total,desc" });
  assert.deepEqual(records.map((r) => r.total), [11, 3], "the renamed field keeps its values");
  await rejectsNaming(entities.deleteField(id, "client"), /client_idx/);
  await entities.deleteIndex(id, "client_idx");
  await entities.deleteField(id, "client");
  assert.equal((await entities.info(id)).schema.client, undefined);

  assert.equal(await entities.deleteEntityData(id, { ids: [acme[0].id] }), "1 item(s) deleted");
  assert.equal(await entities.delete(id), "Entity Successfully Removed");
  await rejectsNaming(entities.info(id), /not found/i);
}
