#!/usr/bin/env node
import { processIo } from './io.js';
import { runCli } from './run-cli.js';

const code = await runCli(process.argv.slice(2), processIo);
// The servers keep the process alive; every other command exits with its code.
const servers = ['serve', 'forward-auth'];
if (!servers.includes(process.argv[2] ?? '') || code !== 0) process.exit(code);
