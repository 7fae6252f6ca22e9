#!/usr/bin/env node
import './early-heap.js';
import { processIo } from './io.js';
import { runCli } from './run-cli.js';

// `perfgate … | head` closes the pipe early: stop writing quietly instead of crashing with EPIPE.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
  });
}

// exitCode rather than exit(): lets stdout drain and child-process cleanup run before Node exits.
process.exitCode = await runCli(processIo());
