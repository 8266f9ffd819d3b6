/**
 * `npm run docs`: writes the generated tables of the docs pages from their one source each, between
 * `<!-- name:start -->` and `<!-- name:end -->` markers in the page that holds each table.
 * test/server/surface.test.ts fails when a page holds anything else there, so a change to a
 * declaration without `npm run docs` is caught.
 *   attributes  → docs/embedding.md  ← src/internal/attributes.ts + attributes.docs.ts
 *   messages    → docs/languages.md  ← src/i18n/texts.ts (the keys), en.ts (the English), texts.docs.ts (where each shows)
 *   environment → docs/backend.md    ← the server's declaration of the program's variables, with their defaults
 *   profiles    → docs/postbacks.md  ← the server's postback profiles (each network's fields, signature, reversal, reply)
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ATTRIBUTES, type AttributeDeclaration } from '../src/internal/attributes.js';
import { ATTRIBUTE_DOCS } from '../src/internal/attributes.docs.js';
import { EN_MESSAGES } from '../src/messages.js';
import { KEYS, type WallMessages } from '../src/i18n/texts.js';
import { MESSAGE_DOCS, type MessageDoc } from '../src/i18n/texts.docs.js';
import { VARIABLES } from '../src/server/variables.js';
import { PROFILES, SECRET, weakness, type PostbackProfile, type Rule, type SignatureSpec } from '../src/server/rewards/postbacks/profiles.js';

/** The repository's root (this file runs from .build/node/scripts/). */
export const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** The attribute table: one row per attribute, in declaration order. */
export function attributeTable(): string {
  const rows = Object.entries(ATTRIBUTES).map(([property, declaration]) => {
    const doc = ATTRIBUTE_DOCS[property as keyof typeof ATTRIBUTE_DOCS];
    const name = (declaration as AttributeDeclaration).attribute ?? property;
    return `| \`${name}\` | ${doc.description} | ${doc.default} |`;
  });
  return ['| attribute | meaning | default |', '|---|---|---|', ...rows].join('\n');
}

/** The table of built-in texts: every key, where it shows, and its English. */
export function messageTable(): string {
  const english = EN_MESSAGES as unknown as Record<string, string | ((...args: unknown[]) => string)>;
  const rows = KEYS.split(' ').map((key) => {
    const doc: MessageDoc = MESSAGE_DOCS[key as keyof WallMessages];
    const text = english[key]!;
    let shown: string;
    if (typeof text === 'string') shown = text;
    else if (key === 'results') shown = `${text(1, '1')} / ${text(12, '12')}`;
    else shown = text(...(doc.args ?? []).map((arg) => `{${arg}}`));
    const name = doc.args ? `${key}(${doc.args.join(', ')})` : key;
    return `| \`${name}\` | ${doc.where} | ${shown} |`;
  });
  return ['| key | where it shows | English |', '|---|---|---|', ...rows].join('\n');
}

/** The table of the program's environment variables. */
export function environmentTable(): string {
  const rows = Object.entries(VARIABLES).map(([name, variable]) => `| \`${name}\` | ${variable.meaning} | ${variable.default} |`);
  return ['| variable | meaning | default |', '|---|---|---|', ...rows].join('\n');
}

const ruleText = (rule: Rule) => ('param' in rule ? `\`${rule.param}\` = ${rule.values.join(' / ')}` : `a \`${rule.prefix}\` prefix on the id`);

/** What a signature is computed over, in words. */
function signedText(spec: SignatureSpec): string {
  const { message } = spec;
  if ('url' in message) return 'the whole URL before it';
  if ('sortedQuery' in message) return 'every query parameter, sorted, form-encoded';
  const parts = message.parts.map((part) => `{${part === SECRET ? 'secret' : part}}`).join(message.separator);
  return `\`${parts}\`${message.encode === 'uri' ? ', each value percent-encoded' : ''}`;
}

/** The table of postback profiles, read from the profiles themselves. */
export function profileTable(): string {
  const rows = Object.entries(PROFILES).map(([name, p]) => {
    const profile = p as PostbackProfile;
    const { fields } = profile;
    const field = (value: string | undefined) => (value ? `\`${value}\`` : '—');
    const spec = profile.signature;
    const where = spec ? [spec.param && `\`${spec.param}\``, spec.header && `header \`${spec.header}\``].filter(Boolean).join(' or ') : '';
    const signature = spec ? `${where}: ${spec.algorithm} of ${signedText(spec)}` : 'none';
    const reversal =
      [
        ...(profile.status ? [`\`${profile.status.param}\` = ${profile.status.reversal.join(' / ')}`] : []),
        ...profile.reversal.map(ruleText),
        ...(profile.negativeIsReversal ? ['a negative amount'] : []),
      ].join('; ') || '—';
    const weak = weakness(profile);
    const proof = weak ? `its senders' addresses (\`OFFER_WALL_POSTBACK_IPS\` required): ${weak}` : 'its signature';
    const reply = `${profile.replies.ok[0]} ${profile.replies.ok[1] ? `\`${profile.replies.ok[1]}\`` : '(empty)'}`;
    return `| \`${name}\` | ${field(fields.transaction)} | ${field(fields.user)} | ${field(fields.amount)} | ${field(fields.offer)} | ${signature} | ${proof} | ${reversal} | ${reply} |`;
  });
  return ['| profile | transaction | user | amount | offer | signature | a postback is proven by | reversal | reply |', '|---|---|---|---|---|---|---|---|---|', ...rows].join('\n');
}

/** Each generated table: the page that holds it (from the root) and what makes it. */
export const TABLES: Record<string, { page: string; make: () => string }> = {
  attributes: { page: 'docs/embedding.md', make: attributeTable },
  messages: { page: 'docs/languages.md', make: messageTable },
  environment: { page: 'docs/backend.md', make: environmentTable },
  profiles: { page: 'docs/postbacks.md', make: profileTable },
};

/** Every page that holds a generated table. */
export const PAGES: string[] = [...new Set(Object.values(TABLES).map((table) => table.page))];

/** A page's text with each of its generated tables written afresh. */
export function generated(page: string, text: string): string {
  let result = text;
  for (const [name, table] of Object.entries(TABLES)) {
    if (table.page !== page) continue;
    const pattern = new RegExp(`(<!-- ${name}:start -->\\n)[\\s\\S]*?(<!-- ${name}:end -->)`);
    if (!pattern.test(result)) throw new Error(`${page} has no <!-- ${name}:start --> … <!-- ${name}:end --> block`);
    result = result.replace(pattern, (_, start: string, end: string) => `${start}${table.make()}\n${end}`);
  }
  return result;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  for (const page of PAGES) {
    const path = join(ROOT, page);
    const before = readFileSync(path, 'utf8');
    const after = generated(page, before);
    if (after !== before) writeFileSync(path, after);
    console.log(after === before ? `${page} is up to date` : `${page} updated`);
  }
}
