// Waits until the app's backend answers its readiness check, which it does once
// every plugin, the OSPO's included, has started.
//
// Usage: node wait-for-backend.mjs <base url>
const [baseUrl] = process.argv.slice(2);
const deadline = Date.now() + 300_000;
let last = 'no answer';
while (Date.now() < deadline) {
  try {
    const res = await fetch(`${baseUrl}/.backstage/health/v1/readiness`);
    if (res.ok) process.exit(0);
    last = `HTTP ${res.status}`;
  } catch (error) {
    last = String(error.cause ?? error);
  }
  await new Promise(resolve => setTimeout(resolve, 1000));
}
console.log(
  `adopt: the backend at ${baseUrl} was not ready in 5 minutes: ${last}`,
);
process.exit(1);
