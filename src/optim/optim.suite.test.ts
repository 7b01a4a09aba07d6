// Runs the optim reference suite in Node (tfjs cpu); e2e/backends.spec.ts runs it in the browser per backend.
import { describe } from "vitest";
import { vitestSuite } from "../lib/suite-vitest";
import { optimSuite } from "./optim.suite";

describe(optimSuite.name, () => vitestSuite(optimSuite));
