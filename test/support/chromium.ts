import { spawnSync } from 'node:child_process';
import fs from 'node:fs';

/**
 * Finds the system Chromium (CHROMIUM_PATH or /usr/bin/chromium). As root on Debian or Ubuntu a missing
 * one is installed with apt; anywhere else the answer is a one-line hint. Never a downloaded browser.
 */
export function ensureChromium(): { ok: true; path: string } | { ok: false; hint: string } {
  const path = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
  if (fs.existsSync(path)) return { ok: true, path };
  const isRoot = process.getuid?.() === 0;
  const hasApt = fs.existsSync('/usr/bin/apt-get');
  if (!process.env.CHROMIUM_PATH && isRoot && hasApt) {
    console.log('Chromium is missing: installing the Debian package "chromium"...');
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    spawnSync('apt-get', ['update', '-q'], { stdio: 'inherit', env });
    spawnSync('apt-get', ['install', '-y', '-q', '--no-install-recommends', 'chromium'], { stdio: 'inherit', env });
    if (fs.existsSync(path)) return { ok: true, path };
  }
  return { ok: false, hint: `No Chromium at ${path}: install your system's chromium package (e.g. "sudo apt-get install chromium") or set CHROMIUM_PATH.` };
}
