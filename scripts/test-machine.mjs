#!/usr/bin/env node
// `npm test` runs this first (the `pretest` script): it makes sure the machine has what the tests
// drive, and says exactly what is missing when it cannot fix that itself. The tests use the
// system's browsers, never a downloaded one (CONTRACT.md section 8):
//   Chromium  CHROME_PATH     or /usr/bin/chromium            Debian package chromium
//   Firefox   FIREFOX_PATH    or /usr/bin/firefox-esr         Debian package firefox-esr
//   WebKit    WEBKIT_DRIVER   or /usr/bin/WebKitWebDriver     Debian package webkit2gtk-driver,
//             and, without a display, xvfb-run and xauth      Debian packages xvfb, xauth
// BROWSERS=chromium,firefox,webkit (the default) picks the engines, as the test runner does.
// The ledger's tests also run against a real PostgreSQL (test/server/ledger.test.ts): the one at
// OFFER_WALL_TEST_DATABASE_URL when set (a role that may create databases), else this machine's
// (Debian package postgresql), started, with a role for the current user.
// On Debian or Ubuntu, run as root or with password-less sudo, it installs and starts what is
// missing with apt-get (as CI does); anywhere else it prints what to install and stops.
// `--browsers` checks only the browsers, `--database` only PostgreSQL.
import { execFileSync, spawnSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { userInfo } from 'node:os';

const executable = (path) => {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
};
const onPath = (command) => spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;

const only = process.argv[2];
const wantBrowsers = only !== '--database';
const wantDatabase = only !== '--browsers' && !process.env.OFFER_WALL_TEST_DATABASE_URL;
const engines = (wantBrowsers ? process.env.BROWSERS || 'chromium,firefox,webkit' : '').split(',').map((name) => name.trim().toLowerCase()).filter(Boolean);
const headless = !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY;

/** What each engine needs: a check, the Debian package that satisfies it, and what to say. */
const needs = [];
const need = (ok, pkg, what) => needs.push({ ok, pkg, what });
if (engines.includes('chromium')) {
  const path = process.env.CHROME_PATH || '/usr/bin/chromium';
  need(() => executable(path), 'chromium', `Chromium at ${path} (or set CHROME_PATH)`);
}
if (engines.includes('firefox')) {
  const path = process.env.FIREFOX_PATH || '/usr/bin/firefox-esr';
  need(() => executable(path), 'firefox-esr', `Firefox at ${path} (or set FIREFOX_PATH)`);
}
if (engines.includes('webkit')) {
  const path = process.env.WEBKIT_DRIVER || '/usr/bin/WebKitWebDriver';
  need(() => executable(path), 'webkit2gtk-driver', `WebKitWebDriver and MiniBrowser at ${path} (or set WEBKIT_DRIVER and MINIBROWSER)`);
  if (headless) {
    need(() => onPath('xvfb-run'), 'xvfb', 'xvfb-run, to give WebKit a display');
    need(() => onPath('xauth'), 'xauth', 'xauth, for xvfb-run');
  }
}

if (wantDatabase) need(() => onPath('pg_lsclusters') && onPath('psql'), 'postgresql', 'PostgreSQL (or set OFFER_WALL_TEST_DATABASE_URL)');

const missing = () => needs.filter((item) => !item.ok());

function canInstall() {
  if (process.platform !== 'linux' || !onPath('apt-get')) return null;
  if (process.getuid?.() === 0) return [];
  if (onPath('sudo') && spawnSync('sudo', ['-n', 'true'], { stdio: 'ignore' }).status === 0) return ['sudo', '-n'];
  return null;
}

let absent = missing();
if (absent.length) {
  const packages = [...new Set(absent.map((item) => item.pkg))];
  const prefix = canInstall();
  if (prefix) {
    console.log(`npm test: installing ${packages.join(' ')} with apt-get (the tests drive the system's browsers and PostgreSQL)`);
    const run = (args) => {
      const [command, ...rest] = [...prefix, ...args];
      execFileSync(command, rest, { stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
    };
    run(['apt-get', 'update', '-qq']);
    run(['apt-get', 'install', '-y', '-qq', ...packages]);
    absent = missing();
  }
}
if (absent.length) {
  const packages = [...new Set(absent.map((item) => item.pkg))];
  fail(packages, absent);
}
if (wantDatabase) startPostgres();

/** Starts this machine's PostgreSQL cluster and gives the current user a role that may create databases. */
function startPostgres() {
  const prefix = canInstall();
  const user = userInfo().username;
  const asPostgres = (args) => spawnSync(...(process.getuid?.() === 0 ? ['su', ['postgres', '-c', args]] : ['sudo', ['-n', '-u', 'postgres', 'sh', '-c', args]]), { encoding: 'utf8' });
  const clusters = spawnSync('pg_lsclusters', ['--no-header'], { encoding: 'utf8' }).stdout.trim().split('\n').filter(Boolean);
  const down = clusters.map((line) => line.split(/\s+/)).filter((fields) => fields[3] !== 'online');
  if (!clusters.length || down.length) {
    if (!prefix) return databaseHelp('PostgreSQL is installed but no cluster runs, and this user may not start one.');
    for (const [version, name] of down) {
      console.log(`npm test: starting PostgreSQL ${version}/${name}`);
      execFileSync(...(prefix.length ? ['sudo', ['-n', 'pg_ctlcluster', version, name, 'start']] : ['pg_ctlcluster', [version, name, 'start']]), { stdio: 'inherit' });
    }
  }
  // A role of one's own that can connect already: nothing to do.
  if (spawnSync('psql', ['-h', '/var/run/postgresql', '-d', 'postgres', '-tAc', 'SELECT 1'], { stdio: 'ignore' }).status === 0) return;
  const exists = asPostgres(`psql -tAc "SELECT 1 FROM pg_roles WHERE rolname = '${user.replace(/'/g, "''")}'"`);
  if (exists.status !== 0) return databaseHelp(`psql as postgres failed: ${exists.stderr.trim()}`);
  if (exists.stdout.trim() !== '1') {
    const made = asPostgres(`createuser --superuser '${user.replace(/'/g, "'\\''")}'`);
    if (made.status !== 0) return databaseHelp(`could not create the role ${user}: ${made.stderr.trim()}`);
  }
}

function databaseHelp(why) {
  console.error(
    [
      `npm test needs a PostgreSQL for the ledger's tests: ${why}`,
      'Set OFFER_WALL_TEST_DATABASE_URL to a postgres:// URL whose role may create databases, or, on Debian or Ubuntu,',
      'run npm test as root once (it installs and starts postgresql), or: sudo pg_ctlcluster 15 main start && sudo -u postgres createuser --superuser "$USER"',
    ].join('\n'),
  );
  process.exit(1);
}

function fail(packages, absent) {
  console.error(
    [
      'npm test needs, and could not find or install:',
      ...absent.map((item) => `  - ${item.what}`),
      '',
      `On Debian or Ubuntu: sudo apt-get install -y ${packages.join(' ')}`,
      'Or test in fewer engines, for example: BROWSERS=chromium npm test',
      'For the ledger, a PostgreSQL elsewhere: OFFER_WALL_TEST_DATABASE_URL=postgres://… npm test',
    ].join('\n'),
  );
  process.exit(1);
}
