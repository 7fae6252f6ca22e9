#!/usr/bin/env node
import { processIo } from './io.js';
import { runCli } from './run-cli.js';

// exitCode rather than exit(): lets stdout drain and child-process cleanup run before Node exits.
process.exitCode = await runCli(processIo());
