#!/usr/bin/env node
/** `npx offer-wall-proxy` / `npm run proxy`: the program (`cli/main.ts`). */
import { main } from './cli/main.js';

main().catch((error: unknown) => {
  console.error(`offer-wall proxy failed: ${(error as Error)?.message ?? String(error)}`);
  process.exit(1);
});
