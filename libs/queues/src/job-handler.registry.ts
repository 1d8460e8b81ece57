import { Injectable, OnModuleInit } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { Job } from 'bullmq';
import { JOB_HANDLER_METADATA } from './job-handler.decorator';
import { JobName } from './queue-names';

export type JobHandlerFn = (job: Job) => Promise<unknown>;

export class JobHandlerCheckError extends Error {}

/** Checks that every job name has exactly one handler; returns the problems found. */
export function checkHandlerCoverage(found: Array<{ name: string; owner: string }>): string[] {
  const problems: string[] = [];
  for (const name of Object.values(JobName)) {
    const owners = found.filter((f) => f.name === name).map((f) => f.owner);
    if (owners.length === 0) problems.push(`job "${name}" has no handler`);
    if (owners.length > 1) problems.push(`job "${name}" has ${owners.length} handlers: ${owners.join(', ')}`);
  }
  const known = new Set<string>(Object.values(JobName));
  for (const f of found) if (!known.has(f.name)) problems.push(`${f.owner} handles unknown job "${f.name}"`);
  return problems;
}

/** Finds every @JobHandler method in the application and dispatches jobs to it. */
@Injectable()
export class JobHandlerRegistry implements OnModuleInit {
  private readonly handlers = new Map<string, JobHandlerFn>();

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
  ) {}

  onModuleInit(): void {
    const found: Array<{ name: string; owner: string; fn: JobHandlerFn }> = [];
    for (const wrapper of this.discovery.getProviders()) {
      const instance = wrapper.instance as Record<string, unknown> | undefined;
      if (!instance || typeof instance !== 'object' || wrapper.isAlias) continue;
      const proto = Object.getPrototypeOf(instance) as object;
      for (const method of this.scanner.getAllMethodNames(proto)) {
        const fn = instance[method];
        if (typeof fn !== 'function') continue;
        const name = this.reflector.get<string | undefined>(JOB_HANDLER_METADATA, fn as () => unknown);
        if (name) found.push({ name, owner: `${proto.constructor.name}.${method}`, fn: (fn as JobHandlerFn).bind(instance) });
      }
    }
    const problems = checkHandlerCoverage(found);
    if (problems.length > 0) throw new JobHandlerCheckError(`Job handler check failed:\n  - ${problems.join('\n  - ')}`);
    for (const f of found) this.handlers.set(f.name, f.fn);
  }

  dispatch(job: Job): Promise<unknown> {
    const handler = this.handlers.get(job.name);
    if (!handler) throw new JobHandlerCheckError(`No handler for job "${job.name}" (queue ${job.queueName})`);
    return handler(job);
  }
}
