#!/usr/bin/env node
// Launcher: lets Node run the TypeScript CLI directly through tsx (a dependency).
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../client/cli.ts');
process.exitCode = await main(process.argv);
