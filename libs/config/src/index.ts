export { AppConfig, NODE_ENVS, QUEUE_BACKENDS, type NodeEnv, type QueueBackend } from './app-config';
export { ConfigError, loadConfig, required } from './load-config';
export { ConfigModule } from './config.module';
export { DEV_ADMIN_PASSWORD, DEV_ADMIN_USERNAME } from './dev-defaults';
export { parseHostList, parseTrustProxy, type HostListEntry } from './network-lists';
export { installationSecrets, SECRETS_FILE, type GeneratedSecrets } from './dev-secrets';
