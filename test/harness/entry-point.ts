import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '../..');

export interface EntryPointRun {
  status: number | null;
  stdout: string;
  stderr: string;
  /** from the spawn to the exit */
  ms: number;
}

/**
 * `npm start`'s entry point as a child process, in an empty folder (no .env is read) and with
 * nothing of this process's environment but PATH; `whileRunning` may signal it.
 */
export function runEntryPoint(
  env: Record<string, string>,
  whileRunning?: (child: ChildProcess) => void,
  timeoutMs = 60_000,
): Promise<EntryPointRun> {
  const cwd = mkdtempSync(path.join(tmpdir(), 'md-start-'));
  const startedAt = Date.now();
  const child = spawn(
    process.execPath,
    ['--import', import.meta.resolve('tsx'), path.join(ROOT, 'src/main.ts')],
    {
      cwd,
      env: { PATH: process.env.PATH ?? '', HOME: cwd, DATA_DIR: path.join(cwd, 'data'), ...env },
    },
  );
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const killer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  whileRunning?.(child);
  return new Promise((resolve) => {
    child.once('close', (status) => {
      clearTimeout(killer);
      resolve({ status, stdout, stderr, ms: Date.now() - startedAt });
    });
  });
}
