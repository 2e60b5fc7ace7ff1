#!/usr/bin/env node
// The installed command. Everything lives in the compiled bundle (npm run build);
// this file stays tiny so that start-up costs only what the command needs.
// Not a top-level await: chunks loaded later import shared code from dist/cli.js,
// which must have finished evaluating first (awaiting here would deadlock them).
import { main } from '../dist/cli.js';

void main(process.argv);
