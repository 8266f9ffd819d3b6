#!/usr/bin/env node
// `npm test` runs this first (the `pretest` script): it makes sure the machine has what the tests
// drive, and says exactly what is missing when it cannot fix that itself. The tests use the
// system's browsers, never a downloaded one (CONTRACT.md section 8):
//   Chromium  CHROME_PATH     or /usr/bin/chromium            Debian package chromium
//   Firefox   FIREFOX_PATH    or /usr/bin/firefox-esr         Debian package firefox-esr
//   WebKit    WEBKIT_DRIVER   or /usr/bin/WebKitWebDriver     Debian package webkit2gtk-driver,
//             and, without a display, xvfb-run and xauth      Debian packages xvfb, xauth
// BROWSERS=chromium,firefox,webkit (the default) picks the engines, as the test runner does.
// On Debian or Ubuntu, run as root or with password-less sudo, it installs what is missing with
// apt-get (as CI does); anywhere else it prints what to install and stops.
import { execFileSync, spawnSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';

const executable = (path) => {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
};
const onPath = (command) => spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;

const engines = (process.env.BROWSERS || 'chromium,firefox,webkit').split(',').map((name) => name.trim().toLowerCase()).filter(Boolean);
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
    console.log(`npm test: installing ${packages.join(' ')} with apt-get (the tests drive the system's browsers)`);
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
  console.error(
    [
      'npm test needs, and could not find or install:',
      ...absent.map((item) => `  - ${item.what}`),
      '',
      `On Debian or Ubuntu: sudo apt-get install -y ${packages.join(' ')}`,
      'Or test in fewer engines, for example: BROWSERS=chromium npm test',
    ].join('\n'),
  );
  process.exit(1);
}
