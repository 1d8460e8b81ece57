import { readdirSync, readFileSync } from 'node:fs';

/** utime + stime of a process in ms (100 Hz ticks), or null once it is gone. */
export function cpuOf(pid: number): number | null {
  try {
    const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(f[11]) + Number(f[12])) * 10;
  } catch {
    return null;
  }
}

function cmdlineOf(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8');
  } catch {
    return '';
  }
}

/**
 * The CPU time PostgreSQL spends for one database while it runs: its backends (the
 * process title names the database) and their parallel workers ("parallel worker for
 * PID n"), sampled from /proc every `everyMs` (a worker's last few ms before it exits
 * can be missed). Only works when PostgreSQL runs on this machine; on a shared machine
 * CPU time is steadier than wall-clock time, which waits for the other work's turn.
 */
export class PgCpuSampler {
  private readonly first = new Map<number, number>();
  private readonly last = new Map<number, number>();
  private readonly mine = new Map<number, boolean>();
  private timer?: NodeJS.Timeout;
  private samples = 0;

  constructor(private readonly dbName: string, private readonly everyMs = 20) {}

  start(): void {
    this.sample();
    this.timer = setInterval(() => this.sample(), this.everyMs);
  }

  /** Milliseconds of CPU since start(). */
  stop(): number {
    if (this.timer) clearInterval(this.timer);
    this.sample();
    let ms = 0;
    for (const [pid, end] of this.last) ms += end - (this.first.get(pid) ?? 0);
    return ms;
  }

  private sample(): void {
    // Listing /proc costs more than reading a few stat files: look for new processes
    // (parallel workers) every 5th sample, read the known ones every time.
    if (this.samples++ % 5 !== 0 && this.timer) {
      for (const [pid, own] of this.mine) {
        if (!own) continue;
        const cpu = cpuOf(pid);
        if (cpu !== null) this.last.set(pid, cpu);
      }
      return;
    }
    const backends = new Set<number>();
    for (const [pid, own] of this.mine) if (own && !cmdlineOf(pid).includes('parallel worker')) backends.add(pid);
    for (const name of readdirSync('/proc')) {
      const pid = Number(name);
      if (!Number.isInteger(pid)) continue;
      let own = this.mine.get(pid);
      if (own === undefined) {
        const cmd = cmdlineOf(pid);
        if (!cmd.startsWith('postgres:')) {
          this.mine.set(pid, false);
          continue;
        }
        const worker = /parallel worker for PID (\d+)/.exec(cmd);
        own = worker ? backends.has(Number(worker[1])) : cmd.includes(` ${this.dbName} `);
        this.mine.set(pid, own);
        const cpu = own ? cpuOf(pid) : null;
        // A backend seen at the first sample counts from there; one that starts later from 0.
        if (own && cpu !== null) this.first.set(pid, this.timer || worker ? 0 : cpu);
      }
      if (!own) continue;
      const cpu = cpuOf(pid);
      if (cpu !== null) this.last.set(pid, cpu);
    }
  }
}
