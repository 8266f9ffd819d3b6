/**
 * Which query parameters may pass upstream, per dialect, and what each may hold. The names and
 * rules are the dialect's own (`DIALECT_PARAMETERS`, from `src/data/rules.ts`: the same rules the
 * wall checks its settings with); here they become one zod schema per dialect. Anything else is
 * dropped; a value that breaks its rule is a 400 that names the parameter, taken from the zod
 * issue's path. The secrets (`app_id`, the publisher token) are in no schema, so a client can
 * never set them.
 */
import * as z from 'zod';
import { DIALECT_PARAMETERS } from '../../data/dialects.js';
import type { Rule } from '../../data/rules.js';
import type { FeedFormat } from '../../data/types.js';

/**
 * One query value that must satisfy `rule`, normalized by it. A parameter sent twice reaches the
 * schema as a list: it is refused rather than guessed between (the upstream might read the other).
 */
function single(rule: Rule) {
  const message = `must be ${rule.expected}`;
  return z
    .string({ error: (issue) => (Array.isArray(issue.input) ? 'is given more than once' : message) })
    .transform((value, context) => {
      const checked = rule.check(value);
      if (checked !== null) return checked;
      context.addIssue({ code: 'custom', message });
      return z.NEVER;
    })
    .optional();
}

function schemaOf(format: FeedFormat) {
  const shape: Record<string, ReturnType<typeof single>> = {};
  for (const [name, rule] of Object.entries(DIALECT_PARAMETERS[format])) shape[name] = single(rule);
  return z.object(shape);
}

export const PARAMETERS = { s2s: schemaOf('s2s'), appcharge: schemaOf('appcharge') } satisfies Record<FeedFormat, z.ZodObject>;

export class ParameterError extends Error {
  constructor(
    readonly parameter: string,
    message: string,
  ) {
    super(message);
    this.name = 'ParameterError';
  }
}

/**
 * The allowed parameters of `search`, validated, in the schema's order (so equal queries have
 * equal keys). Throws `ParameterError` for a bad or repeated value.
 */
export function allowedParameters(format: FeedFormat, search: URLSearchParams): Array<[string, string]> {
  const schema: z.ZodObject = PARAMETERS[format];
  const names = Object.keys(schema.shape);
  // Only the schema's own names are read: unknown parameters never reach it.
  const input: Record<string, string | string[]> = {};
  for (const name of names) {
    const values = search.getAll(name);
    if (values.length > 0) input[name] = values.length === 1 ? values[0]! : values;
  }
  const result = schema.safeParse(input);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const parameter = String(issue.path[0]);
    throw new ParameterError(parameter, `${parameter} ${issue.message}`);
  }
  const valid = result.data as Record<string, string | undefined>;
  const kept: Array<[string, string]> = [];
  for (const name of names) {
    const value = valid[name];
    if (value !== undefined) kept.push([name, value]);
  }
  return kept;
}
