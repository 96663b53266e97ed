// `npm run demo` (which builds first): starts the TAT emulator in-process on a free port, runs
// `tat invocations list` and `tat invocations get` against it, then stops it. Exits with the
// first non-zero status of the two commands.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { DEFAULT_REGION, DEMO_SECRET_ID, DEMO_SECRET_KEY, startEmulator } from '../dist/emulator/index.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const emulator = await startEmulator({ port: 0 });
const env = {
  ...process.env,
  TENCENTCLOUD_SECRET_ID: DEMO_SECRET_ID,
  TENCENTCLOUD_SECRET_KEY: DEMO_SECRET_KEY,
  TENCENTCLOUD_REGION: DEFAULT_REGION,
  TAT_ENDPOINT: emulator.url,
};

function run(args) {
  process.stderr.write(`\n$ tat ${args.join(' ')}\n`);
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['bin/tat.js', ...args], { cwd: root, env, stdio: 'inherit' });
    child.on('error', (error) => {
      process.stderr.write(`demo: cannot run tat: ${error.message}\n`);
      resolve(1);
    });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

let status = 0;
try {
  process.stderr.write(`TAT emulator listening on ${emulator.url} (region ${DEFAULT_REGION})\n`);
  for (const args of [['invocations', 'list', '--limit', '10'], ['invocations', 'get', 'inv-q4zp60g0']]) {
    const code = await run(args);
    if (status === 0 && code !== 0) status = code;
  }
} finally {
  await emulator.close();
}
process.exitCode = status;
