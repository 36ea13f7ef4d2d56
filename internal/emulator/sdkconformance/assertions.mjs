// Helpers shared by the sections.
import assert from "node:assert/strict";

// rejectsNaming asserts that promise rejects (the SDK rejects on a 4xx) with a message that
// matches field: validation errors must say which field is wrong.
export async function rejectsNaming(promise, field) {
  await assert.rejects(promise, (err) => {
    assert.match(String(err), field);
    return true;
  });
}

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
