/**
 * `npm start` on a fresh clone: runs `npm ci` when the dependencies were never installed, so the
 * README's first command works alone. Plain JavaScript: it runs before tsx exists.
 *
 * Only a missing `node_modules` triggers the install (never a reinstall of a tree that is in
 * use: `npm ci` deletes `node_modules` first); a lock file newer than the installed tree is
 * reported, not acted on.
 *
 * @module
 */
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const installed = `${root}node_modules/.package-lock.json`;

if (!existsSync(installed)) {
  console.log('[pacte setup] dependencies not installed: running npm ci');
  const started = Date.now();
  const result = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
  console.log(`[pacte setup]   done in ${Math.round((Date.now() - started) / 1000)}s`);
} else if (statSync(`${root}package-lock.json`).mtimeMs > statSync(installed).mtimeMs + 1000) {
  console.log('[pacte setup] package-lock.json is newer than node_modules: run `npm ci` if something is missing');
}
