// Runs on every payload of a device using the connector: a 4-byte big-endian temperature in
// hundredths of a degree becomes a "temperature" record.
const raw = payload.find((record) => record.variable === "payload");
if (raw) {
  const bytes = Buffer.from(raw.value, "hex");
  payload = [{ variable: "temperature", value: bytes.readInt32BE(0) / 100, unit: "°C" }];
}
