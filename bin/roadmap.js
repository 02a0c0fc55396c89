#!/usr/bin/env node
// The installed entry point: everything lives in the bundled CLI.
import '../dist/cli/main.js';
