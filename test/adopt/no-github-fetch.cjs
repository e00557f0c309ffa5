// Preloaded into @backstage/create-app: it fetches a seed yarn.lock from GitHub
// (raw.githubusercontent.com, Backstage's master branch), which would make the
// generated app's dependency versions depend on GitHub's state that day and
// reach a host beyond the package registry. Refusing the request makes
// create-app fall back to the lock file of its own template, as it does offline.
const realFetch = globalThis.fetch;
globalThis.fetch = async (input, init) => {
  const url = String(input instanceof Request ? input.url : input);
  if (/^https:\/\/raw\.githubusercontent\.com\//.test(url)) {
    throw new Error(`ospo adopt test: not fetching ${url}`);
  }
  return realFetch(input, init);
};
