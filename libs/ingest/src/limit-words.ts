/** Limits in words for clerks; apart from ImportLimits (a Nest provider) so that worker threads load them without Nest. */

export const MINUTE = 60_000;

/** "1,048,576" — limits are shown to clerks. */
export const formatCount = (n: number): string => n.toLocaleString('en-US');

export const formatBytes = (n: number): string =>
  n >= 1024 * 1024 ? `${formatCount(Math.floor(n / (1024 * 1024)))} MB` : `${formatCount(n)} bytes`;

export function formatDuration(ms: number): string {
  if (ms >= MINUTE) return `${formatCount(Math.round(ms / MINUTE))} minutes`;
  return ms >= 1000 ? `${formatCount(Math.round(ms / 1000))} seconds` : `${formatCount(ms)} ms`;
}
