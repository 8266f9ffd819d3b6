#!/usr/bin/env node
/** `npx offer-wall-proxy` / `npm run proxy`: the program and its commands (`cli/main.ts`). */
import { run } from './cli/main.js';

void run(process.argv);
