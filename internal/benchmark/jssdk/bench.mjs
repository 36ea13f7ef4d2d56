// The JavaScript half of the benchmark's data side by side (internal/benchmark/data.go): the
// official @tago-io/sdk inserts the benchmark's records with its own batching,
// Device.sendDataStreaming, or finds the newest of them, and prints
// {"elapsed_ms": ..., "records": ...}.
//
//   TAGOIO_API=... DEVICE_TOKEN=... RECORDS=100000 BASE_MS=... CONCURRENCY=4 POOLING_TIME=1000 node bench.mjs insert
//   TAGOIO_API=... DEVICE_TOKEN=... QTY=10000 node bench.mjs find
//
// sendDataStreaming sends one chunk (poolingRecordQty records, 1000 by default) at a time and
// waits poolingTime milliseconds (1000 by default; 0 also means 1000) after each. CONCURRENCY
// streams run at once on consecutive slices of the records, as many as the Go side's requests
// in flight.
import { Device } from "@tago-io/sdk";

const api = process.env.TAGOIO_API;
// An explicit region object: the SDK then talks to the emulator, never to tago.io.
const device = new Device({ token: process.env.DEVICE_TOKEN, region: { api, sse: `${api}/events` } });
const op = process.argv[2];

let records = 0;
let start;
if (op === "insert") {
  const n = Number(process.env.RECORDS);
  const baseMs = Number(process.env.BASE_MS);
  const data = [];
  for (let i = 0; i < n; i++) {
    // The same records as the Go side: a temperature every second back from BASE_MS.
    data.push({ variable: "temperature", value: (i % 1000) / 10, unit: "C", time: new Date(baseMs - i * 1000).toISOString() });
  }
  const streams = Number(process.env.CONCURRENCY);
  const size = Math.ceil(n / streams);
  const options = { poolingRecordQty: 1000, poolingTime: Number(process.env.POOLING_TIME) };
  start = performance.now();
  const results = [];
  for (let s = 0; s < streams; s++) {
    results.push(device.sendDataStreaming(data.slice(s * size, (s + 1) * size), options));
  }
  await Promise.all(results);
  records = n;
} else if (op === "find") {
  start = performance.now();
  const found = await device.getData({ variables: ["temperature"], qty: Number(process.env.QTY) });
  records = found.length;
} else {
  console.error(`unknown operation ${op}`);
  process.exit(2);
}
console.log(JSON.stringify({ elapsed_ms: performance.now() - start, records }));
