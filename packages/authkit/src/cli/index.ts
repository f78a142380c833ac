#!/usr/bin/env node
import { processIo } from './io.js';
import { runCli } from './run-cli.js';

const code = await runCli(process.argv.slice(2), processIo);
// `serve` keeps the process alive through its server; every other command exits with its code.
if (process.argv[2] !== 'serve' || code !== 0) process.exit(code);
