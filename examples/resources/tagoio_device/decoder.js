// Runs on every payload the device sends; `payload` holds the incoming records.
payload = payload.map((record) => ({ ...record, unit: record.unit || "kWh" }));
