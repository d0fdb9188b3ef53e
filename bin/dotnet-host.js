#!/usr/bin/env node
// The `dotnet-host` command (`npx dotnet-host info`); the code is lib/cli/, built to dist/.
import "../dist/cli/main.js";
