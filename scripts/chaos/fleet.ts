import type { ChildProcess } from 'node:child_process';
import { print, spawnApp, stopApp } from '../lib/run.js';

type Role = 'bot' | 'worker';

const RESTART_AFTER_CRASH_MS = 1000;

const hasExited = (child: ChildProcess) => child.exitCode !== null || child.signalCode !== null;

/**
 * The app as a chaos run runs it: one `ROLE=bot` process and some `ROLE=worker` ones, all
 * writing their logs to one file. A worker can be killed without warning and started again; a
 * process that dies on its own is counted, printed and restarted, as a supervisor would.
 */
export function startFleet(env: Record<string, string>, options: { workers: number; logFd: number }) {
  const killed = new Set<ChildProcess>();
  let stopping = false;
  let kills = 0;
  let crashes = 0;
  const slots: { role: Role; child: ChildProcess }[] = [];

  const start = (slot: { role: Role; child?: ChildProcess }) => {
    const child = spawnApp({ ...env, ROLE: slot.role }, options.logFd);
    child.once('exit', (code, signal) => {
      if (stopping || killed.has(child)) return;
      crashes++;
      print({ figure: 'process_exited', role: slot.role, pid: child.pid, code, signal });
      setTimeout(() => {
        if (!stopping) start(slot);
      }, RESTART_AFTER_CRASH_MS);
    });
    slot.child = child;
    return child;
  };
  for (const role of ['bot', ...Array<Role>(options.workers).fill('worker')] as Role[]) {
    const slot = { role } as { role: Role; child: ChildProcess };
    start(slot);
    slots.push(slot);
  }
  const workerSlots = slots.filter((slot) => slot.role === 'worker');

  return {
    get kills() {
      return kills;
    },
    /** processes that died without being killed by the run */
    get crashes() {
      return crashes;
    },
    /** SIGKILL to the worker at `index`, then a fresh one in its place; the killed pid */
    /** the killed pid and when (ms since the epoch) it was killed; undefined when it had died already */
    async killAndRestartWorker(
      index: number,
      restartAfterMs: number,
    ): Promise<{ pid: number | undefined; killedAt: number } | undefined> {
      const slot = workerSlots[index]!;
      const victim = slot.child;
      if (hasExited(victim)) return undefined;
      const exited = new Promise((resolve) => victim.once('exit', resolve));
      killed.add(victim);
      const killedAt = Date.now();
      victim.kill('SIGKILL');
      await exited;
      kills++;
      await new Promise((resolve) => setTimeout(resolve, restartAfterMs));
      start(slot);
      return { pid: victim.pid, killedAt };
    },
    stop() {
      stopping = true;
      return Promise.all(slots.map((slot) => stopApp(slot.child)));
    },
  };
}
