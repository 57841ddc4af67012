#!/usr/bin/env node
import { runCli } from './run-cli.js';

// The bin entry: everything else is testable in-process through `runCli`.
runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
}).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`npskit-collector: ${String(error)}\n`);
    process.exitCode = 1;
  },
);
