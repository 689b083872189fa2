import type { ChildProcess } from 'node:child_process';
import { print, spawnApp, stopApp } from '../lib/run.js';

/**
 * The app as a chaos run runs it: one `ROLE=bot` process and some `ROLE=worker` ones, all
 * writing their logs to one file. A worker can be killed without warning and started again.
 */
export function startFleet(env: Record<string, string>, options: { workers: number; logFd: number }) {
  const killed = new Set<ChildProcess>();
  let stopping = false;
  const start = (role: 'bot' | 'worker') => {
    const child = spawnApp({ ...env, ROLE: role }, options.logFd);
    child.once('exit', (code, signal) => {
      if (!stopping && !killed.has(child))
        print({ figure: 'process_exited', role, pid: child.pid, code, signal });
    });
    return child;
  };
  const bot = start('bot');
  const workers: ChildProcess[] = Array.from({ length: options.workers }, () => start('worker'));
  let kills = 0;

  return {
    bot,
    workers,
    get kills() {
      return kills;
    },
    /** SIGKILL to the worker at `index`, then a fresh one in its place; the killed pid */
    async killAndRestartWorker(index: number, restartAfterMs: number): Promise<number | undefined> {
      const victim = workers[index]!;
      const exited = new Promise((resolve) => victim.once('exit', resolve));
      killed.add(victim);
      victim.kill('SIGKILL');
      await exited;
      kills++;
      await new Promise((resolve) => setTimeout(resolve, restartAfterMs));
      workers[index] = start('worker');
      return victim.pid;
    },
    /** processes that died without being killed by the run */
    unexpectedExits(): number {
      return [bot, ...workers].filter((child) => child.exitCode !== null || child.signalCode !== null).length;
    },
    stop() {
      stopping = true;
      return Promise.all([bot, ...workers].map(stopApp));
    },
  };
}
