/**
 * Small things many libraries share, with no dependency on any other library of ours
 * (a leaf): importing it can never create a cycle.
 */
export { PageQueryDto } from './page-query.dto';
export { metricCounter, metricGauge, metricHistogram, metricsRegistry } from './metrics-registry';
export { PRODUCER_TIMEOUT_MS, producerRedisOptions, redisOptions } from './redis-options';
export { SEVERITIES, type Severity } from './severity';
export { isLastAttempt, type AttemptedJob } from './job-attempts';
export { StepTimer, type StepTimings } from './step-timings';
