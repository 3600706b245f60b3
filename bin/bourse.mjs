#!/usr/bin/env node
// The `bourse` CLI. It is TypeScript run through tsx (a dependency of this repository), so the
// command works straight from a checkout with no build step; see src/cli/main.ts.
import { register } from "tsx/esm/api";

register();
await import("../src/cli/main.ts");
