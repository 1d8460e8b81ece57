import type { ApiKeyScope } from './api-key-scope';
import { Role } from './roles';

/**
 * Who is calling, as every domain library sees it. A user logs in (JWT); a submitter
 * is an API key. Scope fields say which unit or bureau the caller belongs to.
 */
export interface Principal {
  kind: 'user' | 'api_key';
  /** users.id or api_keys.id */
  id: string;
  /** username, or the API key's name */
  name: string;
  role: Role;
  unitCode: string | null;
  bureauCode: string | null;
  /** May read personal data unmasked (each such read is audit-logged). */
  canUnmask: boolean;
  /** For API keys: what the key may load (workflow.md "Submitter keys are scoped"). */
  apiKeyScope?: ApiKeyScope;
}
