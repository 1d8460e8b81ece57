import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TEST_DATA_ENCRYPTION_KEY } from './test-env';

export interface Child {
  proc: ChildProcess;
  output(): string;
  /** Resolves when the output contains the text; rejects on exit or timeout. */
  waitFor(text: string | RegExp, timeoutMs?: number): Promise<void>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; atMs: number }>;
  /** SIGKILL if still running, then wait for the exit (use in afterAll). */
  kill(): Promise<void>;
}

const ROOT = join(__dirname, '..', '..');
/**
 * What a child gets unless the test says otherwise: one reused test DATA_DIR (never the
 * developer's ./.data) and explicit secrets, so the child generates nothing there.
 */
const CHILD_DEFAULTS = {
  DATA_DIR: join(tmpdir(), 'wage-test-children'),
  JWT_SECRET: randomBytes(32).toString('hex'),
  DATA_ENCRYPTION_KEY: TEST_DATA_ENCRYPTION_KEY,
};

/** Runs a TypeScript entry point of this repository in a child node process. */
export function spawnTs(script: string, env: Record<string, string>, args: string[] = []): Child {
  const proc = spawn(process.execPath, ['-r', '@swc-node/register', script, ...args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...CHILD_DEFAULTS, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const listeners = new Set<() => void>();
  const onData = (d: Buffer): void => {
    out += d.toString();
    for (const l of listeners) l();
  };
  proc.stdout?.on('data', onData);
  proc.stderr?.on('data', onData);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; atMs: number }>((resolve) =>
    proc.once('exit', (code, signal) => resolve({ code, signal, atMs: Date.now() })),
  );
  let done = false;
  void exited.then(() => (done = true));
  return {
    proc,
    exited,
    output: () => out,
    waitFor(text, timeoutMs = 90_000) {
      const found = (): boolean => (typeof text === 'string' ? out.includes(text) : text.test(out));
      return new Promise((resolve, reject) => {
        const finish = (error?: Error): void => {
          clearTimeout(timer);
          listeners.delete(check);
          if (error) reject(error);
          else resolve();
        };
        const check = (): void => {
          if (found()) finish();
        };
        const timer = setTimeout(() => finish(new Error(`timed out waiting for ${String(text)}; output:\n${out.slice(-2000)}`)), timeoutMs);
        listeners.add(check);
        void exited.then(({ code }) => {
          if (!found()) finish(new Error(`process exited (${code}) before printing ${String(text)}; output:\n${out.slice(-2000)}`));
        });
        check();
      });
    },
    async kill() {
      if (!done) proc.kill('SIGKILL');
      await exited;
    },
  };
}
