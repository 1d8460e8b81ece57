import { SetMetadata } from '@nestjs/common';
import { JobName } from './queue-names';

export const JOB_HANDLER_METADATA = 'wage:job-handler';

/**
 * Marks a provider method as THE handler of a job name. Domain libraries declare
 * handlers; the worker app discovers them and checks at startup that every JobName
 * has exactly one.
 */
export const JobHandler = (name: JobName): MethodDecorator => SetMetadata(JOB_HANDLER_METADATA, name);
