/*
 * A CPU profile of the backend during the measured load (run.sh --profile
 * starts the backend with --inspect): V8's sampling profiler, started and
 * stopped over the inspector protocol, saved as a .cpuprofile (open it in
 * Chrome DevTools) and summarised as self time by package and by function.
 */

import fs from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: {
    functionName: string;
    url: string;
    lineNumber: number;
  };
  hitCount?: number;
  children?: number[];
}

export interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface BackendProfiler {
  stop(file: string): Promise<string>;
}

/** Starts sampling in the process listening for the inspector on `port`. */
export async function startProfiler(port: number): Promise<BackendProfiler> {
  const targets = (await (
    await fetch(`http://127.0.0.1:${port}/json/list`)
  ).json()) as Array<{ webSocketDebuggerUrl: string }>;
  const socket = new WebSocket(targets[0].webSocketDebuggerUrl);
  await new Promise((resolve, reject) => {
    socket.addEventListener('open', resolve, { once: true });
    socket.addEventListener('error', reject, { once: true });
  });
  let nextId = 1;
  const pending = new Map<number, (result: any) => void>();
  socket.addEventListener('message', event => {
    const message = JSON.parse(String(event.data));
    if (message.id && pending.has(message.id)) {
      pending.get(message.id)!(message.result);
      pending.delete(message.id);
    }
  });
  const send = (method: string, params: object = {}) =>
    new Promise<any>(resolve => {
      const id = nextId++;
      pending.set(id, resolve);
      socket.send(JSON.stringify({ id, method, params }));
    });
  await send('Profiler.enable');
  await send('Profiler.setSamplingInterval', { interval: 500 });
  await send('Profiler.start');
  return {
    async stop(file: string) {
      const { profile } = (await send('Profiler.stop')) as {
        profile: CpuProfile;
      };
      socket.close();
      fs.writeFileSync(file, JSON.stringify(profile));
      return summarise(profile);
    },
  };
}

/** Where a function comes from: a package, a workspace folder, or V8/Node. */
function origin(url: string): string {
  if (!url) return '(native / idle / gc)';
  if (url.startsWith('node:')) return 'node core';
  const modules = url.lastIndexOf('node_modules/');
  if (modules >= 0) {
    const rest = url.slice(modules + 'node_modules/'.length).split('/');
    return rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0];
  }
  const workspace = url.match(/\/(plugins|packages)\/([^/]+)\//);
  return workspace ? `${workspace[1]}/${workspace[2]}` : url;
}

export function summarise(profile: CpuProfile): string {
  const byId = new Map(profile.nodes.map(n => [n.id, n]));
  const selfUs = new Map<number, number>();
  profile.samples.forEach((id, i) => {
    selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
  });
  const total = profile.endTime - profile.startTime;
  const byFunction = new Map<string, number>();
  for (const [id, us] of selfUs) {
    const node = byId.get(id)!;
    const { functionName, url, lineNumber } = node.callFrame;
    const key = `${functionName || '(anonymous)'} ${
      url
        ? `${url.replace(/^.*\/(node_modules|plugins|packages)\//, '$1/')}:${
            lineNumber + 1
          }`
        : ''
    }`;
    byFunction.set(key, (byFunction.get(key) ?? 0) + us);
  }
  // Inclusive time of the workspace's own functions (each counted once per
  // stack): what the plugin's code paths cost, callees included.
  const inclusive = new Map<string, number>();
  const byOrigin = new Map<string, number>();
  const parent = new Map<number, number>();
  for (const node of profile.nodes) {
    for (const child of node.children ?? []) parent.set(child, node.id);
  }
  for (const [id, us] of selfUs) {
    const origins = new Set<string>();
    for (
      let at: number | undefined = id;
      at !== undefined;
      at = parent.get(at)
    ) {
      const { functionName, url } = byId.get(at)!.callFrame;
      origins.add(at === id && !url ? functionName || '(native)' : origin(url));
    }
    // Everything runs on top of node core: no information in it.
    origins.delete('(native / idle / gc)');
    origins.delete('node core');
    for (const from of origins) {
      byOrigin.set(from, (byOrigin.get(from) ?? 0) + us);
    }
    const seen = new Set<string>();
    for (
      let at: number | undefined = id;
      at !== undefined;
      at = parent.get(at)
    ) {
      const { functionName, url, lineNumber } = byId.get(at)!.callFrame;
      if (!/\/(plugins|packages)\//.test(url) || url.includes('node_modules'))
        continue;
      const key = `${functionName || '(anonymous)'} ${url.replace(
        /^.*\/(plugins|packages)\//,
        '$1/',
      )}:${lineNumber + 1}`;
      if (seen.has(key)) continue;
      seen.add(key);
      inclusive.set(key, (inclusive.get(key) ?? 0) + us);
    }
  }
  const pct = (us: number) =>
    `${((100 * us) / total).toFixed(1).padStart(5)} %`;
  const top = (map: Map<string, number>, n: number) =>
    [...map]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([name, us]) => `    ${pct(us)}  ${name}`)
      .join('\n');
  return (
    `  Backend CPU during the load (${(total / 1e6).toFixed(
      0,
    )} s sampled) by package, inclusive (its code and what it calls, once per stack):\n${top(
      byOrigin,
      16,
    )}\n\n` +
    `  Top functions by self time:\n${top(byFunction, 15)}\n\n` +
    `  Workspace functions by inclusive time:\n${top(inclusive, 15)}\n`
  );
}
