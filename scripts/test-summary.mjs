// Adds up what the test runners reported into one closing line.
import fs from 'node:fs';

const failedSteps = Number(process.argv[2] ?? 0);
let passed = 0;
let failed = 0;

if (fs.existsSync('test-results/jest.json')) {
  const jest = JSON.parse(fs.readFileSync('test-results/jest.json', 'utf8'));
  passed += jest.numPassedTests;
  failed += jest.numFailedTests;
  // A suite that fails to load has no failed test, but is a failure.
  failed += jest.numRuntimeErrorTestSuites ?? 0;
  console.log(
    `jest: ${jest.numPassedTests} passed, ${jest.numFailedTests} failed in ${jest.numTotalTestSuites} suites`,
  );
}
if (fs.existsSync('test-results/scripts.tap')) {
  // Its closing lines count the tests inside suites too.
  const tap = fs.readFileSync('test-results/scripts.tap', 'utf8');
  const ok = Number(tap.match(/^# pass (\d+)/m)?.[1] ?? 0);
  const notOk = Number(tap.match(/^# fail (\d+)/m)?.[1] ?? 0);
  passed += ok;
  failed += notOk;
  console.log(`scripts: ${ok} passed, ${notOk} failed`);
}
if (fs.existsSync('test-results/e2e.tap')) {
  const tap = fs.readFileSync('test-results/e2e.tap', 'utf8');
  // Top-level results only: subtests are indented.
  const ok = tap.match(/^ok \d+/gm)?.length ?? 0;
  const notOk = tap.match(/^not ok \d+/gm)?.length ?? 0;
  passed += ok;
  failed += notOk;
  console.log(`e2e: ${ok} passed, ${notOk} failed`);
}
if (fs.existsSync('test-results/adopt.tap')) {
  // One line per phase of the install into a fresh create-app app.
  const tap = fs.readFileSync('test-results/adopt.tap', 'utf8');
  const ok = tap.match(/^ok \d+/gm)?.length ?? 0;
  const notOk = tap.match(/^not ok \d+/gm)?.length ?? 0;
  passed += ok;
  failed += notOk;
  console.log(`adopt: ${ok} passed, ${notOk} failed`);
}
if (failedSteps > 0 && failed === 0) {
  // A step failed outside any test (type errors, a server that did not start).
  failed = failedSteps;
}
console.log(`ospo: ${passed} passed, ${failed} failed`);
