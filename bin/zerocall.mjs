#!/usr/bin/env node
// The designers' command line. The code lives in src/cli and is built to dist/cli.mjs.
import { main } from '../dist/cli.mjs';

process.exitCode = await main(process.argv.slice(2), (s) => console.log(s), (s) => console.error(s));
