// Runs on every payload the network server forwards: keep only the frame's data, as hex.
const frame = payload.find((record) => record.variable === "frame");
if (frame) {
  payload = [{ variable: "payload", value: frame.value.data }];
}
