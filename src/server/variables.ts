/**
 * Every environment variable the program reads, composed from each feature's declarations
 * (`core/env.ts`, `offers/variables.ts`, `rewards/variables.ts`) into one zod schema that
 * `config.ts` checks them with; the docs' table of variables is generated from the same list.
 * Internal: the package's public types do not reach zod (bundled into dist/server).
 */
import * as z from 'zod';
import { DEFAULTS } from './core/defaults.js';
import { CORE_VARIABLES, variable, wholeNumber, type Variable } from './core/env.js';
import { checkOffersVariables, OFFERS_VARIABLES } from './offers/variables.js';
import { checkRewardsVariables, REWARDS_VARIABLES } from './rewards/variables.js';

/** Every variable the program reads, in the docs' order. */
export const VARIABLES = {
  ...OFFERS_VARIABLES,
  ...CORE_VARIABLES,
  ...REWARDS_VARIABLES,
  PORT: { meaning: 'the port it listens on', default: `\`${DEFAULTS.port}\``, schema: wholeNumber(DEFAULTS.port, 0, 65_535) },
  HOST: { meaning: 'the address it listens on', default: `\`${DEFAULTS.host}\``, schema: variable().transform((host) => host ?? DEFAULTS.host) },
} satisfies Record<string, Variable>;

export type Parsed = { [K in keyof typeof VARIABLES]: z.output<(typeof VARIABLES)[K]['schema']> };

export const schema = z
  .object(Object.fromEntries(Object.entries(VARIABLES).map(([name, v]) => [name, v.schema])) as { [K in keyof typeof VARIABLES]: (typeof VARIABLES)[K]['schema'] })
  .superRefine(
    (env, ctx) => {
      const problem = (name: string, message: string) => ctx.addIssue({ code: 'custom', path: [name], message });
      checkOffersVariables(env, problem);
      checkRewardsVariables(env, problem);
    },
    // Run even when other variables are bad: every problem is reported in one go.
    { when: () => true },
  );

