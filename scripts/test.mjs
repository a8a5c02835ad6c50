// `npm test`: every test. Unit tests of the contract and the server, the API integration tests on
// SQLite (and on MariaDB/MySQL when TEST_MYSQL_URL is set), the mini-program builds with the weapp
// size limit, and the browser tests on the H5 build. Prints one closing line over all of them.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT, mustRun, run } from './lib.mjs';

const jest = path.join(ROOT, 'node_modules', 'jest', 'bin', 'jest.js');
const resultsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mq-test-'));
const extra = process.argv.slice(2);
if (!process.env.TEST_MYSQL_URL && /^(mysql|mariadb):\/\//.test(process.env.DATABASE_URL ?? '')) {
  // A MySQL DATABASE_URL also means "test on it"; each test file makes and drops its own database there.
  process.env.TEST_MYSQL_URL = process.env.DATABASE_URL;
}
console.log(
  `databases under test: SQLite${process.env.TEST_MYSQL_URL ? ` and ${process.env.TEST_MYSQL_URL.replace(/\/\/[^@]*@/, '//***@')}` : ' (set TEST_MYSQL_URL to add MariaDB/MySQL)'}`,
);

const suites = [];
let failed = false;
async function jestSuite(label, workspace) {
  const outputFile = path.join(resultsDir, `${workspace}.json`);
  console.log(`\n▶ ${label}`);
  const code = await run('node', ['--experimental-vm-modules', jest, '--json', `--outputFile=${outputFile}`, ...(process.env.CI ? ['--ci'] : []), ...extra], {
    cwd: path.join(ROOT, workspace),
    env: { NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --no-warnings=ExperimentalWarning`.trim() },
  });
  if (fs.existsSync(outputFile)) suites.push(JSON.parse(fs.readFileSync(outputFile, 'utf8')));
  if (code !== 0) failed = true;
}

await mustRun('build shared/ and server/', 'node', ['scripts/build.mjs', 'none']);
await mustRun('type-check the server with its tests', 'npm', ['run', 'typecheck', '-w', 'server', '--silent']);
await jestSuite('unit tests of the contract (shared/)', 'shared');
await jestSuite('server unit and API integration tests', 'server');
await mustRun('type-check the mini-program and the cross-package tests', 'npm', ['run', 'typecheck', '-w', 'miniprogram', '-w', 'test', '--silent']);
await mustRun('build the mini-program for WeChat (weapp)', 'npm', ['run', 'build:weapp', '-w', 'miniprogram', '--silent']);
await mustRun('build the mini-program for H5', 'npm', ['run', 'build:h5', '-w', 'miniprogram', '--silent']);
await jestSuite('build checks and browser tests (test/)', 'test');

const passed = suites.reduce((n, s) => n + s.numPassedTests, 0);
const failedTests = suites.reduce((n, s) => n + s.numFailedTests, 0);
const skipped = suites.reduce((n, s) => n + s.numPendingTests, 0);
console.log(`\ntests: ${passed} passed, ${failedTests} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed || failedTests > 0 ? 1 : 0);
