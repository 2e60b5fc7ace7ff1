#!/usr/bin/env node
// The installed command. Everything lives in the compiled bundle (npm run build);
// this file stays tiny so that start-up costs only what the command needs.
import '../dist/cli.js';
