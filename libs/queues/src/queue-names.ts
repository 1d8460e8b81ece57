/**
 * Every queue and job name of the service, in one place. These strings live in Redis
 * (and in job schedulers that outlive a deploy): NEVER rename a value, only add.
 */
export enum QueueName {
  Imports = 'imports',
  Scans = 'scans',
  Escalations = 'escalations',
  Outbox = 'outbox',
  Notices = 'notices',
  /** Periodic housekeeping (e.g. the import reaper): never stuck behind a long import. */
  Maintenance = 'maintenance',
}

/**
 * Job names. Add a name here only together with its @JobHandler: the worker refuses
 * to start when a name has no handler or two. Names reserved for upcoming work:
 *   import.run, scan.nightly, scan.shard, scan.finalize, escalation.check,
 *   outbox.sweep, outbox.deliver, notices.generate, notices.deadline-check
 */
export enum JobName {
  ImportRun = 'import.run',
  ScanNightly = 'scan.nightly',
  ScanShard = 'scan.shard',
  ScanFinalize = 'scan.finalize',
  OutboxSweep = 'outbox.sweep',
  OutboxDeliver = 'outbox.deliver',
  NoticesGenerate = 'notices.generate',
  NoticesDeadlineCheck = 'notices.deadline-check',
  EscalationCheck = 'escalation.check',
  EscalationSweep = 'escalation.sweep',
  // Clue cases (libs/clues): intake after a clues import, deadline timers, the deadline sweep.
  ClueIntake = 'clue.intake',
  ClueEscalationCheck = 'clue.escalation-check',
  ClueSweep = 'clue.sweep',
  ImportReap = 'import.reap',
}


/** Which queue carries each job. The startup check also uses this list. */
export const JOB_QUEUE: Record<JobName, QueueName> = {
  [JobName.ImportRun]: QueueName.Imports,
  [JobName.ScanNightly]: QueueName.Scans,
  [JobName.ScanShard]: QueueName.Scans,
  [JobName.ScanFinalize]: QueueName.Scans,
  [JobName.OutboxSweep]: QueueName.Outbox,
  [JobName.OutboxDeliver]: QueueName.Outbox,
  [JobName.NoticesGenerate]: QueueName.Notices,
  [JobName.NoticesDeadlineCheck]: QueueName.Notices,
  [JobName.EscalationCheck]: QueueName.Escalations,
  [JobName.EscalationSweep]: QueueName.Escalations,
  [JobName.ClueIntake]: QueueName.Escalations,
  [JobName.ClueEscalationCheck]: QueueName.Escalations,
  [JobName.ClueSweep]: QueueName.Escalations,
  [JobName.ImportReap]: QueueName.Maintenance,
};

/** How many jobs of a queue one worker process runs at once (2-core machines). */
export const QUEUE_CONCURRENCY: Record<QueueName, number> = {
  // Two, so that one slow or bad file does not hold up every other import.
  [QueueName.Imports]: 2,
  [QueueName.Scans]: 2,
  [QueueName.Escalations]: 4,
  [QueueName.Outbox]: 4,
  [QueueName.Notices]: 1,
  [QueueName.Maintenance]: 1,
};
