// Vitest setup: run the core on tfjs's cpu backend in Node.
import { tf } from "./backend";

await tf.setBackend("cpu");
await tf.ready();
