/** How the command line answers: a table for a person, JSON for a script, and one clear line on stderr for a problem. */

/** A problem the person typing can fix (a bad argument, a setting): exit 2. Anything else exits 1. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** Rows as columns padded to their widest value (a dash for none). */
export function table<T extends object>(rows: readonly T[], columns: ReadonlyArray<[key: keyof T & string, title: string]>): string {
  if (!rows.length) return '(none)';
  const cell = (value: unknown) => (value === null || value === undefined || value === '' ? '-' : String(value).replace(/\s+/g, ' '));
  const cells = rows.map((row) => columns.map(([key]) => cell(row[key])));
  const widths = columns.map(([, title], i) => Math.max(title.length, ...cells.map((line) => line[i]!.length)));
  const line = (values: string[]) => values.map((value, i) => value.padEnd(widths[i]!)).join('  ').trimEnd();
  return [line(columns.map(([, title]) => title.toUpperCase())), ...cells.map(line)].join('\n');
}

export function print(text: string): void {
  process.stdout.write(`${text}\n`);
}

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}
