import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DynamicModule } from '@nestjs/common';
import { ServeStaticModule } from '@nestjs/serve-static';

/**
 * The web console (apps/console, built by `npm run build:console`) served at /console
 * from the same origin as the API. Found from both the TypeScript sources and dist/.
 */
export function consoleStaticModules(): DynamicModule[] {
  const candidates = [join(__dirname, '..', '..', '..', 'apps', 'console', 'dist'), join(__dirname, '..', '..', '..', '..', 'apps', 'console', 'dist')];
  const rootPath = candidates.find((dir) => existsSync(join(dir, 'index.html')));
  return rootPath ? [ServeStaticModule.forRoot({ rootPath, serveRoot: '/console' })] : [];
}
